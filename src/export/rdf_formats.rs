//! RDF serialisations of the store or one article, and SPARQL results in their formats.

use crate::rdf::vocab::PREFIXES;
use crate::store::{is_merged, Store, StoreError};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNodeRef, Term, TripleRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::{self, Write};

/// The RDF formats strikegraph writes, with their usual names on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfOutput {
    Nquads,
    Trig,
    Turtle,
    Ntriples,
    Jsonld,
    Rdfxml,
}

impl RdfOutput {
    pub fn format(self) -> RdfFormat {
        match self {
            RdfOutput::Nquads => RdfFormat::NQuads,
            RdfOutput::Trig => RdfFormat::TriG,
            RdfOutput::Turtle => RdfFormat::Turtle,
            RdfOutput::Ntriples => RdfFormat::NTriples,
            RdfOutput::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            RdfOutput::Rdfxml => RdfFormat::RdfXml,
        }
    }

    /// The format a file name's extension names (`.nq`, `.trig`, `.ttl`, `.nt`, `.jsonld`, `.rdf`).
    pub fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "nq" | "nquads" | "n-quads" => RdfOutput::Nquads,
            "trig" => RdfOutput::Trig,
            "ttl" | "turtle" => RdfOutput::Turtle,
            "nt" | "ntriples" | "n-triples" => RdfOutput::Ntriples,
            "jsonld" | "json-ld" | "json" => RdfOutput::Jsonld,
            "rdf" | "xml" | "owl" | "rdfxml" | "rdf/xml" => RdfOutput::Rdfxml,
            _ => return None,
        })
    }
}

/// SPARQL results formats for SELECT and ASK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsOutput {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

impl std::str::FromStr for RdfOutput {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::from_extension(s).ok_or_else(|| {
            format!("unknown RDF format {s:?} (nquads, trig, turtle, ntriples, jsonld, rdfxml)")
        })
    }
}

impl std::str::FromStr for ResultsOutput {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => ResultsOutput::Table,
            "csv" => ResultsOutput::Csv,
            "tsv" => ResultsOutput::Tsv,
            "json" | "srj" => ResultsOutput::Json,
            "xml" | "srx" => ResultsOutput::Xml,
            _ => {
                return Err(format!(
                    "unknown results format {s:?} (table, csv, tsv, json, xml)"
                ))
            }
        })
    }
}

/// An RDF serializer for `format`, with the project's prefixes where the format has prefixes.
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        for (prefix, iri) in PREFIXES {
            serializer = match serializer.clone().with_prefix(*prefix, *iri) {
                Ok(s) => s,
                Err(_) => serializer,
            };
        }
    }
    serializer
}

/// Writes the store (or one graph) in `format`. Dataset formats keep the named graphs;
/// triple formats write the union of all graphs, each triple once.
pub fn export_rdf(
    store: &Store,
    format: RdfOutput,
    graph: Option<NamedNodeRef<'_>>,
    out: impl Write,
) -> Result<(), ExportError> {
    let rdf_format = format.format();
    let mut writer = serializer(rdf_format).for_writer(out);
    let inner = store.oxigraph();
    if rdf_format.supports_datasets() {
        let graph = graph.map(GraphNameRef::from);
        for quad in inner.quads_for_pattern(None, None, None, graph) {
            writer.serialize_quad(&quad?)?;
        }
    } else if let Some(graph) = graph {
        for quad in inner.quads_for_pattern(None, None, None, Some(graph.into())) {
            let quad = quad?;
            writer.serialize_triple(TripleRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
            ))?;
        }
    } else {
        // The merged graph holds every triple once, but for the provenance nodes, which
        // only their article's graph holds.
        for quad in inner.quads_for_pattern(None, None, None, None) {
            let quad = quad?;
            let keep = match &quad.graph_name {
                GraphName::DefaultGraph => true,
                GraphName::NamedNode(g) => !is_merged(quad.subject.as_ref(), g.as_ref()),
                GraphName::BlankNode(_) => false,
            };
            if keep {
                writer.serialize_triple(TripleRef::new(
                    &quad.subject,
                    &quad.predicate,
                    &quad.object,
                ))?;
            }
        }
    }
    writer.finish()?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Storage(#[from] oxigraph::store::StorageError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Writes SELECT/ASK results in `format` (`Table` as aligned text), or CONSTRUCT/DESCRIBE
/// results in `graph_format`.
pub fn write_query_results(
    results: QueryResults<'_>,
    format: ResultsOutput,
    graph_format: RdfOutput,
    mut out: impl Write,
) -> Result<(), ExportError> {
    match results {
        QueryResults::Graph(triples) => {
            let mut writer = serializer(graph_format.format()).for_writer(out);
            for triple in triples {
                let triple = triple.map_err(StoreError::from)?;
                writer.serialize_triple(&triple)?;
            }
            writer.finish()?;
        }
        QueryResults::Boolean(value) => match results_format(format) {
            Some(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(out, value)?;
            }
            None => writeln!(out, "{value}")?,
        },
        QueryResults::Solutions(rows) => match results_format(format) {
            Some(f) => {
                let vars = rows.variables().to_vec();
                let mut writer = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(out, vars)?;
                for row in rows {
                    let row = row.map_err(StoreError::from)?;
                    writer.serialize(&row)?;
                }
                writer.finish()?;
            }
            None => {
                let vars: Vec<String> = rows
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                let mut table: Vec<Vec<String>> = Vec::new();
                for row in rows {
                    let row = row.map_err(StoreError::from)?;
                    table.push(
                        vars.iter()
                            .map(|v| row.get(v.as_str()).map(display_term).unwrap_or_default())
                            .collect(),
                    );
                }
                write_table(&vars, &table, &mut out)?;
            }
        },
    }
    Ok(())
}

fn results_format(format: ResultsOutput) -> Option<QueryResultsFormat> {
    match format {
        ResultsOutput::Table => None,
        ResultsOutput::Csv => Some(QueryResultsFormat::Csv),
        ResultsOutput::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsOutput::Json => Some(QueryResultsFormat::Json),
        ResultsOutput::Xml => Some(QueryResultsFormat::Xml),
    }
}

/// A term as a person reads it: IRIs shortened with the known prefixes, literals bare.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => shorten(n.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

fn shorten(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return format!("{prefix}:{local}");
            }
        }
    }
    iri.to_owned()
}

/// A plain-text table, columns padded to their widest cell (cells cut at 60 characters).
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut impl Write,
) -> io::Result<()> {
    const MAX: usize = 60;
    let cut = |s: &str| -> String {
        let one_line = s.replace(['\n', '\r'], " ");
        if one_line.chars().count() > MAX {
            let mut t: String = one_line.chars().take(MAX - 1).collect();
            t.push('…');
            t
        } else {
            one_line
        }
    };
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |cols: &[String], out: &mut dyn Write| -> io::Result<()> {
        let padded: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<w$}", w = widths.get(i).copied().unwrap_or(0)))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for row in &cells {
        line(row, out)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
