use super::Outcome;
use anyhow::Context as _;
use std::io::Write as _;
use std::path::PathBuf;
use strikegraph::corpus;
use strikegraph::extract::{self, Context, Gazetteer};

/// Prints an article sentence by sentence with what was extracted from each, and why.
///
/// Reads the article from a file (with the metadata.json beside it) rather than the store,
/// so it shows what the current extractors make of it.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  strikegraph explain seeds/001_64eed737b22194c0.txt")]
pub struct Args {
    /// A .txt or .md article, or a .jsonl file (with --id).
    path: PathBuf,
    /// The record to explain, in a JSON Lines file.
    #[arg(long)]
    id: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let doc = corpus::read_paths(std::slice::from_ref(&args.path))
        .filter_map(Result::ok)
        .find(|d| args.id.as_ref().is_none_or(|id| &d.id == id))
        .with_context(|| format!("no readable article in {}", args.path.display()))?;
    let gazetteer = Gazetteer::builtin();
    let context = Context::for_document(&doc);
    let annotated = extract::annotate(&doc.text, &context, &gazetteer);
    let mut out = super::output(None)?;
    out.write_all(extract::explain(&annotated).as_bytes())?;
    out.flush()?;
    Ok(Outcome::Done)
}
