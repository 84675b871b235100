//! Writing the store out: RDF serialisations and SPARQL result formats.

mod rdf_formats;

pub use rdf_formats::{export_rdf, write_query_results, RdfOutput, ResultsOutput};
