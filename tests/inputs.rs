//! Bad inputs beside good ones: every good article is ingested, every bad input is reported
//! with its location and reason, nothing panics, and the exit status says some were
//! skipped (1, or 2 with --strict).

mod common;
use common::run;
use std::fs;
use std::path::Path;
use std::process::Output;

fn ingest(store: &Path, args: &[&str]) -> Output {
    run(store, &[&["ingest"], args].concat())
}

fn article(topic: &str) -> String {
    format!(
        "Staff at the Fennick Road depot will strike on Monday over {topic}, the Guild of \
         Tram Crews said.\n\nOrla Penhallow, a steward for the guild, said: \"We asked for talks.\"\n"
    )
}

#[cfg(unix)]
#[test]
fn bad_inputs_are_reported_and_skipped_good_ones_ingested() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let store = dir.path().join("store");
    fs::create_dir(&corpus).expect("mkdir");
    let put = |name: &str, bytes: &[u8]| fs::write(corpus.join(name), bytes).expect("write");

    // Good articles, in every form a folder may hold them.
    put("good-plain.txt", article("rotas").as_bytes());
    put("good-notes.md", article("pay").as_bytes());
    let mut latin1 = article("breaks").into_bytes();
    latin1.extend_from_slice(b"The caf\xe9 stays shut.\n");
    let bad_byte = latin1.len() - 14;
    put("good-latin1.txt", &latin1);
    fs::create_dir(corpus.join("folder.txt")).expect("mkdir");
    fs::write(
        corpus.join("folder.txt").join("good-nested.txt"),
        article("uniforms"),
    )
    .expect("write");
    let record = |id: &str, topic: &str| {
        serde_json::json!({"id": id, "text": article(topic), "published": "2030-06-03"}).to_string()
    };
    let jsonl = [
        record("good-line-1", "parking"),
        "{\"id\": \"broken\", \"text\": ".to_owned(),
        "{\"text\": \"A record with no id.\"}".to_owned(),
        "{\"id\": \"no-text\"}".to_owned(),
        "{\"id\": \"a/b\", \"text\": \"A slash in the id.\"}".to_owned(),
        String::new(),
        record("good-line-2", "heating"),
        record("good-line-2", "heating again"),
    ]
    .join("\n");
    put("feed.jsonl", jsonl.as_bytes());

    // Bad files.
    put("binary.txt", b"\x7fELF\x00\x01\x02 not text");
    put("empty.txt", b"");
    put("blank.md", b"   \n\t\n");
    let huge = vec![b'a'; strikegraph::corpus::MAX_DOCUMENT_BYTES + 1];
    put("huge.txt", &huge);
    std::os::unix::fs::symlink(corpus.join("gone.txt"), corpus.join("dangling.txt"))
        .expect("symlink");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(corpus.join("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    fs::create_dir(corpus.join("meta")).expect("mkdir");
    fs::write(corpus.join("meta").join("metadata.json"), "{\"x\": [").expect("write");
    fs::write(
        corpus.join("meta").join("good-undated.txt"),
        article("lockers"),
    )
    .expect("write");
    let missing = dir.path().join("not-there.txt");

    let corpus_arg = corpus.to_str().expect("UTF-8 path");
    let missing_arg = missing.to_str().expect("UTF-8 path");
    let out = ingest(&store, &[corpus_arg, missing_arg]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs were skipped: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // Every bad input is named with its reason.
    let expect = |location: &str, reason: &str| {
        assert!(
            err.lines()
                .any(|l| l.starts_with("skipped ") && l.contains(location) && l.contains(reason)),
            "no report of {location} ({reason}) in:\n{err}"
        );
    };
    expect("feed.jsonl:2", "invalid JSON");
    expect("feed.jsonl:3", "no \"id\"");
    expect("feed.jsonl:4", "no \"text\"");
    expect("feed.jsonl:5", "slash");
    expect("feed.jsonl:8", "already read");
    expect("binary.txt", "binary");
    expect("empty.txt", "empty");
    expect("blank.md", "empty");
    expect("huge.txt", "16 MiB");
    expect("dangling.txt", "symbolic link to nothing");
    expect("not-there.txt", "no such file");
    expect("metadata.json", "metadata ignored");
    if made_fifo {
        expect("pipe.txt", "not a regular file");
    }
    // Invalid UTF-8 is decoded, with a warning naming the file and the first bad byte.
    assert!(
        err.lines().any(|l| l.contains("good-latin1.txt")
            && l.contains(&format!("byte {bad_byte}"))
            && l.contains("invalid UTF-8")),
        "no warning for the invalid UTF-8:\n{err}"
    );
    // The summary counts the skips by reason.
    let summary = err
        .lines()
        .find(|l| l.contains(" articles ("))
        .unwrap_or_else(|| panic!("no summary line in:\n{err}"));
    let skipped = 12 + usize::from(made_fifo);
    assert!(
        summary.starts_with("7 articles (7 new, 0 replaced, 0 unchanged)")
            && summary.contains(&format!("{skipped} skipped ("))
            && summary.contains("2 empty")
            && summary.contains("2 missing")
            && summary.contains("1 binary")
            && summary.contains("1 duplicate id"),
        "{summary}"
    );

    // Every good article is in the store.
    let out = run(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } ORDER BY ?id",
        ],
    );
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.trim_end().to_owned())
        .collect();
    assert_eq!(
        ids,
        [
            "good-latin1",
            "good-line-1",
            "good-line-2",
            "good-nested",
            "good-notes",
            "good-plain",
            "good-undated",
        ]
    );

    // --strict turns the skips into a failure.
    let strict = ingest(&store, &["--strict", corpus_arg]);
    assert_eq!(
        strict.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&strict.stderr)
    );
}

/// Issue 21: a byte order mark before the first record (or a text) is not part of it;
/// ids `.` and `..` are refused like other bad ids, with their location; a publication
/// date that is not a date is left out with a warning naming its place, and the article
/// is read undated.
#[test]
fn marks_dot_ids_and_bad_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let store = dir.path().join("store");
    fs::create_dir(&corpus).expect("mkdir");
    let record = |id: &str, published: serde_json::Value| {
        serde_json::json!({"id": id, "text": article(id), "published": published}).to_string()
    };
    let feed = [
        record("first", "2030-06-03".into()),
        record(".", "2030-06-03".into()),
        record("..", "2030-06-03".into()),
        record("undated-text", "the third of June".into()),
        record("undated-number", 20300603.into()),
        record("blank-date", "".into()),
    ]
    .join("\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(feed.as_bytes());
    fs::write(corpus.join("feed.jsonl"), bytes).expect("write");
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend_from_slice(article("marked").as_bytes());
    fs::write(corpus.join("marked.txt"), text).expect("write");
    fs::create_dir(corpus.join("meta")).expect("mkdir");
    fs::write(
        corpus.join("meta").join("metadata.json"),
        r#"{"dated-badly": {"published": "Juneteenth", "url": "javascript:alert(1)"}}"#,
    )
    .expect("write");
    fs::write(
        corpus.join("meta").join("dated-badly.txt"),
        article("badges"),
    )
    .expect("write");

    let out = ingest(&store, &[corpus.to_str().expect("UTF-8 path")]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "the dot ids are skips: {err}");
    let line = |needle: &str, what: &str| {
        assert!(
            err.lines().any(|l| l.contains(needle) && l.contains(what)),
            "nothing about {what} at {needle} in:\n{err}"
        );
    };
    line("feed.jsonl:2", "skipped");
    line("feed.jsonl:3", "skipped");
    line("feed.jsonl:4", "\"the third of June\" is not a date");
    line("feed.jsonl:5", "not a string");
    line(
        "dated-badly.txt (in metadata.json)",
        "\"Juneteenth\" is not a date",
    );
    line("dated-badly.txt (in metadata.json)", "url");
    assert!(!err.contains("feed.jsonl:1"), "{err}");
    assert!(
        !err.contains("feed.jsonl:6"),
        "a blank date is no date: {err}"
    );
    let summary = err
        .lines()
        .find(|l| l.contains(" articles ("))
        .unwrap_or_else(|| panic!("no summary line in:\n{err}"));
    assert!(
        summary.starts_with("6 articles (6 new") && summary.contains("2 skipped (2 bad id)"),
        "{summary}"
    );

    let rows = |query: &str| -> Vec<String> {
        let out = run(&store, &["query", "--format", "csv", query]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .map(|l| l.trim_end().to_owned())
            .collect()
    };
    assert_eq!(
        rows(
            "SELECT ?id ?d WHERE { ?a a schema:NewsArticle ; schema:identifier ?id
                OPTIONAL { ?a schema:datePublished ?d } } ORDER BY ?id"
        ),
        [
            "blank-date,",
            "dated-badly,",
            "first,2030-06-03",
            "marked,",
            "undated-number,",
            "undated-text,",
        ]
    );
    // The mark is not the first character of the text: offsets count from the words.
    assert_eq!(
        rows("SELECT ?text WHERE { ?a schema:identifier \"marked\" . GRAPH ?a { ?c nif:isString ?text } }")
            .first()
            .map(|t| t.trim_start_matches('"').starts_with("Staff at")),
        Some(true)
    );
    assert_eq!(
        rows("SELECT ?u WHERE { ?a schema:url ?u }"),
        Vec::<String>::new()
    );
}
