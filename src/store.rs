//! The store: Oxigraph on RocksDB. One named graph per article, the ontology in its own
//! graph, and the dataset description (with the IRI base) in another.
//!
//! The default graph is the *merged* graph: every triple of every named graph except the
//! graph's own provenance nodes (`{article}#char=…` text spans and `{article}#fact-…`
//! statements), each once. Queries run on it by default, so the questions users ask first
//! ("who works for whom") read one graph instead of scanning every article's; `GRAPH ?g`
//! still reaches each article's graph with its provenance.
//!
//! Invariants: an article's graph is only ever replaced whole, together with its share of
//! the merged graph, inside one transaction (or one all-or-nothing bulk-load unit), so a
//! reader (or a crash) sees the old graph or the new one, never a mix. A triple is in the
//! merged graph exactly when some named graph holds it outside its provenance nodes.

use crate::extract::EntityKind;
use crate::rdf::vocab::{ONTOLOGY_GRAPH, PREFIXES, RDF, SCHEMA, SG, VOID};
use crate::resolve::{Identity, IriSpace};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TripleRef,
};
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
    /// The path holds no store (only `ingest` and `load` create one).
    #[error(
        "no store at {path} (build one with `strikegraph ingest`, or name another with --store)"
    )]
    Missing { path: PathBuf },
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
        if !path.join("CURRENT").exists() {
            create_whole(path)?;
        }
        match oxigraph::store::Store::open(path) {
            Ok(inner) => Ok(Self {
                inner,
                read_only: false,
            }),
            Err(source) => Err(classify_open_error(path, source)),
        }
    }

    /// Opens an existing store for reading and writing. Unlike [`Store::open`], a path that
    /// holds no store is an error and nothing is created: commands that change a store
    /// without building one (`remove`, `optimize`) must not leave an empty store behind a
    /// mistyped `--store`.
    #[cfg(feature = "rocksdb")]
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        Self::open(path)
    }

    /// Opens an existing store for reading only; works while another process writes to it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
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

    /// Replaces a named graph's content, and its share of the merged graph, in one
    /// transaction. Returns whether the graph existed.
    pub fn replace_graph(
        &self,
        graph: NamedNodeRef<'_>,
        quads: &[Quad],
    ) -> Result<bool, StoreError> {
        let mut tx = self.inner.start_transaction()?;
        let existed = tx.contains_named_graph(graph)?;
        let old = if existed {
            merged_triples_of(&tx, graph)?
        } else {
            Vec::new()
        };
        tx.clear_graph(graph)?;
        tx.insert_named_graph(graph);
        let mut new = rustc_hash::FxHashSet::default();
        for quad in quads {
            tx.insert(QuadRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
                graph,
            ));
            if is_merged(quad.subject.as_ref(), graph) {
                tx.insert(QuadRef::new(
                    &quad.subject,
                    &quad.predicate,
                    &quad.object,
                    GraphNameRef::DefaultGraph,
                ));
                new.insert(TripleRef::new(&quad.subject, &quad.predicate, &quad.object));
            }
        }
        retract_unsupported(
            &mut tx,
            graph,
            old.iter()
                .filter(|q| !new.contains(&TripleRef::new(&q.subject, &q.predicate, &q.object))),
        )?;
        tx.commit()?;
        Ok(existed)
    }

    /// Writes each strike's latest status to the merged graph as `schema:eventStatus`: the
    /// claim (`sg:phase`) of the latest article, the most final one among claims of one day
    /// (called off outranks under way). The claims stay in their articles' graphs; the
    /// statuses live in a graph of their own (`{base}event-status`), rewritten whole, so the
    /// merged graph stays the union of named graphs. Returns the number of strikes.
    pub fn refresh_event_statuses(&self, space: &IriSpace) -> Result<usize, StoreError> {
        use crate::extract::StrikeStatus;
        let rows = self.select_strings(&format!(
            "SELECT ?s ?phase ?published WHERE {{
               GRAPH ?g {{ ?s <{SG}phase> ?phase . OPTIONAL {{ ?g <{SCHEMA}datePublished> ?published }} }}
             }}"
        ))?;
        let mut latest: std::collections::BTreeMap<String, (Option<String>, StrikeStatus)> =
            Default::default();
        for row in rows {
            let (Some(Some(strike)), Some(Some(phase))) = (row.first(), row.get(1)) else {
                continue;
            };
            let Some(status) = StrikeStatus::from_phase(phase) else {
                continue;
            };
            let published = row.get(2).cloned().flatten();
            match latest.get_mut(strike) {
                Some(best)
                    if best.1.claim_order(best.0.as_deref())
                        >= status.claim_order(published.as_deref()) => {}
                Some(best) => *best = (published, status),
                None => {
                    latest.insert(strike.clone(), (published, status));
                }
            }
        }
        let graph = NamedNode::new_unchecked(format!("{}event-status", space.base()));
        let predicate = NamedNode::new_unchecked(format!("{SCHEMA}eventStatus"));
        let quads: Vec<Quad> = latest
            .iter()
            .map(|(strike, (_, status))| {
                Quad::new(
                    NamedNode::new_unchecked(strike.as_str()),
                    predicate.clone(),
                    NamedNode::new_unchecked(format!("{SCHEMA}{}", status.event_status())),
                    graph.clone(),
                )
            })
            .collect();
        if !self.graph_equals(graph.as_ref(), &quads)? {
            self.replace_graph(graph.as_ref(), &quads)?;
        }
        Ok(latest.len())
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

    /// Removes an article's graph, and what only it said from the merged graph. Returns
    /// whether there was one.
    pub fn remove_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let mut tx = self.inner.start_transaction()?;
        let existed = tx.contains_named_graph(graph)?;
        if existed {
            let old = merged_triples_of(&tx, graph)?;
            tx.remove_named_graph(graph)?;
            retract_unsupported(&mut tx, graph, old.iter())?;
        }
        tx.commit()?;
        Ok(existed)
    }

    /// Whether the store already holds this named graph.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        Ok(self.inner.contains_named_graph(graph)?)
    }

    /// The content hash recorded in an article's graph, if any.
    pub fn content_hash(&self, article: NamedNodeRef<'_>) -> Result<Option<String>, StoreError> {
        let predicate = NamedNode::new_unchecked(format!("{SG}contentHash"));
        for quad in self.inner.quads_for_pattern(
            Some(article.into()),
            Some(predicate.as_ref()),
            None,
            Some(article.into()),
        ) {
            if let Term::Literal(l) = quad?.object {
                return Ok(Some(l.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// A bulk loader: what it loads is written when it is committed, all at once (its
    /// files are ingested together), so a crash leaves all of a unit or none of it.
    pub fn bulk_loader(&self) -> oxigraph::store::BulkLoader<'_> {
        self.inner.bulk_loader()
    }

    /// Adds new graphs, and their share of the merged graph, to a bulk-load unit. Only for
    /// graphs that are not in the store yet: the bulk loader cannot remove old triples.
    pub fn bulk_load_graphs<'q>(
        loader: &mut oxigraph::store::BulkLoader<'_>,
        graphs: impl IntoIterator<Item = &'q [Quad]>,
    ) -> Result<(), StoreError> {
        loader.load_quads(graphs.into_iter().flat_map(with_merged_copies))?;
        Ok(())
    }

    /// Bulk-loads N-Quads (as `strikegraph extract` writes them) in units of about
    /// `unit_quads` quads, each all-or-nothing, adding each named-graph triple to the
    /// merged graph. Returns the number of quads loaded. Graphs already in the store gain
    /// triples; nothing is removed (use `ingest` to replace an article).
    ///
    /// A unit is streamed to the loader a million quads at a time, so memory does not grow
    /// with the unit.
    pub fn load_nquads(
        &self,
        reader: impl std::io::Read,
        unit_quads: usize,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, LoadError> {
        const CHUNK_QUADS: usize = 1 << 20;
        let unit_quads = unit_quads.max(1);
        let mut parser = RdfParser::from_format(RdfFormat::NQuads).for_reader(reader);
        let mut chunk = Vec::with_capacity(CHUNK_QUADS.min(unit_quads));
        let mut loader = None;
        let mut committed = 0u64;
        let mut in_unit = 0;
        loop {
            let wanted = CHUNK_QUADS.min(unit_quads - in_unit);
            chunk.clear();
            for quad in parser.by_ref() {
                chunk.push(quad.map_err(|e| LoadError::Syntax {
                    quads_loaded: committed,
                    message: e.to_string(),
                })?);
                if chunk.len() >= wanted {
                    break;
                }
            }
            let exhausted = chunk.len() < wanted;
            if !chunk.is_empty() {
                in_unit += chunk.len();
                loader
                    .get_or_insert_with(|| self.inner.bulk_loader())
                    .load_quads(with_merged_copies(&chunk))
                    .map_err(StoreError::from)?;
                progress(committed + in_unit as u64);
            }
            if exhausted || in_unit == unit_quads {
                if let Some(unit) = loader.take() {
                    unit.commit().map_err(StoreError::from)?;
                    committed += in_unit as u64;
                    in_unit = 0;
                }
                if exhausted {
                    return Ok(committed);
                }
            }
        }
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

    /// Runs a SPARQL query on the merged default graph (`GRAPH ?g` reaches the articles).
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        Ok(Self::evaluator()
            .parse_query(sparql)?
            .on_store(&self.inner)
            .execute()?)
    }

    /// Runs a SPARQL query like [`Store::query`], stoppable through `token`, and also returns
    /// its evaluation plan, whose row counts and times are filled in once the results have
    /// been read to the end.
    pub fn query_explained(
        &self,
        sparql: &str,
        token: oxigraph::sparql::CancellationToken,
    ) -> Result<(QueryResults<'static>, oxigraph::sparql::QueryExplanation), StoreError> {
        let (results, explanation) = Self::evaluator()
            .with_cancellation_token(token)
            .parse_query(sparql)?
            .on_store(&self.inner)
            .compute_statistics()
            .explain();
        Ok((results?, explanation))
    }

    /// Runs a SPARQL query whose default graph is the union of all graphs, provenance
    /// nodes included (for descriptions that show where each fact came from).
    pub fn query_union(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        let mut prepared = Self::evaluator().parse_query(sparql)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SPARQL query like [`Store::query`], stoppable through `token` (the HTTP server
    /// cancels it at its time limit). `default_graphs` and `named_graphs` (the SPARQL
    /// protocol's `default-graph-uri` and `named-graph-uri`) replace the query's dataset when
    /// given; otherwise the default graph is the merged graph, or with `union` the union of
    /// all graphs.
    pub fn query_cancellable(
        &self,
        sparql: &str,
        token: oxigraph::sparql::CancellationToken,
        default_graphs: &[NamedNode],
        named_graphs: &[NamedNode],
        union: bool,
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
        if union && prepared.dataset().is_default_dataset() {
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

    /// Runs a SELECT over the union of all graphs and returns its rows as strings (IRIs and
    /// literal values), for pages and reports.
    pub fn select_strings(&self, sparql: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        rows_as_strings(self.query_union(sparql)?)
    }

    /// Like [`Store::select_strings`], on the merged graph only.
    pub fn select_merged(&self, sparql: &str) -> Result<Vec<Vec<Option<String>>>, StoreError> {
        rows_as_strings(self.query(sparql)?)
    }

    /// Every entity's kind, name and alternate names, so new articles meet old nodes.
    pub fn identity(&self, space: &IriSpace) -> Result<Identity, StoreError> {
        let mut identity = Identity::default();
        let rows = self.select_merged(&format!(
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
            let alts = concatenated(row.get(2).cloned().flatten());
            identity.learn(kind, name, &alts);
        }
        let strikes = self.select_merged(&format!("SELECT ?s WHERE {{ ?s a <{SG}Strike> }}"))?;
        for iri in strikes.into_iter().flatten().flatten() {
            if let Some((start, Some(key))) = space.parse_strike(&iri) {
                identity.learn_strike(start, key);
            }
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
        let rows = self.select_merged(&format!(
            "SELECT ?d WHERE {{ ?a a <{SCHEMA}NewsArticle> ; <{SCHEMA}datePublished> ?d }}"
        ))?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.first().cloned().flatten())
            .filter_map(|d| d.get(..4).and_then(|y| y.parse().ok()))
            .collect())
    }

    /// Counts of articles, quads and entities by class.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        Ok(Stats {
            quads: self.inner.len()?,
            ..self.counts()?
        })
    }

    /// [`Store::stats`] without the quad count (`quads` is 0): counting quads reads every
    /// one of them (seconds on a large store), the rest reads the type index only.
    pub fn counts(&self) -> Result<Stats, StoreError> {
        let articles = self.select_merged(&format!(
            "SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a <{SCHEMA}NewsArticle> }}"
        ))?;
        let mut stats = Stats {
            articles: articles
                .first()
                .and_then(|r| r.first().cloned().flatten())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
            ..Stats::default()
        };
        // Every typed node of the merged graph is an article or something an article
        // mentions, each once: one scan of the type index, where a join on the mentions
        // took tens of seconds on 100,000 articles.
        let rows = self.select_merged(&format!(
            "SELECT ?class (COUNT(?e) AS ?n) WHERE {{
               ?e a ?class
               FILTER((STRSTARTS(STR(?class), \"{SCHEMA}\") || STRSTARTS(STR(?class), \"{SG}\"))
                      && ?class != <{SCHEMA}NewsArticle>)
             }} GROUP BY ?class ORDER BY DESC(?n) ?class"
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

    /// Every named graph in the store (articles, the ontology, the dataset description),
    /// sorted by IRI.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs = Vec::new();
        for graph in self.inner.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(node) = graph? {
                graphs.push(node);
            }
        }
        graphs.sort();
        Ok(graphs)
    }

    /// One named graph as N-Triples, and how many triples it holds.
    pub fn graph_ntriples(&self, graph: NamedNodeRef<'_>) -> Result<(Vec<u8>, usize), StoreError> {
        let mut serializer =
            oxigraph::io::RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
        let mut count = 0;
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.into()))
        {
            let quad = quad?;
            serializer
                .serialize_triple(quad.as_ref())
                .map_err(|e| StoreError::Storage(StorageError::Io(e)))?;
            count += 1;
        }
        let body = serializer
            .finish()
            .map_err(|e| StoreError::Storage(StorageError::Io(e)))?;
        Ok((body, count))
    }

    /// Compacts the store's files: after a bulk load, fewer and sorted files, so a smaller
    /// store and faster reads.
    #[cfg(feature = "rocksdb")]
    pub fn optimize(&self) -> Result<(), StoreError> {
        if !self.read_only {
            self.inner.optimize()?;
        }
        Ok(())
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        if !self.read_only {
            self.inner.flush()?;
        }
        Ok(())
    }
}

/// Why `strikegraph load` stopped.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("N-Quads syntax error after {quads_loaded} quads: {message} (the units before it are loaded)")]
    Syntax { quads_loaded: u64, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether a triple of `graph` belongs in the merged graph: all but the graph's own
/// provenance nodes, its text spans (`{graph}#char=…`) and fact statements
/// (`{graph}#fact-…`).
pub fn is_merged(subject: NamedOrBlankNodeRef<'_>, graph: NamedNodeRef<'_>) -> bool {
    match subject {
        NamedOrBlankNodeRef::NamedNode(node) => node
            .as_str()
            .strip_prefix(graph.as_str())
            .and_then(|rest| rest.strip_prefix('#'))
            .is_none_or(|fragment| {
                !(fragment.starts_with("char=") || fragment.starts_with("fact-"))
            }),
        NamedOrBlankNodeRef::BlankNode(_) => true,
    }
}

/// Each quad, then its copy in the merged graph where it belongs there.
fn with_merged_copies(quads: &[Quad]) -> impl Iterator<Item = Quad> + '_ {
    quads.iter().flat_map(|quad| {
        let copy = match &quad.graph_name {
            GraphName::NamedNode(g) if is_merged(quad.subject.as_ref(), g.as_ref()) => {
                Some(Quad::new(
                    quad.subject.clone(),
                    quad.predicate.clone(),
                    quad.object.clone(),
                    GraphName::DefaultGraph,
                ))
            }
            _ => None,
        };
        std::iter::once(quad.clone()).chain(copy)
    })
}

/// The triples `graph` contributes to the merged graph.
fn merged_triples_of(
    tx: &oxigraph::store::Transaction<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<Vec<Quad>, StoreError> {
    let mut out = Vec::new();
    for quad in tx.quads_for_pattern(None, None, None, Some(graph.into())) {
        let quad = quad?;
        if is_merged(quad.subject.as_ref(), graph) {
            out.push(quad);
        }
    }
    Ok(out)
}

/// Removes from the merged graph the triples of `old` that no named graph other than
/// `graph` still holds.
fn retract_unsupported<'q>(
    tx: &mut oxigraph::store::Transaction<'_>,
    graph: NamedNodeRef<'_>,
    old: impl Iterator<Item = &'q Quad>,
) -> Result<(), StoreError> {
    let mut unsupported = Vec::new();
    for quad in old {
        let mut supported = false;
        for other in tx.quads_for_pattern(
            Some(quad.subject.as_ref()),
            Some(quad.predicate.as_ref()),
            Some(quad.object.as_ref()),
            None,
        ) {
            match other?.graph_name {
                GraphName::NamedNode(g) if g.as_ref() != graph => {
                    supported = true;
                    break;
                }
                GraphName::BlankNode(_) => {
                    supported = true;
                    break;
                }
                _ => {}
            }
        }
        if !supported {
            unsupported.push(quad);
        }
    }
    for quad in unsupported {
        tx.remove(QuadRef::new(
            &quad.subject,
            &quad.predicate,
            &quad.object,
            GraphNameRef::DefaultGraph,
        ));
    }
    Ok(())
}

/// The values a `GROUP_CONCAT(...; separator="\u001f")` joined, in its order.
pub fn concatenated(cell: Option<String>) -> Vec<String> {
    cell.map(|joined| {
        joined
            .split('\u{1f}')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

fn rows_as_strings(results: QueryResults<'_>) -> Result<Vec<Vec<Option<String>>>, StoreError> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(rows) = results {
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

/// Creates an empty store at `path` all at once. RocksDB writes `CURRENT` first and then
/// adds the column families one by one, so a process killed in between would leave a store
/// that only a writer can open; built beside `path` and renamed into place, the store is
/// either absent or whole. A folder already at `path` that is not empty is left to RocksDB.
#[cfg(feature = "rocksdb")]
fn create_whole(path: &Path) -> Result<(), StoreError> {
    let is_empty_dir = |p: &Path| std::fs::read_dir(p).is_ok_and(|mut d| d.next().is_none());
    if path.exists() && !is_empty_dir(path) {
        return Ok(());
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Ok(());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let open_error = |source: std::io::Error| StoreError::Open {
        path: path.to_owned(),
        source: source.into(),
    };
    std::fs::create_dir_all(parent).map_err(open_error)?;
    let staging = parent.join(format!(
        ".{}.new-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    drop(
        oxigraph::store::Store::open(&staging)
            .map_err(|source| classify_open_error(&staging, source))?,
    );
    match std::fs::rename(&staging, path) {
        Ok(()) => Ok(()),
        // Another process created the store meanwhile: its store stands.
        Err(_) if path.join("CURRENT").exists() => {
            std::fs::remove_dir_all(&staging).map_err(open_error)
        }
        Err(err) => Err(open_error(err)),
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

    #[cfg(feature = "rocksdb")]
    #[test]
    fn a_new_store_is_built_aside_and_moved_into_place() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("news.db");
        drop(Store::open(&path)?);
        // Whole at its path, and nothing left beside it.
        let names: Vec<String> = std::fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        assert_eq!(names, ["news.db"]);
        drop(Store::open_read_only(&path)?);
        // An empty folder is a place for a new store; one holding something else is not
        // moved aside (RocksDB opens it or says why not).
        let empty = dir.path().join("empty.db");
        std::fs::create_dir(&empty)?;
        drop(Store::open(&empty)?);
        assert!(empty.join("CURRENT").exists());
        let other = dir.path().join("other");
        std::fs::create_dir(&other)?;
        std::fs::write(other.join("notes.txt"), "keep")?;
        drop(Store::open(&other)?);
        assert_eq!(std::fs::read_to_string(other.join("notes.txt"))?, "keep");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 3);
        Ok(())
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
        let merged = |store: &Store| -> Result<Vec<String>, StoreError> {
            let mut out: Vec<String> = store
                .oxigraph()
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
                .map(|q| q.map(|q| q.object.to_string()))
                .collect::<Result<_, _>>()?;
            out.sort();
            Ok(out)
        };
        assert!(!store.replace_graph(g1.as_ref(), &[q("a", &g1), q("b", &g1)])?);
        store.replace_graph(g2.as_ref(), &[q("b", &g2), q("c", &g2)])?;
        assert_eq!(merged(&store)?, ["\"a\"", "\"b\"", "\"c\""]);
        // "b" is still said by g2, "a" by nobody.
        assert!(store.replace_graph(g1.as_ref(), &[q("d", &g1)])?);
        assert_eq!(merged(&store)?, ["\"b\"", "\"c\"", "\"d\""]);
        assert!(store.graph_equals(g1.as_ref(), &[q("d", &g1)])?);
        assert!(store.remove_graph(g1.as_ref())?);
        assert_eq!(merged(&store)?, ["\"b\"", "\"c\""]);
        assert!(store.remove_graph(g2.as_ref())?);
        assert_eq!(store.oxigraph().len()?, 0);
        Ok(())
    }

    #[test]
    fn provenance_nodes_stay_in_their_article() -> Result<(), Box<dyn std::error::Error>> {
        let store = Store::in_memory()?;
        let g = NamedNode::new("http://e.org/article/1")?;
        let p = NamedNode::new("http://e.org/p")?;
        let quads: Vec<Quad> = [
            "article/1#char=0,4",
            "article/1#fact-1",
            "article/1/quote/1",
            "article/1",
        ]
        .iter()
        .map(|s| {
            Quad::new(
                NamedNode::new_unchecked(format!("http://e.org/{s}")),
                p.clone(),
                Literal::new_simple_literal("x"),
                g.clone(),
            )
        })
        .collect();
        store.replace_graph(g.as_ref(), &quads)?;
        let in_default: Vec<String> = store
            .oxigraph()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .map(|q| q.map(|q| q.subject.to_string()))
            .collect::<Result<_, _>>()?;
        assert_eq!(in_default.len(), 2, "{in_default:?}");
        assert!(in_default.iter().all(|s| !s.contains('#')));
        Ok(())
    }

    #[test]
    fn a_load_commits_whole_units_and_stops_at_bad_syntax() -> Result<(), Box<dyn std::error::Error>>
    {
        let line = |i: usize| {
            format!("<http://e.org/a/{i}> <http://e.org/p> \"{i}\" <http://e.org/a/{i}> .\n")
        };
        let good: String = (0..7).map(line).collect();
        let store = Store::in_memory()?;
        let mut seen = Vec::new();
        assert_eq!(store.load_nquads(good.as_bytes(), 3, |n| seen.push(n))?, 7);
        assert_eq!(seen, [3, 6, 7]);
        // Each article-graph triple is also in the merged graph.
        assert_eq!(store.oxigraph().len()?, 14);

        let bad = format!(
            "{}<http://e.org/a/9> oops .\n{}",
            (10..15).map(line).collect::<String>(),
            line(20)
        );
        let store = Store::in_memory()?;
        match store.load_nquads(bad.as_bytes(), 3, |_| {}) {
            Err(LoadError::Syntax { quads_loaded, .. }) => assert_eq!(quads_loaded, 3),
            other => panic!("a syntax error, not {other:?}"),
        }
        // The unit before the error is in, the one holding it is not.
        assert_eq!(store.oxigraph().len()?, 6);
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
