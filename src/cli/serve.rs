use super::Outcome;
use anyhow::Context as _;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use strikegraph::serve::{serve, Limits, ServeState};
use strikegraph::Store;

/// Publishes the store over HTTP: a SPARQL endpoint and dereferenceable IRIs.
///
/// /sparql is the SPARQL 1.1 Protocol (GET ?query=, POST form or application/sparql-query).
/// Any other path is an entity IRI under the store's base, answered directly (200, no 303)
/// as Turtle, JSON-LD, N-Triples, RDF/XML or HTML by Accept or by suffix (.ttl, .jsonld,
/// .nt, .rdf, .html). / is a home page, /search?q= finds entities by name,
/// /.well-known/void describes the dataset and /dump.nq holds every quad.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  strikegraph serve\n  strikegraph serve --bind 127.0.0.1:8080 --timeout-ms 5000\n  curl -H 'Accept: text/turtle' http://127.0.0.1:7878/person/alan-marsh\n  curl --data-urlencode 'query=SELECT * WHERE { ?s a sg:Strike }' http://127.0.0.1:7878/sparql"
)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// The public URL of this server, for the VoID description (default http://BIND/).
    #[arg(long)]
    base_url: Option<String>,
    /// How long one query may run, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// The most solutions or triples one answer may hold.
    #[arg(long, default_value_t = 10_000)]
    max_results: usize,
    /// Accept SPARQL Update (opens the store for writing).
    #[arg(long)]
    allow_update: bool,
}

pub fn run(store_path: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = if args.allow_update {
        Store::open_existing(store_path)?
    } else {
        super::open_for_reading(store_path)?
    };
    let base = store.settle_base(None)?.base().to_owned();
    let limits = Limits {
        timeout: Duration::from_millis(args.timeout_ms),
        max_results: args.max_results,
        allow_update: args.allow_update,
        ..Limits::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let served: anyhow::Result<()> = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        let addr = listener.local_addr()?;
        let public_url = args
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}/"));
        eprintln!(
            "strikegraph: serving {} at http://{addr}/ (IRIs under {base})",
            store_path.display()
        );
        let state = ServeState::new(store, &base, &public_url, limits);
        serve(listener, state).await.context("the server stopped")
    });
    // A query still computing past its time limit must not hold up the exit.
    runtime.shutdown_timeout(Duration::from_secs(2));
    served?;
    Ok(Outcome::Done)
}
