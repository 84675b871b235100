//! `strikegraph push` against a real third-party Graph Store server: Oxigraph's own
//! `oxigraph serve` (the oxigraph-cli crate). The test finds the binary through
//! `OXIGRAPH_BIN` or the PATH; without it the test fails under CI (the `CI` variable set)
//! and is skipped, with a message, elsewhere. `scripts/setup.sh` installs it.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn oxigraph_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OXIGRAPH_BIN") {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("oxigraph"))
        .find(|candidate| candidate.is_file())
}

/// The server, stopped when the test ends however it ends.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(binary: &Path, location: &Path) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port();
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let child = Command::new(binary)
        .arg("serve")
        .arg("--location")
        .arg(location)
        .arg("--bind")
        .arg(addr.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("oxigraph serve starts");
    let mut server = Server { child, addr };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("oxigraph serve exited early: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "oxigraph serve did not listen on {addr}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

fn strikegraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strikegraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("strikegraph runs")
}

/// Triples per named graph, as the server's SPARQL endpoint counts them.
fn server_counts(addr: SocketAddr) -> BTreeMap<String, u64> {
    let query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
    let url = format!(
        "http://{addr}/query?query={}",
        form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
    );
    let mut response = ureq::get(&url)
        .header("Accept", "application/sparql-results+json")
        .call()
        .expect("the server answers the query");
    let mut text = String::new();
    response
        .body_mut()
        .as_reader()
        .read_to_string(&mut text)
        .expect("a readable answer");
    let json: serde_json::Value = serde_json::from_str(&text).expect("SPARQL JSON results");
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            let graph = b["g"]["value"].as_str().expect("?g").to_owned();
            let n = b["n"]["value"].as_str().and_then(|n| n.parse().ok());
            (graph, n.expect("?n is a count"))
        })
        .collect()
}

/// Triples per named graph in the local store.
fn store_counts(store: &Path) -> BTreeMap<String, u64> {
    let store = strikegraph::Store::open_read_only(store).expect("the store opens");
    store
        .named_graphs()
        .expect("the graphs are listed")
        .into_iter()
        .map(|g| {
            let (_, n) = store.graph_ntriples(g.as_ref()).expect("the graph reads");
            (g.as_str().to_owned(), n as u64)
        })
        .collect()
}

#[test]
fn push_sends_every_graph_to_oxigraph_once_and_again_without_duplicates() {
    let Some(binary) = oxigraph_binary() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the oxigraph binary (oxigraph-cli) is needed under CI: set OXIGRAPH_BIN or put it on the PATH (scripts/setup.sh installs it)"
        );
        eprintln!("skipped: no oxigraph binary (set OXIGRAPH_BIN or run scripts/setup.sh)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let ingest = strikegraph(&store, &["ingest", seeds.to_str().expect("UTF-8 path")]);
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let expected = store_counts(&store);
    let articles = expected.keys().filter(|g| g.contains("/article/")).count();
    assert_eq!(articles, 5, "{expected:?}");
    assert!(expected.contains_key("https://w3id.org/strikegraph/ns"));

    let server = start_server(&binary, &dir.path().join("server"));
    let endpoint = format!("http://{}/store", server.addr);
    for round in 1..=2 {
        let push = strikegraph(&store, &["push", "--endpoint", &endpoint]);
        let stderr = String::from_utf8_lossy(&push.stderr);
        assert!(push.status.success(), "push {round}: {stderr}");
        assert!(
            stderr.contains(&format!("pushed {} graphs", expected.len())),
            "{stderr}"
        );
        // Every graph arrived whole, and the second PUT replaced rather than added.
        assert_eq!(server_counts(server.addr), expected, "after push {round}");
    }

    // An article rewritten in the store: the next push replaces its graph on the server
    // (a merge, as a POST would do, would leave the old triples beside the new ones).
    let (article, _) = expected
        .iter()
        .find(|(g, _)| g.contains("/article/"))
        .expect("an article graph");
    let id = article.rsplit('/').next().expect("an article id");
    let rewrite = dir.path().join("rewrite.jsonl");
    std::fs::write(
        &rewrite,
        format!(
            "{{\"id\": \"{id}\", \"published\": \"2021-03-01\", \"text\": \"Bus drivers in Exampleton will strike on Friday, said Ada Quill, a regional organiser.\"}}\n"
        ),
    )
    .expect("the record is written");
    let ingest = strikegraph(&store, &["ingest", rewrite.to_str().expect("UTF-8 path")]);
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let rewritten = store_counts(&store);
    assert_ne!(rewritten[article], expected[article], "the article changed");
    let push = strikegraph(&store, &["push", "--endpoint", &endpoint]);
    assert!(
        push.status.success(),
        "{}",
        String::from_utf8_lossy(&push.stderr)
    );
    assert_eq!(server_counts(server.addr), rewritten, "after the rewrite");
    let expected = rewritten;

    // One graph on its own, and a graph the store does not have.
    let (one, _) = expected.iter().next().expect("a graph");
    let push = strikegraph(&store, &["push", "--endpoint", &endpoint, "--graph", one]);
    assert!(
        push.status.success(),
        "{}",
        String::from_utf8_lossy(&push.stderr)
    );
    assert!(String::from_utf8_lossy(&push.stderr).contains("pushed 1 graphs"));
    let push = strikegraph(
        &store,
        &[
            "push",
            "--endpoint",
            &endpoint,
            "--graph",
            "http://example.org/none",
        ],
    );
    assert_eq!(push.status.code(), Some(2));

    // A URL where the server has no Graph Store: every graph fails with its status, exit 2.
    let wrong = format!("http://{}/no-such-service", server.addr);
    let push = strikegraph(&store, &["push", "--endpoint", &wrong]);
    let stderr = String::from_utf8_lossy(&push.stderr);
    assert_eq!(push.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.matches("failed ").count(),
        expected.len(),
        "{stderr}"
    );
    assert!(stderr.contains("HTTP 404"), "{stderr}");
    assert_eq!(server_counts(server.addr), expected);
}
