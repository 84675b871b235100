//! Analyses of the knowledge graph. Facts are read in both directions: "Jane Roe lives
//! in Kent" links Kent to Jane Roe as much as Jane Roe to Kent.
//!
//! Neighbours are visited in the order of their names, so every answer is deterministic.

use super::{KnowledgeGraph, NodeKind, Relation};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{HashMap, VecDeque};

/// One step of a path: the edge, and whether it is walked along its direction
/// (`forward`: `from` is the subject) or against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub edge: EdgeIndex,
    pub forward: bool,
}

/// Centrality of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank {
    pub node: NodeIndex,
    /// Distinct neighbours through facts.
    pub degree: usize,
    /// Betweenness centrality over facts (Brandes; undirected, unnormalised): the number
    /// of shortest paths between other pairs that pass through the node.
    pub betweenness: f64,
}

/// The undirected adjacency: per node, (neighbour, edge, forward), neighbours sorted by
/// name. `facts_only` leaves out `mentions` edges.
fn adjacency(kg: &KnowledgeGraph, facts_only: bool) -> Vec<Vec<(NodeIndex, EdgeIndex, bool)>> {
    let g = &kg.graph;
    let mut adj = vec![Vec::new(); g.node_count()];
    for ix in g.node_indices() {
        let list = &mut adj[ix.index()];
        for e in g.edges_directed(ix, Direction::Outgoing) {
            if !facts_only || e.weight().relation.is_fact() {
                list.push((e.target(), e.id(), true));
            }
        }
        for e in g.edges_directed(ix, Direction::Incoming) {
            if !facts_only || e.weight().relation.is_fact() {
                list.push((e.source(), e.id(), false));
            }
        }
        list.sort_by(|a, b| {
            g[a.0]
                .name
                .cmp(&g[b.0].name)
                .then(a.0.cmp(&b.0))
                .then(a.1.cmp(&b.1))
        });
    }
    adj
}

/// Every node within `depth` steps of `start` (over all edges present), with its distance.
pub fn neighbourhood(
    kg: &KnowledgeGraph,
    start: NodeIndex,
    depth: usize,
) -> HashMap<NodeIndex, usize> {
    let adj = adjacency(kg, false);
    let mut dist = HashMap::new();
    if kg.node(start).is_none() {
        return dist;
    }
    dist.insert(start, 0);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let d = dist.get(&n).copied().unwrap_or(0);
        if d >= depth {
            continue;
        }
        for &(m, _, _) in &adj[n.index()] {
            if let std::collections::hash_map::Entry::Vacant(slot) = dist.entry(m) {
                slot.insert(d + 1);
                queue.push_back(m);
            }
        }
    }
    dist
}

/// The shortest chain of facts from `a` to `b` (breadth first, over facts only), or `None`
/// if they are not connected. A path from a node to itself is empty.
pub fn shortest_path(kg: &KnowledgeGraph, a: NodeIndex, b: NodeIndex) -> Option<Vec<Step>> {
    kg.node(a)?;
    kg.node(b)?;
    let adj = adjacency(kg, true);
    let mut came_from: HashMap<NodeIndex, Step> = HashMap::new();
    let mut seen = vec![false; kg.graph.node_count()];
    seen[a.index()] = true;
    let mut queue = VecDeque::from([a]);
    while let Some(n) = queue.pop_front() {
        if n == b {
            break;
        }
        for &(m, edge, forward) in &adj[n.index()] {
            if !seen[m.index()] {
                seen[m.index()] = true;
                came_from.insert(
                    m,
                    Step {
                        from: n,
                        to: m,
                        edge,
                        forward,
                    },
                );
                queue.push_back(m);
            }
        }
    }
    if !seen[b.index()] {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = b;
    while at != a {
        let step = came_from.get(&at)?;
        steps.push(*step);
        at = step.from;
    }
    steps.reverse();
    Some(steps)
}

/// Degree and betweenness of every node except articles, highest betweenness first, then
/// highest degree, then by name.
pub fn rank(kg: &KnowledgeGraph) -> Vec<Rank> {
    let adj = adjacency(kg, true);
    let n = adj.len();
    let mut between = vec![0.0_f64; n];
    // Brandes (2001) for unweighted graphs.
    for s in 0..n {
        let mut stack = Vec::with_capacity(n);
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0_f64; n];
        let mut dist = vec![usize::MAX; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &(w, _, _) in &adj[v] {
                let w = w.index();
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    if !preds[w].contains(&v) {
                        preds[w].push(v);
                    }
                }
            }
        }
        let mut delta = vec![0.0_f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                if sigma[w] > 0.0 {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            if w != s {
                between[w] += delta[w];
            }
        }
    }
    let g = &kg.graph;
    let mut ranks: Vec<Rank> = g
        .node_indices()
        .filter(|&ix| g[ix].kind != NodeKind::Article)
        .map(|ix| {
            let mut neighbours: Vec<NodeIndex> =
                adj[ix.index()].iter().map(|&(m, _, _)| m).collect();
            neighbours.sort();
            neighbours.dedup();
            Rank {
                node: ix,
                degree: neighbours.len(),
                // Each undirected pair was counted from both ends.
                betweenness: between[ix.index()] / 2.0,
            }
        })
        .collect();
    ranks.sort_by(|a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(b.degree.cmp(&a.degree))
            .then_with(|| g[a.node].name.cmp(&g[b.node].name))
    });
    ranks
}

/// The connected clusters of entities linked by facts (articles left out), largest
/// first; each cluster's members sorted by name.
pub fn components(kg: &KnowledgeGraph) -> Vec<Vec<NodeIndex>> {
    let g = &kg.graph;
    let mut sets = UnionFind::<usize>::new(g.node_count());
    for e in g.edge_indices() {
        if let (Some(w), Some((a, b))) = (g.edge_weight(e), g.edge_endpoints(e)) {
            if w.relation != Relation::Mentions {
                sets.union(a.index(), b.index());
            }
        }
    }
    let mut groups: HashMap<usize, Vec<NodeIndex>> = HashMap::new();
    for ix in g
        .node_indices()
        .filter(|&ix| g[ix].kind != NodeKind::Article)
    {
        groups.entry(sets.find(ix.index())).or_default().push(ix);
    }
    let mut out: Vec<Vec<NodeIndex>> = groups.into_values().collect();
    for group in &mut out {
        group.sort_by(|&a, &b| g[a].name.cmp(&g[b].name).then(a.cmp(&b)));
    }
    out.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then_with(|| g[a[0]].name.cmp(&g[b[0]].name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;

    /// Ann worksFor Trust; Bob memberOf Union; S1 organizer Union; S1 location Hosp;
    /// Hosp parentOrganization Trust; Cat homeLocation Town (apart); Dan alone.
    fn small() -> (KnowledgeGraph, HashMap<&'static str, NodeIndex>) {
        let mut kg = KnowledgeGraph::new();
        let mut ix = HashMap::new();
        for (name, kind) in [
            ("Ann", NodeKind::Person),
            ("Bob", NodeKind::Person),
            ("Cat", NodeKind::Person),
            ("Dan", NodeKind::Person),
            ("Trust", NodeKind::Organization),
            ("Union", NodeKind::Organization),
            ("Hosp", NodeKind::Hospital),
            ("Town", NodeKind::Place),
            ("S1", NodeKind::Strike),
        ] {
            ix.insert(name, kg.add_node(Node::new(name, kind, name)));
        }
        let facts = [
            ("Ann", "Trust", Relation::WorksFor, "a1"),
            ("Bob", "Union", Relation::MemberOf, "a2"),
            ("S1", "Union", Relation::Organizer, "a2"),
            ("S1", "Hosp", Relation::Location, "a3"),
            ("Hosp", "Trust", Relation::ParentOrganization, "a1"),
            ("Cat", "Town", Relation::HomeLocation, "a4"),
        ];
        for (s, o, r, a) in facts {
            kg.add_edge(ix[s], ix[o], r, Some(a));
        }
        (kg, ix)
    }

    #[test]
    fn the_shortest_path_follows_facts_both_ways() {
        let (kg, ix) = small();
        let path = shortest_path(&kg, ix["Ann"], ix["Bob"]).expect("connected");
        let names: Vec<&str> = path.iter().map(|s| kg.graph[s.to].name.as_str()).collect();
        assert_eq!(names, ["Trust", "Hosp", "S1", "Union", "Bob"]);
        let forward: Vec<bool> = path.iter().map(|s| s.forward).collect();
        assert_eq!(forward, [true, false, false, true, false]);
        assert_eq!(kg.graph[path[2].edge].relation, Relation::Location);
        assert!(shortest_path(&kg, ix["Ann"], ix["Cat"]).is_none());
        assert_eq!(shortest_path(&kg, ix["Dan"], ix["Dan"]), Some(vec![]));
    }

    #[test]
    fn the_path_ignores_mentions() {
        let (mut kg, ix) = small();
        let art = kg.add_node(Node::new("art", NodeKind::Article, "art"));
        kg.add_edge(art, ix["Ann"], Relation::Mentions, Some("art"));
        kg.add_edge(art, ix["Cat"], Relation::Mentions, Some("art"));
        assert!(shortest_path(&kg, ix["Ann"], ix["Cat"]).is_none());
        // but a neighbourhood walks through the article
        let around = neighbourhood(&kg, ix["Ann"], 2);
        assert_eq!(around.get(&ix["Cat"]), Some(&2));
    }

    #[test]
    fn the_neighbourhood_stops_at_the_depth() {
        let (kg, ix) = small();
        let around = neighbourhood(&kg, ix["S1"], 1);
        let mut names: Vec<&str> = around.keys().map(|&n| kg.graph[n].name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Hosp", "S1", "Union"]);
        assert_eq!(neighbourhood(&kg, ix["S1"], 2).len(), 5);
        assert_eq!(neighbourhood(&kg, ix["Dan"], 3).len(), 1);
    }

    #[test]
    fn rank_puts_the_middle_of_the_chain_first() {
        let (kg, ix) = small();
        // Chain Ann–Trust–Hosp–S1–Union–Bob: the middle two carry most shortest paths.
        let ranks = rank(&kg);
        let top: Vec<&str> = ranks
            .iter()
            .take(2)
            .map(|r| kg.graph[r.node].name.as_str())
            .collect();
        assert_eq!(top, ["Hosp", "S1"]);
        let by = |name: &str| {
            ranks
                .iter()
                .find(|r| r.node == ix[name])
                .cloned()
                .expect("ranked")
        };
        // Hosp lies between {Ann, Trust} and {S1, Union, Bob}: 2 × 3 pairs.
        assert_eq!(by("Hosp").betweenness, 6.0);
        assert_eq!(by("Trust").betweenness, 4.0);
        assert_eq!(by("Ann").betweenness, 0.0);
        assert_eq!(by("Hosp").degree, 2);
        assert_eq!(by("Dan").degree, 0);
    }

    #[test]
    fn components_are_the_linked_clusters_largest_first() {
        let (kg, _) = small();
        let clusters = components(&kg);
        let names: Vec<Vec<&str>> = clusters
            .iter()
            .map(|c| c.iter().map(|&n| kg.graph[n].name.as_str()).collect())
            .collect();
        assert_eq!(
            names,
            vec![
                vec!["Ann", "Bob", "Hosp", "S1", "Trust", "Union"],
                vec!["Cat", "Town"],
                vec!["Dan"]
            ]
        );
    }
}
