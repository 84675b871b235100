//! The generated corpus against the extractor: the people and strikes the generator wrote
//! into an article are what strikegraph's extractor should find in it.

use std::collections::BTreeSet;
use strikegraph::corpus::generate::{GeneratedArticle, Generator};
use strikegraph::extract::{extract, Context, EntityKind, Extraction, Gazetteer};

fn run(article: &GeneratedArticle, gazetteer: &Gazetteer) -> Extraction {
    let doc = article.to_document();
    extract(&doc.text, &Context::for_document(&doc), gazetteer)
}

fn people(extraction: &Extraction) -> BTreeSet<String> {
    extraction
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.clone())
        .collect()
}

/// One article, checked in full: every person and every strike start.
#[test]
fn the_extractor_finds_what_the_generator_wrote_in_a_sample_article() {
    let gazetteer = Gazetteer::builtin();
    let article = Generator::new(2024).article(0);
    let extraction = run(&article, &gazetteer);
    let found = people(&extraction);
    for person in &article.people {
        assert!(
            found.contains(person),
            "{person} not found; found {found:?}\n{}",
            article.text
        );
    }
    let starts: BTreeSet<_> = extraction.strikes.iter().map(|s| s.start).collect();
    for start in &article.strikes {
        assert!(
            starts.contains(start),
            "strike on {start} not found; found {starts:?}\n{}",
            article.text
        );
    }
    assert!(extraction.quotes.iter().any(|q| q.speaker.is_some()));
}

/// Across many articles and all the templates: recall of people and strikes.
#[test]
fn the_extractor_recalls_most_people_and_strikes_of_a_generated_corpus() {
    let gazetteer = Gazetteer::builtin();
    let generator = Generator::new(99);
    let (mut people_total, mut people_found) = (0, 0);
    let (mut strikes_total, mut strikes_found) = (0, 0);
    let mut misses = Vec::new();
    for index in 0..300 {
        let article = generator.article(index);
        let extraction = run(&article, &gazetteer);
        let found = people(&extraction);
        for person in &article.people {
            people_total += 1;
            if found.contains(person) {
                people_found += 1;
            } else if misses.len() < 10 {
                misses.push(format!("{}: person {person}", article.id));
            }
        }
        let starts: BTreeSet<_> = extraction.strikes.iter().map(|s| s.start).collect();
        for start in &article.strikes {
            strikes_total += 1;
            if starts.contains(start) {
                strikes_found += 1;
            } else if misses.len() < 10 {
                misses.push(format!("{}: strike {start}", article.id));
            }
        }
    }
    let people_recall = people_found as f64 / people_total as f64;
    let strike_recall = strikes_found as f64 / strikes_total as f64;
    eprintln!("people {people_found}/{people_total}, strikes {strikes_found}/{strikes_total}; first misses: {misses:#?}");
    assert!(people_recall >= 0.95, "people recall {people_recall:.3}");
    assert!(strike_recall >= 0.95, "strike recall {strike_recall:.3}");
}

/// The generator writes its own text: no run of six words from the seed articles appears in
/// a sample of its articles.
#[test]
fn generated_text_shares_no_six_word_run_with_the_seeds() -> std::io::Result<()> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut seed_runs = BTreeSet::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let w = words(&std::fs::read_to_string(&path)?);
            seed_runs.extend(w.windows(6).map(|r| r.join(" ")));
        }
    }
    assert!(seed_runs.len() > 1000, "the seeds were read");
    let generator = Generator::new(5);
    for index in 0..300 {
        let article = generator.article(index);
        let w = words(&format!("{}\n{}", article.title, article.text));
        for run in w.windows(6) {
            let run = run.join(" ");
            assert!(!seed_runs.contains(&run), "{}: {run:?}", article.id);
        }
    }
    Ok(())
}
