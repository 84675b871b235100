use super::{open_for_reading, report, Outcome, ReportFormat};
use std::path::Path;
use strikegraph::graph::{shortest_path, KnowledgeGraph};

/// The shortest chain of facts linking two entities, each with the articles it comes from.
///
/// Entities are found by name or alternate name (any case), or by a part of a name that
/// only one entity has. Facts are followed in both directions; articles are not
/// stepping stones (two entities mentioned together are not thereby linked).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph path 'Jane Roe' 'Strike of 2023-05-02'\n  strikegraph path BMA 'Westbury Hospital' --format json"
)]
pub struct Args {
    /// Where the chain starts.
    from: String,
    /// Where it ends.
    to: String,
    /// table, json or csv.
    #[arg(long, default_value = "table")]
    format: ReportFormat,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let kg = KnowledgeGraph::from_store(&store, false)?;
    let a = kg.find(&args.from)?;
    let b = kg.find(&args.to)?;
    let g = &kg.graph;
    let Some(steps) = shortest_path(&kg, a, b) else {
        anyhow::bail!(
            "no chain of facts links {} and {} (try `strikegraph components`)",
            g[a].label(),
            g[b].label()
        );
    };
    let header = ["step", "subject", "relation", "object", "articles"];
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let edge = &g[step.edge];
        let (subject, object) = if step.forward {
            (step.from, step.to)
        } else {
            (step.to, step.from)
        };
        let articles: Vec<&str> = edge.articles.iter().map(String::as_str).collect();
        rows.push(vec![
            (i + 1).to_string(),
            g[subject].label(),
            edge.relation.to_string(),
            g[object].label(),
            articles.join(" "),
        ]);
        json.push(serde_json::json!({
            "from": g[step.from].label(),
            "to": g[step.to].label(),
            "subject": { "name": g[subject].label(), "iri": g[subject].iri },
            "relation": edge.relation,
            "object": { "name": g[object].label(), "iri": g[object].iri },
            "articles": articles,
        }));
    }
    let json = serde_json::json!({
        "from": { "name": g[a].label(), "iri": g[a].iri },
        "to": { "name": g[b].label(), "iri": g[b].iri },
        "length": steps.len(),
        "steps": json,
    });
    report(args.format, &header, &rows, &json)?;
    Ok(Outcome::Done)
}
