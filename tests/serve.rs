//! `strikegraph serve` end to end: ingest the seeds with the binary, start the server on a
//! free loopback port, talk plain HTTP/1.1 to it over a `TcpStream`, and stop it.

mod common;

use common::{encode, ok, seeds, Server};
use oxigraph::io::{RdfFormat, RdfParser};

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

    // The dump, streamed in chunks, and gzipped for a client that accepts gzip.
    let plain = server.get("/dump.nq", &[]);
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("transfer-encoding"), "chunked");
    let zipped = server.get("/dump.nq", &[("Accept-Encoding", "gzip")]);
    assert_eq!(zipped.header("content-encoding"), "gzip");
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(zipped.bytes.as_slice()),
        &mut unzipped,
    )
    .expect("gzip");
    assert_eq!(unzipped, plain.bytes);
    let quads = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&unzipped)
        .count();
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&store, &["stats", "--format", "json"])).expect("JSON");
    assert_eq!(Some(quads as u64), stats["quads"].as_u64());

    drop(server);
}
