//! Writing the store out: RDF serialisations and SPARQL result formats.

mod rdf_formats;

pub use rdf_formats::{
    display_term, export_rdf, write_query_results, write_table, ExportError, RdfOutput,
    ResultsOutput,
};
