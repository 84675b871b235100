//! `strikegraph serve` end to end: ingest the seeds with the binary, start the server on a
//! free loopback port, talk plain HTTP/1.1 to it over a `TcpStream`, and stop it.

use oxigraph::io::{RdfFormat, RdfParser};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_strikegraph"))
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn ok(store: &Path, args: &[&str]) -> String {
    let out = bin()
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "strikegraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The running server; killed when dropped, so a failing assertion still stops it.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(store: &Path) -> Self {
        // A free loopback port: bind to port 0, note the port, let it go.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = bin()
            .arg("--store")
            .arg(store)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut server = Server { child, port };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server exited early: {status}");
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() && server.get("/", &[]).status == 200
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not answer within a minute"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("a timeout");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("writes");
        stream.write_all(body).expect("writes");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("reads");
        Reply::parse(&raw)
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.request("GET", path, headers, b"")
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Self {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body: String::from_utf8(body).expect("a UTF-8 body"),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn turtle_triples(text: &str) -> Vec<String> {
    let mut triples: Vec<String> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .map(|q| q.expect("valid Turtle").to_string())
        .collect();
    triples.sort();
    triples
}

#[test]
fn serve_answers_sparql_and_entity_iris_over_http() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    ok(&store, &["ingest", seeds().to_str().expect("UTF-8 path")]);
    let query = "SELECT ?name ?title WHERE { ?p a schema:Person ; schema:name ?name ; schema:jobTitle ?title } ORDER BY ?name ?title";
    let cli: serde_json::Value =
        serde_json::from_str(&ok(&store, &["query", "--format", "json", query])).expect("JSON");

    let server = Server::start(&store);

    // SPARQL over GET gives the rows the command line gives.
    let reply = server.get(&format!("/sparql?query={}", encode(query)), &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        "application/sparql-results+json"
    );
    assert_eq!(reply.header("access-control-allow-origin"), "*");
    let http: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(http["head"], cli["head"]);
    assert_eq!(http["results"]["bindings"], cli["results"]["bindings"]);
    assert!(
        http["results"]["bindings"]
            .as_array()
            .is_some_and(|rows| !rows.is_empty()),
        "{}",
        reply.body
    );

    // And over POST, as a direct query body.
    let reply = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        query.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let posted: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(posted["results"]["bindings"], cli["results"]["bindings"]);

    // An entity IRI in Turtle, by Accept and by suffix.
    let hunt = server.get("/person/jeremy-hunt", &[("Accept", "text/turtle")]);
    assert_eq!(hunt.status, 200, "{}", hunt.body);
    assert_eq!(hunt.header("content-type"), "text/turtle; charset=utf-8");
    assert_eq!(hunt.header("vary"), "Accept");
    let triples = turtle_triples(&hunt.body);
    assert!(
        triples
            .iter()
            .any(|t| t.contains("person/jeremy-hunt> <http://schema.org/name> \"Jeremy Hunt\"")),
        "{triples:?}"
    );
    let suffixed = server.get("/person/jeremy-hunt.ttl", &[]);
    assert_eq!(suffixed.status, 200);
    assert_eq!(turtle_triples(&suffixed.body), triples);

    // A conditional request for what the client already has.
    let etag = hunt.header("etag").to_owned();
    let again = server.get(
        "/person/jeremy-hunt",
        &[("Accept", "text/turtle"), ("If-None-Match", &etag)],
    );
    assert_eq!(again.status, 304);

    // What is refused.
    assert_eq!(server.get("/person/nobody-at-all", &[]).status, 404);
    let update = server.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        b"INSERT DATA { <http://e.org/s> <http://e.org/p> <http://e.org/o> }",
    );
    assert_eq!(update.status, 403, "{}", update.body);
    let bad = server.get(
        &format!("/sparql?query={}", encode("SELECT WHERE nothing")),
        &[],
    );
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("syntax"), "{}", bad.body);

    drop(server);
}
