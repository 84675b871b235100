//! The server in-process: `app()` driven with `tower::ServiceExt::oneshot` over an
//! in-memory store filled by the library's `ingest`.

use super::*;
use crate::corpus::Document;
use axum::body::Body;
use axum::http::Request as HttpRequest;
use oxigraph::io::{RdfFormat, RdfParser};
use tower::ServiceExt as _;

const TEXT: &str = "Junior doctors take part in a fourth strike over a contract branded \"unsafe and unfair.\"\n\
The 48-hour strike will last from 8am this morning until 8am on Friday.\n\
Omar Pike, a urology registrar at Ashgrove and Dale Hospital, said: \"Alan Marsh and the government are not taking this seriously.\"\n\
April 26 and 27 will see the full withdrawal of labour by junior doctors represented by the British Medical Association.\n";

fn state_with(limits: Limits) -> Arc<ServeState> {
    let store = Store::in_memory().expect("an in-memory store");
    let published = chrono::NaiveDate::from_ymd_opt(2016, 4, 6).expect("a date");
    let doc = Document::new("kent", TEXT).with_published(published);
    crate::ingest::ingest(
        &store,
        std::iter::once(Ok(doc)),
        &crate::ingest::IngestOptions::default(),
        |_| {},
    )
    .expect("ingest");
    let base = store.settle_base(None).expect("a base").base().to_owned();
    ServeState::new(store, &base, "http://localhost:7878", limits)
}

fn app_with(limits: Limits) -> Router {
    app(state_with(limits))
}

fn default_app() -> Router {
    app_with(Limits::default())
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
    bytes: Vec<u8>,
}

impl Answer {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn call(app: &Router, request: HttpRequest<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

fn get(uri: &str, accept: Option<&str>) -> HttpRequest<Body> {
    let mut builder = HttpRequest::get(uri);
    if let Some(a) = accept {
        builder = builder.header(header::ACCEPT, a);
    }
    builder.body(Body::empty()).expect("a request")
}

fn post(uri: &str, content_type: &str, body: &str) -> HttpRequest<Body> {
    HttpRequest::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_owned()))
        .expect("a request")
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

const PEOPLE: &str = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name";

#[tokio::test]
async fn select_over_get_answers_sparql_json_by_default() {
    let app = default_app();
    let a = call(
        &app,
        get(&format!("/sparql?query={}", encode(PEOPLE)), None),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        a.header(header::CONTENT_TYPE),
        "application/sparql-results+json"
    );
    assert_eq!(a.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    let json: serde_json::Value = serde_json::from_str(&a.body).expect("JSON");
    let names: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["name"]["value"].as_str())
        .collect();
    assert!(names.contains(&"Omar Pike"), "{names:?}");
    assert!(names.contains(&"Alan Marsh"), "{names:?}");
}

#[tokio::test]
async fn post_form_and_direct_post_negotiate_the_results_format() {
    let app = default_app();
    let mut request = post(
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}", encode(PEOPLE)),
    );
    request
        .headers_mut()
        .insert(header::ACCEPT, HeaderValue::from_static("text/csv"));
    let a = call(&app, request).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    assert!(a.body.starts_with("name\r\n"), "{}", a.body);
    assert!(a.body.contains("Alan Marsh"));

    let mut request = post("/sparql", "application/sparql-query", PEOPLE);
    request.headers_mut().insert(
        header::ACCEPT,
        HeaderValue::from_static("application/sparql-results+xml"),
    );
    let a = call(&app, request).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("<sparql"), "{}", a.body);

    let mut request = post(
        "/sparql",
        "application/sparql-query",
        "ASK { ?s a sg:Strike }",
    );
    request.headers_mut().insert(
        header::ACCEPT,
        HeaderValue::from_static("text/tab-separated-values"),
    );
    let a = call(&app, request).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        a.header(header::CONTENT_TYPE),
        "text/tab-separated-values; charset=utf-8"
    );

    let a = call(&app, post("/sparql", "text/plain", PEOPLE)).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let a = call(
        &app,
        get(
            &format!("/sparql?query={}", encode(PEOPLE)),
            Some("image/png"),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
}

#[tokio::test]
async fn construct_answers_rdf() {
    let app = default_app();
    let q = encode("CONSTRUCT WHERE { ?p a schema:Person ; schema:name ?n }");
    let a = call(&app, get(&format!("/sparql?query={q}"), None)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.header(header::CONTENT_TYPE), "text/turtle; charset=utf-8");
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(a.body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("Turtle");
    assert!(!triples.is_empty());
    let a = call(
        &app,
        get(&format!("/sparql?query={q}"), Some("application/n-triples")),
    )
    .await;
    assert_eq!(a.header(header::CONTENT_TYPE), "application/n-triples");
    assert_eq!(a.body.lines().count(), triples.len());
    let a = call(
        &app,
        get(&format!("/sparql?query={q}"), Some("application/ld+json")),
    )
    .await;
    assert!(
        serde_json::from_str::<serde_json::Value>(&a.body).is_ok(),
        "{}",
        a.body
    );
}

#[tokio::test]
async fn bad_queries_and_updates_are_refused() {
    let app = default_app();
    let a = call(
        &app,
        get(&format!("/sparql?query={}", encode("SELEKT nothing")), None),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("syntax"), "{}", a.body);
    let a = call(&app, get("/sparql?foo=bar", None)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    let update = "INSERT DATA { <http://e.org/s> <http://e.org/p> <http://e.org/o> }";
    let a = call(
        &app,
        post(
            "/sparql",
            "application/x-www-form-urlencoded",
            &format!("update={}", encode(update)),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    let a = call(&app, post("/sparql", "application/sparql-update", update)).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.body.contains("--allow-update"));
}

#[tokio::test]
async fn updates_go_through_when_allowed() {
    let app = app_with(Limits {
        allow_update: true,
        ..Limits::default()
    });
    let update = "INSERT DATA { GRAPH <http://e.org/g> { <http://e.org/s> <http://e.org/p> <http://e.org/o> } }";
    let a = call(&app, post("/sparql", "application/sparql-update", update)).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);
    // An update writes what it says: here into its named graph only.
    let ask = encode("ASK { GRAPH ?g { <http://e.org/s> <http://e.org/p> <http://e.org/o> } }");
    let a = call(&app, get(&format!("/sparql?query={ask}"), None)).await;
    assert!(a.body.contains("true"), "{}", a.body);
    let a = call(
        &app,
        post("/sparql", "application/sparql-update", "INSERT nonsense"),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn limits_are_kept() {
    let app = app_with(Limits {
        max_results: 3,
        max_body: 200,
        ..Limits::default()
    });
    let all = encode("SELECT * WHERE { ?s ?p ?o }");
    let a = call(&app, get(&format!("/sparql?query={all}"), None)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("LIMIT"), "{}", a.body);
    let a = call(&app, get(&format!("/sparql?query={all}%20LIMIT%203"), None)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);

    let long = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(500));
    let a = call(&app, post("/sparql", "application/sparql-query", &long)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);

    let slow = app_with(Limits {
        timeout: Duration::from_millis(1),
        max_results: usize::MAX,
        ..Limits::default()
    });
    let cross = encode("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    let a = call(&slow, get(&format!("/sparql?query={cross}"), None)).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{}", a.body);
    assert!(a.body.contains("time limit"), "{}", a.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_that_computes_past_the_limit_is_answered_at_the_limit() {
    // Ten million rows of VALUES, counted: no read of the store, so Oxigraph never looks
    // at the cancellation token and the evaluation runs for seconds (in a debug build);
    // the answer must come at the deadline anyway.
    let app = app_with(Limits {
        timeout: Duration::from_millis(300),
        max_running: 1,
        ..Limits::default()
    });
    let values = |var: &str, n: usize| {
        let numbers: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        format!("VALUES ?{var} {{ {} }}", numbers.join(" "))
    };
    let count = encode(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {} {} {} {} {} }}",
        values("a", 30),
        values("b", 30),
        values("c", 30),
        values("d", 30),
        values("e", 12)
    ));
    let started = Instant::now();
    let a = call(&app, get(&format!("/sparql?query={count}"), None)).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{}", a.body);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "answered after {:?}",
        started.elapsed()
    );
    // With its one turn still held by the runaway, the next query is told the server is
    // busy rather than left waiting.
    let quick = encode("ASK { ?s ?p ?o }");
    let a = call(&app, get(&format!("/sparql?query={quick}"), None)).await;
    assert!(
        a.status == StatusCode::OK || a.body.contains("busy"),
        "{}: {}",
        a.status,
        a.body
    );
}

/// The local path of the first person called `name`.
async fn path_of(app: &Router, name: &str) -> String {
    let q = encode(&format!(
        "SELECT ?p WHERE {{ ?p a schema:Person ; schema:name \"{name}\" }}"
    ));
    let a = call(app, get(&format!("/sparql?query={q}"), None)).await;
    let json: serde_json::Value = serde_json::from_str(&a.body).expect("JSON");
    let iri = json["results"]["bindings"][0]["p"]["value"]
        .as_str()
        .expect("a person")
        .to_owned();
    let path = iri
        .strip_prefix(crate::rdf::vocab::DEFAULT_BASE)
        .expect("under the base");
    format!("/{path}")
}

#[tokio::test]
async fn entities_dereference_with_negotiation_and_suffixes() {
    let app = default_app();
    let path = path_of(&app, "Omar Pike").await;
    assert_eq!(path, "/person/omar-pike");

    let turtle = call(&app, get(&path, Some("text/turtle"))).await;
    assert_eq!(turtle.status, StatusCode::OK, "{}", turtle.body);
    assert_eq!(
        turtle.header(header::CONTENT_TYPE),
        "text/turtle; charset=utf-8"
    );
    assert_eq!(turtle.header(header::VARY), "Accept");
    assert_eq!(
        turtle.header(header::CONTENT_LOCATION),
        "/person/omar-pike.ttl"
    );
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(turtle.body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("Turtle");
    let iri = format!("{}person/omar-pike", crate::rdf::vocab::DEFAULT_BASE);
    assert!(triples
        .iter()
        .any(|t| t.subject.to_string() == format!("<{iri}>")
            && t.predicate.as_str() == "http://schema.org/name"));
    // The quotation he said and the article that mentions him come along.
    assert!(
        turtle.body.contains("not taking this seriously"),
        "{}",
        turtle.body
    );
    assert!(turtle.body.contains("article/kent"), "{}", turtle.body);

    let suffixed = call(
        &app,
        get(&format!("{path}.ttl"), Some("application/ld+json")),
    )
    .await;
    assert_eq!(suffixed.status, StatusCode::OK);
    assert_eq!(suffixed.body, turtle.body);
    assert_eq!(suffixed.header(header::ETAG), turtle.header(header::ETAG));

    let nt = call(&app, get(&format!("{path}.nt"), None)).await;
    assert_eq!(nt.body.lines().count(), triples.len());
    let jsonld = call(&app, get(&path, Some("application/ld+json"))).await;
    assert!(serde_json::from_str::<serde_json::Value>(&jsonld.body).is_ok());
    let rdfxml = call(&app, get(&format!("{path}.rdf"), None)).await;
    assert!(rdfxml.body.contains("rdf:RDF"), "{}", rdfxml.body);

    // ETag and If-None-Match.
    let etag = turtle.header(header::ETAG).to_owned();
    assert!(etag.starts_with('"'));
    let mut request = get(&path, Some("text/turtle"));
    request.headers_mut().insert(
        header::IF_NONE_MATCH,
        HeaderValue::from_str(&etag).expect("ETag"),
    );
    let a = call(&app, request).await;
    assert_eq!(a.status, StatusCode::NOT_MODIFIED);
    assert!(a.body.is_empty());

    // HEAD has the headers and no body.
    let head = HttpRequest::head(&path)
        .body(Body::empty())
        .expect("a request");
    let a = call(&app, head).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.is_empty());

    let a = call(&app, get(&path, Some("image/png"))).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    let a = call(&app, post(&path, "text/plain", "")).await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    for unknown in ["/person/nobody", "/person/nobody.ttl", "/.ttl"] {
        let a = call(&app, get(unknown, None)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{unknown}");
    }
}

#[tokio::test]
async fn html_pages_link_and_escape() {
    let app = default_app();
    let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let a = call(&app, get("/person/omar-pike", Some(firefox))).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.header(header::CONTENT_TYPE), "text/html; charset=utf-8");
    assert!(a.body.starts_with("<!DOCTYPE html>"));
    assert!(a.body.contains("<h1>Omar Pike</h1>"), "{}", a.body);
    assert!(a.body.contains("<h2>Quotations</h2>"), "{}", a.body);
    assert!(a.body.contains("href=\"/article/kent\""), "{}", a.body);
    assert!(a.body.contains("href=\"/person/omar-pike.ttl\""));
    let html = call(&app, get("/person/omar-pike.html", None)).await;
    assert_eq!(html.body, a.body);

    let home = call(&app, get("/", None)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("1 articles"), "{}", home.body);
    assert!(
        home.body.contains("href=\"/person/omar-pike\""),
        "{}",
        home.body
    );
    assert!(home.body.contains("schema:Person"), "{}", home.body);

    let found = call(&app, get("/search?q=PIKE", None)).await;
    assert!(
        found.body.contains("href=\"/person/omar-pike\""),
        "{}",
        found.body
    );
    let nasty = call(
        &app,
        get(&format!("/search?q={}", encode("<script>\"x\"")), None),
    )
    .await;
    assert_eq!(nasty.status, StatusCode::OK);
    assert!(!nasty.body.contains("<script>"));
    assert!(
        nasty.body.contains("&lt;script&gt;&quot;x&quot;"),
        "{}",
        nasty.body
    );

    let form = call(&app, get("/sparql", Some(firefox))).await;
    assert!(form.body.contains("<textarea name=\"query\""));
}

#[tokio::test]
async fn void_and_dump() {
    let state = state_with(Limits::default());
    let quads = state.store.oxigraph().len().expect("a count");
    let app = app(state);
    let void = call(&app, get("/.well-known/void", None)).await;
    assert_eq!(void.status, StatusCode::OK);
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(void.body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("Turtle");
    assert!(triples.iter().any(|t| t.predicate.as_str()
        == "http://rdfs.org/ns/void#sparqlEndpoint"
        && t.object.to_string() == "<http://localhost:7878/sparql>"));
    let mut lines: Vec<String> = triples.iter().map(|t| t.to_string()).collect();
    let all = lines.len();
    lines.sort();
    lines.dedup();
    assert_eq!(lines.len(), all, "each triple once");
    let dump = call(&app, get("/dump.nq", None)).await;
    assert_eq!(dump.header(header::CONTENT_TYPE), "application/n-quads");
    let parsed = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(dump.body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("N-Quads");
    assert_eq!(parsed.len(), quads);
}

#[tokio::test]
async fn cors_preflight() {
    let app = default_app();
    let request = HttpRequest::options("/sparql")
        .header(header::ORIGIN, "http://example.org")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .expect("a request");
    let a = call(&app, request).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert_eq!(a.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    assert!(a
        .header(header::ACCESS_CONTROL_ALLOW_METHODS)
        .contains("POST"));
    assert_eq!(
        a.header(header::ACCESS_CONTROL_ALLOW_HEADERS),
        "content-type"
    );
}

fn gunzip(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("gzip");
    text
}

#[tokio::test]
async fn dumps_stream_and_gzip_when_asked() {
    let state = state_with(Limits::default());
    let quads = state.store.oxigraph().len().expect("a count");
    let app = app(state);
    let plain = call(&app, get("/dump.nq", None)).await;
    assert_eq!(plain.status, StatusCode::OK);
    // Streamed: no length known up front, so no Content-Length.
    assert_eq!(plain.header(header::CONTENT_LENGTH), "");
    assert_eq!(plain.header(header::CONTENT_ENCODING), "");
    assert_eq!(plain.header(header::VARY), "Accept-Encoding");

    let request = HttpRequest::get("/dump.nq")
        .header(header::ACCEPT_ENCODING, "br;q=1.0, gzip;q=0.8")
        .body(Body::empty())
        .expect("a request");
    let zipped = call(&app, request).await;
    assert_eq!(zipped.header(header::CONTENT_ENCODING), "gzip");
    assert_eq!(zipped.header(header::CONTENT_TYPE), "application/n-quads");
    assert!(zipped.bytes.len() < plain.bytes.len());
    let text = gunzip(&zipped.bytes);
    assert_eq!(text, plain.body, "the same dump, compressed");
    let parsed = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("N-Quads");
    assert_eq!(parsed.len(), quads);

    let request = HttpRequest::get("/dump.ttl")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("a request");
    let turtle = call(&app, request).await;
    assert_eq!(
        turtle.header(header::CONTENT_TYPE),
        "text/turtle; charset=utf-8"
    );
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(gunzip(&turtle.bytes).as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("Turtle");
    assert!(!triples.is_empty() && triples.len() <= quads);
}

#[test]
fn gzip_is_taken_only_when_offered() {
    let with = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("a header"),
        );
        pages::accepts_gzip(&headers)
    };
    assert!(with("gzip, deflate, br"));
    assert!(with("GZIP"));
    assert!(with("*"));
    assert!(with("x-gzip;q=0.5"));
    assert!(!with("gzip;q=0"));
    assert!(!with("br"));
    assert!(!with("*, gzip;q=0"));
    assert!(!with("identity"));
    assert!(!pages::accepts_gzip(&HeaderMap::new()));
}

#[tokio::test]
async fn entity_pages_draw_the_neighbourhood_and_the_ontology_has_a_page() {
    let app = default_app();
    let page = call(&app, get("/person/omar-pike.html", None)).await;
    assert!(
        page.body.contains("<svg class=\"neighbourhood\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<a href=\"/article/kent\"><title>"),
        "{}",
        page.body
    );
    let ontology = call(&app, get("/ontology", Some("text/html"))).await;
    assert_eq!(ontology.status, StatusCode::OK);
    assert!(ontology.body.contains("id=\"Strike\""), "{}", ontology.body);
    let turtle = call(&app, get("/ontology.ttl", None)).await;
    assert!(
        turtle.body.contains("owl:Ontology") || turtle.body.contains("Ontology>"),
        "{}",
        turtle.body
    );
    let q = encode("SELECT ?s WHERE { ?s a sg:Strike } LIMIT 1");
    let found = call(&app, get(&format!("/sparql?query={q}"), None)).await;
    let json: serde_json::Value = serde_json::from_str(&found.body).expect("JSON");
    let strike_iri = json["results"]["bindings"][0]["s"]["value"]
        .as_str()
        .expect("a strike");
    let strike_path = strike_iri
        .strip_prefix(crate::rdf::vocab::DEFAULT_BASE)
        .expect("under the base");
    let strike = call(&app, get(&format!("/{strike_path}.html"), None)).await;
    assert!(
        strike.body.contains("href=\"/ontology#Strike\""),
        "class links go to the ontology page: {}",
        strike.body
    );
}

#[tokio::test]
async fn the_home_page_counts_a_large_kind_and_lists_200_of_it_in_name_order() {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    let state = state_with(Limits::default());
    let before = state.store.counts().expect("counts");
    let people_before = before
        .classes
        .iter()
        .find(|(c, _)| c == "http://schema.org/Person")
        .map_or(0, |(_, n)| *n);
    // More people than the page reads of one kind, in the merged graph as ingest leaves them.
    let added = 1000;
    for i in 0..added {
        let person =
            NamedNode::new(format!("https://w3id.org/strikegraph/id/person/p{i}")).expect("an IRI");
        let facts: [(&str, oxigraph::model::Term); 2] = [
            (
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                NamedNode::new_unchecked("http://schema.org/Person").into(),
            ),
            (
                "http://schema.org/name",
                Literal::new_simple_literal(format!("Zed {:04}", added - i)).into(),
            ),
        ];
        for (p, o) in facts {
            let quad = Quad::new(
                person.clone(),
                NamedNode::new_unchecked(p),
                o,
                GraphName::DefaultGraph,
            );
            state.store.oxigraph().insert(&quad).expect("an insert");
        }
    }
    let total = people_before + added;
    let home = call(&app(state), get("/", None)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains(&format!("schema:Person ({total})")),
        "{}",
        home.body
    );
    assert!(home.body.contains(&format!("… and {} more", total - 200)));
    let section = home
        .body
        .split("schema:Person (")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a Person section");
    let names: Vec<&str> = section
        .split("</a></li>")
        .filter_map(|item| item.rsplit('>').next())
        .map(str::trim)
        .filter(|name| !name.is_empty() && !name.contains('…'))
        .collect();
    assert_eq!(names.len(), 200, "{section}");
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
}
