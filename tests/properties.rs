//! Properties over generated input: the readers and the extractors never panic, every span
//! they give lies on `char` boundaries inside the text, extraction is deterministic, and
//! ingesting the same input again gives the same graph.
//!
//! Case counts are kept small so the suite stays quick; `PROPTEST_CASES` raises them.

use proptest::prelude::*;
use strikegraph::corpus::{self, JsonLines};
use strikegraph::extract::{self, Context, Extraction, Gazetteer};
use strikegraph::text::{Layout, Span};
use strikegraph::{Document, Store};

/// `PROPTEST_CASES` if set (for a longer hunt), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Words the extractors react to, so generated text reaches past the first checks.
const WORDS: &[&str] = &[
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "said",
    "says",
    "told",
    "added",
    "strike",
    "strikes",
    "walkout",
    "will",
    "on",
    "from",
    "until",
    "to",
    "and",
    "the",
    "of",
    "in",
    "at",
    "a",
    "spokesman",
    "for",
    "Monday",
    "Friday",
    "Saturday",
    "April",
    "May",
    "26",
    "27",
    "8am",
    "2031",
    "1st",
    "next",
    "week",
    "last",
    "Hospital",
    "Trust",
    "Union",
    "Council",
    "Guild",
    "Ferry",
    "Pilots",
    "Ilsa",
    "Quennell",
    "Westermoor",
    "Calder",
    "Reach",
    "secretary",
    "chief",
    "executive",
    "nurse",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "(",
    ")",
    "-",
    "–",
    "—",
    ",",
    ".",
    ":",
    ";",
    "?",
    "é",
    "ß",
    "日本",
    "🙂",
    "\u{200b}",
    "\u{fffd}",
    "NHS",
    "BMA",
    "GMB",
];
const GAPS: &[&str] = &[
    " ", " ", " ", "\n", "\n\n", ", ", ". ", " \"", "\" ", "\t", "\r\n",
];

/// Text made of extractor-relevant words, or any string at all.
fn article_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(
            (prop::sample::select(WORDS), prop::sample::select(GAPS)),
            0..120
        )
        .prop_map(|parts| parts.into_iter().map(|(w, g)| format!("{w}{g}")).collect()),
        1 => any::<String>(),
    ]
}

fn context() -> impl Strategy<Value = Context> {
    (
        prop::option::of((2000i32..2040, 1u32..13, 1u32..29)),
        prop::collection::vec(2000i32..2040, 0..3),
    )
        .prop_map(|(published, corpus_years)| Context {
            published: published.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            corpus_years,
            publisher: None,
        })
}

fn on_boundaries(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
    Ok(())
}

fn check_spans(text: &str, extraction: &Extraction) -> Result<(), TestCaseError> {
    for entity in &extraction.entities {
        for &span in &entity.mentions {
            on_boundaries(text, span, "mention")?;
        }
    }
    for fact in &extraction.facts {
        on_boundaries(text, fact.evidence, "evidence")?;
    }
    for strike in &extraction.strikes {
        for &span in &strike.mentions {
            on_boundaries(text, span, "strike mention")?;
        }
    }
    for quote in &extraction.quotes {
        on_boundaries(text, quote.span, "quotation")?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    #[test]
    fn extraction_never_panics_keeps_spans_on_boundaries_and_is_deterministic(
        text in article_text(),
        context in context(),
    ) {
        let gazetteer = Gazetteer::builtin();
        let first = extract::extract(&text, &context, &gazetteer);
        check_spans(&text, &first)?;
        let second = extract::extract(&text, &context, &gazetteer);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn layout_spans_lie_on_boundaries_in_order(text in article_text()) {
        let layout = Layout::new(&text);
        let mut last = 0;
        for token in &layout.tokens {
            on_boundaries(&text, token.span, "token")?;
            prop_assert!(token.span.start >= last, "tokens out of order");
            last = token.span.end;
        }
        for paragraph in &layout.paragraphs {
            on_boundaries(&text, *paragraph, "paragraph")?;
        }
    }

    #[test]
    fn decoding_any_bytes_locates_the_first_bad_byte(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let (text, bad) = corpus::decode_text(bytes.clone());
        match bad {
            None => prop_assert_eq!(text.as_bytes(), &bytes[..]),
            Some(offset) => {
                prop_assert!(offset < bytes.len());
                prop_assert!(std::str::from_utf8(&bytes[..offset]).is_ok());
                prop_assert!(std::str::from_utf8(&bytes).is_err());
                prop_assert!(text.starts_with(std::str::from_utf8(&bytes[..offset]).unwrap_or("")));
            }
        }
    }

    #[test]
    fn the_text_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        match corpus::text_document(&bytes, "doc", "doc.txt") {
            Ok(doc) => prop_assert!(!doc.text.trim().is_empty()),
            Err(err) => prop_assert_eq!(err.location, "doc.txt"),
        }
    }

    #[test]
    fn the_json_lines_reader_takes_any_bytes(
        lines in prop::collection::vec(
            prop_oneof![
                prop::collection::vec(any::<u8>(), 0..200),
                (any::<String>(), article_text()).prop_map(|(id, text)| {
                    serde_json::json!({"id": id, "text": text}).to_string().into_bytes()
                }),
            ],
            0..12,
        )
    ) {
        let input = lines.join(&b'\n');
        let mut items = 0;
        for item in JsonLines::new(&input[..], "in.jsonl".into()) {
            items += 1;
            match item {
                Ok(doc) => prop_assert!(corpus::validate_id(&doc.id).is_ok()),
                Err(err) => prop_assert!(err.location.starts_with("in.jsonl:"), "{}", err.location),
            }
        }
        // At most one item a line (the generated bytes may hold line breaks of their own).
        prop_assert!(items <= input.split(|&b| b == b'\n').count());
    }
}

proptest! {
    // Each case builds stores, so fewer of them.
    #![proptest_config(ProptestConfig::with_cases(cases(16)))]

    #[test]
    fn ingesting_the_same_input_again_gives_the_same_graph(
        texts in prop::collection::vec(article_text(), 1..5)
    ) {
        let docs = || {
            texts
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(i, t)| Ok(Document::new(format!("doc-{i}"), t.clone())))
                .collect::<Vec<_>>()
        };
        let quads = |store: &Store| -> Vec<String> {
            let mut quads: Vec<String> = store
                .oxigraph()
                .iter()
                .map(|q| q.map(|q| q.to_string()).unwrap_or_default())
                .collect();
            quads.sort();
            quads
        };
        let store = Store::in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let first = strikegraph::ingest::ingest(&store, docs().into_iter(), &Default::default(), |_| {})
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let once = quads(&store);
        let again = strikegraph::ingest::ingest(&store, docs().into_iter(), &Default::default(), |_| {})
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again.unchanged, first.articles());
        prop_assert_eq!(again.added + again.replaced, 0);
        prop_assert_eq!(&quads(&store), &once);

        let fresh = Store::in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
        strikegraph::ingest::ingest(&fresh, docs().into_iter(), &Default::default(), |_| {})
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(quads(&fresh), once);
    }
}
