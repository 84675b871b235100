//! The SPARQL 1.1 Protocol at `/sparql`.

use super::{
    blocking, negotiate, representation, with_charset, ApiError, Deadline, ServeState, State,
};
use crate::export::rdf_serializer;
use crate::site::html::{esc, page, Nav};
use crate::site::{graph_format, GRAPHS};
use crate::store::StoreError;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

/// The types SELECT and ASK answer in, the first the default.
const RESULTS: &[&str] = &[
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
];

fn results_format(media_type: &str) -> QueryResultsFormat {
    match media_type {
        "application/sparql-results+xml" | "application/xml" => QueryResultsFormat::Xml,
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

pub(super) fn not_acceptable(offered: &[&str]) -> ApiError {
    ApiError::NotAcceptable(format!(
        "none of the types in Accept can be given here; this answers {}",
        offered.join(", ")
    ))
}

enum Operation {
    Query(String),
    Update(String),
}

/// One protocol request, read from the URL, the form or the body.
struct Protocol {
    operation: Operation,
    default_graphs: Vec<NamedNode>,
    named_graphs: Vec<NamedNode>,
}

type Params = Vec<(String, String)>;

fn params(encoded: &[u8]) -> Params {
    form_urlencoded::parse(encoded).into_owned().collect()
}

fn graphs(params: &Params, name: &str) -> Result<Vec<NamedNode>, ApiError> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| {
            NamedNode::new(v.as_str())
                .map_err(|e| ApiError::BadRequest(format!("{name} {v:?} is not an IRI: {e}")))
        })
        .collect()
}

fn from_params(params: &Params) -> Result<Protocol, ApiError> {
    let values = |name: &str| -> Vec<&String> {
        params
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect()
    };
    let queries = values("query");
    let updates = values("update");
    let operation = match (queries.as_slice(), updates.as_slice()) {
        ([query], []) => Operation::Query((*query).clone()),
        ([], [update]) => Operation::Update((*update).clone()),
        ([], []) => {
            return Err(ApiError::BadRequest(
                "give the query in a query= parameter (or an update in update=)".into(),
            ))
        }
        _ => {
            return Err(ApiError::BadRequest(
                "give exactly one query= or one update= parameter".into(),
            ))
        }
    };
    Ok(Protocol {
        operation,
        default_graphs: graphs(params, "default-graph-uri")?,
        named_graphs: graphs(params, "named-graph-uri")?,
    })
}

fn from_post(headers: &HeaderMap, url: &Params, body: &Bytes) -> Result<Protocol, ApiError> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let text = || {
        String::from_utf8(body.to_vec())
            .map_err(|_| ApiError::BadRequest("the request body is not UTF-8".into()))
    };
    let operation = match media_type.as_str() {
        "application/x-www-form-urlencoded" => return from_params(&params(body)),
        "application/sparql-query" => Operation::Query(text()?),
        "application/sparql-update" => Operation::Update(text()?),
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "POST a query as application/sparql-query or application/x-www-form-urlencoded \
                 (query=), an update as application/sparql-update; got {:?}",
                other
            )))
        }
    };
    Ok(Protocol {
        operation,
        default_graphs: graphs(url, "default-graph-uri")?,
        named_graphs: graphs(url, "named-graph-uri")?,
    })
}

/// `GET` and `POST /sparql`.
pub async fn handle(
    axum::extract::State(state): State,
    method: Method,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let url = params(raw.as_deref().unwrap_or("").as_bytes());
    let protocol = if method == Method::POST {
        from_post(&headers, &url, &body)?
    } else {
        if url.is_empty() {
            return Ok(Html(form_page()).into_response());
        }
        from_params(&url)?
    };
    let Protocol {
        operation,
        default_graphs,
        named_graphs,
    } = protocol;
    match operation {
        Operation::Update(update) => {
            if !state.limits.allow_update {
                return Err(ApiError::Forbidden(
                    "SPARQL Update is not allowed on this server (start it with --allow-update)"
                        .into(),
                ));
            }
            if method != Method::POST {
                return Err(ApiError::BadRequest("send updates with POST".into()));
            }
            blocking(&state, move |st, _| {
                st.store.update(&update).map_err(|e| match e {
                    StoreError::Syntax(e) => {
                        ApiError::BadRequest(format!("SPARQL syntax error: {e}"))
                    }
                    other => ApiError::Internal(other.to_string()),
                })
            })
            .await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Operation::Query(query) => {
            let accept = headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let (media_type, body) = blocking(&state, move |st, deadline| {
                let results = st
                    .store
                    .query_cancellable(
                        &query,
                        deadline.token.clone(),
                        &default_graphs,
                        &named_graphs,
                        false,
                    )
                    .map_err(|e| ApiError::from_store(e, &st.limits))?;
                render(st, deadline, results, accept.as_deref())
            })
            .await?;
            Ok(representation(
                &headers,
                &with_charset(media_type),
                body,
                true,
            ))
        }
    }
}

/// Serialises query results in the type `accept` asks for, within the limits.
fn render(
    st: &ServeState,
    deadline: &Deadline,
    results: QueryResults<'_>,
    accept: Option<&str>,
) -> Result<(&'static str, Vec<u8>), ApiError> {
    let limits = &st.limits;
    let io = |e: std::io::Error| ApiError::Internal(format!("cannot write the results: {e}"));
    let eval = |e: oxigraph::sparql::QueryEvaluationError| ApiError::from_store(e.into(), limits);
    let too_many = || {
        ApiError::BadRequest(format!(
            "the answer has more than {} results, this server's limit; add a LIMIT to the query",
            limits.max_results
        ))
    };
    let mut out = Vec::new();
    let media_type = match results {
        QueryResults::Solutions(rows) => {
            let media_type = negotiate(accept, RESULTS).ok_or_else(|| not_acceptable(RESULTS))?;
            let mut writer = QueryResultsSerializer::from_format(results_format(media_type))
                .serialize_solutions_to_writer(&mut out, rows.variables().to_vec())
                .map_err(io)?;
            for (n, row) in rows.enumerate() {
                if n >= limits.max_results {
                    return Err(too_many());
                }
                if deadline.passed() {
                    return Err(ApiError::timeout(limits));
                }
                writer.serialize(&row.map_err(eval)?).map_err(io)?;
            }
            writer.finish().map_err(io)?;
            media_type
        }
        QueryResults::Boolean(value) => {
            let media_type = negotiate(accept, RESULTS).ok_or_else(|| not_acceptable(RESULTS))?;
            QueryResultsSerializer::from_format(results_format(media_type))
                .serialize_boolean_to_writer(&mut out, value)
                .map_err(io)?;
            media_type
        }
        QueryResults::Graph(triples) => {
            let media_type = negotiate(accept, GRAPHS).ok_or_else(|| not_acceptable(GRAPHS))?;
            let format = graph_format(media_type).unwrap_or(RdfFormat::Turtle);
            let mut writer = rdf_serializer(format).for_writer(&mut out);
            for (n, triple) in triples.enumerate() {
                if n >= limits.max_results {
                    return Err(too_many());
                }
                if deadline.passed() {
                    return Err(ApiError::timeout(limits));
                }
                writer
                    .serialize_triple(&triple.map_err(eval)?)
                    .map_err(io)?;
            }
            writer.finish().map_err(io)?;
            media_type
        }
    };
    Ok((media_type, out))
}

/// `GET /sparql` with no query: a form to type one in.
fn form_page() -> String {
    let example = "SELECT ?who ?text WHERE {\n  ?q a schema:Quotation ; schema:text ?text ; schema:creator/schema:name ?who .\n} ORDER BY ?who LIMIT 20";
    page(
        &Nav {
            root: "/",
            live: true,
        },
        "SPARQL",
        &format!(
            "<h1>SPARQL</h1>\n<p>The SPARQL 1.1 Protocol endpoint. The default graph is the union of all \
article graphs; the prefixes <code>schema:</code>, <code>sg:</code>, <code>rdf:</code>, <code>rdfs:</code>, \
<code>xsd:</code>, <code>nif:</code>, <code>prov:</code>, <code>void:</code> and <code>dcterms:</code> are predeclared.</p>\n\
<form action=\"/sparql\" method=\"get\">\n<p><textarea name=\"query\" rows=\"10\" cols=\"80\" aria-label=\"Query\">{}</textarea></p>\n\
<p><button type=\"submit\">Run</button></p>\n</form>",
            esc(example)
        ),
    )
}
