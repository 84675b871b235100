use super::{open_for_reading, output, Outcome};
use anyhow::Context as _;
use oxigraph::sparql::CancellationToken;
use std::io::{IsTerminal, Read, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;
use strikegraph::export::{write_query_results, RdfOutput, ResultsOutput};

/// How long a query stopped at its time limit is given to wind down (Oxigraph notices the
/// cancellation at its next read of the store) before the command exits without it.
const WIND_DOWN: Duration = Duration::from_secs(2);

/// Runs a SPARQL query over the store.
///
/// The default graph is the merged graph: every article's facts, each triple once;
/// GRAPH ?g { ... } reaches one article's graph (named by the article's IRI) with the text
/// spans its facts came from. The prefixes schema:, sg:, rdf:, rdfs:,
/// xsd:, nif:, prov:, void: and dcterms: are predeclared.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name'\n  strikegraph query --file examples/who-said-what.rq --format csv\n  echo 'ASK { ?s a sg:Strike }' | strikegraph query\n  strikegraph query 'CONSTRUCT WHERE { ?s a sg:Strike ; ?p ?o }' --format turtle"
)]
pub struct Args {
    /// The query; read from --file or standard input when absent.
    query: Option<String>,
    /// Read the query from this file.
    #[arg(long, short = 'f', conflicts_with = "query")]
    file: Option<PathBuf>,
    /// table, csv, tsv, json or xml for SELECT/ASK (table on a terminal, else csv);
    /// turtle, ntriples, nquads, jsonld or rdfxml for CONSTRUCT/DESCRIBE (default turtle).
    #[arg(long)]
    format: Option<String>,
    /// Write the results here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// After the results, print the evaluation plan with each step's row count and time
    /// (JSON, on standard error), to see where a slow query spends its time.
    #[arg(long)]
    explain: bool,
    /// Stop the query after this many milliseconds (0: no limit). A query stopped at the
    /// limit is a failure (exit status 2), and the results printed before it are cut short.
    #[arg(long, value_name = "MS", default_value_t = 60_000)]
    timeout_ms: u64,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let sparql = match (&args.query, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?
        }
        (None, None) => {
            let mut q = String::new();
            std::io::stdin()
                .read_to_string(&mut q)
                .context("cannot read the query from standard input")?;
            q
        }
    };
    let (results_format, graph_format) = match args.format.as_deref() {
        None => (
            if std::io::stdout().is_terminal() && args.output.is_none() {
                ResultsOutput::Table
            } else {
                ResultsOutput::Csv
            },
            RdfOutput::Turtle,
        ),
        Some(f) => match f.parse::<ResultsOutput>() {
            Ok(r) => (r, RdfOutput::Turtle),
            Err(_) => match f.parse::<RdfOutput>() {
                Ok(g) => (ResultsOutput::Table, g),
                Err(_) => anyhow::bail!(
                    "unknown --format {f:?}: use table, csv, tsv, json or xml for SELECT/ASK, turtle, ntriples, nquads, jsonld or rdfxml for CONSTRUCT/DESCRIBE"
                ),
            },
        },
    };
    let store = open_for_reading(store_path)?;
    let token = CancellationToken::new();
    let worker_token = token.clone();
    let (done, finished) = std::sync::mpsc::channel();
    // The query runs on a thread of its own, so that the command keeps its time limit even
    // when the evaluation does not notice the cancellation soon (a long computation between
    // two reads of the store).
    let worker = std::thread::spawn(move || {
        let work = || -> anyhow::Result<()> {
            let out = output(args.output.as_deref())?;
            if args.explain {
                let (results, explanation) = store.query_explained(&sparql, worker_token)?;
                write_query_results(results, results_format, graph_format, out)?;
                let mut err = std::io::stderr().lock();
                explanation.write_in_json(&mut err)?;
                writeln!(err)?;
            } else {
                let results = store.query_cancellable(&sparql, worker_token, &[], &[], false)?;
                write_query_results(results, results_format, graph_format, out)?;
            }
            Ok(())
        };
        let _ = done.send(work());
    });
    let limit = match args.timeout_ms {
        0 => None,
        ms => Some(Duration::from_millis(ms)),
    };
    let answer = match limit {
        None => finished.recv().map_err(|_| RecvTimeoutError::Disconnected),
        Some(limit) => finished.recv_timeout(limit),
    };
    // Once the worker has answered, wait for it to end, so that it has closed the store
    // before the process exits: RocksDB tears its shared state down at exit, and a store
    // still closing on another thread then aborts the process ("pthread lock: Invalid
    // argument").
    let lost = || anyhow::anyhow!("the query stopped without an answer (an internal error)");
    match answer {
        Ok(result) => {
            worker.join().map_err(|_| lost())?;
            result?;
        }
        Err(RecvTimeoutError::Disconnected) => return Err(lost()),
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            // A query that does not stop within WIND_DOWN is left behind: the limit is
            // kept, at the risk of the exit racing the store's teardown.
            if finished.recv_timeout(WIND_DOWN).is_ok() {
                let _ = worker.join();
            }
            anyhow::bail!(
                "the query ran past the time limit of {} ms (--timeout-ms) and was stopped; \
                 raise the limit (0 for none) or narrow the query",
                args.timeout_ms
            );
        }
    }
    Ok(Outcome::Done)
}
