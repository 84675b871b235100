//! The extractors on any text: no panic, every span on `char` boundaries inside the text,
//! and the same output twice. The first byte picks a publication date (or none).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use strikegraph::extract::{extract, Context, Gazetteer};
use strikegraph::text::Span;

fn check(text: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let context = Context {
        published: (first & 1 == 1)
            .then(|| chrono::NaiveDate::from_ymd_opt(2031, u32::from(first % 12) + 1, 15))
            .flatten(),
        ..Context::default()
    };
    // Built once: compiling the word lists takes far longer than one extraction.
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    let gazetteer = GAZETTEER.get_or_init(Gazetteer::builtin);
    let once = extract(&text, &context, gazetteer);
    for entity in &once.entities {
        entity.mentions.iter().for_each(|&s| check(&text, s));
    }
    once.facts.iter().for_each(|f| check(&text, f.evidence));
    for strike in &once.strikes {
        strike.mentions.iter().for_each(|&s| check(&text, s));
    }
    once.quotes.iter().for_each(|q| check(&text, q.span));
    assert_eq!(once, extract(&text, &context, gazetteer));
});
