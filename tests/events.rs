//! Strikes as events: one node per action across articles, its dated story (`timeline`),
//! the latest status in the merged graph, and where articles disagree (`conflicts`).

mod common;
use common::{ok, seeds};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Four short reports of one dispute, days apart: the first announces a three-day strike and
/// a second one, the next cuts the first to two days, another mentions it without naming the
/// union, the last calls the second strike off.
const REPORTS: &[(&str, &str, &str)] = &[
    (
        "a1",
        "2025-03-03",
        "Members of the Northvale Nurses Union will strike for three days from Monday 10 March to Wednesday 12 March at Eastvale General Hospital, the union said. A second strike is planned for Monday 24 March.",
    ),
    (
        "b2",
        "2025-03-06",
        "The Northvale Nurses Union has cut its strike at Eastvale General Hospital to two days, from Monday 10 March to Tuesday 11 March.",
    ),
    (
        "c3",
        "2025-03-07",
        "Patients were told to expect delays when nurses walk out on 10 March.",
    ),
    (
        "d4",
        "2025-03-08",
        "The Northvale Nurses Union has called off the strike planned for 24 March at Eastvale General Hospital after a new pay offer.",
    ),
];

fn ingested() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).expect("texts folder");
    let mut metadata = serde_json::Map::new();
    for (id, published, text) in REPORTS {
        std::fs::write(texts.join(format!("{id}.txt")), text).expect("article written");
        metadata.insert(
            (*id).to_owned(),
            serde_json::json!({ "published": published, "publisher": "Northvale Post" }),
        );
    }
    std::fs::write(
        texts.join("metadata.json"),
        serde_json::to_string(&metadata).expect("JSON"),
    )
    .expect("metadata written");
    let store = dir.path().join("store");
    ok(&store, &["ingest", texts.to_str().expect("UTF-8 path")]);
    (dir, store)
}

fn json(store: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(store, args)).expect("JSON output")
}

fn story<'a>(timeline: &'a Value, start: &str) -> &'a Value {
    timeline
        .as_array()
        .expect("a list of strikes")
        .iter()
        .find(|s| s["start"] == start)
        .unwrap_or_else(|| panic!("no strike of {start} in {timeline}"))
}

fn claims(story: &Value) -> Vec<(String, String)> {
    story["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["article"].as_str().unwrap_or_default().to_owned(),
                c["phase"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn one_dispute_over_four_articles_is_one_node_per_strike_with_its_story() {
    let (_dir, store) = ingested();
    let timeline = json(
        &store,
        &[
            "timeline",
            "--organiser",
            "northvale nurses union",
            "--format",
            "json",
        ],
    );
    assert_eq!(timeline.as_array().map(Vec::len), Some(2), "{timeline}");
    let first = story(&timeline, "2025-03-10");
    // The article that names no union joins the one strike of that day.
    assert_eq!(
        claims(first),
        vec![
            ("a1".to_owned(), "planned".to_owned()),
            ("b2".to_owned(), "planned".to_owned()),
            ("c3".to_owned(), "planned".to_owned()),
        ]
    );
    assert_eq!(
        first["ends"],
        serde_json::json!(["2025-03-11", "2025-03-12"])
    );
    assert_eq!(first["status"], "EventScheduled");
    let second = story(&timeline, "2025-03-24");
    assert_eq!(
        claims(second),
        vec![
            ("a1".to_owned(), "planned".to_owned()),
            ("d4".to_owned(), "cancelled".to_owned()),
        ]
    );
    assert_eq!(second["status"], "EventCancelled");
    let iri = second["iri"].as_str().expect("an IRI");
    assert!(
        iri.ends_with("strike/2025-03-24-northvale-nurses-union"),
        "{iri}"
    );
}

#[test]
fn conflicts_lists_both_end_dates_with_their_articles_and_sentences() {
    let (_dir, store) = ingested();
    let found = json(
        &store,
        &["conflicts", "--kind", "strike", "--format", "json"],
    );
    let list = found.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{found}");
    assert_eq!(list[0]["property"], "endDate");
    let sides: Vec<(String, String, String)> = list[0]["sides"]
        .as_array()
        .expect("sides")
        .iter()
        .map(|s| {
            (
                s["article"].as_str().unwrap_or_default().to_owned(),
                s["published"].as_str().unwrap_or_default().to_owned(),
                s["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        sides,
        vec![
            ("a1".into(), "2025-03-03".into(), "2025-03-12".into()),
            ("b2".into(), "2025-03-06".into(), "2025-03-11".into()),
        ]
    );
    let sentence = list[0]["sides"][1]["sentence"].as_str().unwrap_or_default();
    assert!(sentence.contains("two days"), "{sentence}");
    // Nothing else disagrees: the organiser is one body in every article.
    let all = json(&store, &["conflicts", "--format", "json"]);
    assert_eq!(all.as_array().map(Vec::len), Some(1), "{all}");
}

#[test]
fn removing_the_article_that_called_it_off_restores_the_earlier_status() {
    let (_dir, store) = ingested();
    ok(&store, &["remove", "d4"]);
    let timeline = json(&store, &["timeline", "--format", "json"]);
    assert_eq!(story(&timeline, "2025-03-24")["status"], "EventScheduled");
}

#[test]
fn the_seed_strike_of_26_april_is_planned_then_happening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    ok(&store, &["ingest", seeds().to_str().expect("UTF-8 path")]);
    let timeline = json(
        &store,
        &["timeline", "--organiser", "BMA", "--format", "json"],
    );
    let dated: Vec<(String, String)> = story(&timeline, "2016-04-26")["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| {
            Some((
                c["published"].as_str()?.to_owned(),
                c["phase"].as_str()?.to_owned(),
            ))
        })
        .collect();
    assert_eq!(
        dated,
        vec![
            ("2016-04-06".to_owned(), "planned".to_owned()),
            ("2016-04-26".to_owned(), "happening".to_owned()),
        ]
    );
    let csv = ok(&store, &["timeline", "--format", "csv"]);
    assert!(csv.starts_with("start,end,organisers,status"), "{csv}");
}

#[test]
fn the_timeline_svg_draws_one_bar_a_strike_and_crosses_out_the_called_off_one() {
    let (dir, store) = ingested();
    let file = dir.path().join("timeline.svg");
    ok(
        &store,
        &[
            "timeline",
            "--organiser",
            "Northvale Nurses Union",
            "--format",
            "svg",
            "--output",
            file.to_str().expect("UTF-8 path"),
        ],
    );
    let svg = std::fs::read_to_string(&file).expect("an SVG file");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert_eq!(svg.matches("<rect ").count(), 2, "{svg}");
    // The strike called off is crossed out in red; the other is not.
    assert_eq!(svg.matches("stroke=\"#c62828\"").count(), 1, "{svg}");
    assert!(svg.contains("2025-03-08: cancelled (d4)"), "{svg}");
    // An output file is for pictures only.
    let out = common::run(
        &store,
        &["timeline", "--format", "csv", "--output", "x.csv"],
    );
    assert_eq!(out.status.code(), Some(2));
}
