//! Crash safety: an ingest killed with SIGKILL at any moment leaves a store that opens,
//! whose article graphs are each wholly present (exactly as a complete ingest writes them)
//! or wholly absent, with the ontology and the dataset description intact; running the
//! ingest again completes the store to exactly what an uninterrupted ingest gives.
//!
//! Everything goes through the binary, so the test holds whatever way `ingest` writes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Enough articles that the write phase lasts a while, few enough for a quick debug run.
const ARTICLES: usize = 200;

const ONTOLOGY_GRAPH: &str = "https://w3id.org/strikegraph/ns";
const VOID_GRAPH: &str = "https://w3id.org/strikegraph/id/void";
const ARTICLE_PREFIX: &str = "https://w3id.org/strikegraph/id/article/";
/// The merged default graph's triples, under a key no graph IRI can take.
const MERGED: &str = "(default graph)";
/// What the merged graph must be: the named graphs' triples but their provenance nodes.
const MERGED_EXPECTED: &str = "(named graphs merged)";

mod common;
use common::{bin, corpus, run};

/// The store's quads, by graph, as sorted N-Quads lines; empty if no store was created yet.
fn graphs(store: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut by_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if !store.join("CURRENT").exists() {
        return by_graph;
    }
    let out = run(store, &["export", "--format", "nquads"]);
    assert!(
        out.status.success(),
        "the store does not open after a crash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data = String::from_utf8(out.stdout).expect("UTF-8 N-Quads");
    for quad in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(data.as_bytes())
    {
        let quad = quad.expect("the export parses");
        let triple = oxigraph::model::Triple::from(quad.clone()).to_string();
        let graph = match &quad.graph_name {
            oxigraph::model::GraphName::NamedNode(n) => n.as_str().to_owned(),
            oxigraph::model::GraphName::DefaultGraph => {
                by_graph.entry(MERGED.into()).or_default().insert(triple);
                continue;
            }
            other => panic!("a quad in a blank-node graph: {other}"),
        };
        let subject = quad.subject.to_string();
        let provenance = subject
            .strip_prefix(&format!("<{graph}#"))
            .is_some_and(|f| f.starts_with("char=") || f.starts_with("fact-"));
        if !provenance {
            by_graph
                .entry(MERGED_EXPECTED.into())
                .or_default()
                .insert(triple);
        }
        by_graph.entry(graph).or_default().insert(quad.to_string());
    }
    by_graph
}

/// Starts an ingest of `input` into `store`.
fn spawn_ingest(store: &Path, input: &Path) -> std::process::Child {
    spawn_ingest_with(store, input, &[])
}

fn spawn_ingest_with(store: &Path, input: &Path, args: &[&str]) -> std::process::Child {
    bin()
        .arg("--store")
        .arg(store)
        .arg("ingest")
        .args(args)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ingest starts")
}

/// Checks a (possibly interrupted) store against the reference; returns its article count.
fn check_against(
    reference: &BTreeMap<String, BTreeSet<String>>,
    store: &BTreeMap<String, BTreeSet<String>>,
    when: &str,
) -> usize {
    let mut articles = 0;
    let empty = BTreeSet::new();
    assert!(
        store.get(MERGED).unwrap_or(&empty) == store.get(MERGED_EXPECTED).unwrap_or(&empty),
        "{when}: the merged default graph is not the union of the article graphs"
    );
    for (graph, quads) in store {
        if graph == MERGED || graph == MERGED_EXPECTED {
            continue;
        }
        let expected = reference
            .get(graph)
            .unwrap_or_else(|| panic!("{when}: a graph the reference has not: {graph}"));
        if graph.starts_with(ARTICLE_PREFIX) {
            articles += 1;
        }
        if quads != expected {
            let missing = expected.difference(quads).count();
            let extra = quads.difference(expected).count();
            panic!("{when}: the graph {graph} is torn ({missing} quads missing, {extra} extra)");
        }
    }
    if articles > 0 {
        // Articles are only written after the ontology and the dataset description.
        for graph in [ONTOLOGY_GRAPH, VOID_GRAPH] {
            assert!(
                store.contains_key(graph),
                "{when}: articles present but no {graph}"
            );
        }
    }
    articles
}

#[cfg(unix)]
#[test]
fn an_ingest_killed_at_any_point_leaves_whole_articles_and_resumes_to_the_same_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("articles.jsonl");
    std::fs::write(&input, corpus(ARTICLES)).expect("corpus written");

    // The reference: one uninterrupted ingest, timed to place the kills.
    let reference_store = dir.path().join("reference");
    let started = Instant::now();
    let status = spawn_ingest(&reference_store, &input)
        .wait()
        .expect("reference ingest");
    let full = started.elapsed();
    eprintln!("reference ingest of {ARTICLES} articles: {full:?}");
    assert!(status.success(), "the reference ingest failed: {status}");
    let reference = graphs(&reference_store);
    let reference_articles = reference
        .keys()
        .filter(|g| g.starts_with(ARTICLE_PREFIX))
        .count();
    assert_eq!(reference_articles, ARTICLES);
    assert!(reference.contains_key(ONTOLOGY_GRAPH) && reference.contains_key(VOID_GRAPH));

    // One store, killed again and again: the first kill hits a fresh store, the later ones
    // a resumed ingest that first finds the articles already written.
    let store = dir.path().join("killed");
    let mut partial_kills = 0;
    for (round, fraction) in [0.2, 0.45, 0.7, 0.95].into_iter().enumerate() {
        let mut child = spawn_ingest(&store, &input);
        std::thread::sleep(full.mul_f64(fraction));
        let finished = child.try_wait().expect("child status").is_some();
        // `Child::kill` sends SIGKILL on Unix: no destructor, no flush, no clean close.
        let _ = child.kill();
        let _ = child.wait();
        let when = format!("after the kill at {:.0}% (round {round})", fraction * 100.0);
        let articles = check_against(&reference, &graphs(&store), &when);
        eprintln!("{when}: {articles} whole articles (process had finished: {finished})");
        if !finished && articles > 0 && articles < ARTICLES {
            partial_kills += 1;
        }
    }
    assert!(
        partial_kills > 0,
        "no kill landed while articles were being written; the test did not test anything"
    );

    // Run to completion: the same store as the reference, nothing twice.
    let out = run(&store, &["ingest", input.to_str().expect("UTF-8 path")]);
    assert!(
        out.status.success(),
        "the resumed ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{ARTICLES} articles")),
        "the summary line: {stderr}"
    );
    let resumed = graphs(&store);
    check_against(&reference, &resumed, "after the resumed ingest");
    assert_eq!(
        resumed.keys().collect::<Vec<_>>(),
        reference.keys().collect::<Vec<_>>(),
        "the resumed store has other graphs than the reference"
    );
    assert!(
        full < Duration::from_secs(60),
        "the reference ingest took {full:?}; lower ARTICLES"
    );
}

/// In bulk mode the unit is all-or-nothing: a kill leaves none of its articles or all.
#[cfg(unix)]
#[test]
fn a_bulk_load_unit_killed_at_any_point_is_all_or_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("articles.jsonl");
    std::fs::write(&input, corpus(ARTICLES)).expect("corpus written");
    let bulk = ["--write-mode", "bulk"];
    let reference_store = dir.path().join("reference");
    let started = Instant::now();
    let status = spawn_ingest_with(&reference_store, &input, &bulk)
        .wait()
        .expect("reference ingest");
    let full = started.elapsed();
    assert!(status.success(), "the reference ingest failed: {status}");
    let reference = graphs(&reference_store);
    let store = dir.path().join("killed");
    for fraction in [0.3, 0.6, 0.9] {
        let mut child = spawn_ingest_with(&store, &input, &bulk);
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        let when = format!("after the kill at {:.0}%", fraction * 100.0);
        let articles = check_against(&reference, &graphs(&store), &when);
        assert!(
            articles == 0 || articles == ARTICLES,
            "{when}: {articles} of {ARTICLES} articles from one bulk unit"
        );
    }
    let status = spawn_ingest_with(&store, &input, &bulk)
        .wait()
        .expect("resumed ingest");
    assert!(status.success());
    let resumed = graphs(&store);
    check_against(&reference, &resumed, "after the resumed ingest");
    assert_eq!(
        resumed.keys().collect::<Vec<_>>(),
        reference.keys().collect::<Vec<_>>()
    );
}
