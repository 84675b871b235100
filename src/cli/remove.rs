use super::Outcome;
use std::path::Path;
use strikegraph::Store;

/// Removes articles (their whole graphs) from the store.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  strikegraph remove 000_3bb81a6df0fc8b94")]
pub struct Args {
    /// Article ids.
    #[arg(required = true)]
    ids: Vec<String>,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = Store::open_existing(store_path)?;
    let space = store.settle_base(None)?;
    let mut missing = 0;
    for id in &args.ids {
        if store.remove_graph(space.article(id).as_ref())? {
            eprintln!("removed {id}");
        } else {
            eprintln!("no article {id:?} in the store");
            missing += 1;
        }
    }
    if missing < args.ids.len() {
        store.refresh_event_statuses(&space)?;
    }
    store.flush()?;
    Ok(if missing == 0 {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}
