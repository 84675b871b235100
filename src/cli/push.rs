use super::{open_for_reading, Outcome};
use oxigraph::model::NamedNode;
use std::path::Path;
use std::time::Duration;
use strikegraph::push::PushTarget;

/// Sends the store's named graphs to a SPARQL 1.1 Graph Store HTTP Protocol server.
///
/// One `PUT ENDPOINT?graph=IRI` per graph, with the graph as N-Triples: each article's
/// graph, the ontology and the dataset description (or only the --graph ones). A PUT
/// replaces the graph on the server, so pushing again after an ingest updates it and never
/// duplicates anything. A graph the server refuses is reported with its status and the push
/// goes on. The store is opened read-only.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph push --endpoint http://localhost:7878/store\n  strikegraph push --endpoint https://triples.example.org/gsp --graph https://w3id.org/strikegraph/id/article/a1\n\nExit status: 0 every graph pushed, 1 some failed, 2 none could be pushed."
)]
pub struct Args {
    /// The Graph Store endpoint URL (Oxigraph: http://HOST:PORT/store).
    #[arg(long)]
    endpoint: String,
    /// Only these graphs (IRIs); all named graphs when absent.
    #[arg(long = "graph", value_name = "IRI")]
    graphs: Vec<String>,
    /// Seconds each request may take.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
}

pub fn run(store_path: &Path, args: Args, quiet: bool) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let target = PushTarget::new(&args.endpoint, Duration::from_secs(args.timeout))
        .map_err(anyhow::Error::msg)?;
    let graphs = args
        .graphs
        .iter()
        .map(|g| NamedNode::new(g).map_err(|e| anyhow::anyhow!("--graph {g:?}: {e}")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let known = store.named_graphs()?;
    if let Some(missing) = graphs.iter().find(|g| !known.contains(g)) {
        anyhow::bail!("the store has no graph {missing}");
    }
    let report = target.push(&store, &graphs, |graph| {
        if let Err(failure) = &graph.result {
            eprintln!("failed {}: {failure}", graph.graph);
        }
    })?;
    let failed = report.failed().count();
    if !quiet {
        eprintln!(
            "pushed {} graphs ({} triples) to {}, {failed} failed; {:.2}s",
            report.pushed(),
            report.triples(),
            args.endpoint,
            report.elapsed.as_secs_f64()
        );
    }
    if failed == 0 {
        Ok(Outcome::Done)
    } else if report.pushed() > 0 {
        Ok(Outcome::Partial)
    } else {
        anyhow::bail!("no graph could be pushed to {}", args.endpoint)
    }
}
