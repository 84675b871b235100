//! Integration tests: drive the `strikegraph` binary on the seeds and on inputs the tests
//! write themselves.

mod common;
use common::{bin, ok, run, seeds};
use std::path::{Path, PathBuf};

fn seeded() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let seeds = seeds();
    ok(&store, &["ingest", seeds.to_str().expect("UTF-8 path")]);
    (dir, store)
}

fn select(store: &Path, query: &str) -> Vec<String> {
    let csv = ok(store, &["query", "--format", "csv", query]);
    csv.lines()
        .skip(1)
        .map(|l| l.trim_end_matches('\r').to_owned())
        .collect()
}

#[test]
fn ingest_builds_one_graph_per_article_and_reingest_changes_nothing() {
    let (_dir, store) = seeded();
    let graphs = select(
        &store,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }",
    );
    assert_eq!(graphs, vec!["5"]);
    let before = ok(&store, &["export", "--format", "nquads"]);
    let out = run(&store, &["ingest", seeds().to_str().expect("UTF-8 path")]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("5 unchanged"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = ok(&store, &["export", "--format", "nquads"]);
    let mut a: Vec<&str> = before.lines().collect();
    let mut b: Vec<&str> = after.lines().collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);
}

#[test]
fn remove_deletes_exactly_one_article_graph() {
    let (_dir, store) = seeded();
    // The quads of every article's graph (the store's own graphs, such as the strikes'
    // latest statuses, follow the articles).
    let total = |store: &Path| {
        select(
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g schema:identifier ?id . ?s ?p ?o } }",
        )[0]
        .parse::<usize>()
        .expect("a count")
    };
    let in_graph = |store: &Path, id: &str| {
        select(
            store,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?a schema:identifier \"{id}\" }} GRAPH ?g {{ ?s ?p ?o }} }}"),
        )[0]
        .parse::<usize>()
        .expect("a count")
    };
    let before = total(&store);
    let one = in_graph(&store, "002_47f8a6b4e61f9482");
    assert!(one > 0);
    ok(&store, &["remove", "002_47f8a6b4e61f9482"]);
    assert_eq!(total(&store), before - one);
    assert_eq!(in_graph(&store, "002_47f8a6b4e61f9482"), 0);
    assert!(in_graph(&store, "001_64eed737b22194c0") > 0);
    let out = run(&store, &["remove", "no-such-article"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_export_format_parses_back() {
    let (dir, store) = seeded();
    for (format, ext) in [
        ("nquads", "nq"),
        ("trig", "trig"),
        ("turtle", "ttl"),
        ("ntriples", "nt"),
        ("jsonld", "jsonld"),
        ("rdfxml", "rdf"),
    ] {
        let file = dir.path().join(format!("out.{ext}"));
        ok(
            &store,
            &["export", "--output", file.to_str().expect("UTF-8 path")],
        );
        let data = std::fs::read(&file).expect("export written");
        let parsed = oxigraph::io::RdfParser::from_format(
            oxigraph::io::RdfFormat::from_extension(ext).expect("known extension"),
        )
        .for_slice(&data)
        .collect::<Result<Vec<_>, _>>();
        let quads = parsed.unwrap_or_else(|e| panic!("{format} does not parse back: {e}"));
        assert!(quads.len() > 500, "{format}: {} quads", quads.len());
        let explicit = ok(&store, &["export", "--format", format]);
        assert_eq!(
            explicit.len(),
            data.len(),
            "{format}: --format and the extension agree"
        );
    }
    let one = ok(
        &store,
        &[
            "export",
            "--format",
            "ntriples",
            "--graph",
            "004_c9342d11c0964a27",
        ],
    );
    assert!(one.contains("004_c9342d11c0964a27"));
    assert!(!one.contains("\"000_3bb81a6df0fc8b94\""));
}

#[test]
fn query_formats_are_well_formed() {
    let (_dir, store) = seeded();
    let q = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name";
    let csv = ok(&store, &["query", "--format", "csv", q]);
    assert!(csv.starts_with("name\r\n"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&store, &["query", "--format", "json", q])).expect("JSON");
    assert_eq!(json["head"]["vars"][0], "name");
    assert!(json["results"]["bindings"]
        .as_array()
        .is_some_and(|b| b.len() > 3));
    let table = ok(&store, &["query", "--format", "table", q]);
    assert!(table.lines().nth(1).is_some_and(|l| l.starts_with("----")));
    let ask = ok(
        &store,
        &["query", "--format", "json", "ASK { ?s a sg:Strike }"],
    );
    assert!(ask.contains("\"boolean\":true"), "{ask}");
    let turtle = ok(
        &store,
        &[
            "query",
            "--format",
            "turtle",
            "CONSTRUCT WHERE { ?s a sg:Strike }",
        ],
    );
    assert!(turtle.contains("sg:Strike"), "{turtle}");
    // From standard input and from a file.
    let mut child = bin()
        .arg("--store")
        .arg(&store)
        .args(["query", "--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"SELECT (1 AS ?one) {}")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().nth(1),
        Some("1")
    );
}

#[test]
fn explain_prints_the_plan_with_row_counts_after_the_results() {
    let (_dir, store) = seeded();
    let q = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name";
    let out = run(&store, &["query", "--format", "csv", "--explain", q]);
    assert!(out.status.success(), "{out:?}");
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(csv, ok(&store, &["query", "--format", "csv", q]));
    let plan: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON plan");
    let text = plan.to_string();
    assert!(text.contains("QuadPattern"), "{text}");
    // Statistics are on: the root counts the rows the query returned.
    let rows = csv.lines().count() - 1;
    assert_eq!(plan["plan"]["number of results"], rows, "{text}");
}

/// The `.out` beside each example query is what it prints on the seeds, so the README's
/// examples stay true as the extractors and the queries change.
#[test]
fn each_example_query_prints_its_recorded_output_on_the_seeds() {
    let (_dir, store) = seeded();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&examples).expect("examples/") {
        let query = entry.expect("a directory entry").path();
        if query.extension().is_none_or(|e| e != "rq") {
            continue;
        }
        let want = std::fs::read_to_string(query.with_extension("out")).expect("a .out file");
        let path = query.to_str().expect("UTF-8 path");
        let got = ok(&store, &["query", "--format", "table", "--file", path]);
        assert_eq!(got, want, "{} on the seeds", query.display());
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} example queries");
}

#[test]
fn bad_sparql_names_the_position() {
    let (_dir, store) = seeded();
    let out = run(&store, &["query", "SELECT ?x WHERE { ?x ?y }"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1:"), "no line:column in {err}");
}

#[test]
fn the_seed_strike_of_26_april_is_one_node_in_three_articles() {
    let (_dir, store) = seeded();
    let rows = select(
        &store,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?s a sg:Strike ; schema:startDate \"2016-04-26\"^^xsd:date . GRAPH ?g { ?a schema:mentions ?s } }",
    );
    assert_eq!(rows, vec!["3"]);
    let nodes = select(
        &store,
        "SELECT DISTINCT ?s WHERE { ?s a sg:Strike ; schema:startDate \"2016-04-26\"^^xsd:date }",
    );
    assert_eq!(nodes.len(), 1, "{nodes:?}");
}

#[test]
fn headline_people_are_one_node_across_articles() {
    let (_dir, store) = seeded();
    let hunt = select(&store, "SELECT DISTINCT ?p WHERE { ?p a schema:Person ; schema:name ?n FILTER(CONTAINS(?n, \"Hunt\")) }");
    assert_eq!(hunt.len(), 1, "{hunt:?}");
    let articles = select(&store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?p schema:name \"Jeremy Hunt\" . GRAPH ?g { ?a schema:mentions ?p } }");
    assert_eq!(articles, vec!["4"]);
    let bma = select(
        &store,
        "SELECT DISTINCT ?o WHERE { ?o schema:alternateName \"BMA\" }",
    );
    assert_eq!(bma.len(), 1, "{bma:?}");
}

#[test]
fn jsonl_and_stdin_inputs_and_bad_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let jsonl = dir.path().join("news.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\": \"a1\", \"text\": \"Nurses at Riverside General Hospital will strike on Friday.\", \"published\": \"2024-03-06\"}\nthis is not json\n{\"id\": \"a2\"}\n",
    )
    .expect("write");
    let out = run(&store, &["ingest", jsonl.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(1), "some lines were skipped");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("news.jsonl:2"), "{err}");
    assert!(err.contains("news.jsonl:3"), "{err}");
    let strike = select(
        &store,
        "SELECT ?d WHERE { ?s a sg:Strike ; schema:startDate ?d }",
    );
    assert_eq!(strike, vec!["2024-03-08"]);
    let strict = run(
        &store,
        &["ingest", "--strict", jsonl.to_str().expect("UTF-8 path")],
    );
    assert_eq!(strict.status.code(), Some(2));

    let mut child = bin()
        .arg("--store")
        .arg(&store)
        .args(["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"Dr Ann Lee, a consultant at Hillside Hospital, said: \"Enough.\"")
        .expect("write");
    assert!(child.wait().expect("wait").success());
    let people = select(
        &store,
        "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }",
    );
    assert!(people.iter().any(|n| n.contains("Ann Lee")), "{people:?}");
}

#[test]
fn a_missing_store_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&dir.path().join("nothing"), &["stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store"));
}

#[test]
fn help_lists_the_commands() {
    let out = bin().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    for cmd in ["ingest", "query", "export", "stats", "remove", "explain"] {
        assert!(help.contains(cmd), "{cmd} missing from --help");
    }
}

fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.sort_unstable();
    lines
}

#[test]
fn bulk_loading_and_transactions_build_the_same_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = seeds();
    let seeds = seeds.to_str().expect("UTF-8 path");
    let exports: Vec<Vec<String>> = ["bulk", "transactions"]
        .iter()
        .map(|mode| {
            let store = dir.path().join(mode);
            let out = run(&store, &["ingest", "--write-mode", mode, seeds]);
            assert!(out.status.success(), "{out:?}");
            // Only the bulk loader leaves files to compact, and only it says so.
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                stderr.contains("optimize"),
                *mode == "bulk",
                "{mode}: {stderr}"
            );
            sorted_lines(&ok(&store, &["export", "--format", "nquads"]))
        })
        .collect();
    assert!(exports[0].len() > 1000);
    assert_eq!(exports[0], exports[1]);
}

#[test]
fn the_default_graph_is_the_merged_graph_without_provenance() {
    let (_dir, store) = seeded();
    // Each person once, though several articles name them.
    let people = select(&store, "SELECT ?p WHERE { ?p a schema:Person }");
    let distinct: std::collections::BTreeSet<_> = people.iter().collect();
    assert_eq!(people.len(), distinct.len());
    assert!(!people.is_empty());
    // Text spans and fact statements only in their article's graph.
    let spans = select(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s nif:anchorOf ?text }",
    );
    assert_eq!(spans, vec!["0"]);
    let in_articles = select(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s nif:anchorOf ?text } }",
    );
    assert_ne!(in_articles, vec!["0"]);
    // Removing an article takes away what only it said, and keeps what others say too.
    let before = select(&store, "SELECT ?p WHERE { ?p a schema:Person }");
    let ids = select(
        &store,
        "SELECT ?id WHERE { GRAPH ?g { ?g schema:identifier ?id } } ORDER BY ?id",
    );
    for id in &ids {
        ok(&store, &["remove", id]);
    }
    let after = select(&store, "SELECT ?p WHERE { ?p a schema:Person }");
    assert!(!before.is_empty());
    assert!(after.is_empty(), "{after:?}");
    let left = select(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s schema:mentions ?o }",
    );
    assert_eq!(left, vec!["0"]);
}

#[test]
fn unchanged_articles_are_skipped_by_content_hash_and_changed_ones_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = dir.path().join("walkout.txt");
    std::fs::write(
        &file,
        "Porters at Hillside Hospital will strike on Friday, the Porters' Union said.",
    )
    .expect("write");
    let path = file.to_str().expect("UTF-8 path");
    ok(&store, &["ingest", path]);
    let again = run(&store, &["ingest", path]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("1 unchanged"));
    std::fs::write(
        &file,
        "Cleaners at Hillside Hospital will strike on Monday, the Cleaners' Union said.",
    )
    .expect("write");
    let changed = run(&store, &["ingest", path]);
    assert!(
        String::from_utf8_lossy(&changed.stderr).contains("1 replaced"),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let unions = select(
        &store,
        "SELECT ?n WHERE { ?u a schema:WorkersUnion ; schema:name ?n }",
    );
    assert!(unions.iter().all(|n| !n.contains("Porters")), "{unions:?}");
}

#[test]
fn extract_then_load_gives_the_extracted_graphs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let nq = dir.path().join("seeds.nq");
    let seeds = seeds();
    let out = bin()
        .args(["extract", seeds.to_str().expect("UTF-8 path"), "--output"])
        .arg(&nq)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let extracted = std::fs::read_to_string(&nq).expect("read");
    assert!(extracted.lines().count() > 1000);
    ok(&store, &["load", nq.to_str().expect("UTF-8 path")]);
    let exported = ok(&store, &["export", "--format", "nquads"]);
    let exported: std::collections::HashSet<&str> = exported.lines().collect();
    for line in extracted.lines() {
        assert!(exported.contains(line), "not loaded: {line}");
    }
    let articles = select(
        &store,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }",
    );
    assert_eq!(articles, vec!["5"]);
    let merged = select(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Quotation }",
    );
    assert_ne!(merged, vec!["0"]);
    // A broken file is an error that names what went wrong.
    std::fs::write(&nq, "<http://e.org/s> <http://e.org/p> .\n").expect("write");
    let bad = run(&store, &["load", nq.to_str().expect("UTF-8 path")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("syntax"));
}

#[test]
fn optimize_compacts_without_changing_the_graph() {
    let (_dir, store) = seeded();
    let before = sorted_lines(&ok(&store, &["export", "--format", "nquads"]));
    ok(&store, &["optimize"]);
    let after = sorted_lines(&ok(&store, &["export", "--format", "nquads"]));
    assert!(!before.is_empty());
    assert_eq!(before, after);
}

/// Issue 21: a mistyped `--store` for a command that changes a store but cannot build one
/// is an error, and leaves nothing behind.
#[test]
fn commands_that_cannot_build_a_store_do_not_create_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let typo = dir.path().join("stroe.db");
    for args in [
        &["remove", "000_3bb81a6df0fc8b94"][..],
        &["optimize"],
        &["serve", "--allow-update", "--bind", "127.0.0.1:0"],
    ] {
        let out = run(&typo, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("no store at {}", typo.display())),
            "{args:?}: {err}"
        );
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert!(names.is_empty(), "left behind: {names:?}");
}

/// Issue 21: an error that carries its cause says the cause once.
#[test]
fn a_sparql_error_is_said_once() {
    let (_dir, store) = seeded();
    let out = run(&store, &["query", "SELEKT ?x WHERE { ?x ?y ?z }"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SPARQL syntax error: error at 1:"), "{err}");
    assert_eq!(err.matches("error at").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Issue 21: `query` has a time limit: a query past it is stopped, and the command says so
/// and fails, well before the query would have ended.
#[test]
fn a_query_past_its_time_limit_is_stopped() {
    let (_dir, store) = seeded();
    // Every quad against every other, four times over: years of work on the seeds.
    let endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = std::time::Instant::now();
    let out = run(&store, &["query", "--timeout-ms", "500", endless]);
    let took = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("time limit of 500 ms (--timeout-ms)"), "{err}");
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    // A query within the limit, and one with no limit, answer as ever, and the process
    // ends cleanly each time: the query's thread must have closed the store before the
    // process exits, or RocksDB, tearing its state down, crashes it. That is a race, seen
    // in a small share of runs, hence many runs at once.
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for limit in ["60000", "0"].repeat(5) {
                    let rows = ok(
                        &store,
                        &[
                            "query",
                            "--timeout-ms",
                            limit,
                            "--format",
                            "csv",
                            "SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Strike }",
                        ],
                    );
                    assert!(
                        rows.starts_with("n\r\n") || rows.starts_with("n\n"),
                        "{rows}"
                    );
                }
            });
        }
    });
}

/// Issue 21: `--strict` fails the run, and says that the good articles were written all
/// the same (they are: the inputs are a stream).
#[test]
fn strict_says_what_it_wrote() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        "{\"id\": \"good\", \"text\": \"Porters at the Wexcombe depot will strike on Monday.\"}\nnot json\n",
    )
    .expect("writes");
    let out = run(
        &store,
        &["ingest", "--strict", feed.to_str().expect("UTF-8")],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "1 input was skipped (--strict); 1 good article was still written to the store"
        ),
        "{err}"
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }"
        ),
        ["good"]
    );
    let help = ok(&store, &["ingest", "--help"]);
    assert!(help.contains("still written"), "{help}");
}

/// Issue 21: the summary's entity count is every distinct thing the articles mention but
/// their quotations: people, organisations, places, hospitals and strikes.
#[test]
fn the_summary_counts_strikes_among_the_entities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let out = run(&store, &["ingest", seeds().to_str().expect("UTF-8 path")]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let counted: usize = err
        .split(" entities,")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no entity count in {err}"));
    let mentioned = select(
        &store,
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?a a schema:NewsArticle ; schema:mentions ?e
           FILTER NOT EXISTS { ?e a schema:Quotation } }",
    );
    let strikes = select(&store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a sg:Strike }");
    assert_ne!(strikes, ["0"]);
    assert_eq!(mentioned, [counted.to_string()], "{err}");
}

/// Issue 21: each property of the ontology is declared as what its values are (a
/// datatype property for literals, an object property for nodes), and none sits under a
/// PROV-O property of the other kind.
#[test]
fn the_ontology_declares_its_properties_as_the_data_uses_them() {
    let (_dir, store) = seeded();
    let owl = "PREFIX owl: <http://www.w3.org/2002/07/owl#> ";
    let ask = |query: &str| {
        let json = ok(
            &store,
            &["query", "--format", "json", &format!("{owl}{query}")],
        );
        let answer: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        answer["boolean"]
            .as_bool()
            .unwrap_or_else(|| panic!("not a boolean: {json}"))
    };
    assert!(ask(
        "ASK { GRAPH ?g { ?s sg:rule ?r FILTER(isLiteral(?r)) } sg:rule a owl:DatatypeProperty }"
    ));
    assert!(ask(
        "ASK { GRAPH ?g { ?s sg:evidence ?e FILTER(isIRI(?e)) } sg:evidence a owl:ObjectProperty }"
    ));
    assert!(!ask(
        "ASK { ?p a owl:DatatypeProperty . GRAPH ?g { ?s ?p ?o } FILTER(!isLiteral(?o)) }"
    ));
    assert!(!ask(
        "ASK { ?p a owl:ObjectProperty . GRAPH ?g { ?s ?p ?o } FILTER(isLiteral(?o)) }"
    ));
    // PROV-O's literal-valued properties; the rest of prov: are object properties.
    assert!(!ask(
        "ASK { ?p a owl:DatatypeProperty ; rdfs:subPropertyOf ?super
               FILTER(STRSTARTS(STR(?super), STR(prov:))
                      && ?super NOT IN (prov:generatedAtTime, prov:invalidatedAtTime,
                                        prov:startedAtTime, prov:endedAtTime, prov:atTime, prov:value)) }"
    ));
}

#[test]
fn a_text_that_repeats_itself_writes_bounded_quotations_and_spans() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("echo.txt");
    let unit = "\"We will strike,\" said Ann Lee. ";
    std::fs::write(&path, unit.repeat(3_000)).expect("write");
    let out = bin()
        .arg("extract")
        .arg(&path)
        .output()
        .expect("run extract");
    assert!(out.status.success(), "{out:?}");
    let quads = String::from_utf8_lossy(&out.stdout);
    let quotations = quads
        .lines()
        .filter(|l| {
            l.contains(
                "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Quotation>",
            )
        })
        .count();
    assert_eq!(quotations, 1_000, "the first thousand quotations");
}
