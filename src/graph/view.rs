//! Views: the part of the graph a picture shows. A view can centre on one entity (its
//! neighbourhood to some depth), keep some kinds of node, keep one article's nodes and
//! facts, and caps the number of nodes, saying what it left out.

use super::{neighbourhood, GraphError, KnowledgeGraph, NodeKind};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What to show. The default shows everything up to 200 nodes.
#[derive(Debug, Clone)]
pub struct View {
    /// Centre on this node and keep what is within `depth` steps of it.
    pub focus: Option<NodeIndex>,
    pub depth: usize,
    /// Keep only these kinds (the focus is always kept).
    pub kinds: Option<Vec<NodeKind>>,
    /// Keep only the nodes and facts of this article (by identifier).
    pub article: Option<String>,
    /// At most this many nodes; the nearest to the focus, then the best connected, win.
    pub max_nodes: usize,
}

impl Default for View {
    fn default() -> Self {
        Self {
            focus: None,
            depth: 2,
            kinds: None,
            article: None,
            max_nodes: 200,
        }
    }
}

/// What a view left out because of the node cap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Omitted {
    pub nodes: usize,
    pub by_kind: BTreeMap<NodeKind, usize>,
    pub max_nodes: usize,
}

impl Omitted {
    /// "12 nodes left out (over --max-nodes 200): 5 person, 7 place", or `None`.
    pub fn describe(&self) -> Option<String> {
        if self.nodes == 0 {
            return None;
        }
        let kinds: Vec<String> = self
            .by_kind
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        Some(format!(
            "{} node{} left out (over the cap of {}): {}",
            self.nodes,
            if self.nodes == 1 { "" } else { "s" },
            self.max_nodes,
            kinds.join(", ")
        ))
    }
}

/// The nodes and edges a view keeps, nodes in kind then name order.
#[derive(Debug, Clone, Default)]
pub struct Subgraph {
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<EdgeIndex>,
    pub omitted: Omitted,
}

impl View {
    pub fn select(&self, kg: &KnowledgeGraph) -> Result<Subgraph, GraphError> {
        let g = &kg.graph;
        let mut keep: HashSet<NodeIndex> = g.node_indices().collect();
        let mut edge_ok: HashSet<EdgeIndex> = g.edge_indices().collect();
        if let Some(id) = &self.article {
            keep.retain(|&ix| g[ix].articles.contains(id));
            if keep.is_empty() {
                return Err(GraphError::NoArticle(id.clone()));
            }
            edge_ok.retain(|&e| g[e].articles.contains(id));
        }
        let mut distance: HashMap<NodeIndex, usize> = HashMap::new();
        if let Some(focus) = self.focus {
            // The neighbourhood within the article's part of the graph.
            let part = restrict(kg, &keep, &edge_ok);
            let map: HashMap<NodeIndex, NodeIndex> = part.1;
            let local_focus = map.iter().find(|(_, &orig)| orig == focus).map(|(&l, _)| l);
            keep.clear();
            if let Some(local) = local_focus {
                for (l, d) in neighbourhood(&part.0, local, self.depth) {
                    if let Some(&orig) = map.get(&l) {
                        keep.insert(orig);
                        distance.insert(orig, d);
                    }
                }
            }
            keep.insert(focus);
            distance.insert(focus, 0);
        }
        if let Some(kinds) = &self.kinds {
            keep.retain(|&ix| kinds.contains(&g[ix].kind) || Some(ix) == self.focus);
        }
        let mut nodes: Vec<NodeIndex> = keep.into_iter().collect();
        let degree = |ix: NodeIndex| g.neighbors_undirected(ix).count();
        nodes.sort_by(|&a, &b| {
            let da = distance.get(&a).copied().unwrap_or(0);
            let db = distance.get(&b).copied().unwrap_or(0);
            da.cmp(&db)
                .then(degree(b).cmp(&degree(a)))
                .then_with(|| g[a].name.cmp(&g[b].name))
                .then(a.cmp(&b))
        });
        let mut omitted = Omitted {
            max_nodes: self.max_nodes,
            ..Omitted::default()
        };
        if nodes.len() > self.max_nodes {
            for &ix in &nodes[self.max_nodes..] {
                omitted.nodes += 1;
                *omitted.by_kind.entry(g[ix].kind).or_default() += 1;
            }
            nodes.truncate(self.max_nodes);
        }
        nodes.sort_by(|&a, &b| {
            g[a].kind
                .cmp(&g[b].kind)
                .then_with(|| g[a].name.cmp(&g[b].name))
                .then(a.cmp(&b))
        });
        let kept: HashSet<NodeIndex> = nodes.iter().copied().collect();
        let mut edges: Vec<EdgeIndex> = g
            .edge_indices()
            .filter(|e| edge_ok.contains(e))
            .filter(|&e| {
                g.edge_endpoints(e)
                    .is_some_and(|(a, b)| kept.contains(&a) && kept.contains(&b))
            })
            .collect();
        edges.sort();
        Ok(Subgraph {
            nodes,
            edges,
            omitted,
        })
    }
}

/// A copy of the graph with only these nodes and edges, and the map from its indices to
/// the original's.
fn restrict(
    kg: &KnowledgeGraph,
    nodes: &HashSet<NodeIndex>,
    edges: &HashSet<EdgeIndex>,
) -> (KnowledgeGraph, HashMap<NodeIndex, NodeIndex>) {
    let g = &kg.graph;
    let mut part = KnowledgeGraph::new();
    let mut to_local = HashMap::new();
    let mut to_orig = HashMap::new();
    let mut sorted: Vec<NodeIndex> = nodes.iter().copied().collect();
    sorted.sort();
    for ix in sorted {
        let local = part.add_node(g[ix].clone());
        to_local.insert(ix, local);
        to_orig.insert(local, ix);
    }
    for e in g.edge_indices().filter(|e| edges.contains(e)) {
        if let Some((a, b)) = g.edge_endpoints(e) {
            if let (Some(&la), Some(&lb)) = (to_local.get(&a), to_local.get(&b)) {
                let w = g[e].clone();
                part.graph.add_edge(la, lb, w);
            }
        }
    }
    (part, to_orig)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Node, Relation};

    /// A star: Hub (org) with 5 people who work for it, people in articles a1 / a2;
    /// Far (place) is the home of P0.
    fn star() -> (KnowledgeGraph, NodeIndex, NodeIndex) {
        let mut kg = KnowledgeGraph::new();
        let mut hub = Node::new("hub", NodeKind::Organization, "Hub");
        hub.articles.extend(["a1".to_owned(), "a2".to_owned()]);
        let hub = kg.add_node(hub);
        let mut far = Node::new("far", NodeKind::Place, "Far");
        far.articles.insert("a1".into());
        let far = kg.add_node(far);
        for i in 0..5 {
            let article = if i < 2 { "a1" } else { "a2" };
            let mut p = Node::new(format!("p{i}"), NodeKind::Person, format!("P{i}"));
            p.articles.insert(article.into());
            let p = kg.add_node(p);
            kg.add_edge(p, hub, Relation::WorksFor, Some(article));
            if i == 0 {
                kg.add_edge(p, far, Relation::HomeLocation, Some("a1"));
            }
        }
        (kg, hub, far)
    }

    fn names(kg: &KnowledgeGraph, sub: &Subgraph) -> Vec<String> {
        sub.nodes
            .iter()
            .map(|&n| kg.graph[n].name.clone())
            .collect()
    }

    #[test]
    fn everything_by_default_in_kind_order() -> Result<(), GraphError> {
        let (kg, _, _) = star();
        let sub = View::default().select(&kg)?;
        assert_eq!(
            names(&kg, &sub),
            ["P0", "P1", "P2", "P3", "P4", "Hub", "Far"]
        );
        assert_eq!(sub.edges.len(), 6);
        assert_eq!(sub.omitted.describe(), None);
        Ok(())
    }

    #[test]
    fn focus_keeps_the_neighbourhood() -> Result<(), GraphError> {
        let (kg, hub, far) = star();
        let view = View {
            focus: Some(far),
            depth: 1,
            ..View::default()
        };
        assert_eq!(names(&kg, &view.select(&kg)?), ["P0", "Far"]);
        let view = View {
            focus: Some(hub),
            depth: 1,
            kinds: Some(vec![NodeKind::Place]),
            ..View::default()
        };
        // Far is two steps away; the focus stays although it is not a place.
        assert_eq!(names(&kg, &view.select(&kg)?), ["Hub"]);
        Ok(())
    }

    #[test]
    fn the_cap_keeps_the_nearest_and_best_connected_and_says_what_went() -> Result<(), GraphError> {
        let (kg, hub, _) = star();
        let view = View {
            focus: Some(hub),
            depth: 2,
            max_nodes: 3,
            ..View::default()
        };
        let sub = view.select(&kg)?;
        // Hub (distance 0), then P0 (2 neighbours) and P1 (first by name).
        assert_eq!(names(&kg, &sub), ["P0", "P1", "Hub"]);
        assert_eq!(sub.edges.len(), 2);
        assert_eq!(sub.omitted.nodes, 4);
        assert_eq!(
            sub.omitted.describe().as_deref(),
            Some("4 nodes left out (over the cap of 3): 3 person, 1 place")
        );
        Ok(())
    }

    #[test]
    fn an_article_view_keeps_its_nodes_and_facts() -> Result<(), GraphError> {
        let (kg, _, _) = star();
        let view = View {
            article: Some("a2".into()),
            ..View::default()
        };
        let sub = view.select(&kg)?;
        assert_eq!(names(&kg, &sub), ["P2", "P3", "P4", "Hub"]);
        assert_eq!(sub.edges.len(), 3);
        let none = View {
            article: Some("zz".into()),
            ..View::default()
        };
        assert!(matches!(none.select(&kg), Err(GraphError::NoArticle(_))));
        Ok(())
    }
}
