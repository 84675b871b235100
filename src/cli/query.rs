use super::{open_for_reading, output, Outcome};
use anyhow::Context as _;
use std::io::{IsTerminal, Read, Write as _};
use std::path::{Path, PathBuf};
use strikegraph::export::{write_query_results, RdfOutput, ResultsOutput};

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
    let out = output(args.output.as_deref())?;
    if args.explain {
        let (results, explanation) = store.query_explained(&sparql)?;
        write_query_results(results, results_format, graph_format, out)?;
        let mut err = std::io::stderr().lock();
        explanation.write_in_json(&mut err)?;
        writeln!(err)?;
    } else {
        write_query_results(store.query(&sparql)?, results_format, graph_format, out)?;
    }
    Ok(Outcome::Done)
}
