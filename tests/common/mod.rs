//! Helpers shared by the integration tests: the binary, and a generator of invented
//! articles.
#![allow(dead_code)] // each test crate uses its own subset

use std::process::Command;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_strikegraph"))
}

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        items[(self.0 % items.len() as u64) as usize]
    }
}

/// `n` invented articles, one JSON Lines record each, ids `gen-0000`, `gen-0001`, ...
pub fn corpus(n: usize) -> String {
    corpus_with_prefix(n, "gen")
}

/// Like [`corpus`], with ids `{prefix}-0000`, ...
pub fn corpus_with_prefix(n: usize, prefix: &str) -> String {
    let given = [
        "Ilsa", "Tobin", "Marek", "Noor", "Perrin", "Wenna", "Corin", "Elspet",
    ];
    let family = [
        "Harrowgate",
        "Quennell",
        "Ambry",
        "Tolliver",
        "Festing",
        "Blaney",
        "Orchard",
    ];
    let towns = [
        "Westermoor",
        "Calder Reach",
        "Pellingham",
        "Ostry",
        "Marrowby",
    ];
    let unions = [
        "Guild of Ferry Pilots",
        "Union of Mill Engineers",
        "Federation of Signal Staff",
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut out = String::new();
    for i in 0..n {
        let person = format!("{} {}", rng.pick(&given), rng.pick(&family));
        let (town, union, day) = (rng.pick(&towns), rng.pick(&unions), rng.pick(&days));
        let text = format!(
            "Members of the {union} in {town} will strike on {day}, the union said.\n\n\
             {person}, a spokesman for the {union}, said: \"We have been left with no choice.\"\n\n\
             Talks at the {town} depot broke down after {n} hours.",
            n = i % 11 + 2
        );
        let record = serde_json::json!({
            "id": format!("{prefix}-{i:04}"),
            "text": text,
            "published": format!("2031-{:02}-{:02}", i % 12 + 1, i % 27 + 1),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}
