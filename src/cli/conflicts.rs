use super::{open_for_reading, report, Outcome, ReportFormat};
use std::path::Path;
use strikegraph::events::{conflicts, ConflictKind};

/// Facts on which articles disagree: a strike's end date or organiser, a hospital's parent
/// trust, a person's employer or job title within one year. Each side with its article,
/// publication date and sentence.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph conflicts\n  strikegraph conflicts --kind strike --format json"
)]
pub struct Args {
    /// Only conflicts about strike, hospital or person.
    #[arg(long)]
    kind: Option<ConflictKind>,
    /// table, json or csv.
    #[arg(long, default_value = "table")]
    format: ReportFormat,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let found = conflicts(&store, args.kind)?;
    let header = [
        "subject",
        "property",
        "value",
        "published",
        "article",
        "sentence",
    ];
    let rows = found
        .iter()
        .flat_map(|c| {
            c.sides.iter().map(|side| {
                vec![
                    c.name.clone(),
                    c.property.to_owned(),
                    side.value.clone(),
                    side.published.clone().unwrap_or_default(),
                    side.article.clone(),
                    side.sentence.clone().unwrap_or_default(),
                ]
            })
        })
        .collect::<Vec<_>>();
    report(args.format, &header, &rows, &serde_json::to_value(&found)?)?;
    Ok(Outcome::Done)
}
