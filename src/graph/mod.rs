//! The knowledge graph as a [petgraph] graph, for pictures and analysis.
//!
//! [`KnowledgeGraph::from_store`] reads the entities (people, organisations, hospitals,
//! places, strikes and, optionally, articles) and the facts between them from the store
//! with SPARQL. Each node keeps its name, alternate names, the articles that mention it
//! and the quotations it is the creator of; each edge keeps its relation and the articles
//! that state it. [`view`] cuts a picture-sized part out of it and [`algo`] has the
//! analyses (paths, ranking, clusters).
//!
//! Invariant: the graph is built from the store alone and knows nothing of clap or of
//! output formats.

pub mod algo;
pub mod view;

pub use algo::{components, neighbourhood, rank, shortest_path, Rank, Step};
pub use view::{Omitted, Subgraph, View};

use crate::rdf::vocab::{SCHEMA, SG};
use crate::store::{Store, StoreError};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap};

/// What a node stands for; one shape and colour each in a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Person,
    Organization,
    Hospital,
    Place,
    Strike,
    Article,
}

impl NodeKind {
    pub const ALL: [NodeKind; 6] = [
        NodeKind::Person,
        NodeKind::Organization,
        NodeKind::Hospital,
        NodeKind::Place,
        NodeKind::Strike,
        NodeKind::Article,
    ];

    /// The name used on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Organization => "organization",
            NodeKind::Hospital => "hospital",
            NodeKind::Place => "place",
            NodeKind::Strike => "strike",
            NodeKind::Article => "article",
        }
    }

    /// The kind a class IRI stands for; `None` for classes that are not graph nodes
    /// (quotations, NIF phrases, statements, ...).
    pub fn of_class(class: &str) -> Option<Self> {
        let (ns, local) = match class.rfind(['/', '#']) {
            Some(i) => class.split_at(i + 1),
            None => return None,
        };
        if ns != SCHEMA && ns != SG {
            return None;
        }
        Some(match local {
            "Person" => NodeKind::Person,
            "Hospital" => NodeKind::Hospital,
            "Place" | "Street" | "Country" | "City" | "AdministrativeArea" => NodeKind::Place,
            "Strike" => NodeKind::Strike,
            "NewsArticle" => NodeKind::Article,
            "Organization"
            | "WorkersUnion"
            | "PoliticalParty"
            | "GovernmentOrganization"
            | "NewsMediaOrganization"
            | "EducationalOrganization"
            | "HealthTrust"
            | "Council"
            | "Corporation"
            | "NGO" => NodeKind::Organization,
            _ => return None,
        })
    }

    /// When an entity has several classes, the most specific kind wins.
    fn priority(self) -> u8 {
        match self {
            NodeKind::Strike => 0,
            NodeKind::Article => 1,
            NodeKind::Hospital => 2,
            NodeKind::Person => 3,
            NodeKind::Place => 4,
            NodeKind::Organization => 5,
        }
    }
}

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for NodeKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "person" | "persons" | "people" => NodeKind::Person,
            "organization" | "organisation" | "organizations" | "organisations" | "org"
            | "orgs" => NodeKind::Organization,
            "hospital" | "hospitals" => NodeKind::Hospital,
            "place" | "places" => NodeKind::Place,
            "strike" | "strikes" => NodeKind::Strike,
            "article" | "articles" => NodeKind::Article,
            other => {
                return Err(format!(
                "unknown kind {other:?} (person, organization, hospital, place, strike, article)"
            ))
            }
        })
    }
}

/// The relations drawn as edges, named by their short property names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Relation {
    #[serde(rename = "worksFor")]
    WorksFor,
    #[serde(rename = "memberOf")]
    MemberOf,
    #[serde(rename = "location")]
    Location,
    #[serde(rename = "organizer")]
    Organizer,
    #[serde(rename = "parentOrganization")]
    ParentOrganization,
    #[serde(rename = "homeLocation")]
    HomeLocation,
    /// Article → entity; only present when articles are nodes. Not a fact.
    #[serde(rename = "mentions")]
    Mentions,
}

impl Relation {
    pub const FACTS: [Relation; 6] = [
        Relation::WorksFor,
        Relation::MemberOf,
        Relation::Location,
        Relation::Organizer,
        Relation::ParentOrganization,
        Relation::HomeLocation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::WorksFor => "worksFor",
            Relation::MemberOf => "memberOf",
            Relation::Location => "location",
            Relation::Organizer => "organizer",
            Relation::ParentOrganization => "parentOrganization",
            Relation::HomeLocation => "homeLocation",
            Relation::Mentions => "mentions",
        }
    }

    /// Whether this edge is a fact about the world (everything but `mentions`).
    pub fn is_fact(self) -> bool {
        self != Relation::Mentions
    }

    fn from_iri(iri: &str) -> Option<Self> {
        let local = iri.strip_prefix(SCHEMA)?;
        Self::FACTS.into_iter().find(|r| r.as_str() == local)
    }
}

impl std::fmt::Display for Relation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity (or an article).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Node {
    pub iri: String,
    pub kind: NodeKind,
    pub name: String,
    pub alternate_names: Vec<String>,
    /// Strikes: first day, and last day if it lasted longer than one.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Identifiers of the articles that mention it.
    pub articles: BTreeSet<String>,
    /// Texts of the quotations it said.
    pub quotes: Vec<String>,
}

impl Node {
    pub fn new(iri: impl Into<String>, kind: NodeKind, name: impl Into<String>) -> Self {
        Self {
            iri: iri.into(),
            kind,
            name: name.into(),
            alternate_names: Vec::new(),
            start: None,
            end: None,
            articles: BTreeSet::new(),
            quotes: Vec::new(),
        }
    }

    /// The name, with a strike's dates.
    pub fn label(&self) -> String {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) if e != s => format!("Strike {s} – {e}"),
            (Some(s), _) => format!("Strike {s}"),
            _ => self.name.clone(),
        }
    }
}

/// A relation between two nodes and the articles that state it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Edge {
    pub relation: Relation,
    pub articles: BTreeSet<String>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no entity is called {name:?}{}", hint(.suggestions))]
    NotFound {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("{name:?} could be any of: {}; give the full name", .candidates.join(", "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("no article {0:?} in the graph")]
    NoArticle(String),
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

/// The knowledge graph: nodes are entities, edges point from subject to object.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    by_iri: HashMap<String, NodeIndex>,
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a node, or returns the one with the same IRI.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.by_iri.get(&node.iri) {
            return ix;
        }
        let iri = node.iri.clone();
        let ix = self.graph.add_node(node);
        self.by_iri.insert(iri, ix);
        ix
    }

    /// Adds a fact, or adds the article to the same fact already there.
    pub fn add_edge(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        relation: Relation,
        article: Option<&str>,
    ) -> EdgeIndex {
        let existing = self
            .graph
            .edges_connecting(from, to)
            .find(|e| e.weight().relation == relation)
            .map(|e| e.id());
        let ix = match existing {
            Some(ix) => ix,
            None => self.graph.add_edge(
                from,
                to,
                Edge {
                    relation,
                    articles: BTreeSet::new(),
                },
            ),
        };
        if let (Some(a), Some(edge)) = (article, self.graph.edge_weight_mut(ix)) {
            edge.articles.insert(a.to_owned());
        }
        ix
    }

    pub fn node(&self, ix: NodeIndex) -> Option<&Node> {
        self.graph.node_weight(ix)
    }

    pub fn by_iri(&self, iri: &str) -> Option<NodeIndex> {
        self.by_iri.get(iri).copied()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Finds an entity by name or alternate name, case-insensitively; failing that, by a
    /// unique part of a name (`"Marsh"`, `"2023-05-02"`).
    pub fn find(&self, name: &str) -> Result<NodeIndex, GraphError> {
        let wanted = normalise(name);
        let names = |n: &Node| -> Vec<String> {
            let mut all = vec![normalise(&n.name), normalise(&n.label())];
            all.extend(n.alternate_names.iter().map(|a| normalise(a)));
            all
        };
        let mut exact: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&ix| {
                self.graph[ix].kind != NodeKind::Article && names(&self.graph[ix]).contains(&wanted)
            })
            .collect();
        if exact.is_empty() {
            exact = self
                .graph
                .node_indices()
                .filter(|&ix| {
                    self.graph[ix].kind == NodeKind::Article
                        && normalise(&self.graph[ix].name) == wanted
                })
                .collect();
        }
        let candidates = if exact.is_empty() && !wanted.is_empty() {
            self.graph
                .node_indices()
                .filter(|&ix| self.graph[ix].kind != NodeKind::Article)
                .filter(|&ix| {
                    names(&self.graph[ix])
                        .iter()
                        .any(|n| contains_words(n, &wanted))
                })
                .collect()
        } else {
            exact
        };
        match candidates.as_slice() {
            [one] => Ok(*one),
            [] => Err(GraphError::NotFound {
                name: name.to_owned(),
                suggestions: self.suggest(&wanted),
            }),
            many => {
                let mut names: Vec<String> =
                    many.iter().map(|&ix| self.graph[ix].label()).collect();
                names.sort();
                names.dedup();
                Err(GraphError::Ambiguous {
                    name: name.to_owned(),
                    candidates: names,
                })
            }
        }
    }

    /// Names that share a word with what was asked for, for a "did you mean".
    fn suggest(&self, wanted: &str) -> Vec<String> {
        let words: Vec<&str> = wanted.split_whitespace().filter(|w| w.len() > 2).collect();
        let mut out: Vec<String> = self
            .graph
            .node_weights()
            .filter(|n| n.kind != NodeKind::Article)
            .filter(|n| {
                let name = normalise(&n.name);
                name.split_whitespace().any(|w| words.contains(&w))
            })
            .map(|n| n.label())
            .collect();
        out.sort();
        out.dedup();
        out.truncate(5);
        out
    }

    /// Reads the graph from the store. Articles become nodes (with `mentions` edges) only
    /// when `with_articles` is set.
    pub fn from_store(store: &Store, with_articles: bool) -> Result<Self, GraphError> {
        let mut kg = KnowledgeGraph::new();
        // Entities mentioned by articles, their classes and names.
        let rows = store.select_strings(&format!(
            "SELECT DISTINCT ?e ?class ?name ?id WHERE {{
               GRAPH ?g {{ ?g <{SCHEMA}identifier> ?id ; <{SCHEMA}mentions> ?e }}
               ?e a ?class ; <{SCHEMA}name> ?name .
             }}"
        ))?;
        struct Pending {
            kind: NodeKind,
            name: String,
            articles: BTreeSet<String>,
        }
        let mut pending: HashMap<String, Pending> = HashMap::new();
        for row in rows {
            let [Some(e), Some(class), Some(name), Some(id)] = row.as_slice() else {
                continue;
            };
            let Some(kind) = NodeKind::of_class(class) else {
                continue;
            };
            if kind == NodeKind::Article {
                continue;
            }
            let p = pending.entry(e.clone()).or_insert_with(|| Pending {
                kind,
                name: name.clone(),
                articles: BTreeSet::new(),
            });
            if kind.priority() < p.kind.priority() {
                p.kind = kind;
            }
            // The fullest name wins if articles disagree.
            if name.chars().count() > p.name.chars().count() {
                p.name = name.clone();
            }
            p.articles.insert(id.clone());
        }
        let mut iris: Vec<String> = pending.keys().cloned().collect();
        iris.sort();
        for iri in iris {
            if let Some(p) = pending.remove(&iri) {
                let mut node = Node::new(iri, p.kind, p.name);
                node.articles = p.articles;
                kg.add_node(node);
            }
        }

        for row in store.select_strings(&format!(
            "SELECT DISTINCT ?e ?alt WHERE {{ ?e <{SCHEMA}alternateName> ?alt }}"
        ))? {
            let [Some(e), Some(alt)] = row.as_slice() else {
                continue;
            };
            if let Some(ix) = kg.by_iri(e) {
                let node = &mut kg.graph[ix];
                if !node.alternate_names.contains(alt) && alt != &node.name {
                    node.alternate_names.push(alt.clone());
                }
            }
        }

        for row in store.select_strings(&format!(
            "SELECT ?e (MIN(STR(?s)) AS ?start) (MAX(STR(?end)) AS ?last) WHERE {{
               ?e a <{SG}Strike> ; <{SCHEMA}startDate> ?s . OPTIONAL {{ ?e <{SCHEMA}endDate> ?end }}
             }} GROUP BY ?e"
        ))? {
            let Some(Some(e)) = row.first() else { continue };
            if let Some(ix) = kg.by_iri(e) {
                let node = &mut kg.graph[ix];
                node.start = row.get(1).cloned().flatten();
                node.end = row.get(2).cloned().flatten();
            }
        }

        let values: String = Relation::FACTS
            .iter()
            .map(|r| format!("<{SCHEMA}{}> ", r.as_str()))
            .collect();
        let mut facts = store.select_strings(&format!(
            "SELECT DISTINCT ?s ?p ?o ?id WHERE {{
               VALUES ?p {{ {values} }}
               GRAPH ?g {{ ?s ?p ?o . ?g <{SCHEMA}identifier> ?id }}
             }}"
        ))?;
        facts.sort();
        for row in facts {
            let [Some(s), Some(p), Some(o), Some(id)] = row.as_slice() else {
                continue;
            };
            let (Some(from), Some(to), Some(rel)) =
                (kg.by_iri(s), kg.by_iri(o), Relation::from_iri(p))
            else {
                continue;
            };
            if from != to {
                kg.add_edge(from, to, rel, Some(id));
            }
        }

        let mut quotes = store.select_strings(&format!(
            "SELECT DISTINCT ?q ?who ?text WHERE {{
               ?q a <{SCHEMA}Quotation> ; <{SCHEMA}creator> ?who ; <{SCHEMA}text> ?text
             }}"
        ))?;
        quotes.sort();
        for row in quotes {
            let [_, Some(who), Some(text)] = row.as_slice() else {
                continue;
            };
            if let Some(ix) = kg.by_iri(who) {
                kg.graph[ix].quotes.push(text.clone());
            }
        }

        if with_articles {
            for (iri, id) in store.article_ids()? {
                let mut node = Node::new(iri, NodeKind::Article, id.clone());
                node.articles.insert(id.clone());
                let article = kg.add_node(node);
                let mentioned: Vec<NodeIndex> = kg
                    .graph
                    .node_indices()
                    .filter(|&ix| ix != article && kg.graph[ix].articles.contains(&id))
                    .collect();
                for ix in mentioned {
                    kg.add_edge(article, ix, Relation::Mentions, Some(&id));
                }
            }
        }
        Ok(kg)
    }
}

/// Whether the words of `part` occur, in order and next to each other, among those of `name`.
fn contains_words(name: &str, part: &str) -> bool {
    let name: Vec<&str> = name.split_whitespace().collect();
    let part: Vec<&str> = part.split_whitespace().collect();
    !part.is_empty() && name.windows(part.len()).any(|w| w == part.as_slice())
}

/// Lower case, single spaces: how names are compared.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_classes_map() {
        assert_eq!("People".parse::<NodeKind>(), Ok(NodeKind::Person));
        assert_eq!(
            "organisation".parse::<NodeKind>(),
            Ok(NodeKind::Organization)
        );
        assert!("cat".parse::<NodeKind>().is_err());
        assert_eq!(
            NodeKind::of_class(&format!("{SG}HealthTrust")),
            Some(NodeKind::Organization)
        );
        assert_eq!(
            NodeKind::of_class(&format!("{SCHEMA}City")),
            Some(NodeKind::Place)
        );
        assert_eq!(NodeKind::of_class(&format!("{SCHEMA}Quotation")), None);
        assert_eq!(NodeKind::of_class("http://example.org/Person"), None);
    }

    #[test]
    fn find_by_name_alias_and_part() {
        let mut kg = KnowledgeGraph::new();
        let mut bma = Node::new(
            "o/bma",
            NodeKind::Organization,
            "British Medical Association",
        );
        bma.alternate_names.push("BMA".into());
        let bma = kg.add_node(bma);
        let hunt = kg.add_node(Node::new("p/hunt", NodeKind::Person, "Alan Marsh"));
        let mut strike = Node::new("s/1", NodeKind::Strike, "Strike of 2023-05-02");
        strike.start = Some("2023-05-02".into());
        strike.end = Some("2023-05-03".into());
        let strike = kg.add_node(strike);
        kg.add_node(Node::new("p/other", NodeKind::Person, "Alan Turner"));
        assert_eq!(kg.find("bma").ok(), Some(bma));
        assert_eq!(kg.find("  alan   MARSH ").ok(), Some(hunt));
        assert_eq!(kg.find("Marsh").ok(), Some(hunt));
        assert_eq!(kg.find("strike of 2023-05-02").ok(), Some(strike));
        assert_eq!(kg.find("2023-05-02").ok(), Some(strike));
        assert!(matches!(kg.find("Alan"), Err(GraphError::Ambiguous { .. })));
        match kg.find("Alan Smith") {
            Err(GraphError::NotFound { suggestions, .. }) => {
                assert!(suggestions.contains(&"Alan Marsh".to_owned()))
            }
            other => panic!("expected NotFound, got {other:?}"),
        }
    }

    #[test]
    fn the_same_fact_from_two_articles_is_one_edge() {
        let mut kg = KnowledgeGraph::new();
        let a = kg.add_node(Node::new("a", NodeKind::Strike, "S"));
        let b = kg.add_node(Node::new("b", NodeKind::Organization, "O"));
        kg.add_edge(a, b, Relation::Organizer, Some("x"));
        kg.add_edge(a, b, Relation::Organizer, Some("y"));
        assert_eq!(kg.graph.edge_count(), 1);
        let e = kg.graph.edge_weights().next().map(|e| e.articles.len());
        assert_eq!(e, Some(2));
        assert_eq!(kg.add_node(Node::new("a", NodeKind::Strike, "again")), a);
    }
}
