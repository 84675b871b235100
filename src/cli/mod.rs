//! Command-line parsing (clap) and one file per subcommand. Only this module knows clap.

mod components;
mod conflicts;
mod explain;
mod export;
mod extract;
mod generate;
mod ingest;
mod load;
mod optimize;
mod path;
mod publish;
mod push;
mod query;
mod rank;
mod remove;
mod serve;
mod stats;
mod timeline;

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// What a subcommand reports when it did its work.
pub enum Outcome {
    /// Everything went through.
    Done,
    /// Done, but some inputs were skipped (they were reported).
    Partial,
}

#[derive(Parser)]
#[command(
    name = "strikegraph",
    version,
    about = "Builds a knowledge graph of strikes from news articles, and queries, exports and publishes it",
    long_about = "Reads news articles about strikes, extracts people, organisations, hospitals, places, \
strikes and quotations, and keeps them as RDF in an embedded Oxigraph store (one named graph per article). \
Query it with SPARQL, export it in the usual RDF formats, draw it (DOT, SVG) and analyse it \
(path, rank, components).",
    after_help = "Examples:\n  strikegraph ingest seeds/\n  strikegraph query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'\n  strikegraph export --format turtle --output graph.ttl\n  strikegraph export --output graph.svg --focus 'Jane Roe'\n  strikegraph path 'Jane Roe' 'Strike of 2023-05-02'\n\nExit status: 0 all good, 1 some inputs were skipped, 2 failure."
)]
struct Cli {
    /// The store folder (created by `ingest` and `load` if missing; every other command
    /// needs an existing store and creates nothing).
    #[arg(
        long,
        global = true,
        env = "STRIKEGRAPH_STORE",
        default_value = "strikegraph.db"
    )]
    store: PathBuf,
    /// More log output (-v info, -vv debug); logs go to stderr.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Ingest(ingest::Args),
    Load(load::Args),
    Optimize(optimize::Args),
    Query(query::Args),
    Export(export::Args),
    Stats(stats::Args),
    Remove(remove::Args),
    Explain(explain::Args),
    Extract(extract::Args),
    Path(path::Args),
    Rank(rank::Args),
    Timeline(timeline::Args),
    Conflicts(conflicts::Args),
    Components(components::Args),
    Serve(serve::Args),
    Publish(publish::Args),
    Generate(generate::Args),
    Push(push::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("STRIKEGRAPH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .without_time()
        .with_target(false)
        .init();
    let result = match cli.command {
        Command::Ingest(args) => ingest::run(&cli.store, args, cli.quiet),
        Command::Load(args) => load::run(&cli.store, args, cli.quiet),
        Command::Optimize(args) => optimize::run(&cli.store, args, cli.quiet),
        Command::Query(args) => query::run(&cli.store, args),
        Command::Export(args) => export::run(&cli.store, args),
        Command::Stats(args) => stats::run(&cli.store, args),
        Command::Remove(args) => remove::run(&cli.store, args),
        Command::Explain(args) => explain::run(args),
        Command::Extract(args) => extract::run(args, cli.quiet),
        Command::Path(args) => path::run(&cli.store, args),
        Command::Rank(args) => rank::run(&cli.store, args),
        Command::Timeline(args) => timeline::run(&cli.store, args),
        Command::Conflicts(args) => conflicts::run(&cli.store, args),
        Command::Components(args) => components::run(&cli.store, args),
        Command::Serve(args) => serve::run(&cli.store, args),
        Command::Publish(args) => publish::run(&cli.store, args, cli.quiet),
        Command::Generate(args) => generate::run(args),
        Command::Push(args) => push::run(&cli.store, args, cli.quiet),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("strikegraph: {}", error_chain(&err));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, each said once. Error types that show their
/// cause in their own message (`SPARQL syntax error: {0}`) also name it as their source,
/// and printing the whole chain would say it twice.
fn error_chain(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// A reader that stopped reading (`| head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The outcome of a run that skipped `skipped` inputs and wrote `written` articles to
/// `place`: partial, or a failure with `--strict`. The inputs stream through a run, so the
/// good articles are written as they come, before or after a bad one; a strict failure
/// says so, rather than let the exit status suggest that nothing was written.
fn outcome(skipped: usize, written: usize, place: &str, strict: bool) -> anyhow::Result<Outcome> {
    if skipped == 0 {
        Ok(Outcome::Done)
    } else if strict {
        anyhow::bail!(
            "{skipped} input{} skipped (--strict); {written} good article{} still written to {place}",
            if skipped == 1 { " was" } else { "s were" },
            if written == 1 { " was" } else { "s were" },
        )
    } else {
        Ok(Outcome::Partial)
    }
}

/// After a bulk load: its files stay as the loader wrote them (RocksDB compacts a store only
/// while it is open for writing), and until they are compacted every lookup reads each of
/// them. On 100,000 articles that made queries take seconds instead of milliseconds.
fn suggest_optimize(store: &std::path::Path) {
    eprintln!(
        "note: written through the bulk loader; run `strikegraph --store {} optimize` before querying, or lookups read every file the loader wrote",
        store.display()
    );
}

/// Opens a store for reading: read-only, so it works while an ingest runs elsewhere.
fn open_for_reading(path: &std::path::Path) -> anyhow::Result<strikegraph::Store> {
    Ok(strikegraph::Store::open_read_only(path)?)
}

/// Standard output, buffered, or a file.
fn output(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn std::io::Write>> {
    use anyhow::Context as _;
    Ok(match path {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        _ => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// How the analysis commands print their results.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReportFormat {
    Table,
    Json,
    Csv,
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => ReportFormat::Table,
            "json" => ReportFormat::Json,
            "csv" => ReportFormat::Csv,
            other => return Err(format!("unknown format {other:?} (table, json or csv)")),
        })
    }
}

/// Prints rows as a text table or CSV (RFC 4180), or `json` as pretty JSON.
fn report(
    format: ReportFormat,
    header: &[&str],
    rows: &[Vec<String>],
    json: &serde_json::Value,
) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = output(None)?;
    match format {
        ReportFormat::Table => {
            let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
            strikegraph::export::write_table(&header, rows, &mut out)?;
        }
        ReportFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(json)?)?,
        ReportFormat::Csv => {
            let cell = |c: &str| {
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_owned()
                }
            };
            let line = |cells: Vec<String>| cells.join(",");
            writeln!(out, "{}", line(header.iter().map(|h| cell(h)).collect()))?;
            for row in rows {
                writeln!(out, "{}", line(row.iter().map(|c| cell(c)).collect()))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("SPARQL syntax error: {0}")]
    struct Outer(#[from] Inner);

    #[derive(Debug, thiserror::Error)]
    #[error("error at 1:7: expected SELECT")]
    struct Inner;

    #[test]
    fn a_cause_already_in_the_message_is_said_once() {
        let err = anyhow::Error::from(Outer(Inner));
        assert_eq!(
            error_chain(&err),
            "SPARQL syntax error: error at 1:7: expected SELECT"
        );
        let err = anyhow::Error::from(Inner).context("the query failed");
        assert_eq!(
            error_chain(&err),
            "the query failed: error at 1:7: expected SELECT"
        );
    }

    #[test]
    fn a_strict_failure_says_what_was_written() {
        assert!(matches!(
            outcome(0, 3, "the store", true),
            Ok(Outcome::Done)
        ));
        assert!(matches!(
            outcome(2, 3, "the store", false),
            Ok(Outcome::Partial)
        ));
        let message = outcome(1, 3, "the store", true)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("1 input was skipped (--strict); 3 good articles were still written to the store")
        );
    }
}
