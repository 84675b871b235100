//! The linked-data side: entity descriptions, the HTML pages, VoID and the dump.

use super::html::{esc, link, page};
use super::sparql::{graph_format, not_acceptable, GRAPHS};
use super::{blocking, negotiate, representation, with_charset, ApiError, ServeState, State};
use crate::export::{display_term, export_rdf, rdf_serializer, RdfOutput};
use crate::rdf::vocab::{ITSRDF, RDF, SCHEMA, VOID};
use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, Method, Uri};
use axum::response::Response;
use oxigraph::io::RdfFormat;
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, HashMap};

/// The suffixes that pick a representation without `Accept`.
const SUFFIXES: &[(&str, &str)] = &[
    (".ttl", "text/turtle"),
    (".jsonld", "application/ld+json"),
    (".nt", "application/n-triples"),
    (".rdf", "application/rdf+xml"),
    (".html", "text/html"),
];

/// How many entities of one kind the home page lists.
const HOME_PER_KIND: usize = 200;
/// How many hits a search shows.
const SEARCH_HITS: usize = 100;

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

impl ServeState {
    /// The local path of an IRI under the base (`/person/x`), if it is one.
    fn local_path(&self, iri: &str) -> Option<String> {
        iri.strip_prefix(&self.base)
            .filter(|rest| !rest.is_empty())
            .map(|rest| format!("/{rest}"))
    }

    /// A link to a term: local pages for IRIs under the base, the IRI itself for others,
    /// text for literals.
    fn term_html(&self, term: &Term, labels: &HashMap<String, String>) -> String {
        match term {
            Term::NamedNode(n) => {
                let text = labels
                    .get(n.as_str())
                    .cloned()
                    .unwrap_or_else(|| display_term(term));
                match self.local_path(n.as_str()) {
                    Some(path) => link(&path, &text),
                    None => link(n.as_str(), &text),
                }
            }
            other => esc(&display_term(other)),
        }
    }

    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<String>>>, ApiError> {
        self.store
            .select_strings(sparql)
            .map_err(|e| ApiError::from_store(e, &self.limits))
    }
}

/// `GET /`: counts and the entities by kind.
pub async fn home(
    axum::extract::State(state): State,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let html = blocking(&state, |st, _| {
        let stats = st
            .store
            .stats()
            .map_err(|e| ApiError::from_store(e, &st.limits))?;
        let rows = st.select(&format!(
            "SELECT DISTINCT ?class ?e ?name WHERE {{
               GRAPH ?g {{ ?a <{SCHEMA}mentions> ?e }}
               ?e a ?class . OPTIONAL {{ ?e <{SCHEMA}name> ?name }}
               FILTER(?class != <{SCHEMA}Quotation>)
             }} ORDER BY ?class LCASE(STR(?name)) ?e"
        ))?;
        let mut by_class: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for row in rows {
            if let (Some(Some(class)), Some(Some(e))) = (row.first(), row.get(1)) {
                let name = row.get(2).cloned().flatten().unwrap_or_else(|| e.clone());
                by_class
                    .entry(class.clone())
                    .or_default()
                    .push((e.clone(), name));
            }
        }
        let articles = st.select(&format!(
            "SELECT ?a ?id ?title WHERE {{ GRAPH ?a {{ ?a a <{SCHEMA}NewsArticle> ; <{SCHEMA}identifier> ?id
               OPTIONAL {{ ?a <{SCHEMA}headline> ?title }} }} }} ORDER BY ?id LIMIT {HOME_PER_KIND}"
        ))?;
        let mut body = format!(
            "<h1>strikegraph</h1>\n<p>A knowledge graph of strikes built from news articles: \
             {} articles, {} quads, {} strikes, {} quotations.</p>\n\
             <p>Ask it anything at the <a href=\"/sparql\">SPARQL endpoint</a>, or search by name above.</p>\n",
            stats.articles, stats.quads, stats.strikes, stats.quotations
        );
        for (class, entities) in &by_class {
            let kind = display_term(&NamedNode::new_unchecked(class.clone()).into());
            body.push_str(&format!(
                "<section>\n<h2>{} ({})</h2>\n<ul>\n",
                esc(&kind),
                entities.len()
            ));
            for (iri, name) in entities.iter().take(HOME_PER_KIND) {
                let href = st.local_path(iri).unwrap_or_else(|| iri.clone());
                body.push_str(&format!("<li>{}</li>\n", link(&href, name)));
            }
            if entities.len() > HOME_PER_KIND {
                body.push_str(&format!(
                    "<li>… and {} more (search, or use SPARQL)</li>\n",
                    entities.len() - HOME_PER_KIND
                ));
            }
            body.push_str("</ul>\n</section>\n");
        }
        body.push_str("<section>\n<h2>Articles</h2>\n<ul>\n");
        for row in articles {
            if let (Some(Some(a)), Some(Some(id))) = (row.first(), row.get(1)) {
                let title = row.get(2).cloned().flatten().unwrap_or_else(|| id.clone());
                let href = st.local_path(a).unwrap_or_else(|| a.clone());
                body.push_str(&format!("<li>{}</li>\n", link(&href, &title)));
            }
        }
        body.push_str("</ul>\n</section>");
        Ok(page("Home", &body))
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
        let mut body = format!(
            "<h1>Search</h1>\n<form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" \
             aria-label=\"Name\"> <button type=\"submit\">Search</button></form>\n",
            esc(&q)
        );
        if q.is_empty() {
            return Ok(page("Search", &body));
        }
        let needle = Literal::new_simple_literal(q.to_lowercase());
        let rows = st.select(&format!(
            "SELECT ?e (SAMPLE(?name) AS ?n) (SAMPLE(?class) AS ?c) WHERE {{
               ?e <{SCHEMA}name>|<{SCHEMA}alternateName> ?label .
               FILTER(CONTAINS(LCASE(STR(?label)), {needle}))
               ?e <{SCHEMA}name> ?name . OPTIONAL {{ ?e a ?class }}
             }} GROUP BY ?e ORDER BY LCASE(STR(?n)) LIMIT {}",
            SEARCH_HITS + 1
        ))?;
        if rows.is_empty() {
            body.push_str(&format!("<p>Nothing is called “{}”.</p>", esc(&q)));
        } else {
            body.push_str("<ul>\n");
            for row in rows.iter().take(SEARCH_HITS) {
                if let (Some(Some(e)), Some(Some(name))) = (row.first(), row.get(1)) {
                    let href = st.local_path(e).unwrap_or_else(|| e.clone());
                    let kind = row
                        .get(2)
                        .cloned()
                        .flatten()
                        .map(|c| display_term(&NamedNode::new_unchecked(c).into()))
                        .unwrap_or_default();
                    body.push_str(&format!("<li>{} <small>{}</small></li>\n", link(&href, name), esc(&kind)));
                }
            }
            if rows.len() > SEARCH_HITS {
                body.push_str(&format!("<li>… more than {SEARCH_HITS}; be more precise</li>\n"));
            }
            body.push_str("</ul>");
        }
        Ok(page(&format!("Search: {q}"), &body))
    })
    .await?;
    Ok(html_response(&headers, html))
}

/// `GET /.well-known/void`: the VoID description, with this server's endpoint and dump.
pub async fn void(
    axum::extract::State(state): State,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let body = blocking(&state, |st, _| {
        let graph = format!("{}void", st.base);
        let dataset = NamedNode::new_unchecked(format!("{}void#dataset", st.base));
        let mut triples = Vec::new();
        if let QueryResults::Graph(found) = st
            .store
            .query(&format!(
                "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            ))
            .map_err(|e| ApiError::from_store(e, &st.limits))?
        {
            for t in found {
                triples.push(t.map_err(|e| ApiError::Internal(e.to_string()))?);
            }
        }
        let add = |triples: &mut Vec<Triple>, p: String, o: Term| {
            triples.push(Triple::new(dataset.clone(), NamedNode::new_unchecked(p), o));
        };
        add(
            &mut triples,
            format!("{RDF}type"),
            NamedNode::new_unchecked(format!("{VOID}Dataset")).into(),
        );
        add(
            &mut triples,
            format!("{VOID}uriSpace"),
            Literal::new_simple_literal(&st.base).into(),
        );
        add(
            &mut triples,
            format!("{VOID}sparqlEndpoint"),
            NamedNode::new_unchecked(format!("{}sparql", st.public_url)).into(),
        );
        add(
            &mut triples,
            format!("{VOID}dataDump"),
            NamedNode::new_unchecked(format!("{}dump.nq", st.public_url)).into(),
        );
        // The stored description already says some of this: say each triple once.
        let mut seen = std::collections::HashSet::new();
        triples.retain(|t| seen.insert(t.to_string()));
        serialize(&triples, RdfFormat::Turtle)
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
pub async fn dump(
    axum::extract::State(state): State,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let body = blocking(&state, |st, _| {
        let mut out = Vec::new();
        export_rdf(&st.store, RdfOutput::Nquads, None, &mut out)
            .map_err(|e| ApiError::Internal(format!("cannot write the dump: {e}")))?;
        Ok(out)
    })
    .await?;
    Ok(representation(&headers, "application/n-quads", body, false))
}

fn serialize(triples: &[Triple], format: RdfFormat) -> Result<Vec<u8>, ApiError> {
    let io = |e: std::io::Error| ApiError::Internal(format!("cannot write RDF: {e}"));
    let mut writer = rdf_serializer(format).for_writer(Vec::new());
    for t in triples {
        writer.serialize_triple(t).map_err(io)?;
    }
    writer.finish().map_err(io)
}

/// Any other path: the description of the entity `{base}{path}`.
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
    let Ok(iri) = NamedNode::new(format!("{}{stem}", state.base)) else {
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
    let found_iri = iri.clone();
    let description = blocking(&state, move |st, deadline| {
        describe(st, deadline, &found_iri)
    })
    .await?;
    if description.is_empty() {
        return Err(not_found());
    }
    let body = if media_type == "text/html" {
        let st = &state;
        entity_page(st, &iri, &description).into_bytes()
    } else {
        serialize(
            &description,
            graph_format(media_type).unwrap_or(RdfFormat::Turtle),
        )?
    };
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

/// The description of an entity: its own triples (all graphs), the triples that point at
/// it, the names of its neighbours, its quotations and the articles that mention it.
/// Sorted and without repeats, so the same store gives the same bytes (and `ETag`); cut
/// at `--max-results` triples, and stopped at the time limit like a query.
fn describe(
    st: &ServeState,
    deadline: &super::Deadline,
    iri: &NamedNode,
) -> Result<Vec<Triple>, ApiError> {
    let query = format!(
        "CONSTRUCT {{
           {iri} ?p ?o . ?o <{SCHEMA}name> ?oname .
           ?s ?ip {iri} . ?s <{SCHEMA}name> ?sname .
           ?q a <{SCHEMA}Quotation> ; <{SCHEMA}text> ?text ; <{SCHEMA}creator> {iri} ; <{SCHEMA}isPartOf> ?qa .
           ?a a <{SCHEMA}NewsArticle> ; <{SCHEMA}mentions> {iri} ; <{SCHEMA}headline> ?headline ;
              <{SCHEMA}datePublished> ?published .
         }} WHERE {{
           {{ {iri} ?p ?o OPTIONAL {{ ?o <{SCHEMA}name> ?oname }} }}
           UNION {{ ?s ?ip {iri} OPTIONAL {{ ?s <{SCHEMA}name> ?sname }} }}
           UNION {{ ?q <{SCHEMA}creator> {iri} ; a <{SCHEMA}Quotation> ; <{SCHEMA}text> ?text
                    OPTIONAL {{ ?q <{SCHEMA}isPartOf> ?qa }} }}
           UNION {{ ?a <{SCHEMA}mentions> {iri} ; a <{SCHEMA}NewsArticle>
                    OPTIONAL {{ ?a <{SCHEMA}headline> ?headline }}
                    OPTIONAL {{ ?a <{SCHEMA}datePublished> ?published }} }}
         }}"
    );
    let mut triples = BTreeMap::new();
    if let QueryResults::Graph(found) = st
        .store
        .query_cancellable(&query, deadline.token.clone(), &[], &[])
        .map_err(|e| ApiError::from_store(e, &st.limits))?
    {
        for t in found {
            let t = t.map_err(|e| ApiError::from_store(e.into(), &st.limits))?;
            if triples.len() >= st.limits.max_results {
                break;
            }
            triples.insert(t.to_string(), t);
        }
    }
    Ok(triples.into_values().collect())
}

/// The HTML page of an entity, from its description.
fn entity_page(st: &ServeState, iri: &NamedNode, triples: &[Triple]) -> String {
    let schema = |local: &str| format!("{SCHEMA}{local}");
    let this = NamedOrBlankNode::from(iri.clone());
    let this_term = Term::from(iri.clone());
    let mut labels: HashMap<String, String> = HashMap::new();
    for t in triples {
        if t.predicate.as_str() == schema("name") {
            if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (&t.subject, &t.object) {
                labels
                    .entry(n.as_str().to_owned())
                    .or_insert_with(|| l.value().to_owned());
            }
        }
    }
    let name = labels.get(iri.as_str()).cloned().unwrap_or_else(|| {
        iri.as_str()
            .rsplit('/')
            .next()
            .unwrap_or(iri.as_str())
            .to_owned()
    });
    let kinds: Vec<String> = triples
        .iter()
        .filter(|t| t.subject == this && t.predicate.as_str() == format!("{RDF}type"))
        .map(|t| esc(&display_term(&t.object)))
        .collect();
    let mut body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<p><code>{}</code></p>\n",
        esc(&name),
        kinds.join(", "),
        esc(iri.as_str())
    );
    let stem = st.local_path(iri.as_str()).unwrap_or_default();
    body.push_str("<p>As data: ");
    body.push_str(
        &[
            (".ttl", "Turtle"),
            (".jsonld", "JSON-LD"),
            (".nt", "N-Triples"),
            (".rdf", "RDF/XML"),
        ]
        .iter()
        .map(|(suffix, label)| link(&format!("{stem}{suffix}"), label))
        .collect::<Vec<_>>()
        .join(" · "),
    );
    body.push_str("</p>\n");

    // Its facts, then what points at it (without the provenance plumbing).
    let hidden_in = [
        format!("{ITSRDF}taIdentRef"),
        format!("{RDF}subject"),
        format!("{RDF}object"),
        schema("mentions"),
        schema("creator"),
    ];
    let facts: Vec<&Triple> = triples
        .iter()
        .filter(|t| t.subject == this && t.predicate.as_str() != format!("{RDF}type"))
        .collect();
    if !facts.is_empty() {
        body.push_str("<h2>Facts</h2>\n<table>\n");
        for t in facts {
            body.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                esc(&display_term(&t.predicate.clone().into())),
                st.term_html(&t.object, &labels)
            ));
        }
        body.push_str("</table>\n");
    }
    let incoming: Vec<&Triple> = triples
        .iter()
        .filter(|t| t.object == this_term && !hidden_in.iter().any(|h| h == t.predicate.as_str()))
        .collect();
    if !incoming.is_empty() {
        body.push_str("<h2>Referred to by</h2>\n<table>\n");
        for t in incoming {
            body.push_str(&format!(
                "<tr><td>{}</td><th>{}</th></tr>\n",
                st.term_html(&t.subject.clone().into(), &labels),
                esc(&display_term(&t.predicate.clone().into()))
            ));
        }
        body.push_str("</table>\n");
    }

    // Quotations it said.
    let object_of = |s: &NamedOrBlankNode, p: &str| -> Option<&Term> {
        triples
            .iter()
            .find(|t| &t.subject == s && t.predicate.as_str() == p)
            .map(|t| &t.object)
    };
    let quotes: Vec<&NamedOrBlankNode> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == schema("creator") && t.object == this_term)
        .map(|t| &t.subject)
        .collect();
    if !quotes.is_empty() {
        body.push_str("<h2>Quotations</h2>\n");
        for q in quotes {
            let text = match object_of(q, &schema("text")) {
                Some(Term::Literal(l)) => l.value().to_owned(),
                _ => continue,
            };
            let source = object_of(q, &schema("isPartOf"))
                .map(|a| format!(" <small>({})</small>", st.term_html(a, &labels)))
                .unwrap_or_default();
            body.push_str(&format!(
                "<blockquote>{}{}</blockquote>\n",
                esc(&text),
                source
            ));
        }
    }

    // Articles that mention it.
    let articles: Vec<&NamedOrBlankNode> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == schema("mentions") && t.object == this_term)
        .map(|t| &t.subject)
        .collect();
    if !articles.is_empty() {
        body.push_str("<h2>Mentioned in</h2>\n<ul>\n");
        for a in articles {
            let Some(a_iri) = (match a {
                NamedOrBlankNode::NamedNode(n) => Some(n),
                _ => None,
            }) else {
                continue;
            };
            let title = match object_of(a, &schema("headline")) {
                Some(Term::Literal(l)) => l.value().to_owned(),
                _ => a_iri.as_str().rsplit('/').next().unwrap_or("").to_owned(),
            };
            let date = match object_of(a, &schema("datePublished")) {
                Some(Term::Literal(l)) => format!(" <small>{}</small>", esc(l.value())),
                _ => String::new(),
            };
            let href = st
                .local_path(a_iri.as_str())
                .unwrap_or_else(|| a_iri.as_str().to_owned());
            body.push_str(&format!("<li>{}{}</li>\n", link(&href, &title), date));
        }
        body.push_str("</ul>\n");
    }
    page(&name, &body)
}
