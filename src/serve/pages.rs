//! The linked-data side over HTTP: entity descriptions, the HTML pages, VoID and the dumps.
//! The documents themselves are built by [`crate::site`], which `publish` shares.

use super::sparql::not_acceptable;
use super::{blocking, negotiate, representation, with_charset, ApiError, ServeState, State};
use crate::export::{export_rdf, ExportError, RdfOutput};
use crate::site::{graph_format, serialize, SiteError, GRAPHS, ONTOLOGY_PATH, SUFFIXES};
use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, Method, Uri};
use axum::response::Response;
use flate2::write::GzEncoder;
use flate2::Compression;
use oxigraph::io::RdfFormat;
use std::io::Write;
use std::sync::Arc;

/// The root of the site as the server's pages see it.
const ROOT: &str = "/";

fn accept(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())
}

fn html_response(headers: &HeaderMap, html: String) -> Response {
    representation(
        headers,
        "text/html; charset=utf-8",
        html.into_bytes(),
        false,
    )
}

impl ApiError {
    fn from_site(err: SiteError, limits: &super::Limits) -> Self {
        match err {
            SiteError::Store(e) => ApiError::from_store(e, limits),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// `GET /`: counts and the entities by kind.
pub async fn home(
    axum::extract::State(state): State,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let html = blocking(&state, |st, _| {
        st.site()
            .home_page(ROOT)
            .map_err(|e| ApiError::from_site(e, &st.limits))
    })
    .await?;
    Ok(html_response(&headers, html))
}

#[derive(serde::Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

/// `GET /search?q=`: entities whose name or alternate name contains `q` (any case).
pub async fn search(
    axum::extract::State(state): State,
    headers: HeaderMap,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let q = params.q.trim().to_owned();
    let html = blocking(&state, move |st, _| {
        st.site()
            .search_page(&q, ROOT)
            .map_err(|e| ApiError::from_site(e, &st.limits))
    })
    .await?;
    Ok(html_response(&headers, html))
}

/// `GET /.well-known/void`: the VoID and DCAT description, with this server's endpoint
/// and dumps.
pub async fn void(
    axum::extract::State(state): State,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let body = blocking(&state, |st, _| {
        let site = st.site();
        site.void()
            .and_then(|triples| serialize(&triples, RdfFormat::Turtle))
            .map_err(|e| ApiError::from_site(e, &st.limits))
    })
    .await?;
    Ok(representation(
        &headers,
        "text/turtle; charset=utf-8",
        body,
        false,
    ))
}

/// `GET /dump.nq`: every quad of the store, graphs kept.
pub async fn dump_nquads(axum::extract::State(state): State, headers: HeaderMap) -> Response {
    dump(state, &headers, RdfOutput::Nquads, "application/n-quads")
}

/// `GET /dump.ttl`: the union of the graphs, each triple once.
pub async fn dump_turtle(axum::extract::State(state): State, headers: HeaderMap) -> Response {
    dump(
        state,
        &headers,
        RdfOutput::Turtle,
        "text/turtle; charset=utf-8",
    )
}

/// How much of a dump is gathered before it is sent on as one chunk.
const DUMP_CHUNK: usize = 64 * 1024;
/// How many chunks may wait for a slow client before the writer waits too.
const DUMP_CHUNKS_IN_FLIGHT: usize = 8;

/// A dump, streamed: a blocking thread writes the store (gzipped when the client accepts
/// gzip) into a bounded channel that feeds the response body, so the dump is never whole
/// in memory and a client that goes away stops the writer. It is not under the query time
/// limit: a dump of a large store takes as long as it takes.
fn dump(
    state: Arc<ServeState>,
    headers: &HeaderMap,
    format: RdfOutput,
    content_type: &'static str,
) -> Response {
    let gzip = accepts_gzip(headers);
    let (sender, receiver) =
        tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(DUMP_CHUNKS_IN_FLIGHT);
    let errors = sender.clone();
    tokio::task::spawn_blocking(move || {
        let sink = ChannelWriter {
            sender,
            buffer: Vec::with_capacity(DUMP_CHUNK),
        };
        let written = if gzip {
            let mut encoder = GzEncoder::new(sink, Compression::default());
            export_rdf(&state.store, format, None, &mut encoder)
                .and_then(|()| Ok(encoder.finish()?.flush()?))
        } else {
            let mut sink = sink;
            export_rdf(&state.store, format, None, &mut sink).and_then(|()| Ok(sink.flush()?))
        };
        match written {
            Ok(()) => {}
            Err(ExportError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                tracing::debug!("a dump's client went away");
            }
            Err(e) => {
                tracing::error!("cannot write the dump: {e}");
                // An error in the body aborts the response, so the client sees it is cut.
                let _ = errors.blocking_send(Err(std::io::Error::other(e.to_string())));
            }
        }
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    let mut response = Response::new(Body::from_stream(stream));
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response_headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if gzip {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// Writes into the dump's channel a chunk at a time; a closed channel (the client went
/// away) is a broken pipe.
struct ChannelWriter {
    sender: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(DUMP_CHUNK),
        ));
        self.sender.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= DUMP_CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// Whether `Accept-Encoding` admits gzip (`gzip`, `x-gzip` or `*`, with a quality above 0).
pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut star = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.split_once('=').is_some_and(|(k, v)| {
                    k.trim().eq_ignore_ascii_case("q")
                        && v.trim().parse::<f64>().is_ok_and(|q| q <= 0.0)
                })
            });
            match coding.as_str() {
                "gzip" | "x-gzip" => return !refused,
                "*" => star = !refused,
                _ => {}
            }
        }
    }
    star
}

/// Any other path: the description of the entity `{base}{path}` (or the ontology, at
/// `/ontology`).
pub async fn resource(
    axum::extract::State(state): State,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, ApiError> {
    if method != Method::GET && method != Method::HEAD {
        return Err(ApiError::MethodNotAllowed);
    }
    let path = uri.path().trim_start_matches('/');
    let (stem, forced) = SUFFIXES
        .iter()
        .find_map(|(suffix, media_type)| {
            path.strip_suffix(suffix)
                .filter(|stem| !stem.is_empty())
                .map(|stem| (stem, Some(*media_type)))
        })
        .unwrap_or((path, None));
    let not_found = || ApiError::NotFound(format!("nothing is known about /{path}"));
    let Some(iri) = state.site().iri(stem) else {
        return Err(not_found());
    };
    let media_type = match forced {
        Some(m) => m,
        None => {
            let mut offered = GRAPHS.to_vec();
            offered.push("text/html");
            negotiate(accept(&headers), &offered).ok_or_else(|| not_acceptable(&offered))?
        }
    };
    let is_ontology = stem == ONTOLOGY_PATH;
    let body = blocking(&state, move |st, deadline| {
        let site = st.site();
        let fail = |e| ApiError::from_site(e, &st.limits);
        let description = if is_ontology {
            site.ontology()
        } else {
            site.describe(&iri, Some(deadline.token.clone()))
        }
        .map_err(fail)?;
        if description.is_empty() {
            return Ok(None);
        }
        Ok(Some(if media_type == "text/html" {
            if is_ontology {
                site.ontology_page(&description, ROOT)
            } else {
                site.entity_page(&iri, &description, ROOT)
            }
            .into_bytes()
        } else {
            serialize(
                &description,
                graph_format(media_type).unwrap_or(RdfFormat::Turtle),
            )
            .map_err(fail)?
        }))
    })
    .await?
    .ok_or_else(not_found)?;
    let mut response = representation(&headers, &with_charset(media_type), body, forced.is_none());
    if forced.is_none() {
        let suffix = SUFFIXES
            .iter()
            .find(|(_, m)| *m == media_type)
            .map(|(s, _)| *s)
            .unwrap_or("");
        if let Ok(v) = HeaderValue::from_str(&format!("/{stem}{suffix}")) {
            response.headers_mut().insert(header::CONTENT_LOCATION, v);
        }
    }
    Ok(response)
}
