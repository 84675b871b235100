//! Integration tests of the pictures and the graph analyses: drive the `strikegraph`
//! binary on a store built from `seeds/`, and read its DOT and SVG with Graphviz and an
//! XML parser (Python's xml.etree).

mod common;
use common::{ok, run};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// One store from the seeds for every test here (they only read it).
fn store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("store");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        ok(&store, &["ingest", seeds.to_str().expect("UTF-8 path")]);
        (dir, store)
    });
    path
}

/// Runs `dot -Tsvg` on the DOT and returns the SVG (Graphviz is required here).
fn graphviz(dot: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (scripts/setup.sh installs it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("dot reads its input");
    let out = child.wait_with_output().expect("dot runs");
    assert!(
        out.status.success(),
        "dot rejected the DOT: {}\n{dot}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 SVG")
}

/// Asserts the file is well-formed XML with an <svg> root, with Python's parser.
fn assert_svg(path: &Path) {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as E\nroot = E.parse(sys.argv[1]).getroot()\nassert root.tag.endswith('svg'), root.tag",
        ])
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{} is not well-formed SVG: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn dot_export_is_accepted_by_graphviz() {
    let dot = ok(store(), &["export", "--format", "dot", "--quotations"]);
    assert!(dot.contains("digraph strikegraph"));
    for label in [
        "Ruth Wood",
        "British Medical",
        "Strike 2016-04-26",
        "organizer",
        "said",
        "Legend",
    ] {
        assert!(dot.contains(label), "{label} missing from the DOT");
    }
    let svg = graphviz(&dot);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("from-dot.svg");
    std::fs::write(&file, svg).expect("write");
    assert_svg(&file);
}

#[test]
fn svg_export_is_well_formed_with_both_renderers() {
    let dir = tempfile::tempdir().expect("temp dir");
    for renderer in ["graphviz", "builtin"] {
        let file = dir.path().join(format!("{renderer}.svg"));
        let path = file.to_str().expect("UTF-8 path");
        ok(
            store(),
            &[
                "export",
                "--output",
                path,
                "--renderer",
                renderer,
                "--quotations",
            ],
        );
        assert_svg(&file);
        let svg = std::fs::read_to_string(&file).expect("read");
        assert!(svg.contains("Ruth Wood"), "{renderer}: no Ruth Wood");
    }
}

#[test]
fn views_focus_kind_article_and_cap() {
    let focus = ok(
        store(),
        &[
            "export",
            "--format",
            "dot",
            "--focus",
            "ruth wood",
            "--depth",
            "1",
        ],
    );
    assert!(focus.contains("\"Kent\""));
    assert!(
        !focus.contains("British Medical"),
        "BMA is two steps from Ruth Wood"
    );
    let people = ok(store(), &["export", "--format", "dot", "--kind", "person"]);
    assert!(people.contains("Jeremy Hunt") && !people.contains("Kent\""));
    let article = ok(
        store(),
        &[
            "export",
            "--format",
            "dot",
            "--article",
            "003_69877dbb78005c4e",
        ],
    );
    assert!(article.contains("Ruth Wood") && !article.contains("Rebecca Davies"));
    let capped = ok(store(), &["export", "--format", "dot", "--max-nodes", "5"]);
    assert!(capped.starts_with("// strikegraph: 5 nodes"));
    assert!(capped
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with("// ") && l.contains("left out")));
    assert!(capped.contains("legend_note"));
    graphviz(&capped);
    let missing = run(
        store(),
        &["export", "--format", "dot", "--focus", "Nobody Atall"],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no entity is called"));
}

#[test]
fn a_path_links_ruth_wood_to_the_strike_of_26_april() {
    let json = ok(
        store(),
        &[
            "path",
            "Ruth Wood",
            "Strike of 2016-04-26",
            "--format",
            "json",
        ],
    );
    let path: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(path["from"]["name"], "Ruth Wood");
    assert!(path["to"]["iri"]
        .as_str()
        .is_some_and(|i| i.ends_with("strike/2016-04-26-british-medical-association")));
    let steps = path["steps"].as_array().expect("steps");
    assert!(!steps.is_empty());
    assert_eq!(steps[0]["from"], "Ruth Wood");
    assert!(steps
        .last()
        .and_then(|s| s["to"].as_str())
        .is_some_and(|t| t.starts_with("Strike 2016-04-26")));
    for step in steps {
        let articles = step["articles"].as_array().expect("articles");
        assert!(!articles.is_empty(), "every step names its article: {step}");
    }
    // The table says the same, one row per step.
    let table = ok(store(), &["path", "Ruth Wood", "2016-04-26"]);
    assert!(table.contains("homeLocation") && table.contains(&format!("({} rows)", steps.len())));
}

#[test]
fn rank_puts_the_bma_or_jeremy_hunt_at_the_top() {
    let csv = ok(store(), &["rank", "--limit", "3", "--format", "csv"]);
    let names: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert_eq!(names.len(), 3, "{csv}");
    assert!(
        names
            .iter()
            .any(|n| *n == "British Medical Association" || *n == "Jeremy Hunt"),
        "{csv}"
    );
    let people = ok(store(), &["rank", "--kind", "person", "--format", "json"]);
    let people: serde_json::Value = serde_json::from_str(&people).expect("JSON");
    let people = people.as_array().expect("array");
    assert!(people.iter().all(|p| p["kind"] == "person"));
    assert!(people.iter().any(|p| p["name"] == "Jeremy Hunt"));
}

#[test]
fn components_group_the_strikes_with_their_organiser() {
    let json = ok(store(), &["components", "--format", "json"]);
    let clusters: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let first = &clusters[0];
    let members: Vec<&str> = first["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert!(members.contains(&"British Medical Association"));
    assert!(members.contains(&"Ruth Wood"));
    assert!(clusters
        .as_array()
        .expect("array")
        .iter()
        .all(|c| c["size"].as_u64() >= Some(2)));
}
