//! Issue 21, stored script injection: a `javascript:`, `data:` or `vbscript:` IRI in the
//! data (an article's `url`, or any triple loaded into the store) never becomes a link, on
//! the server's pages or in the published files. Ingest leaves such a url out with a
//! warning; what arrives by other roads (`load`, SPARQL Update) is shown as text.

mod common;

use common::{ok, request_path, resolve_link, run, unsafe_links, Server};
use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

const BASE: &str = "https://w3id.org/strikegraph/id/";

/// The urls of the records in `feed.jsonl`, one a line, and whether ingest keeps them.
const URLS: &[(&str, bool)] = &[
    ("javascript:alert(1)", false),
    ("JaVaScRiPt:alert(1)", false),
    (" JaVaScRiPt:alert(1)", false),
    ("\tjavascript:alert(1)", false),
    ("java\nscript:alert(1)", false),
    ("java\u{0}script:alert(1)", false),
    ("javascript\r:alert(1)", false),
    (
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        false,
    ),
    ("DATA:text/html,<script>alert(1)</script>", false),
    ("vbscript:msgbox(1)", false),
    ("VBScript:msgbox(1)", false),
    ("//example.org/no-scheme", false),
    ("  https://example.org/news/padded\t", true),
    ("https://example.org/news/good", true),
];

fn feed() -> String {
    URLS.iter()
        .enumerate()
        .map(|(i, (url, _))| {
            serde_json::json!({
                "id": format!("url-{i:02}"),
                "text": format!(
                    "Porters at the Wexcombe depot will strike on Monday over rota {i}, the \
                     Guild of Tram Crews said.\n\nOrla Penhallow, a steward for the guild, said: \
                     \"We asked for talks.\"\n"
                ),
                "published": "2031-05-02",
                "url": url,
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Triples that only `load` (or an update) can bring: IRIs of every hostile scheme as
/// things an entity is linked to, named so that pages show them.
fn hostile_nquads() -> String {
    let graph = format!("<{BASE}article/loaded>");
    let s = |p: &str| format!("<http://schema.org/{p}>");
    let a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    let ann = format!("<{BASE}person/ann-hostile>");
    let article = format!("<{BASE}article/loaded>");
    let sneaky = format!("<{BASE}javascript:alert(3)>");
    [
        format!("{article} {a} {} {graph} .", s("NewsArticle")),
        format!("{article} {} \"loaded\" {graph} .", s("identifier")),
        format!("{article} {} <javascript:alert(1)> {graph} .", s("url")),
        format!("{article} {} {ann} {graph} .", s("mentions")),
        format!("{ann} {a} {} {graph} .", s("Person")),
        format!("{ann} {} \"Ann Hostile\" {graph} .", s("name")),
        format!("{ann} {} <JaVaScRiPt:alert(2)> {graph} .", s("worksFor")),
        format!(
            "{ann} {} <data:text/html;base64,PHNjcmlwdD4=> {graph} .",
            s("memberOf")
        ),
        format!("{ann} {} <vbscript:msgbox(1)> {graph} .", s("homeLocation")),
        format!("{ann} {} <https://example.org/ann> {graph} .", s("sameAs")),
        format!("{ann} {} {sneaky} {graph} .", s("knowsAbout")),
        format!("<JaVaScRiPt:alert(2)> {a} {} {graph} .", s("Organization")),
        format!(
            "<JaVaScRiPt:alert(2)> {} \"Evil Corp\" {graph} .",
            s("name")
        ),
        format!("<vbscript:msgbox(1)> {a} {} {graph} .", s("Place")),
        format!("<vbscript:msgbox(1)> {} \"Nowhere\" {graph} .", s("name")),
        format!("{sneaky} {a} {} {graph} .", s("Organization")),
        format!("{sneaky} {} \"Sneaky Local\" {graph} .", s("name")),
    ]
    .join("\n")
        + "\n"
}

fn build(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let feed_path = dir.join("feed.jsonl");
    std::fs::write(&feed_path, feed()).expect("writes");
    let out = run(&store, &["ingest", feed_path.to_str().expect("UTF-8")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "a bad url is no skip: {err}");
    for (i, (url, kept)) in URLS.iter().enumerate() {
        let warned = err
            .lines()
            .any(|l| l.contains(&format!("feed.jsonl:{}:", i + 1)) && l.contains("url"));
        assert_eq!(warned, !kept, "{url:?}: {err}");
    }
    let stored = ok(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "SELECT ?u WHERE { ?a schema:url ?u } ORDER BY ?u",
        ],
    );
    assert_eq!(
        stored
            .lines()
            .skip(1)
            .map(str::trim_end)
            .collect::<Vec<_>>(),
        [
            "https://example.org/news/good",
            "https://example.org/news/padded"
        ]
    );
    let nquads = dir.join("hostile.nq");
    std::fs::write(&nquads, hostile_nquads()).expect("writes");
    ok(&store, &["load", nquads.to_str().expect("UTF-8")]);
    store
}

/// Asserts that `html` (at `place`) links nowhere but the web, and returns it.
fn checked(place: &str, html: String) -> String {
    let bad = unsafe_links(&html);
    assert!(bad.is_empty(), "{place} links to {bad:?}");
    html
}

#[test]
fn script_iris_are_never_links_on_the_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = build(dir.path());
    let server = Server::start(&store);

    // Every page the server links to, from the home page on.
    let mut pages = BTreeSet::new();
    let mut seen = BTreeSet::from(["/".to_owned()]);
    let mut queue = VecDeque::from(["/".to_owned()]);
    while let Some(path) = queue.pop_front() {
        let reply = server.get(&request_path(&path), &[("Accept", "text/html")]);
        assert_eq!(reply.status, 200, "{path}");
        if !reply.header("content-type").starts_with("text/html") {
            continue;
        }
        let html = checked(&path, reply.body);
        pages.insert(path.clone());
        for href in common::link_targets(&html) {
            if let Some(target) = resolve_link(&path, &href) {
                if !target.starts_with("/dump.") && seen.insert(target.clone()) {
                    queue.push_back(target);
                }
            }
        }
    }
    assert!(pages.len() > 20, "{pages:?}");
    for path in ["/search?q=e", "/search?q=evil", "/ontology"] {
        let reply = server.get(path, &[("Accept", "text/html")]);
        assert_eq!(reply.status, 200, "{path}");
        checked(path, reply.body);
    }

    // The hostile things are on the pages, as text; the web addresses are links.
    let home = server.get("/", &[]).body;
    assert!(home.contains("Evil Corp"), "{home}");
    assert!(
        home.contains("href=\"/javascript:alert(3)\""),
        "a local path is a link: {home}"
    );
    let ann = server.get("/person/ann-hostile.html", &[]).body;
    for text in ["Evil Corp", "Nowhere", "data:text/html", "Sneaky Local"] {
        assert!(ann.contains(text), "{text} is not on the page: {ann}");
    }
    assert!(ann.contains("href=\"https://example.org/ann\""), "{ann}");
    let loaded = server.get("/article/loaded.html", &[]).body;
    assert!(loaded.contains("javascript:alert(1)"), "{loaded}");
    let good = server.get(&format!("/article/url-{:02}.html", URLS.len() - 1), &[]);
    assert!(
        good.body.contains("href=\"https://example.org/news/good\""),
        "{}",
        good.body
    );
    let found = server.get("/search?q=evil", &[]).body;
    assert!(found.contains("Evil Corp"), "{found}");
}

#[test]
fn script_iris_are_never_links_in_published_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = build(dir.path());
    let site = dir.path().join("site");
    ok(&store, &["publish", "--out", site.to_str().expect("UTF-8")]);

    let mut pages = Vec::new();
    let mut folders = vec![site.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    assert!(pages.len() > 20, "{pages:?}");
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("a page");
        checked(&page.display().to_string(), html);
    }
    let home = std::fs::read_to_string(site.join("index.html")).expect("the home page");
    assert!(home.contains("Evil Corp"), "{home}");
    // A local path that starts like a scheme is a relative link still, to its file.
    assert!(
        home.contains("href=\"./javascript:alert(3).html\""),
        "{home}"
    );
    assert!(site.join("javascript:alert(3).html").is_file());
    let ann = std::fs::read_to_string(site.join("person/ann-hostile.html")).expect("a page");
    assert!(
        ann.contains("Evil Corp") && ann.contains("Nowhere"),
        "{ann}"
    );
    assert!(ann.contains("href=\"https://example.org/ann\""), "{ann}");
}
