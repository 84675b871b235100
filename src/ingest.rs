//! Ingest: documents in, article graphs written. Reads in batches, extracts a batch in
//! parallel, resolves identity across the batch and the store, then writes each article in
//! its own transaction.

use crate::corpus::{Document, ReadError, SkipKind};
use crate::extract::{self, Context, Extraction, Gazetteer};
use crate::rdf::{ArticleGraph, ArticleWriter};
use crate::resolve::{Identity, IriSpace};
use crate::store::{Store, StoreError};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::time::{Duration, Instant};

/// How many documents are extracted together; bounds memory while keeping cores busy.
pub const BATCH_SIZE: usize = 512;

#[derive(Debug, Clone, Default)]
pub struct IngestReport {
    /// Articles written for the first time.
    pub added: usize,
    /// Articles whose graph was replaced with a different one.
    pub replaced: usize,
    /// Articles whose graph was already exactly what extraction gives.
    pub unchanged: usize,
    /// Inputs that were not ingested, with the reason.
    pub skipped: Vec<ReadError>,
    /// Distinct entities, strikes included, in the articles extracted in this run.
    pub entities: usize,
    pub quads: usize,
    /// New articles written through the bulk loader (their files are not compacted yet).
    pub bulk_loaded: usize,
    pub elapsed: Duration,
}

impl IngestReport {
    pub fn articles(&self) -> usize {
        self.added + self.replaced + self.unchanged
    }

    /// The skipped inputs counted by kind, most common first: `[("binary", 2), ...]`.
    pub fn skipped_by_kind(&self) -> Vec<(&'static str, usize)> {
        let mut counts = std::collections::BTreeMap::new();
        for skip in &self.skipped {
            *counts.entry(skip.kind).or_insert(0) += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().map(|(k, n)| (k.label(), n)).collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        counts
    }
}

/// One extracted article, ready to be written.
pub struct Extracted {
    pub doc: Document,
    pub extraction: Extraction,
}

/// Extracts a batch of documents in parallel. `years` are publication years known in the
/// corpus, used to date articles that have no publication date.
///
/// A document whose extraction fails (a bug, never bad input by design) is returned as an
/// error naming it, so one document cannot stop an ingest.
pub fn extract_batch(
    docs: Vec<Document>,
    gazetteer: &Gazetteer,
    years: &[i32],
) -> Vec<Result<Extracted, ReadError>> {
    docs.into_par_iter()
        .map(|doc| {
            let mut context = Context::for_document(&doc);
            context.corpus_years = years.to_vec();
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                extract::try_extract(&doc.text, &context, gazetteer)
            }));
            match run {
                Ok(Ok(extraction)) => Ok(Extracted { doc, extraction }),
                Ok(Err(out_of_work)) => Err(ReadError::new(
                    SkipKind::TooMuchWork,
                    doc.source.clone(),
                    format!("skipped: {out_of_work}"),
                )),
                Err(_) => Err(ReadError::new(
                    SkipKind::Internal,
                    doc.source.clone(),
                    "skipped: internal error in extraction (please report this article)",
                )),
            }
        })
        .collect()
}

/// Builds the quads for an extracted batch, resolving identities against `identity`.
pub fn batch_quads(
    batch: &[Extracted],
    identity: &mut Identity,
    space: &IriSpace,
) -> Vec<(
    oxigraph::model::NamedNode,
    Vec<oxigraph::model::Quad>,
    BTreeSet<String>,
)> {
    for item in batch {
        identity.learn_extraction(&item.extraction);
    }
    for item in batch {
        identity.learn_strikes(&item.extraction);
    }
    batch
        .par_iter()
        .map(|item| {
            let iris = identity.mint(space, &item.doc.id, &item.extraction);
            // Strikes are entities of the graph as much as people are (`stats` counts
            // them among its classes).
            let entities = iris
                .entities
                .iter()
                .chain(&iris.strikes)
                .map(|n| n.as_str().to_owned())
                .collect();
            let quads = ArticleWriter::new(&item.doc, &iris)
                .write(&item.extraction)
                .into_quads();
            (iris.article, quads, entities)
        })
        .collect()
}

/// Store-less extraction: reads documents, extracts them in parallel batches, turns each
/// article's graph into a `T` with `render` (in parallel too) and hands it to `sink`, in
/// input order. Each article is resolved on its own (no cross-article identity), so graphs
/// extracted on different machines merge by plain union.
pub fn extract_standalone<T: Send, E>(
    docs: impl Iterator<Item = Result<Document, ReadError>>,
    space: &IriSpace,
    render: impl Fn(&ArticleGraph) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<IngestReport, E> {
    let started = Instant::now();
    let gazetteer = Gazetteer::builtin();
    let mut report = IngestReport::default();
    let mut seen = HashSet::new();
    let mut docs = docs.peekable();
    while docs.peek().is_some() {
        let batch = next_batch(&mut docs, &mut seen, &mut report, &mut Vec::new());
        let written: Vec<_> = extract_batch(batch, &gazetteer, &[])
            .into_par_iter()
            .map(|item| {
                item.map(|e| {
                    let mut identity = Identity::default();
                    identity.learn_extraction(&e.extraction);
                    identity.learn_strikes(&e.extraction);
                    let iris = identity.mint(space, &e.doc.id, &e.extraction);
                    let graph = ArticleWriter::new(&e.doc, &iris).write(&e.extraction);
                    (graph.len(), render(&graph))
                })
            })
            .collect();
        for item in written {
            match item {
                Ok((quads, rendered)) => {
                    report.added += 1;
                    report.quads += quads;
                    sink(rendered)?;
                }
                Err(err) => report.skipped.push(err),
            }
        }
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Reads the next batch of documents, recording skipped inputs and duplicate ids in `report`
/// and the publication years seen in `years`.
fn next_batch(
    docs: &mut impl Iterator<Item = Result<Document, ReadError>>,
    seen: &mut HashSet<String>,
    report: &mut IngestReport,
    years: &mut Vec<i32>,
) -> Vec<Document> {
    let mut batch = Vec::new();
    for item in docs.by_ref() {
        match item {
            Ok(doc) => {
                if !seen.insert(doc.id.clone()) {
                    report.skipped.push(ReadError::new(
                        SkipKind::Duplicate,
                        doc.source.clone(),
                        format!("skipped: the id {:?} was already read in this run", doc.id),
                    ));
                    continue;
                }
                if let Some(d) = doc.published {
                    years.push(chrono::Datelike::year(&d));
                }
                batch.push(doc);
                if batch.len() == BATCH_SIZE {
                    break;
                }
            }
            Err(err) => {
                // Reported in the run's summary; logged here for a long run's watcher.
                tracing::info!("{err}");
                report.skipped.push(err);
            }
        }
    }
    batch
}

/// How new articles are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WriteMode {
    /// Per-article transactions for small ingests, the bulk loader from
    /// [`BULK_MIN_ARTICLES`] new articles on.
    #[default]
    Auto,
    /// Always one transaction per article.
    Transactions,
    /// Always the bulk loader (for new articles; changed ones are replaced in transactions).
    Bulk,
}

/// From this many new articles in one run, `WriteMode::Auto` uses the bulk loader.
pub const BULK_MIN_ARTICLES: usize = 2 * BATCH_SIZE;

/// Quads handed to the bulk loader at a time (with their merged copies, about half its
/// own batch size): at 600,000 the peak memory of a 100,000-article ingest was 2.0 GB, at
/// this size 1.3 GB, at about the same speed.
const BULK_BATCH_QUADS: usize = 300_000;

/// New articles per bulk-load unit. A unit is all-or-nothing: a crash loses at most the
/// unit in progress, which the next run (seeing no content hash) extracts again. Each
/// commit sets RocksDB compacting the unit's files in the background, competing with the
/// load for the cores: on 100,000 generated articles and 2 cores, units of 8,192 articles
/// took 610 s, one unit 399 s. What the load leaves is compacted by `optimize` (or by
/// RocksDB in time) into one uncompressed level: 11.5 GB instead of 6.3 GB, with the
/// same query times.
pub const BULK_UNIT_ARTICLES: usize = 256 * BATCH_SIZE;

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The IRI base for a new store.
    pub base: Option<String>,
    /// Extract again even when an article's content hash has not changed.
    pub force: bool,
    pub write_mode: WriteMode,
}

/// The content hash of a document as read, with the extractor's version: equal hashes
/// give equal graphs, so an unchanged article need not be extracted again.
pub fn content_hash(doc: &Document) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    let fields = [
        Some(env!("CARGO_PKG_VERSION")),
        Some(doc.id.as_str()),
        Some(doc.text.as_str()),
        doc.title.as_deref(),
        doc.publisher.as_deref(),
        doc.url.as_deref(),
    ];
    for field in fields {
        // Length-prefixed, so that moving text between fields changes the hash.
        let field = field.unwrap_or("\u{0}");
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
    hasher.update(doc.published.map(|d| d.to_string()).unwrap_or_default());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// New articles waiting for the write mode to be decided, then an open bulk-load unit.
struct BulkWriter<'s> {
    store: &'s Store,
    mode: WriteMode,
    /// New graphs not written yet (before the bulk loader is chosen).
    pending: Vec<(oxigraph::model::NamedNode, Vec<oxigraph::model::Quad>)>,
    /// Quads in `pending`.
    pending_quads: usize,
    /// Articles in the open bulk unit.
    unit: usize,
    /// Articles given to the bulk loader in this run.
    bulk_loaded: usize,
    loader: Option<oxigraph::store::BulkLoader<'s>>,
}

impl<'s> BulkWriter<'s> {
    fn new(store: &'s Store, mode: WriteMode) -> Self {
        Self {
            store,
            mode,
            pending: Vec::new(),
            pending_quads: 0,
            unit: 0,
            bulk_loaded: 0,
            loader: None,
        }
    }

    /// Takes a new article's graph; writes it now or later.
    fn push(
        &mut self,
        article: oxigraph::model::NamedNode,
        quads: Vec<oxigraph::model::Quad>,
    ) -> Result<(), StoreError> {
        match self.mode {
            WriteMode::Transactions => {
                self.store.replace_graph(article.as_ref(), &quads)?;
            }
            WriteMode::Auto | WriteMode::Bulk => {
                self.pending_quads += quads.len();
                self.pending.push((article, quads));
                // The loader sorts and writes what it is given as files of its own: give it
                // big batches, not one article at a time.
                if self.bulk() && self.pending_quads >= BULK_BATCH_QUADS {
                    self.load_pending()?;
                }
            }
        }
        Ok(())
    }

    /// Whether new articles go through the bulk loader: once it is open, when asked for,
    /// or once enough are waiting.
    fn bulk(&self) -> bool {
        self.loader.is_some()
            || self.mode == WriteMode::Bulk
            || self.pending.len() >= BULK_MIN_ARTICLES
    }

    fn load_pending(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let loader = match self.loader.as_mut() {
            Some(loader) => loader,
            None => self.loader.insert(self.store.bulk_loader()),
        };
        let pending = std::mem::take(&mut self.pending);
        self.pending_quads = 0;
        self.unit += pending.len();
        self.bulk_loaded += pending.len();
        Store::bulk_load_graphs(loader, pending.iter().map(|(_, q)| q.as_slice()))?;
        if self.unit >= BULK_UNIT_ARTICLES {
            self.commit_unit()?;
        }
        Ok(())
    }

    fn commit_unit(&mut self) -> Result<(), StoreError> {
        if let Some(loader) = self.loader.take() {
            loader.commit()?;
            tracing::info!("bulk-load unit of {} articles committed", self.unit);
        }
        self.unit = 0;
        Ok(())
    }

    /// Writes what is left: an open unit is committed; pending articles of a small ingest
    /// are written one transaction each, then flushed to the store's files. Returns the
    /// number of articles written through the bulk loader.
    fn finish(mut self) -> Result<usize, StoreError> {
        if self.bulk() {
            self.load_pending()?;
            // No flush after a bulk load: a committed unit is on disk already, and RocksDB
            // holds a flush back until it has compacted the unit's new files (minutes after
            // a large load). The run's few transactions are in its write-ahead log.
            self.commit_unit()?;
        } else {
            for (article, quads) in std::mem::take(&mut self.pending) {
                self.store.replace_graph(article.as_ref(), &quads)?;
            }
            self.store.flush()?;
        }
        Ok(self.bulk_loaded)
    }
}

/// Ingests documents into the store. `progress` is called after each article.
///
/// An article whose content hash is in the store already is skipped (unless
/// `options.force`); a changed one has its graph replaced in one transaction; new ones are
/// written as [`WriteMode`] says.
pub fn ingest(
    store: &Store,
    docs: impl Iterator<Item = Result<Document, ReadError>>,
    options: &IngestOptions,
    mut progress: impl FnMut(&str),
) -> Result<IngestReport, StoreError> {
    let started = Instant::now();
    store.ensure_ontology()?;
    let space = store.settle_base(options.base.as_deref())?;
    let gazetteer = Gazetteer::builtin();
    let mut identity = store.identity(&space)?;
    let mut years = store.publication_years()?;
    let mut report = IngestReport::default();
    let mut seen = HashSet::new();
    let mut entities = HashSet::new();
    let mut writer = BulkWriter::new(store, options.write_mode);
    let hash_predicate =
        oxigraph::model::NamedNode::new_unchecked(format!("{}contentHash", crate::rdf::vocab::SG));
    let mut docs = docs.peekable();
    while docs.peek().is_some() {
        let batch = next_batch(&mut docs, &mut seen, &mut report, &mut years);
        // Unchanged articles are neither extracted nor written.
        let mut todo = Vec::with_capacity(batch.len());
        let mut hashes = Vec::with_capacity(batch.len());
        let mut known = HashSet::new();
        for doc in batch {
            let article = space.article(&doc.id);
            let hash = content_hash(&doc);
            match store.content_hash(article.as_ref())? {
                Some(old) if old == hash && !options.force => {
                    report.unchanged += 1;
                    progress(article.as_str());
                    continue;
                }
                Some(_) => {
                    known.insert(article);
                }
                None => {
                    if store.has_graph(article.as_ref())? {
                        known.insert(article);
                    }
                }
            }
            hashes.push(hash);
            todo.push(doc);
        }
        let mut extracted = Vec::new();
        let mut kept_hashes = Vec::new();
        for (item, hash) in extract_batch(todo, &gazetteer, &years)
            .into_iter()
            .zip(hashes)
        {
            match item {
                Ok(e) => {
                    extracted.push(e);
                    kept_hashes.push(hash);
                }
                Err(err) => report.skipped.push(err),
            }
        }
        let written = batch_quads(&extracted, &mut identity, &space);
        for ((article, mut quads, ents), hash) in written.into_iter().zip(kept_hashes) {
            quads.push(oxigraph::model::Quad::new(
                article.clone(),
                hash_predicate.clone(),
                oxigraph::model::Literal::new_simple_literal(hash),
                article.clone(),
            ));
            report.quads += quads.len();
            entities.extend(ents);
            progress(article.as_str());
            if !known.contains(&article) {
                report.added += 1;
                writer.push(article, quads)?;
            } else if store.graph_equals(article.as_ref(), &quads)? {
                report.unchanged += 1;
            } else {
                store.replace_graph(article.as_ref(), &quads)?;
                report.replaced += 1;
            }
        }
    }
    report.bulk_loaded = writer.finish()?;
    // Every run, changed or not: a run killed between its writes and this refresh leaves
    // the statuses behind the articles, and the next run (finding every article
    // unchanged) mends them.
    store.refresh_event_statuses(&space)?;
    report.entities = entities.len();
    report.elapsed = started.elapsed();
    Ok(report)
}
