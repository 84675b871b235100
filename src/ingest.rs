//! Ingest: documents in, article graphs written. Reads in batches, extracts a batch in
//! parallel, resolves identity across the batch and the store, then writes each article in
//! its own transaction.

use crate::corpus::{Document, ReadError, SkipKind};
use crate::extract::{self, Context, Extraction, Gazetteer};
use crate::rdf::ArticleWriter;
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
    pub entities: usize,
    pub quads: usize,
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
                extract::extract(&doc.text, &context, gazetteer)
            }));
            match run {
                Ok(extraction) => Ok(Extracted { doc, extraction }),
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
    batch
        .par_iter()
        .map(|item| {
            let iris = identity.mint(space, &item.doc.id, &item.extraction);
            let entities = iris
                .entities
                .iter()
                .map(|n| n.as_str().to_owned())
                .collect();
            let quads = ArticleWriter::new(&item.doc, &iris).write(&item.extraction);
            (iris.article, quads, entities)
        })
        .collect()
}

/// Ingests documents into the store. `progress` is called after each article.
pub fn ingest(
    store: &Store,
    docs: impl Iterator<Item = Result<Document, ReadError>>,
    base: Option<&str>,
    mut progress: impl FnMut(&str),
) -> Result<IngestReport, StoreError> {
    let started = Instant::now();
    store.ensure_ontology()?;
    let space = store.settle_base(base)?;
    let gazetteer = Gazetteer::builtin();
    let mut identity = store.identity()?;
    let mut years = store.publication_years()?;
    let mut report = IngestReport::default();
    let mut seen = HashSet::new();
    let mut entities = HashSet::new();
    let mut docs = docs.peekable();
    while docs.peek().is_some() {
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
        let mut extracted = Vec::new();
        for item in extract_batch(batch, &gazetteer, &years) {
            match item {
                Ok(e) => extracted.push(e),
                Err(err) => report.skipped.push(err),
            }
        }
        for (article, quads, ents) in batch_quads(&extracted, &mut identity, &space) {
            report.quads += quads.len();
            entities.extend(ents);
            if store.graph_equals(article.as_ref(), &quads)? {
                report.unchanged += 1;
            } else if store.replace_graph(article.as_ref(), &quads)? {
                report.replaced += 1;
            } else {
                report.added += 1;
            }
            progress(article.as_str());
        }
    }
    store.flush()?;
    report.entities = entities.len();
    report.elapsed = started.elapsed();
    Ok(report)
}
