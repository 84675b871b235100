//! Writing the store out: RDF serialisations, SPARQL result formats, and pictures of the
//! graph (DOT, SVG) and of the strikes' timeline (SVG).

pub mod dot;
pub mod nquads;
mod rdf_formats;
pub mod svg;
mod timeline;

pub use dot::{write_dot, DotOptions};
pub use rdf_formats::serializer as rdf_serializer;
pub use rdf_formats::{
    display_term, export_rdf, write_query_results, write_table, ExportError, RdfOutput,
    ResultsOutput,
};
pub use svg::{render_svg, Renderer, SvgError};
pub use timeline::timeline_svg;
