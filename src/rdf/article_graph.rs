//! One article's graph as [`ArticleWriter`](super::ArticleWriter) builds it: every distinct
//! node and literal held once, triples as indices into them.
//!
//! An article is a few hundred triples over a few dozen subjects, all in one named graph.
//! Held as owned quads, each triple would copy its subject, predicate and graph name, and
//! dropping duplicates would hash all four strings. Here a repeated term costs an index,
//! and the quads are made only when a store asks for them.
//!
//! Invariant: `triples` holds no triple twice and keeps the order in which they were first
//! added.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term, TermRef};
use rustc_hash::{FxHashMap, FxHashSet};

/// A triple's object: a node or a literal, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Object {
    Node(u32),
    Literal(u32),
}

/// A triple by indices into [`ArticleGraph::nodes`] and [`ArticleGraph::literals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Triple {
    pub subject: u32,
    pub predicate: u32,
    pub object: Object,
}

/// What the writer puts in object position.
#[derive(Debug, Clone)]
pub enum ObjectTerm {
    Node(NamedNode),
    Literal(Literal),
}

impl From<NamedNode> for ObjectTerm {
    fn from(node: NamedNode) -> Self {
        ObjectTerm::Node(node)
    }
}

impl From<Literal> for ObjectTerm {
    fn from(literal: Literal) -> Self {
        ObjectTerm::Literal(literal)
    }
}

#[derive(Debug)]
pub struct ArticleGraph {
    /// The article's IRI, which names the graph.
    name: NamedNode,
    nodes: Vec<NamedNode>,
    node_ids: FxHashMap<NamedNode, u32>,
    literals: Vec<Literal>,
    literal_ids: FxHashMap<Literal, u32>,
    triples: Vec<Triple>,
    seen: FxHashSet<Triple>,
}

impl ArticleGraph {
    pub fn new(name: NamedNode, capacity: usize) -> Self {
        Self {
            name,
            nodes: Vec::new(),
            node_ids: FxHashMap::default(),
            literals: Vec::new(),
            literal_ids: FxHashMap::default(),
            triples: Vec::with_capacity(capacity),
            seen: FxHashSet::default(),
        }
    }

    fn node_id(&mut self, node: &NamedNode) -> u32 {
        if let Some(&id) = self.node_ids.get(node) {
            return id;
        }
        let id = self.nodes.len() as u32;
        self.nodes.push(node.clone());
        self.node_ids.insert(node.clone(), id);
        id
    }

    fn literal_id(&mut self, literal: Literal) -> u32 {
        if let Some(&id) = self.literal_ids.get(&literal) {
            return id;
        }
        let id = self.literals.len() as u32;
        self.literals.push(literal.clone());
        self.literal_ids.insert(literal, id);
        id
    }

    /// Adds a triple unless the graph holds it already.
    pub fn add(&mut self, subject: &NamedNode, predicate: &NamedNode, object: ObjectTerm) {
        let object = match object {
            ObjectTerm::Node(node) => Object::Node(self.node_id(&node)),
            ObjectTerm::Literal(literal) => Object::Literal(self.literal_id(literal)),
        };
        self.insert(subject, predicate, object);
    }

    /// [`ArticleGraph::add`] for a node the caller keeps.
    pub fn add_node(&mut self, subject: &NamedNode, predicate: &NamedNode, object: &NamedNode) {
        let object = Object::Node(self.node_id(object));
        self.insert(subject, predicate, object);
    }

    fn insert(&mut self, subject: &NamedNode, predicate: &NamedNode, object: Object) {
        let triple = Triple {
            subject: self.node_id(subject),
            predicate: self.node_id(predicate),
            object,
        };
        if self.seen.insert(triple) {
            self.triples.push(triple);
        }
    }

    /// The article's IRI, the graph's name.
    pub fn name(&self) -> NamedNodeRef<'_> {
        self.name.as_ref()
    }

    pub fn nodes(&self) -> &[NamedNode] {
        &self.nodes
    }

    pub fn literals(&self) -> &[Literal] {
        &self.literals
    }

    /// The triples, in the order they were first added.
    pub fn triples(&self) -> &[Triple] {
        &self.triples
    }

    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// A triple's object as a term.
    pub fn object(&self, object: Object) -> TermRef<'_> {
        match object {
            Object::Node(n) => self.nodes[n as usize].as_ref().into(),
            Object::Literal(l) => self.literals[l as usize].as_ref().into(),
        }
    }

    /// The graph as owned quads in the article's named graph, for the store.
    pub fn into_quads(self) -> Vec<Quad> {
        let graph = GraphName::NamedNode(self.name.clone());
        self.triples
            .iter()
            .map(|t| {
                let object: Term = self.object(t.object).into_owned();
                Quad::new(
                    self.nodes[t.subject as usize].clone(),
                    self.nodes[t.predicate as usize].clone(),
                    object,
                    graph.clone(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(iri: &str) -> NamedNode {
        NamedNode::new_unchecked(iri)
    }

    #[test]
    fn a_triple_added_twice_is_kept_once_in_first_order() {
        let mut g = ArticleGraph::new(node("http://ex/a"), 4);
        let (s, p, q) = (
            node("http://ex/s"),
            node("http://ex/p"),
            node("http://ex/q"),
        );
        g.add(&s, &p, Literal::new_simple_literal("one").into());
        g.add(&s, &q, s.clone().into());
        g.add(&s, &p, Literal::new_simple_literal("one").into());
        g.add(&s, &p, Literal::new_simple_literal("two").into());
        assert_eq!(g.len(), 3);
        assert_eq!(g.nodes().len(), 3, "each node is held once");
        let quads = g.into_quads();
        let objects: Vec<String> = quads.iter().map(|q| q.object.to_string()).collect();
        assert_eq!(objects, ["\"one\"", "<http://ex/s>", "\"two\""]);
        assert!(quads
            .iter()
            .all(|q| q.graph_name == GraphName::NamedNode(node("http://ex/a"))));
    }

    #[test]
    fn a_node_and_a_literal_with_the_same_text_stay_apart() {
        let mut g = ArticleGraph::new(node("http://ex/a"), 2);
        let (s, p) = (node("http://ex/s"), node("http://ex/p"));
        g.add(&s, &p, node("http://ex/o").into());
        g.add(&s, &p, Literal::new_simple_literal("http://ex/o").into());
        assert_eq!(g.len(), 2);
    }
}
