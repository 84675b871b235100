//! The IRIs of the vocabularies strikegraph writes: schema.org, its own `sg:`, NIF, PROV-O.

pub const SCHEMA: &str = "http://schema.org/";
pub const SG: &str = "https://w3id.org/strikegraph/ns#";
/// The named graph that holds the ontology.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/strikegraph/ns";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const ITSRDF: &str = "http://www.w3.org/2005/11/its/rdf#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const VOID: &str = "http://rdfs.org/ns/void#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";

/// The prefixes used when writing Turtle or TriG, and offered to SPARQL queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("schema", SCHEMA),
    ("sg", SG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("nif", NIF),
    ("itsrdf", ITSRDF),
    ("prov", PROV),
    ("void", VOID),
    ("dcterms", DCTERMS),
];

/// The default IRI space for minted entities.
pub const DEFAULT_BASE: &str = "https://w3id.org/strikegraph/id/";
