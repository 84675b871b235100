//! The HTTP side of `strikegraph serve` on any request: the method, path, headers and body
//! come from the input, the answer must never be a 500 (503 is a query stopped at the time
//! limit). The store is in memory, with one invented article.
#![no_main]

use axum::body::Body;
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use strikegraph::serve::{app, Limits, ServeState};
use strikegraph::{Document, Store};
use tower::ServiceExt as _;

const ARTICLE: &str = "Members of the Guild of Ferry Pilots in Westermoor will strike on Friday.\n\
Ilsa Quennell, a spokesman for the guild, said: \"We were left no choice.\"\n";

fn state() -> Arc<ServeState> {
    static STATE: OnceLock<Arc<ServeState>> = OnceLock::new();
    Arc::clone(STATE.get_or_init(|| {
        let store = Store::in_memory().expect("an in-memory store");
        let doc = Document::new("fuzz-article", ARTICLE)
            .with_published(chrono::NaiveDate::from_ymd_opt(2031, 3, 4).expect("a date"));
        strikegraph::ingest::ingest(&store, std::iter::once(Ok(doc)), None, |_| {})
            .expect("ingest");
        let base = store.settle_base(None).expect("a base").base().to_owned();
        let limits = Limits {
            timeout: Duration::from_millis(500),
            max_results: 1000,
            max_body: 64 * 1024,
            ..Limits::default()
        };
        ServeState::new(store, &base, "http://localhost/", limits)
    }))
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
    })
}

/// Input layout: one byte for the method, then `path \n header: value \n ... \n\n body`.
fn request(data: &[u8]) -> Option<Request<Body>> {
    let (&method, rest) = data.split_first()?;
    let method = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE"][usize::from(method) % 6];
    let split = rest
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(rest.len());
    let head = String::from_utf8_lossy(&rest[..split]);
    let body = rest.get(split + 2..).unwrap_or_default().to_vec();
    let mut lines = head.split('\n');
    let path = lines.next().unwrap_or("/");
    let mut builder = Request::builder().method(method).uri(path);
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            builder = builder.header(name.trim(), value.trim());
        }
    }
    // An input that is not a valid HTTP request never reaches the handlers.
    builder.body(Body::from(body)).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = request(data) else {
        return;
    };
    let router = app(state());
    let status = runtime().block_on(async move {
        let response = router.oneshot(request).await.expect("infallible");
        let status = response.status();
        let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await;
        status
    });
    assert!(
        !status.is_server_error() || status.as_u16() == 503,
        "answered {status}"
    );
});
