use super::{open_for_reading, report, Outcome, ReportFormat};
use std::path::Path;
use strikegraph::graph::{components, KnowledgeGraph};

/// The connected clusters: groups of entities linked by chains of facts, largest first.
/// Entities with no facts at all are counted but not listed unless --min-size is 1.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph components\n  strikegraph components --min-size 1 --format json"
)]
pub struct Args {
    /// Only clusters of at least this many entities.
    #[arg(long, default_value_t = 2)]
    min_size: usize,
    /// table (one row per member), json or csv.
    #[arg(long, default_value = "table")]
    format: ReportFormat,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let kg = KnowledgeGraph::from_store(&store, false)?;
    let g = &kg.graph;
    let clusters = components(&kg);
    let (shown, hidden): (Vec<_>, Vec<_>) = clusters.iter().partition(|c| c.len() >= args.min_size);
    let header = ["cluster", "size", "kind", "name"];
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for (i, cluster) in shown.iter().enumerate() {
        for &ix in cluster.iter() {
            rows.push(vec![
                (i + 1).to_string(),
                cluster.len().to_string(),
                g[ix].kind.to_string(),
                g[ix].label(),
            ]);
        }
        let members: Vec<_> = cluster
            .iter()
            .map(|&ix| serde_json::json!({ "name": g[ix].label(), "kind": g[ix].kind, "iri": g[ix].iri }))
            .collect();
        json.push(
            serde_json::json!({ "cluster": i + 1, "size": cluster.len(), "members": members }),
        );
    }
    report(args.format, &header, &rows, &serde_json::Value::Array(json))?;
    if !hidden.is_empty() {
        let entities: usize = hidden.iter().map(|c| c.len()).sum();
        tracing::info!(
            "{} smaller cluster(s) with {entities} entities not listed (--min-size {})",
            hidden.len(),
            args.min_size
        );
    }
    Ok(Outcome::Done)
}
