//! Two processes on one store: while an ingest writes, a second writer is turned away
//! with a clear message and exit status 2, and the read-only commands keep working.

mod common;
use common::{bin, corpus, corpus_with_prefix, run};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts that a writer was turned away because the store is in use.
fn assert_in_use(out: &Output, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(
        err.contains("in use by another strikegraph process"),
        "{what}: no clear message: {err}"
    );
    assert!(
        err.contains("Read-only commands"),
        "{what}: the message does not say reads still work: {err}"
    );
    for raw in ["IO error", "LOCK", "Resource temporarily unavailable"] {
        assert!(!err.contains(raw), "{what}: a raw RocksDB error: {err}");
    }
}

/// Waits until `child` holds a POSIX lock (RocksDB locks its `LOCK` file with `fcntl`).
#[cfg(target_os = "linux")]
fn wait_for_lock(child: &mut std::process::Child) {
    let pid = child.id().to_string();
    let started = Instant::now();
    loop {
        let locks = std::fs::read_to_string("/proc/locks").expect("/proc/locks is readable");
        if locks
            .lines()
            .any(|l| l.split_whitespace().nth(4) == Some(pid.as_str()))
        {
            return;
        }
        assert!(
            child.try_wait().expect("status").is_none(),
            "the ingest ended before it was seen holding the store"
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the ingest never took the store's lock"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(not(target_os = "linux"))]
fn wait_for_lock(_child: &mut std::process::Child) {
    std::thread::sleep(Duration::from_secs(1));
}

#[test]
fn a_second_writer_is_refused_while_readers_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    std::fs::write(&first, corpus_with_prefix(5, "early")).expect("write");
    std::fs::write(&second, corpus(300)).expect("write");
    let out = run(&store, &["ingest", first.to_str().expect("UTF-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut ingest = bin()
        .arg("--store")
        .arg(&store)
        .args(["ingest", second.to_str().expect("UTF-8 path")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ingest starts");

    // Wait until the ingest holds the store's lock. Probing with a writer could take the
    // lock first and make the ingest fail, so the lock table is read instead.
    wait_for_lock(&mut ingest);
    let refused = run(&store, &["remove", "no-such-article"]);
    assert_in_use(&refused, "remove");
    assert_in_use(
        &run(&store, &["ingest", first.to_str().expect("UTF-8 path")]),
        "a second ingest",
    );
    assert_in_use(
        &run(
            &store,
            &["serve", "--allow-update", "--bind", "127.0.0.1:0"],
        ),
        "serve --allow-update",
    );

    // Readers work meanwhile, and see at least what was there before.
    let query = run(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a schema:identifier ?id FILTER(STRSTARTS(?id, \"early-\")) }",
        ],
    );
    assert!(query.status.success(), "query: {}", stderr(&query));
    assert_eq!(
        String::from_utf8_lossy(&query.stdout).lines().nth(1),
        Some("5")
    );
    let stats = run(&store, &["stats"]);
    assert!(stats.status.success(), "stats: {}", stderr(&stats));
    let export = run(&store, &["export", "--format", "nquads"]);
    assert!(export.status.success(), "export: {}", stderr(&export));
    assert!(String::from_utf8_lossy(&export.stdout).contains("/article/early-0000>"));
    assert!(
        ingest.try_wait().expect("status").is_none(),
        "the ingest ended before the readers ran; the test proved nothing"
    );

    // When the ingest is done the store takes a writer again.
    assert!(ingest.wait().expect("ingest ends").success());
    let out = run(&store, &["remove", "early-0000"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
