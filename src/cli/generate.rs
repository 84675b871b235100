use super::{output, Outcome};
use std::io::Write as _;
use std::path::PathBuf;
use strikegraph::corpus::generate::Generator;

/// Writes a synthetic corpus of strike reports as JSON Lines, for benchmarks and tests.
///
/// The articles are invented (people, districts, employers, workplaces) from word lists and
/// templates; towns, unions and national bodies are real. Each record has id, title,
/// published, publisher, url and text, as `ingest` reads them. The corpus depends only on
/// the seed: article N is the same whatever --count or --start, so slices can be made apart
/// and joined.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph generate --count 1000 --out corpus.jsonl\n  strikegraph generate --count 100000 --seed 7 | strikegraph --store big.db ingest -\n  strikegraph generate --count 500 --start 500 --out second-half.jsonl"
)]
pub struct Args {
    /// How many articles.
    #[arg(long)]
    count: u64,
    /// The seed; the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The index of the first article (for writing a corpus in slices).
    #[arg(long, default_value_t = 0)]
    start: u64,
    /// The output file, or - for standard output.
    #[arg(long, default_value = "-")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut out = output(Some(&args.out))?;
    Generator::new(args.seed).write_jsonl(args.start, args.count, &mut out)?;
    out.flush()?;
    Ok(Outcome::Done)
}
