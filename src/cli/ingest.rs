use super::Outcome;
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use strikegraph::{corpus, ingest, Store};

/// Reads articles and builds or updates the store.
///
/// PATHs are .txt/.md files (one article each, id = file stem), .jsonl files (one record a
/// line: id, text, and optional title, published, publisher, url), folders (read
/// recursively, in name order, with the publication facts of a metadata.json beside the
/// files), or - for standard input. Ingesting an id again replaces that article's graph.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph ingest seeds/\n  strikegraph --store news.db ingest articles.jsonl\n  cat story.txt | strikegraph ingest -"
)]
pub struct Args {
    /// Files, folders, or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The IRI base for new nodes; recorded in the store and reused after.
    #[arg(long)]
    base: Option<String>,
    /// Fail (exit 2) if any input is skipped. The good articles are still written: inputs
    /// are read as a stream and each article is stored as it comes, so a bad input late in
    /// a run does not undo the ones before it. Mend the bad inputs and ingest again; the
    /// unchanged articles are passed over by their content hash.
    #[arg(long)]
    strict: bool,
    /// Extract every article again, even those whose content hash has not changed.
    #[arg(long)]
    force: bool,
    /// How new articles are written: `auto` (one transaction each, or the bulk loader from
    /// 1024 new articles on, in all-or-nothing units of 131072), `transactions` or `bulk`.
    #[arg(long, value_name = "MODE", default_value = "auto", value_parser = parse_write_mode)]
    write_mode: ingest::WriteMode,
}

fn parse_write_mode(s: &str) -> Result<ingest::WriteMode, String> {
    match s {
        "auto" => Ok(ingest::WriteMode::Auto),
        "transactions" => Ok(ingest::WriteMode::Transactions),
        "bulk" => Ok(ingest::WriteMode::Bulk),
        other => Err(format!(
            "unknown write mode {other:?} (auto, transactions, bulk)"
        )),
    }
}

pub fn run(store_path: &Path, args: Args, quiet: bool) -> anyhow::Result<Outcome> {
    let store = Store::open(store_path)?;
    let docs = corpus::read_paths(&args.paths);
    let bar = if std::io::stderr().is_terminal() && !quiet {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Some(bar)
    } else {
        None
    };
    let options = ingest::IngestOptions {
        base: args.base.clone(),
        force: args.force,
        write_mode: args.write_mode,
    };
    let report = ingest::ingest(&store, docs, &options, |article| {
        if let Some(bar) = &bar {
            bar.inc(1);
            bar.set_message(article.rsplit('/').next().unwrap_or("").to_owned());
        }
    })
    .context(
        "ingest failed; articles written before the failure are complete, the rest untouched",
    )?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for skip in &report.skipped {
        let reason = skip
            .message
            .strip_prefix("skipped: ")
            .unwrap_or(&skip.message);
        eprintln!("skipped {}: {reason}", skip.location);
    }
    if !quiet {
        let reasons: Vec<String> = report
            .skipped_by_kind()
            .into_iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        let reasons = if reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", reasons.join(", "))
        };
        eprintln!(
            "{} articles ({} new, {} replaced, {} unchanged), {} skipped{reasons}; {} entities, {} triples; {:.2}s",
            report.articles(),
            report.added,
            report.replaced,
            report.unchanged,
            report.skipped.len(),
            report.entities,
            report.quads,
            report.elapsed.as_secs_f64()
        );
        if report.bulk_loaded > 0 {
            super::suggest_optimize(store_path);
        }
    }
    super::outcome(
        report.skipped.len(),
        report.added + report.replaced,
        "the store",
        args.strict,
    )
}
