use super::{open_for_reading, output, Outcome};
use std::path::{Path, PathBuf};
use strikegraph::export::{export_rdf, RdfOutput};

/// Writes the store, or one article's graph, as RDF.
///
/// N-Quads, TriG and JSON-LD keep the named graphs (one per article, plus the ontology and
/// the dataset description); Turtle, N-Triples and RDF/XML write the union of all graphs.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph export --format nquads > graph.nq\n  strikegraph export --output graph.ttl\n  strikegraph export --graph 000_3bb81a6df0fc8b94 --format turtle"
)]
pub struct Args {
    /// nquads, trig, turtle, ntriples, jsonld or rdfxml; by default taken from --output's
    /// extension, else nquads.
    #[arg(long)]
    format: Option<RdfOutput>,
    /// Only the graph of the article with this id.
    #[arg(long)]
    graph: Option<String>,
    /// Write here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(RdfOutput::from_extension)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "cannot tell the format from {}; give --format",
                    path.display()
                )
            })?,
        (None, None) => RdfOutput::Nquads,
    };
    let store = open_for_reading(store_path)?;
    let graph = match &args.graph {
        Some(id) => {
            let space = store.settle_base(None)?;
            let article = space.article(id);
            if !store.oxigraph().contains_named_graph(article.as_ref())? {
                anyhow::bail!("no article {id:?} in the store");
            }
            Some(article)
        }
        None => None,
    };
    let out = output(args.output.as_deref())?;
    export_rdf(&store, format, graph.as_ref().map(|g| g.as_ref()), out)?;
    Ok(Outcome::Done)
}
