use super::{open_for_reading, report, Outcome, ReportFormat};
use std::cmp::Reverse;
use std::path::Path;
use strikegraph::graph::{rank, KnowledgeGraph, NodeKind};

/// The most central entities: betweenness (how many shortest chains of facts between
/// other entities pass through it) and degree (how many entities it has facts with),
/// with the number of articles that mention it and of its quotations.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph rank\n  strikegraph rank --kind person --limit 5\n  strikegraph rank --by degree --format csv"
)]
pub struct Args {
    /// Only these kinds: person, organization, hospital, place, strike (comma-separated).
    #[arg(long, value_delimiter = ',')]
    kind: Vec<NodeKind>,
    /// How many to list (0: all).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Order by betweenness, degree, articles or quotations.
    #[arg(long, default_value = "betweenness")]
    by: String,
    /// table, json or csv.
    #[arg(long, default_value = "table")]
    format: ReportFormat,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let kg = KnowledgeGraph::from_store(&store, false)?;
    let g = &kg.graph;
    let mut ranks = rank(&kg);
    ranks.retain(|r| args.kind.is_empty() || args.kind.contains(&g[r.node].kind));
    // rank() orders by betweenness; a stable sort keeps that as the tie-break.
    match args.by.as_str() {
        "betweenness" => {}
        "degree" => ranks.sort_by_key(|r| Reverse(r.degree)),
        "articles" => ranks.sort_by_key(|r| Reverse(g[r.node].articles.len())),
        "quotations" => ranks.sort_by_key(|r| Reverse(g[r.node].quotes.len())),
        other => {
            anyhow::bail!("unknown --by {other:?} (betweenness, degree, articles, quotations)")
        }
    }
    if args.limit > 0 {
        ranks.truncate(args.limit);
    }
    let header = [
        "rank",
        "name",
        "kind",
        "betweenness",
        "degree",
        "articles",
        "quotations",
    ];
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for (i, r) in ranks.iter().enumerate() {
        let node = &g[r.node];
        rows.push(vec![
            (i + 1).to_string(),
            node.label(),
            node.kind.to_string(),
            format!("{:.1}", r.betweenness),
            r.degree.to_string(),
            node.articles.len().to_string(),
            node.quotes.len().to_string(),
        ]);
        json.push(serde_json::json!({
            "rank": i + 1,
            "name": node.label(),
            "iri": node.iri,
            "kind": node.kind,
            "betweenness": r.betweenness,
            "degree": r.degree,
            "articles": node.articles.len(),
            "quotations": node.quotes.len(),
        }));
    }
    report(args.format, &header, &rows, &serde_json::Value::Array(json))?;
    Ok(Outcome::Done)
}
