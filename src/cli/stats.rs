use super::{open_for_reading, Outcome};
use std::path::Path;
use strikegraph::export::display_term;

/// Counts articles, quads, and entities by class.
#[derive(clap::Args)]
pub struct Args {
    /// table or json.
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let stats = store.stats()?;
    match args.format.as_str() {
        "json" => println!("{}", serde_json::to_string_pretty(&stats)?),
        "table" => {
            println!("articles  {}", stats.articles);
            println!("quads     {}", stats.quads);
            println!("mentioned entities by class:");
            for (class, n) in &stats.classes {
                let name =
                    display_term(&oxigraph::model::NamedNode::new_unchecked(class.clone()).into());
                println!("  {n:>6}  {name}");
            }
        }
        other => anyhow::bail!("unknown --format {other:?} (table or json)"),
    }
    Ok(Outcome::Done)
}
