use super::Outcome;
use anyhow::Context as _;
use std::io::Write as _;
use std::path::PathBuf;
use strikegraph::export::nquads;
use strikegraph::resolve::IriSpace;
use strikegraph::{corpus, ingest};

/// Extracts articles without a store and writes their graphs as N-Quads.
///
/// Takes the same inputs as `ingest`. Each article is resolved on its own and its IRIs are
/// minted from normalised names, so the outputs of runs on different machines (or on
/// different parts of a corpus) merge by plain union; `strikegraph load` reads them into a
/// store.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph extract articles.jsonl > articles.nq\n  cat part-00.jsonl | strikegraph extract - --output part-00.nq\n  strikegraph extract news/ | strikegraph load -"
)]
pub struct Args {
    /// Files, folders, or - for standard input (JSON Lines or plain text).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Where to write the N-Quads (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The IRI base for the nodes (must match the base of the store they will be loaded into).
    #[arg(long, default_value = strikegraph::rdf::vocab::DEFAULT_BASE)]
    base: String,
    /// Fail (exit 2) if any input is skipped. The good articles' N-Quads are still
    /// written: each article is written out as it comes.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args, quiet: bool) -> anyhow::Result<Outcome> {
    let space = IriSpace::new(&args.base).map_err(anyhow::Error::msg)?;
    let mut out = super::output(args.output.as_deref())?;
    let docs = corpus::read_paths(&args.paths);
    // Each article's lines are rendered beside its extraction, in parallel; one write each.
    // The buffers, a hundred kilobytes or so each, go back to a pool once written: fresh
    // ones for every batch spent a tenth of the time in page faults.
    let buffers = std::sync::Mutex::new(Vec::<Vec<u8>>::new());
    let report = ingest::extract_standalone(
        docs,
        &space,
        |graph| {
            let mut lines = buffers
                .lock()
                .ok()
                .and_then(|mut pool| pool.pop())
                .unwrap_or_default();
            lines.clear();
            nquads::push_graph(&mut lines, graph);
            lines
        },
        |lines| {
            out.write_all(&lines)?;
            if let Ok(mut pool) = buffers.lock() {
                pool.push(lines);
            }
            Ok::<(), std::io::Error>(())
        },
    )
    .context("cannot write the N-Quads")?;
    out.flush()?;
    for skip in &report.skipped {
        eprintln!("skipped {skip}");
    }
    if !quiet {
        eprintln!(
            "{} articles extracted, {} skipped; {} quads; {:.2}s",
            report.added,
            report.skipped.len(),
            report.quads,
            report.elapsed.as_secs_f64()
        );
    }
    super::outcome(
        report.skipped.len(),
        report.added,
        "the output",
        args.strict,
    )
}
