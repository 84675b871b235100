use super::{open_for_reading, output, report, Outcome, ReportFormat};
use std::io::Write;
use std::path::{Path, PathBuf};
use strikegraph::events::timeline;
use strikegraph::export::timeline_svg;

/// Each strike with its dated status claims and the article behind each: when it was
/// announced, held, called off or moved, as the articles said it at the time.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph timeline\n  strikegraph timeline --organiser 'British Medical Association'\n  strikegraph timeline --organiser BMA --format json\n  strikegraph timeline --organiser BMA --format svg --output bma.svg"
)]
pub struct Args {
    /// Only the strikes of this organiser (its name or an alternate name, any case).
    #[arg(long)]
    organiser: Option<String>,
    /// table, json, csv or svg (the strikes on a time axis, one bar each).
    #[arg(long, default_value = "table")]
    format: String,
    /// Write to FILE instead of standard output (svg only).
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = open_for_reading(store_path)?;
    let stories = timeline(&store, args.organiser.as_deref())?;
    if args.format.eq_ignore_ascii_case("svg") {
        let title = match &args.organiser {
            Some(name) => format!("Strikes by {name}"),
            None => "Strikes".to_owned(),
        };
        let mut out = output(args.output.as_deref())?;
        out.write_all(timeline_svg(&stories, &title).as_bytes())?;
        out.flush()?;
        return Ok(Outcome::Done);
    }
    if args.output.is_some() {
        anyhow::bail!("--output is for --format svg; tables, JSON and CSV go to standard output");
    }
    let format: ReportFormat = args
        .format
        .parse()
        .map_err(|e: String| anyhow::anyhow!("{e}, or svg"))?;
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
    report(format, &header, &rows, &serde_json::to_value(&stories)?)?;
    Ok(Outcome::Done)
}
