//! The readers on any bytes: a text file and a JSON Lines stream. They may refuse input,
//! never panic, and what they accept is a document with a valid id and some text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strikegraph::corpus::{self, JsonLines};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = corpus::text_document(data, "doc", "doc.txt") {
        assert!(!doc.text.trim().is_empty());
    }
    for item in JsonLines::new(data, "in.jsonl".into()) {
        match item {
            Ok(doc) => {
                assert!(corpus::validate_id(&doc.id).is_ok());
                assert!(!doc.text.trim().is_empty());
            }
            Err(err) => assert!(err.location.starts_with("in.jsonl:")),
        }
    }
});
