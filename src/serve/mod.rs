//! `strikegraph serve`: the store over HTTP. The only module that knows HTTP.
//!
//! - `/sparql` — the SPARQL 1.1 Protocol: `GET ?query=`, `POST` form-encoded (`query=`)
//!   or `application/sparql-query`. Results by `Accept` (SPARQL JSON by default, XML, CSV,
//!   TSV; CONSTRUCT/DESCRIBE as Turtle by default, JSON-LD, N-Triples, RDF/XML). Updates
//!   are refused (403) unless the server was started with `--allow-update`. Each query runs
//!   on a blocking thread under a time limit (it is cancelled at the limit: 503) and a limit
//!   on the number of results (400, add a `LIMIT`). Request bodies are capped (413).
//! - Every other path is an entity IRI: `GET /person/alan-marsh` describes
//!   `{base}person/alan-marsh` (its own triples in all graphs, the triples that point at
//!   it, the quotations it said and the articles that mention it), as Turtle, JSON-LD,
//!   N-Triples, RDF/XML or HTML by `Accept` or by the suffixes `.ttl`, `.jsonld`, `.nt`,
//!   `.rdf`, `.html`. A description holds at most `--max-results` triples.
//!
//!   **Direct answers, no 303.** The IRIs name people and strikes, not documents, and the
//!   httpRange-14 convention would redirect (303 See Other) to a document about them. We
//!   answer the IRI directly with 200 and the description instead: one round trip, simple
//!   caching, no redirect for clients to follow, and the `.ttl`/`.html` variants name the
//!   documents for anyone who needs a document IRI (a negotiated answer says which in
//!   `Content-Location`). Answers carry `Vary: Accept`, an `ETag` (a hash of the body) and
//!   honour `If-None-Match` (304). Unknown IRIs are 404.
//! - `/` (a home page with counts and the entities by kind), `/search?q=` (by name),
//!   `/ontology` (the terms of the `sg:` ontology), `/.well-known/void` (the VoID and DCAT
//!   description, Turtle), `/dump.nq` (every quad) and `/dump.ttl` (their union). The
//!   dumps are streamed as they are written, gzipped when the client accepts gzip.
//!
//! The documents are built by [`crate::site`], which `strikegraph publish` uses to write
//! the same ones as static files.
//!
//! Every answer allows any origin (`Access-Control-Allow-Origin: *`) and `OPTIONS` answers
//! CORS preflights.

mod negotiate;
mod pages;
mod sparql;

use crate::store::{Store, StoreError};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::sparql::CancellationToken;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use negotiate::choose as negotiate;

/// What the server may do, and how much.
#[derive(Debug, Clone)]
pub struct Limits {
    /// How long one query may run.
    pub timeout: Duration,
    /// How many solutions (SELECT) or triples (CONSTRUCT/DESCRIBE) one answer may hold.
    pub max_results: usize,
    /// The largest request body taken, in bytes.
    pub max_body: usize,
    /// Whether SPARQL Update is allowed (the store must then be open for writing).
    pub allow_update: bool,
    /// How many queries and descriptions may be evaluated at once; more wait (up to the
    /// time limit) for a turn, then get a 503.
    pub max_running: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            max_results: 10_000,
            max_body: 1024 * 1024,
            allow_update: false,
            max_running: std::thread::available_parallelism()
                .map_or(4, |n| 2 * n.get())
                .max(4),
        }
    }
}

/// The server's state: the store, its IRI base and the limits.
pub struct ServeState {
    store: Store,
    /// The IRI base of the entities, as recorded in the store (ends with `/` or `#`).
    base: String,
    /// Where this server is reachable (ends with `/`), for the VoID description.
    public_url: String,
    limits: Limits,
    /// Turns to evaluate (see [`Limits::max_running`]); a turn is held by the worker
    /// thread, so a query still running past its answer keeps its turn until it stops.
    running: Arc<tokio::sync::Semaphore>,
}

impl ServeState {
    /// `base` is the store's IRI base (`Store::settle_base`), `public_url` the address the
    /// server is reached at (used in the VoID description).
    pub fn new(store: Store, base: &str, public_url: &str, limits: Limits) -> Arc<Self> {
        let mut public_url = public_url.to_owned();
        if !public_url.ends_with('/') {
            public_url.push('/');
        }
        let running = Arc::new(tokio::sync::Semaphore::new(limits.max_running.max(1)));
        Arc::new(Self {
            store,
            base: base.to_owned(),
            public_url,
            limits,
            running,
        })
    }
}

impl ServeState {
    /// The documents of the store, as this server publishes them.
    fn site(&self) -> crate::site::Site<'_> {
        crate::site::Site {
            store: &self.store,
            base: &self.base,
            public_url: &self.public_url,
            live: true,
            max_triples: self.limits.max_results,
        }
    }
}

type State = axum::extract::State<Arc<ServeState>>;

/// The routing table. Any path not listed here is an entity IRI under the store's base.
pub fn app(state: Arc<ServeState>) -> Router {
    let max_body = state.limits.max_body;
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/sparql", get(sparql::handle).post(sparql::handle))
        .route("/.well-known/void", get(pages::void))
        .route("/dump.nq", get(pages::dump_nquads))
        .route("/dump.ttl", get(pages::dump_turtle))
        .fallback(pages::resource)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(cors))
        .with_state(state)
}

/// Serves `app` on `listener` until Ctrl-C (or SIGTERM on Unix).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<ServeState>,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// CORS: any origin may read; `OPTIONS` is answered here as a preflight.
async fn cors(request: Request, next: Next) -> Response {
    let star = HeaderValue::from_static("*");
    if request.method() == Method::OPTIONS {
        let allow_headers = request
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .cloned()
            .unwrap_or_else(|| HeaderValue::from_static("Accept, Content-Type, If-None-Match"));
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, star);
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, POST, OPTIONS"),
        );
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("86400"),
        );
        headers.insert(
            header::ALLOW,
            HeaderValue::from_static("GET, HEAD, POST, OPTIONS"),
        );
        return response;
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, star);
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Content-Location"),
    );
    response
}

/// An answer that is not the one asked for, with a plain-text reason.
#[derive(Debug)]
pub(crate) enum ApiError {
    BadRequest(String),
    Forbidden(String),
    NotFound(String),
    MethodNotAllowed,
    NotAcceptable(String),
    UnsupportedMediaType(String),
    Timeout(String),
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "this resource answers GET and HEAD".to_owned(),
            ),
            ApiError::NotAcceptable(m) => (StatusCode::NOT_ACCEPTABLE, m),
            ApiError::UnsupportedMediaType(m) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, m),
            ApiError::Timeout(m) => (StatusCode::SERVICE_UNAVAILABLE, m),
            ApiError::Internal(m) => {
                tracing::error!("{m}");
                (StatusCode::INTERNAL_SERVER_ERROR, m)
            }
        };
        let mut response = (status, format!("{message}\n")).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if status == StatusCode::METHOD_NOT_ALLOWED {
            response.headers_mut().insert(
                header::ALLOW,
                HeaderValue::from_static("GET, HEAD, OPTIONS"),
            );
        }
        response
    }
}

impl ApiError {
    /// Maps a store error: syntax errors are the client's (400), a cancelled query ran out
    /// of time (503), the rest are ours (500).
    fn from_store(err: StoreError, limits: &Limits) -> Self {
        match err {
            StoreError::Syntax(e) => ApiError::BadRequest(format!("SPARQL syntax error: {e}")),
            StoreError::Evaluation(oxigraph::sparql::QueryEvaluationError::Cancelled) => {
                ApiError::timeout(limits)
            }
            other => ApiError::Internal(other.to_string()),
        }
    }

    fn timeout(limits: &Limits) -> Self {
        ApiError::Timeout(format!(
            "the query ran past the time limit of {} ms and was stopped",
            limits.timeout.as_millis()
        ))
    }
}

/// The time a piece of work may take: a token that a watchdog thread cancels at the
/// deadline (so Oxigraph stops evaluating) and the deadline itself (for loops of ours).
pub(crate) struct Deadline {
    pub token: CancellationToken,
    pub at: Instant,
}

impl Deadline {
    pub fn passed(&self) -> bool {
        Instant::now() >= self.at
    }
}

/// Runs `work` on a blocking thread under the time limit.
///
/// A request first waits (up to the time limit) for a turn to evaluate, then the limit
/// applies to the evaluation, and is kept twice: a watchdog cancels the query's token at the deadline (Oxigraph
/// stops at its next read of the store), and the answer is a 503 at the deadline whatever
/// the worker is doing, because a query that computes long between two reads (a large
/// cross product, counted) only sees the cancellation late. Such a worker keeps its turn
/// (see [`Limits::max_running`]) until it stops, so runaways cannot pile up.
async fn blocking<T: Send + 'static>(
    state: &Arc<ServeState>,
    work: impl FnOnce(&ServeState, &Deadline) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let timeout = state.limits.timeout;
    let turn = match tokio::time::timeout(timeout, Arc::clone(&state.running).acquire_owned()).await
    {
        Ok(Ok(turn)) => turn,
        Ok(Err(_)) => return Err(ApiError::Internal("the server is shutting down".into())),
        Err(_) => {
            return Err(ApiError::Timeout(format!(
                "the server is busy ({} queries running); try again later",
                state.limits.max_running
            )))
        }
    };
    // The time limit counts from the start of the evaluation, not of the wait.
    let remaining = timeout;
    let state = Arc::clone(state);
    let token = CancellationToken::new();
    let worker_token = token.clone();
    let handle = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let deadline = Deadline {
            token: worker_token,
            at: Instant::now() + remaining,
        };
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let token = deadline.token.clone();
        // The watchdog: cancels at the deadline, or ends when `done` is dropped.
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                finished.recv_timeout(remaining)
            {
                token.cancel();
            }
        });
        let result = work(&state, &deadline);
        drop(done);
        result
    });
    // A little grace past the deadline lets a cancelled query say so itself.
    match tokio::time::timeout(remaining + Duration::from_millis(250), handle).await {
        Ok(joined) => {
            joined.unwrap_or_else(|e| Err(ApiError::Internal(format!("the request failed: {e}"))))
        }
        Err(_) => {
            token.cancel();
            Err(ApiError::Timeout(format!(
                "the query ran past the time limit of {} ms and was stopped",
                timeout.as_millis()
            )))
        }
    }
}

/// A representation: 200 with `ETag`, or 304 when the client's `If-None-Match` has it.
fn representation(
    request_headers: &HeaderMap,
    content_type: &str,
    body: Vec<u8>,
    vary_accept: bool,
) -> Response {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content_type.hash(&mut hasher);
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let not_modified = request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag);
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(body))
    };
    let headers = response.headers_mut();
    if !not_modified {
        if let Ok(v) = HeaderValue::from_str(content_type) {
            headers.insert(header::CONTENT_TYPE, v);
        }
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    if vary_accept {
        headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    }
    response
}

/// Adds `; charset=utf-8` to the textual types.
fn with_charset(media_type: &str) -> String {
    if media_type.starts_with("text/") {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_owned()
    }
}

#[cfg(test)]
mod tests;
