use super::Outcome;
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use strikegraph::Store;

/// Bulk-loads N-Quads (the output of `strikegraph extract`) into the store.
///
/// Each named graph is kept, and its triples are added to the merged default graph. The
/// load goes in units of about 33 million quads, each all-or-nothing: after a failure or a
/// crash the units before it are in the store and the rest are not. Loading adds triples
/// and never removes any, so load each article's graph once (re-run `extract` and `ingest`
/// to replace articles).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph extract news.jsonl -o news.nq && strikegraph load news.nq\n  cat part-*.nq | strikegraph load -"
)]
pub struct Args {
    /// N-Quads files, or - for standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Quads per all-or-nothing unit (about 100,000 generated articles). Each commit makes
/// RocksDB compact what the unit wrote, competing with the load for the cores, so fewer,
/// bigger units load faster; the cost is the work a crash loses.
const UNIT_QUADS: usize = 1 << 25;

pub fn run(store_path: &Path, args: Args, quiet: bool) -> anyhow::Result<Outcome> {
    let store = Store::open(store_path)?;
    store.ensure_ontology()?;
    // Before the load: after it, a write waits until RocksDB has compacted the new files.
    store.settle_base(None)?;
    let started = std::time::Instant::now();
    let bar = (std::io::stderr().is_terminal() && !quiet).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut total = 0;
    for file in &args.files {
        let reader: Box<dyn std::io::Read> = if file.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(
                std::fs::File::open(file)
                    .with_context(|| format!("cannot open {}", file.display()))?,
            )
        };
        let reader = std::io::BufReader::with_capacity(1 << 20, reader);
        let loaded = store
            .load_nquads(reader, UNIT_QUADS, |n| {
                if let Some(bar) = &bar {
                    bar.set_message(format!("{} quads from {}", total + n, file.display()));
                }
            })
            .with_context(|| format!("loading {}", file.display()))?;
        total += loaded;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "{total} quads loaded in {secs:.2}s ({:.0} quads/s)",
            total as f64 / secs.max(1e-9)
        );
        if total > 0 {
            super::suggest_optimize(store_path);
        }
    }
    Ok(Outcome::Done)
}
