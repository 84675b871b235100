//! The store: Oxigraph on RocksDB. One named graph per article, the ontology in its own
//! graph, and the dataset description (with the IRI base) in another.
//!
//! Invariant: an article's graph is only ever replaced whole, inside one transaction, so a
//! reader (or a crash) sees the old graph or the new one, never a mix.

use crate::extract::EntityKind;
use crate::rdf::vocab::{ONTOLOGY_GRAPH, PREFIXES, RDF, SCHEMA, SG, VOID};
use crate::resolve::{Identity, IriSpace};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
#[cfg(feature = "rocksdb")]
use std::path::Path;
use std::path::PathBuf;

pub use oxigraph::store::StorageError;

/// The ontology, compiled in so every store carries the version its data was written with.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/strikegraph.ttl");

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process holds the store's write lock (RocksDB's `LOCK` file).
    #[error("the store at {path} is in use by another strikegraph process (ingest, remove or serve --allow-update); only one may write at a time, so try again when it has finished. Read-only commands (query, export, stats, serve) still work")]
    Locked { path: PathBuf },
    #[error("cannot open the store at {path}: {source}")]
    Open { path: PathBuf, source: StorageError },
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("SPARQL evaluation error: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("SPARQL update error: {0}")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    #[error("the ontology does not parse: {0}")]
    Ontology(String),
    #[error("{0}")]
    Base(String),
}

/// How many times a read-only open is tried when a concurrent writer's compaction races it.
#[cfg(feature = "rocksdb")]
const READ_ONLY_OPEN_ATTEMPTS: u32 = 8;

pub struct Store {
    inner: oxigraph::store::Store,
    read_only: bool,
}

/// Counts for `stats`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub articles: usize,
    pub quads: usize,
    /// (class IRI, count) for the entity classes, most common first.
    pub classes: Vec<(String, usize)>,
    pub quotations: usize,
    pub strikes: usize,
}

impl Store {
    /// Opens (or creates) a store for reading and writing.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        match oxigraph::store::Store::open(path) {
            Ok(inner) => Ok(Self {
                inner,
                read_only: false,
            }),
            Err(source) => Err(classify_open_error(path, source)),
        }
    }

    /// Opens an existing store for reading only; works while another process writes to it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Base(format!(
                "no store at {} (build one with `strikegraph ingest`)",
                path.display()
            )));
        }
        // A writer in another process may compact while this opens, deleting a file the
        // manifest just named; that race is transient, so the open is tried again.
        let mut wait = std::time::Duration::from_millis(20);
        let mut attempts = 1;
        loop {
            match oxigraph::store::Store::open_read_only(path) {
                Ok(inner) => {
                    return Ok(Self {
                        inner,
                        read_only: true,
                    })
                }
                Err(source) if attempts < READ_ONLY_OPEN_ATTEMPTS && is_transient(&source) => {
                    tracing::debug!("opening {} read-only: {source}; retrying", path.display());
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(std::time::Duration::from_millis(500));
                    attempts += 1;
                }
                Err(source) => return Err(classify_open_error(path, source)),
            }
        }
    }

    /// An in-memory store, for tests and one-off conversions.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            inner: oxigraph::store::Store::new()?,
            read_only: false,
        })
    }

    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Loads the ontology into its graph, replacing an older version.
    pub fn ensure_ontology(&self) -> Result<(), StoreError> {
        let graph = NamedNodeRef::new_unchecked(ONTOLOGY_GRAPH);
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(graph)
            .for_slice(ONTOLOGY_TTL.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Ontology(e.to_string()))?;
        let current = self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .count();
        if current == quads.len()
            && quads
                .iter()
                .all(|q| self.inner.contains(q).unwrap_or(false))
        {
            return Ok(());
        }
        self.replace_graph(graph, &quads)?;
        Ok(())
    }

    /// The IRI base recorded in the store, if any.
    pub fn base(&self) -> Result<Option<String>, StoreError> {
        let query = format!(
            "SELECT ?space WHERE {{ GRAPH ?g {{ ?d a <{VOID}Dataset> ; <{VOID}uriSpace> ?space }} }} LIMIT 1"
        );
        if let QueryResults::Solutions(mut rows) = SparqlEvaluator::new()
            .parse_query(&query)?
            .on_store(&self.inner)
            .execute()?
        {
            if let Some(row) = rows.next() {
                if let Some(Term::Literal(l)) = row?.get("space") {
                    return Ok(Some(l.value().to_owned()));
                }
            }
        }
        Ok(None)
    }

    /// Decides the IRI base: the store's own if it has one (a different `requested` one is an
    /// error, as it would split the graph in two), else `requested` or the default, recorded.
    pub fn settle_base(&self, requested: Option<&str>) -> Result<IriSpace, StoreError> {
        if let Some(existing) = self.base()? {
            if let Some(req) = requested {
                let req_space = IriSpace::new(req).map_err(StoreError::Base)?;
                if req_space.base() != existing {
                    return Err(StoreError::Base(format!(
                        "this store uses the base {existing}; it cannot take {req} (use a new store)"
                    )));
                }
            }
            return IriSpace::new(&existing).map_err(StoreError::Base);
        }
        let space = IriSpace::new(requested.unwrap_or(crate::rdf::vocab::DEFAULT_BASE))
            .map_err(StoreError::Base)?;
        if !self.read_only {
            let graph = NamedNode::new_unchecked(format!("{}void", space.base()));
            let dataset = NamedNode::new_unchecked(format!("{}void#dataset", space.base()));
            let quads = [
                (
                    format!("{RDF}type"),
                    Term::from(NamedNode::new_unchecked(format!("{VOID}Dataset"))),
                ),
                (
                    format!("{VOID}uriSpace"),
                    Literal::new_simple_literal(space.base()).into(),
                ),
                (
                    "http://purl.org/dc/terms/title".to_owned(),
                    Literal::new_simple_literal("strikegraph knowledge graph").into(),
                ),
                (
                    format!("{VOID}vocabulary"),
                    NamedNode::new_unchecked(SCHEMA).into(),
                ),
                (
                    format!("{VOID}vocabulary"),
                    NamedNode::new_unchecked(SG).into(),
                ),
            ]
            .into_iter()
            .map(|(p, o)| {
                Quad::new(
                    dataset.clone(),
                    NamedNode::new_unchecked(p),
                    o,
                    graph.clone(),
                )
            })
            .collect::<Vec<_>>();
            self.replace_graph(graph.as_ref(), &quads)?;
        }
        Ok(space)
    }

    /// Replaces a named graph's content in one transaction. Returns whether it existed.
    pub fn replace_graph(
        &self,
        graph: NamedNodeRef<'_>,
        quads: &[Quad],
    ) -> Result<bool, StoreError> {
        let mut tx = self.inner.start_transaction()?;
        let existed = tx.contains_named_graph(graph)?;
        tx.clear_graph(graph)?;
        tx.insert_named_graph(graph);
        for quad in quads {
            tx.insert(QuadRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
                graph,
            ));
        }
        tx.commit()?;
        Ok(existed)
    }

    /// Whether the graph holds exactly these quads (so a re-ingest can be skipped).
    pub fn graph_equals(
        &self,
        graph: NamedNodeRef<'_>,
        quads: &[Quad],
    ) -> Result<bool, StoreError> {
        let mut count = 0;
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.into()))
        {
            quad?;
            count += 1;
            if count > quads.len() {
                return Ok(false);
            }
        }
        if count != quads.len() {
            return Ok(false);
        }
        for quad in quads {
            if !self.inner.contains(QuadRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
                graph,
            ))? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Removes an article's graph. Returns whether there was one.
    pub fn remove_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let mut tx = self.inner.start_transaction()?;
        let existed = tx.contains_named_graph(graph)?;
        if existed {
            tx.remove_named_graph(graph)?;
        }
        tx.commit()?;
        Ok(existed)
    }

    /// A SPARQL evaluator that knows the project's prefixes.
    pub fn evaluator() -> SparqlEvaluator {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in PREFIXES {
            evaluator = match evaluator.clone().with_prefix(*prefix, *iri) {
                Ok(e) => e,
                Err(_) => evaluator,
            };
        }
        evaluator
    }

    /// Runs a SPARQL query whose default graph is the union of all graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut prepared = Self::evaluator().parse_query(sparql)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SPARQL query like [`Store::query`], stoppable through `token` (the HTTP server
    /// cancels it at its time limit). `default_graphs` and `named_graphs` (the SPARQL
    /// protocol's `default-graph-uri` and `named-graph-uri`) replace the query's dataset when
    /// given.
    pub fn query_cancellable(
        &self,
        sparql: &str,
        token: oxigraph::sparql::CancellationToken,
        default_graphs: &[NamedNode],
        named_graphs: &[NamedNode],
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut prepared = Self::evaluator()
            .with_cancellation_token(token)
            .parse_query(sparql)?;
        if !default_graphs.is_empty() {
            prepared
                .dataset_mut()
                .set_default_graph(default_graphs.iter().cloned().map(Into::into).collect());
        }
        if !named_graphs.is_empty() {
            prepared
                .dataset_mut()
                .set_available_named_graphs(named_graphs.iter().cloned().map(Into::into).collect());
        }
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SPARQL Update (only on a store opened for writing).
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::Base(
                "the store is open read-only; it takes no updates".into(),
            ));
        }
        Self::evaluator()
            .parse_update(sparql)?
            .on_store(&self.inner)
            .execute()?;
        Ok(())
    }

    /// Runs a SELECT and returns its rows as strings (IRIs and literal values), for reports.
    pub fn select_strings(&self, sparql: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        let mut out = Vec::new();
        if let QueryResults::Solutions(rows) = self.query(sparql)? {
            let vars: Vec<_> = rows.variables().to_vec();
            for row in rows {
                let row = row?;
                out.push(
                    vars.iter()
                        .map(|v| {
                            row.get(v).map(|t| match t {
                                Term::Literal(l) => l.value().to_owned(),
                                Term::NamedNode(n) => n.as_str().to_owned(),
                                other => other.to_string(),
                            })
                        })
                        .collect(),
                );
            }
        }
        Ok(out)
    }

    /// Every entity's kind, name and alternate names, so new articles meet old nodes.
    pub fn identity(&self) -> Result<Identity, StoreError> {
        let mut identity = Identity::default();
        let rows = self.select_strings(&format!(
            "SELECT ?type ?name (GROUP_CONCAT(?alt; separator=\"\\u001f\") AS ?alts) WHERE {{
               ?e a ?type ; <{SCHEMA}name> ?name .
               VALUES ?type {{ <{SCHEMA}Person> <{SCHEMA}Hospital> <{SCHEMA}Organization> <{SCHEMA}Place>
                              <{SCHEMA}WorkersUnion> <{SCHEMA}PoliticalParty> <{SCHEMA}GovernmentOrganization>
                              <{SCHEMA}NewsMediaOrganization> <{SCHEMA}EducationalOrganization> <{SG}HealthTrust>
                              <{SG}Council> <{SG}Street> <{SCHEMA}Country> <{SCHEMA}City> <{SCHEMA}AdministrativeArea> }}
               OPTIONAL {{ ?e <{SCHEMA}alternateName> ?alt }}
             }} GROUP BY ?e ?type ?name"
        ))?;
        for row in rows {
            let (Some(Some(class)), Some(Some(name))) = (row.first(), row.get(1)) else {
                continue;
            };
            let kind = kind_of_class(class);
            let alts: Vec<String> = row
                .get(2)
                .cloned()
                .flatten()
                .map(|a| {
                    a.split('\u{1f}')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            identity.learn(kind, name, &alts);
        }
        Ok(identity)
    }

    /// The identifiers of the articles in the store, sorted.
    pub fn article_ids(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = self.select_strings(&format!(
            "SELECT ?a ?id WHERE {{ GRAPH ?a {{ ?a a <{SCHEMA}NewsArticle> ; <{SCHEMA}identifier> ?id }} }} ORDER BY ?id"
        ))?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match (r.first(), r.get(1)) {
                (Some(Some(a)), Some(Some(id))) => Some((a.clone(), id.clone())),
                _ => None,
            })
            .collect())
    }

    /// Publication years of the articles already stored, for dating undated articles.
    pub fn publication_years(&self) -> Result<Vec<i32>, StoreError> {
        let rows = self.select_strings(&format!(
            "SELECT ?d WHERE {{ ?a a <{SCHEMA}NewsArticle> ; <{SCHEMA}datePublished> ?d }}"
        ))?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.first().cloned().flatten())
            .filter_map(|d| d.get(..4).and_then(|y| y.parse().ok()))
            .collect())
    }

    pub fn stats(&self) -> Result<Stats, StoreError> {
        let mut stats = Stats {
            quads: self.inner.len()?,
            articles: self.article_ids()?.len(),
            ..Stats::default()
        };
        let rows = self.select_strings(&format!(
            "SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{SCHEMA}mentions> ?e }} ?e a ?class }}
             GROUP BY ?class ORDER BY DESC(?n) ?class"
        ))?;
        for row in rows {
            if let (Some(Some(class)), Some(Some(n))) = (row.first(), row.get(1)) {
                let n: usize = n.parse().unwrap_or(0);
                if class == &format!("{SG}Strike") {
                    stats.strikes = n;
                } else if class == &format!("{SCHEMA}Quotation") {
                    stats.quotations = n;
                }
                stats.classes.push((class.clone(), n));
            }
        }
        Ok(stats)
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        if !self.read_only {
            self.inner.flush()?;
        }
        Ok(())
    }
}

/// Maps a stored class back to the kind of entity it stands for.
pub fn kind_of_class(class: &str) -> EntityKind {
    let local = class.rsplit(['/', '#']).next().unwrap_or("");
    match local {
        "Person" => EntityKind::Person,
        "Hospital" => EntityKind::Hospital,
        "Place" | "Street" | "Country" | "City" | "AdministrativeArea" => EntityKind::Place,
        _ => EntityKind::Organization,
    }
}

#[cfg(feature = "rocksdb")]
fn classify_open_error(path: &Path, source: StorageError) -> StoreError {
    if is_lock_error(&source.to_string()) {
        StoreError::Locked {
            path: path.to_owned(),
        }
    } else {
        StoreError::Open {
            path: path.to_owned(),
            source,
        }
    }
}

/// Whether a read-only open failed because a file named in the manifest was removed by a
/// concurrent writer meanwhile (RocksDB reports it as a corruption naming a missing file).
#[cfg(feature = "rocksdb")]
fn is_transient(error: &StorageError) -> bool {
    let message = error.to_string();
    message.contains("No such file or directory") || message.contains("Corruption")
}

/// Whether a RocksDB open error says another process holds the lock, e.g.
/// `IO error: While lock file: db/LOCK: Resource temporarily unavailable`. Matched on the
/// lock file's name and the `EAGAIN`/`ENOLCK` texts, not on "lock" alone, which would also
/// match a "block" checksum error.
#[cfg(feature = "rocksdb")]
fn is_lock_error(message: &str) -> bool {
    message.contains("While lock file")
        || message.contains("/LOCK:")
        || message.contains("Resource temporarily unavailable")
        || message.contains("No locks available")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "rocksdb")]
    #[test]
    fn lock_errors_are_told_from_other_open_errors() {
        assert!(is_lock_error(
            "IO error: While lock file: /tmp/s/LOCK: Resource temporarily unavailable"
        ));
        assert!(!is_lock_error(
            "Corruption: block checksum mismatch in 000010.sst"
        ));
        assert!(!is_lock_error("IO error: No such file or directory"));
    }

    #[test]
    fn replacing_a_graph_keeps_others() -> Result<(), Box<dyn std::error::Error>> {
        let store = Store::in_memory()?;
        let g1 = NamedNode::new("http://e.org/g1")?;
        let g2 = NamedNode::new("http://e.org/g2")?;
        let s = NamedNode::new("http://e.org/s")?;
        let q = |o: &str, g: &NamedNode| {
            Quad::new(
                s.clone(),
                s.clone(),
                Literal::new_simple_literal(o),
                g.clone(),
            )
        };
        assert!(!store.replace_graph(g1.as_ref(), &[q("a", &g1), q("b", &g1)])?);
        store.replace_graph(g2.as_ref(), &[q("c", &g2)])?;
        assert!(store.replace_graph(g1.as_ref(), &[q("d", &g1)])?);
        assert_eq!(store.oxigraph().len()?, 2);
        assert!(store.graph_equals(g1.as_ref(), &[q("d", &g1)])?);
        assert!(store.remove_graph(g1.as_ref())?);
        assert_eq!(store.oxigraph().len()?, 1);
        Ok(())
    }

    #[test]
    fn the_base_is_recorded_once_and_enforced() -> Result<(), Box<dyn std::error::Error>> {
        let store = Store::in_memory()?;
        let space = store.settle_base(Some("http://e.org/id"))?;
        assert_eq!(space.base(), "http://e.org/id/");
        assert_eq!(store.settle_base(None)?.base(), "http://e.org/id/");
        assert!(store.settle_base(Some("http://other.org/")).is_err());
        Ok(())
    }

    #[test]
    fn the_ontology_loads_and_queries_see_the_union() -> Result<(), Box<dyn std::error::Error>> {
        let store = Store::in_memory()?;
        store.ensure_ontology()?;
        let rows = store.select_strings("ASK { sg:Strike rdfs:subClassOf schema:Event }");
        assert!(rows.is_ok());
        match store.query("ASK { sg:Strike rdfs:subClassOf schema:Event }")? {
            QueryResults::Boolean(b) => assert!(b),
            _ => panic!("ASK gives a boolean"),
        }
        Ok(())
    }
}
