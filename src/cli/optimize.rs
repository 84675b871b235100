use super::Outcome;
use std::path::Path;
use strikegraph::Store;

/// Compacts the store's files (RocksDB compaction).
///
/// A large bulk ingest or load leaves its data in many files, as the bulk loader wrote
/// them; compacting merges them, which makes the store smaller and reads faster. It takes a
/// while on a large store and needs the store to itself (no other writer).
#[derive(clap::Args)]
#[command(after_help = "Example:\n  strikegraph --store news.db optimize")]
pub struct Args {}

pub fn run(store_path: &Path, _args: Args, quiet: bool) -> anyhow::Result<Outcome> {
    let store = Store::open_existing(store_path)?;
    let started = std::time::Instant::now();
    store.optimize()?;
    if !quiet {
        eprintln!("store compacted in {:.1}s", started.elapsed().as_secs_f64());
    }
    Ok(Outcome::Done)
}
