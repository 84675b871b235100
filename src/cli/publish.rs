use super::Outcome;
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use strikegraph::publish::{publish, Options};

/// Writes the linked-data site as static files: what `serve` answers, without a server.
///
/// The folder mirrors the IRI paths under the base: each entity, strike and article gets
/// an HTML page and its .ttl, .jsonld, .nt and .rdf descriptions; beside them index.html,
/// search.html (a name index), ontology.*, .well-known/void, the dumps dump.nq and
/// dump.ttl (and .gz), and nginx.conf and .htaccess, which answer an IRI without a suffix
/// by its Accept header. Serve the folder at the base and the IRIs dereference.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph publish --out site/\n  strikegraph publish --out site/ --base https://strikes.example.org/id/ --replace\n  sudo ln -s \"$PWD/site/nginx.conf\" /etc/nginx/conf.d/strikegraph.conf   # then edit listen/server_name"
)]
pub struct Args {
    /// The folder to write (new or empty, or an earlier publish with --replace).
    #[arg(long)]
    out: PathBuf,
    /// The IRI the folder is served at (default: the store's IRI base). The store's IRIs
    /// must lie under it.
    #[arg(long)]
    base: Option<String>,
    /// Remove and rewrite a folder an earlier publish wrote.
    #[arg(long)]
    replace: bool,
}

pub fn run(store_path: &Path, args: Args, quiet: bool) -> anyhow::Result<Outcome> {
    let store = super::open_for_reading(store_path)?;
    let store_base = store.settle_base(None)?.base().to_owned();
    let base = args.base.unwrap_or_else(|| store_base.clone());
    let published = publish(
        &store,
        &Options {
            out: &args.out,
            base: &base,
            store_base: &store_base,
            replace: args.replace,
        },
    )
    .with_context(|| format!("cannot publish into {}", args.out.display()))?;
    for skipped in &published.skipped {
        eprintln!("strikegraph: skipped {skipped}");
    }
    if !quiet {
        eprintln!(
            "strikegraph: published {} documents ({} files) into {} for {base}",
            published.documents,
            published.files,
            args.out.display()
        );
    }
    Ok(if published.skipped.is_empty() {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}
