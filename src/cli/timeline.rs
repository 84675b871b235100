use super::{open_for_reading, report, Outcome, ReportFormat};
use std::path::Path;
use strikegraph::events::timeline;

/// Each strike with its dated status claims and the article behind each: when it was
/// announced, held, called off or moved, as the articles said it at the time.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph timeline\n  strikegraph timeline --organiser 'British Medical Association'\n  strikegraph timeline --organiser BMA --format json"
)]
pub struct Args {
    /// Only the strikes of this organiser (its name or an alternate name, any case).
    #[arg(long)]
    organiser: Option<String>,
    /// table, json or csv.
    #[arg(long, default_value = "table")]
    format: ReportFormat,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let stories = timeline(&store, args.organiser.as_deref())?;
    if stories.is_empty() {
        if let Some(name) = &args.organiser {
            eprintln!("no strike organised by {name:?} in the store");
        }
    }
    let header = [
        "start",
        "end",
        "organisers",
        "status",
        "published",
        "claim",
        "article",
        "strike",
    ];
    let mut rows = Vec::new();
    for story in &stories {
        let first = |claim: Option<&strikegraph::events::Claim>| {
            vec![
                story.start.clone(),
                story.ends.join(" / "),
                story.organisers.join("; "),
                story.status.clone().unwrap_or_default(),
                claim.and_then(|c| c.published.clone()).unwrap_or_default(),
                claim.map(|c| c.phase.clone()).unwrap_or_default(),
                claim.map(|c| c.article.clone()).unwrap_or_default(),
                story.iri.clone(),
            ]
        };
        if story.claims.is_empty() {
            rows.push(first(None));
        }
        for claim in &story.claims {
            rows.push(first(Some(claim)));
        }
    }
    report(
        args.format,
        &header,
        &rows,
        &serde_json::to_value(&stories)?,
    )?;
    Ok(Outcome::Done)
}
