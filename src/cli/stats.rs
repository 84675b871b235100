use super::{open_for_reading, Outcome};
use std::io::Write as _;
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
    let mut out = super::output(None)?;
    match args.format.as_str() {
        "json" => writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?,
        "table" => {
            writeln!(out, "articles  {}", stats.articles)?;
            writeln!(out, "quads     {}", stats.quads)?;
            writeln!(out, "mentioned entities by class:")?;
            for (class, n) in &stats.classes {
                let name =
                    display_term(&oxigraph::model::NamedNode::new_unchecked(class.clone()).into());
                writeln!(out, "  {n:>6}  {name}")?;
            }
        }
        other => anyhow::bail!("unknown --format {other:?} (table or json)"),
    }
    out.flush()?;
    Ok(Outcome::Done)
}
