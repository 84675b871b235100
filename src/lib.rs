//! strikegraph: a knowledge graph of strikes, built from news articles.
//!
//! A document flows through [`corpus`] (read), [`text`] (paragraphs, sentences, tokens),
//! [`extract`] (entities, facts, strikes, quotations), [`resolve`] (one IRI per real entity),
//! [`rdf`] (quads in the article's named graph) and [`store`] (Oxigraph on RocksDB).
//! [`export`] writes the store out; [`graph`] reads it into a petgraph graph for pictures and
//! analysis (paths, ranking, clusters). [`site`] builds the linked-data documents (descriptions,
//! pages, VoID) that [`serve`] answers over HTTP and [`publish`] writes as static files. The
//! `strikegraph` binary is a thin layer over these.

pub mod corpus;
pub mod events;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod publish;
pub mod push;
pub mod rdf;
pub mod resolve;
pub mod serve;
pub mod site;
pub mod store;
pub mod text;

pub use corpus::Document;
pub use extract::{extract, Context, Extraction, Gazetteer};
pub use store::Store;
