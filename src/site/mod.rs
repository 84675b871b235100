//! The linked-data documents of the graph: entity descriptions, the HTML pages (home,
//! entity, search or name index, ontology) and the VoID/DCAT description of the dataset.
//!
//! Everything here is built from the store alone and knows neither HTTP nor files: `serve`
//! answers these documents over HTTP and `publish` writes the very same ones to a folder,
//! so the two cannot drift apart.

pub mod html;
mod picture;

use crate::export::{display_term, rdf_serializer};
use crate::rdf::vocab::{ITSRDF, ONTOLOGY_GRAPH, RDF, RDFS, SCHEMA, VOID};
use crate::store::{Store, StoreError};
use html::{esc, is_safe_href, link, page, Nav};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
const IANA_MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";

/// The representations of a description, by suffix, with their media types. An IRI
/// without a suffix is negotiated among them.
pub const SUFFIXES: &[(&str, &str)] = &[
    (".ttl", "text/turtle"),
    (".jsonld", "application/ld+json"),
    (".nt", "application/n-triples"),
    (".rdf", "application/rdf+xml"),
    (".html", "text/html"),
];

/// The media types of graphs (CONSTRUCT, DESCRIBE, entity descriptions), the first the
/// default.
pub const GRAPHS: &[&str] = &[
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
];

/// The local path of the ontology's documents (its terms are anchors on its page).
pub const ONTOLOGY_PATH: &str = "ontology";

/// How many entities of one kind the home page lists.
const HOME_PER_KIND: usize = 200;
/// An entity's IRI and its name, if it has one.
type NamedEntity = (String, Option<String>);
/// How many of a kind the home page reads to choose them from: all of them on a small
/// store, a slice of the index on a large one.
const HOME_READ_PER_KIND: usize = 2 * HOME_PER_KIND;
/// How many hits a search shows.
const SEARCH_HITS: usize = 100;

/// The RDF format for one of [`GRAPHS`].
pub fn graph_format(media_type: &str) -> Option<RdfFormat> {
    Some(match media_type {
        "text/turtle" => RdfFormat::Turtle,
        "application/ld+json" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        "application/n-triples" => RdfFormat::NTriples,
        "application/rdf+xml" => RdfFormat::RdfXml,
        _ => return None,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write RDF: {0}")]
    Write(#[from] std::io::Error),
}

impl From<oxigraph::sparql::QueryEvaluationError> for SiteError {
    fn from(e: oxigraph::sparql::QueryEvaluationError) -> Self {
        SiteError::Store(e.into())
    }
}

/// The documents of one store, published under `base`.
pub struct Site<'a> {
    pub store: &'a Store,
    /// The IRIs under this prefix have documents; a document's local path is what follows
    /// it (`person/x`). Ends with `/`.
    pub base: &'a str,
    /// Where `base` is reachable (ends with `/`): the endpoint and dumps in VoID.
    pub public_url: &'a str,
    /// A server stands behind the pages (SPARQL, search); otherwise they are static files.
    pub live: bool,
    /// The most triples one description holds.
    pub max_triples: usize,
}

/// The dumps of the whole store, by file name: N-Quads keeps the article graphs, Turtle
/// has their union.
pub const DUMPS: &[(&str, &str)] = &[
    ("dump.nq", "application/n-quads"),
    ("dump.ttl", "text/turtle"),
];

impl Site<'_> {
    /// The local path of an IRI under the base (`person/x`), if it is one.
    pub fn local_path(&self, iri: &str) -> Option<String> {
        iri.strip_prefix(self.base)
            .filter(|rest| !rest.is_empty())
            .map(str::to_owned)
    }

    /// The IRI a local path (`person/x`) stands for.
    pub fn iri(&self, local: &str) -> Option<NamedNode> {
        NamedNode::new(format!("{}{local}", self.base)).ok()
    }

    fn nav<'r>(&self, root: &'r str) -> Nav<'r> {
        Nav {
            root,
            live: self.live,
        }
    }

    /// A term as HTML: a link for an IRI that has somewhere to go (see [`Site::href`]),
    /// text for other IRIs and for literals.
    fn term_html(&self, term: &Term, labels: &HashMap<String, String>, nav: &Nav<'_>) -> String {
        match term {
            Term::NamedNode(n) => {
                let text = labels
                    .get(n.as_str())
                    .cloned()
                    .unwrap_or_else(|| display_term(term));
                self.iri_link(n.as_str(), &text, nav)
            }
            other => esc(&display_term(other)),
        }
    }

    /// Where a link to `iri` goes: its page here when it is under the base (the ontology's
    /// terms to their anchors on the ontology page), else the IRI itself when it is a web
    /// address (`http:` or `https:`). Any other IRI is no link at all: a `javascript:` or
    /// `data:` IRI is valid RDF, and anyone's data may hold one.
    fn href(&self, iri: &str, nav: &Nav<'_>) -> Option<String> {
        if let Some(local) = self.local_path(iri) {
            return Some(nav.page(&local));
        }
        if let Some(term) = iri
            .strip_prefix(ONTOLOGY_GRAPH)
            .and_then(|rest| rest.strip_prefix('#'))
        {
            return Some(format!("{}#{term}", nav.page(ONTOLOGY_PATH)));
        }
        (html::scheme(iri).is_some() && is_safe_href(iri)).then(|| iri.to_owned())
    }

    /// A link to `iri` reading `text`, or the text alone when the IRI has nowhere to go.
    fn iri_link(&self, iri: &str, text: &str, nav: &Nav<'_>) -> String {
        match self.href(iri, nav) {
            Some(href) => link(&href, text),
            None => esc(text),
        }
    }

    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<String>>>, SiteError> {
        Ok(self.store.select_strings(sparql)?)
    }

    /// Every document under the base that has a description, as local paths, sorted: the
    /// subjects under the base without their fragments (`article/x#fact-1` is described
    /// on `article/x`).
    pub fn documents(&self) -> Result<Vec<String>, SiteError> {
        let base = Literal::new_simple_literal(self.base);
        let rows = self.select(&format!(
            "SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), {base})) }}"
        ))?;
        let mut paths = BTreeSet::new();
        for row in rows {
            if let Some(Some(iri)) = row.first() {
                let document = iri.split('#').next().unwrap_or(iri);
                if let Some(local) = self.local_path(document) {
                    paths.insert(local);
                }
            }
        }
        Ok(paths.into_iter().collect())
    }

    /// The description of an entity: its own triples (all graphs), the triples that point
    /// at it, the names of its neighbours, its quotations and the articles that mention
    /// it. Sorted and without repeats, so the same store gives the same bytes; cut at
    /// `max_triples`. `token` stops the query (the server's time limit).
    pub fn describe(
        &self,
        iri: &NamedNode,
        token: Option<CancellationToken>,
    ) -> Result<Vec<Triple>, SiteError> {
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
        let token = token.unwrap_or_default();
        let mut triples = BTreeMap::new();
        if let QueryResults::Graph(found) =
            self.store
                .query_cancellable(&query, token, &[], &[], true)?
        {
            for t in found {
                let t = t?;
                if triples.len() >= self.max_triples {
                    break;
                }
                triples.insert(t.to_string(), t);
            }
        }
        Ok(triples.into_values().collect())
    }

    /// The ontology: every triple of its graph.
    pub fn ontology(&self) -> Result<Vec<Triple>, SiteError> {
        self.graph_triples(ONTOLOGY_GRAPH)
    }

    fn graph_triples(&self, graph: &str) -> Result<Vec<Triple>, SiteError> {
        let mut triples = BTreeMap::new();
        if let QueryResults::Graph(found) = self.store.query(&format!(
            "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        ))? {
            for t in found {
                let t = t?;
                triples.insert(t.to_string(), t);
            }
        }
        Ok(triples.into_values().collect())
    }

    /// The VoID and DCAT description of the dataset: what the store records (in its
    /// `{base}void` graph), the IRI space, the dumps as DCAT distributions, and the SPARQL
    /// endpoint when a server stands behind it.
    pub fn void(&self) -> Result<Vec<Triple>, SiteError> {
        let store_base = self.store.base()?.unwrap_or_else(|| self.base.to_owned());
        let mut triples = self.graph_triples(&format!("{store_base}void"))?;
        let dataset = NamedNode::new_unchecked(format!("{store_base}void#dataset"));
        let iri = |s: String| Term::from(NamedNode::new_unchecked(s));
        let mut add = |s: &NamedNode, p: String, o: Term| {
            triples.push(Triple::new(s.clone(), NamedNode::new_unchecked(p), o));
        };
        add(
            &dataset,
            format!("{RDF}type"),
            iri(format!("{VOID}Dataset")),
        );
        add(
            &dataset,
            format!("{RDF}type"),
            iri(format!("{DCAT}Dataset")),
        );
        add(
            &dataset,
            format!("{VOID}uriSpace"),
            Literal::new_simple_literal(&store_base).into(),
        );
        if self.live {
            add(
                &dataset,
                format!("{VOID}sparqlEndpoint"),
                iri(format!("{}sparql", self.public_url)),
            );
        }
        for (file, media_type) in DUMPS {
            let compressions: &[bool] = if self.live { &[false] } else { &[false, true] };
            for &gzipped in compressions {
                let name = if gzipped {
                    format!("{file}.gz")
                } else {
                    (*file).to_owned()
                };
                let url = NamedNode::new_unchecked(format!("{}{name}", self.public_url));
                add(&dataset, format!("{VOID}dataDump"), url.clone().into());
                add(&dataset, format!("{DCAT}distribution"), url.clone().into());
                add(
                    &url,
                    format!("{RDF}type"),
                    iri(format!("{DCAT}Distribution")),
                );
                add(&url, format!("{DCAT}downloadURL"), url.clone().into());
                add(
                    &url,
                    format!("{DCAT}mediaType"),
                    iri(format!("{IANA_MEDIA_TYPES}{media_type}")),
                );
                if gzipped {
                    add(
                        &url,
                        format!("{DCAT}compressFormat"),
                        iri(format!("{IANA_MEDIA_TYPES}application/gzip")),
                    );
                }
            }
        }
        // The stored description already says some of this: say each triple once.
        let mut seen = std::collections::HashSet::new();
        triples.retain(|t| seen.insert(t.to_string()));
        // In order, so each subject is written once, in one block.
        triples.sort_by_cached_key(|t| t.to_string());
        Ok(triples)
    }

    /// The home page: counts, the entities by kind, the articles. `root` is the site's
    /// root as seen from the page.
    pub fn home_page(&self, root: &str) -> Result<String, SiteError> {
        let nav = self.nav(root);
        let stats = self.store.counts()?;
        // Each list is read from a bounded slice of the type index and sorted here: on a
        // large store, sorting every entity by name in one query held them all in memory.
        let quotation = format!("{SCHEMA}Quotation");
        let mut by_class: Vec<(&str, usize, Vec<NamedEntity>)> = Vec::new();
        for (class, count) in stats.classes.iter().filter(|(c, _)| *c != quotation) {
            let rows = self.store.select_merged(&format!(
                "SELECT ?e ?name WHERE {{ ?e a <{class}> OPTIONAL {{ ?e <{SCHEMA}name> ?name }} }}
                 LIMIT {HOME_READ_PER_KIND}"
            ))?;
            let mut entities: Vec<NamedEntity> = rows
                .into_iter()
                .filter_map(|mut row| {
                    let name = row.get_mut(1).and_then(Option::take);
                    Some((row.into_iter().next().flatten()?, name))
                })
                .collect();
            // As SPARQL orders them: unnamed first, then by name in any case, then by IRI.
            entities.sort_by_cached_key(|(e, name)| {
                (name.as_deref().map(str::to_lowercase), e.clone())
            });
            by_class.push((class, *count, entities));
        }
        by_class.sort_by(|a, b| a.0.cmp(b.0));
        let mut articles = self.store.select_merged(&format!(
            "SELECT ?a ?id ?title WHERE {{ ?a a <{SCHEMA}NewsArticle> ; <{SCHEMA}identifier> ?id
               OPTIONAL {{ ?a <{SCHEMA}headline> ?title }} }} LIMIT {HOME_READ_PER_KIND}"
        ))?;
        articles.sort_by(|a, b| a.get(1).cmp(&b.get(1)));
        let ask = if self.live {
            format!(
                "Ask it anything at the <a href=\"{}\">SPARQL endpoint</a>, or search by name above.",
                esc(&nav.href("sparql"))
            )
        } else {
            format!(
                "Every name is in the <a href=\"{}\">index</a>; the whole graph is in the \
                 <a href=\"{}\">dump</a> (N-Quads), and the terms in the <a href=\"{}\">ontology</a>.",
                esc(&nav.page("search")),
                esc(&nav.href("dump.nq.gz")),
                esc(&nav.page(ONTOLOGY_PATH)),
            )
        };
        let mut body = format!(
            "<h1>strikegraph</h1>\n<p>A knowledge graph of strikes built from news articles: \
             {} articles, {} strikes, {} quotations.</p>\n<p>{ask}</p>\n",
            stats.articles, stats.strikes, stats.quotations
        );
        for (class, count, entities) in &by_class {
            let kind = display_term(&NamedNode::new_unchecked(class.to_string()).into());
            body.push_str(&format!(
                "<section>\n<h2>{} ({count})</h2>\n<ul>\n",
                esc(&kind),
            ));
            for (iri, name) in entities.iter().take(HOME_PER_KIND) {
                let name = name.as_deref().unwrap_or(iri);
                body.push_str(&format!("<li>{}</li>\n", self.iri_link(iri, name, &nav)));
            }
            if *count > HOME_PER_KIND {
                let more = if self.live {
                    "search, or use SPARQL"
                } else {
                    "see the index"
                };
                body.push_str(&format!(
                    "<li>… and {} more ({more})</li>\n",
                    count - HOME_PER_KIND
                ));
            }
            body.push_str("</ul>\n</section>\n");
        }
        body.push_str("<section>\n<h2>Articles</h2>\n<ul>\n");
        for row in articles.into_iter().take(HOME_PER_KIND) {
            if let (Some(Some(a)), Some(Some(id))) = (row.first(), row.get(1)) {
                let title = row.get(2).cloned().flatten().unwrap_or_else(|| id.clone());
                body.push_str(&format!("<li>{}</li>\n", self.iri_link(a, &title, &nav)));
            }
        }
        body.push_str("</ul>\n</section>");
        Ok(page(&nav, "Home", &body))
    }

    /// The search page: entities whose name or alternate name contains `q` (any case).
    pub fn search_page(&self, q: &str, root: &str) -> Result<String, SiteError> {
        let nav = self.nav(root);
        let mut body = format!(
            "<h1>Search</h1>\n<form action=\"{}\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" \
             aria-label=\"Name\"> <button type=\"submit\">Search</button></form>\n",
            esc(&nav.page("search")),
            esc(q)
        );
        if q.is_empty() {
            return Ok(page(&nav, "Search", &body));
        }
        let needle = Literal::new_simple_literal(q.to_lowercase());
        let rows = self.select(&format!(
            "SELECT ?e (SAMPLE(?name) AS ?n) (SAMPLE(?class) AS ?c) WHERE {{
               ?e <{SCHEMA}name>|<{SCHEMA}alternateName> ?label .
               FILTER(CONTAINS(LCASE(STR(?label)), {needle}))
               ?e <{SCHEMA}name> ?name . OPTIONAL {{ ?e a ?class }}
             }} GROUP BY ?e ORDER BY LCASE(STR(?n)) LIMIT {}",
            SEARCH_HITS + 1
        ))?;
        if rows.is_empty() {
            body.push_str(&format!("<p>Nothing is called “{}”.</p>", esc(q)));
        } else {
            body.push_str("<ul>\n");
            for row in rows.iter().take(SEARCH_HITS) {
                if let (Some(Some(e)), Some(Some(name))) = (row.first(), row.get(1)) {
                    body.push_str(&self.name_item(e, name, row.get(2).cloned().flatten(), &nav));
                }
            }
            if rows.len() > SEARCH_HITS {
                body.push_str(&format!(
                    "<li>… more than {SEARCH_HITS}; be more precise</li>\n"
                ));
            }
            body.push_str("</ul>");
        }
        Ok(page(&nav, &format!("Search: {q}"), &body))
    }

    /// The published stand-in for search: every named entity under the base, A to Z.
    pub fn name_index_page(&self, root: &str) -> Result<String, SiteError> {
        let nav = self.nav(root);
        let base = Literal::new_simple_literal(self.base);
        let rows = self.select(&format!(
            "SELECT ?e (SAMPLE(?name) AS ?n) (SAMPLE(?class) AS ?c)
               (GROUP_CONCAT(DISTINCT ?alt; separator=\" · \") AS ?alts) WHERE {{
               ?e <{SCHEMA}name> ?name . OPTIONAL {{ ?e a ?class }}
               OPTIONAL {{ ?e <{SCHEMA}alternateName> ?alt }}
               FILTER(STRSTARTS(STR(?e), {base}))
             }} GROUP BY ?e ORDER BY LCASE(STR(?n)) ?e"
        ))?;
        let mut body = format!(
            "<h1>Names A–Z</h1>\n<p>Every named entity in the graph ({}), with its other names. \
             Searching needs the server (<code>strikegraph serve</code>); here, use your \
             browser's find in page.</p>\n<ul>\n",
            rows.len()
        );
        for row in &rows {
            if let (Some(Some(e)), Some(Some(name))) = (row.first(), row.get(1)) {
                let mut item = self.name_item(e, name, row.get(2).cloned().flatten(), &nav);
                if let Some(Some(alts)) = row
                    .get(3)
                    .filter(|a| a.as_ref().is_some_and(|a| !a.is_empty()))
                {
                    item = item.replacen("</li>", &format!(" — {}</li>", esc(alts)), 1);
                }
                body.push_str(&item);
            }
        }
        body.push_str("</ul>");
        Ok(page(&nav, "Names A–Z", &body))
    }

    fn name_item(&self, iri: &str, name: &str, class: Option<String>, nav: &Nav<'_>) -> String {
        let kind = class
            .map(|c| display_term(&NamedNode::new_unchecked(c).into()))
            .unwrap_or_default();
        format!(
            "<li>{} <small>{}</small></li>\n",
            self.iri_link(iri, name, nav),
            esc(&kind)
        )
    }

    /// The ontology's page: each class and property with its label, comment and
    /// superclasses, under an anchor named as the term (`#Strike`).
    pub fn ontology_page(&self, triples: &[Triple], root: &str) -> String {
        let nav = self.nav(root);
        let mut terms: BTreeMap<String, Vec<&Triple>> = BTreeMap::new();
        let mut about = Vec::new();
        for t in triples {
            let NamedOrBlankNode::NamedNode(s) = &t.subject else {
                continue;
            };
            if s.as_str() == ONTOLOGY_GRAPH {
                about.push(t);
            } else {
                terms.entry(s.as_str().to_owned()).or_default().push(t);
            }
        }
        let literal = |ts: &[&Triple], p: &str| -> Option<String> {
            ts.iter().find_map(|t| match &t.object {
                Term::Literal(l) if t.predicate.as_str() == p => Some(l.value().to_owned()),
                _ => None,
            })
        };
        let labels = HashMap::new();
        let mut body = format!(
            "<h1>{}</h1>\n<p>{}</p>\n<p><code>{}</code></p>\n<p>As data: {}</p>\n",
            esc(&literal(&about, &format!("{RDFS}label")).unwrap_or_else(|| "Ontology".into())),
            esc(&literal(&about, &format!("{RDFS}comment")).unwrap_or_default()),
            esc(ONTOLOGY_GRAPH),
            data_links(&nav.href(ONTOLOGY_PATH)),
        );
        body.push_str("<dl>\n");
        for (iri, ts) in &terms {
            let name = display_term(&NamedNode::new_unchecked(iri.clone()).into());
            let anchor = iri.rsplit(['#', '/']).next().unwrap_or(iri);
            let own = iri.starts_with(ONTOLOGY_GRAPH);
            body.push_str(&format!(
                "<dt{}><strong>{}</strong>",
                if own {
                    format!(" id=\"{}\"", esc(anchor))
                } else {
                    String::new()
                },
                esc(&name)
            ));
            if let Some(label) = literal(ts, &format!("{RDFS}label")) {
                body.push_str(&format!(" — {}", esc(&label)));
            }
            body.push_str("</dt>\n<dd>");
            let mut lines = Vec::new();
            if let Some(comment) = literal(ts, &format!("{RDFS}comment")) {
                lines.push(esc(&comment));
            }
            for t in ts {
                if matches!(&t.object, Term::NamedNode(_)) {
                    lines.push(format!(
                        "<small>{} {}</small>",
                        esc(&display_term(&t.predicate.clone().into())),
                        self.term_html(&t.object, &labels, &nav)
                    ));
                }
            }
            body.push_str(&lines.join("<br>\n"));
            body.push_str("</dd>\n");
        }
        body.push_str("</dl>");
        page(&nav, "Ontology", &body)
    }

    /// The HTML page of an entity, from its description.
    pub fn entity_page(&self, iri: &NamedNode, triples: &[Triple], root: &str) -> String {
        let nav = self.nav(root);
        let schema = |local: &str| format!("{SCHEMA}{local}");
        let this = NamedOrBlankNode::from(iri.clone());
        let this_term = Term::from(iri.clone());
        let labels = labels(triples);
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
            .map(|t| self.term_html(&t.object, &labels, &nav))
            .collect();
        let mut body = format!(
            "<h1>{}</h1>\n<p>{}</p>\n<p><code>{}</code></p>\n",
            esc(&name),
            kinds.join(", "),
            esc(iri.as_str())
        );
        if let Some(local) = self.local_path(iri.as_str()) {
            body.push_str(&format!(
                "<p>As data: {}</p>\n",
                data_links(&nav.href(&local))
            ));
        }
        body.push_str(&picture::neighbourhood(iri, triples, &labels, |n| {
            self.href(n, &nav)
        }));

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
                    self.term_html(&t.object, &labels, &nav)
                ));
            }
            body.push_str("</table>\n");
        }
        let incoming: Vec<&Triple> = triples
            .iter()
            .filter(|t| {
                t.object == this_term && !hidden_in.iter().any(|h| h == t.predicate.as_str())
            })
            .collect();
        if !incoming.is_empty() {
            body.push_str("<h2>Referred to by</h2>\n<table>\n");
            for t in incoming {
                body.push_str(&format!(
                    "<tr><td>{}</td><th>{}</th></tr>\n",
                    self.term_html(&t.subject.clone().into(), &labels, &nav),
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
                    .map(|a| format!(" <small>({})</small>", self.term_html(a, &labels, &nav)))
                    .unwrap_or_default();
                body.push_str(&format!(
                    "<blockquote>{}{}</blockquote>\n",
                    esc(&text),
                    source
                ));
            }
        }

        // Articles that mention it.
        let articles: Vec<&NamedNode> = triples
            .iter()
            .filter(|t| t.predicate.as_str() == schema("mentions") && t.object == this_term)
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect();
        if !articles.is_empty() {
            body.push_str("<h2>Mentioned in</h2>\n<ul>\n");
            for a_iri in articles {
                let a = NamedOrBlankNode::from(a_iri.clone());
                let title = match object_of(&a, &schema("headline")) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    _ => a_iri.as_str().rsplit('/').next().unwrap_or("").to_owned(),
                };
                let date = match object_of(&a, &schema("datePublished")) {
                    Some(Term::Literal(l)) => format!(" <small>{}</small>", esc(l.value())),
                    _ => String::new(),
                };
                body.push_str(&format!(
                    "<li>{}{}</li>\n",
                    self.iri_link(a_iri.as_str(), &title, &nav),
                    date
                ));
            }
            body.push_str("</ul>\n");
        }
        page(&nav, &name, &body)
    }
}

/// What to call each IRI in a description: its `schema:name`, else (an article) its
/// headline, else (an article without one) the last segment of its IRI.
fn labels(triples: &[Triple]) -> HashMap<String, String> {
    let mut labels = HashMap::new();
    for wanted in ["name", "headline"] {
        let predicate = format!("{SCHEMA}{wanted}");
        for t in triples.iter().filter(|t| t.predicate.as_str() == predicate) {
            if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (&t.subject, &t.object) {
                labels
                    .entry(n.as_str().to_owned())
                    .or_insert_with(|| l.value().to_owned());
            }
        }
    }
    let mentions = format!("{SCHEMA}mentions");
    for t in triples.iter().filter(|t| t.predicate.as_str() == mentions) {
        if let NamedOrBlankNode::NamedNode(n) = &t.subject {
            let last = n.as_str().rsplit('/').next().unwrap_or(n.as_str());
            labels
                .entry(n.as_str().to_owned())
                .or_insert_with(|| last.to_owned());
        }
    }
    labels
}

/// Links to the RDF representations of the document at `href`.
fn data_links(href: &str) -> String {
    SUFFIXES
        .iter()
        .filter(|(suffix, _)| *suffix != ".html")
        .map(|(suffix, media_type)| {
            let label = match *media_type {
                "text/turtle" => "Turtle",
                "application/ld+json" => "JSON-LD",
                "application/n-triples" => "N-Triples",
                _ => "RDF/XML",
            };
            link(&format!("{href}{suffix}"), label)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Triples in `format`.
pub fn serialize(triples: &[Triple], format: RdfFormat) -> Result<Vec<u8>, SiteError> {
    let mut writer = rdf_serializer(format).for_writer(Vec::new());
    for t in triples {
        writer.serialize_triple(t)?;
    }
    Ok(writer.finish()?)
}
