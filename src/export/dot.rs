//! Graphviz DOT for a view of the knowledge graph, written by hand: one shape and colour
//! per kind of node, edges labelled with their property, a legend, and a note of what the
//! node cap left out (as a comment and in the legend).

use crate::graph::{KnowledgeGraph, NodeKind, Subgraph};
use std::io::{self, Write};

/// How to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Draw a summary node for each speaker's quotations, linked by a `said` edge.
    pub quotations: bool,
    /// Only boxes (for renderers that know few shapes, like the built-in one).
    pub simple_shapes: bool,
    /// A title over the picture.
    pub title: Option<String>,
}

/// Shape and fill colour of a kind (ColorBrewer "Pastel1"/"Set3" tones).
pub fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Person => ("ellipse", "#a6cee3"),
        NodeKind::Organization => ("box", "#fdbf6f"),
        NodeKind::Hospital => ("house", "#fb9a99"),
        NodeKind::Place => ("hexagon", "#b2df8a"),
        NodeKind::Strike => ("octagon", "#e5a3f5"),
        NodeKind::Article => ("tab", "#dddddd"),
    }
}

const QUOTE_STYLE: (&str, &str) = ("note", "#ffffcc");
const MAX_LABEL: usize = 36;

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`,
/// other control characters dropped (so no label escape like `\N` can slip in).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Shortens to `max` characters with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut t: String = one_line.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Breaks a label into lines of about `width` characters at spaces.
fn wrap(s: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

pub fn write_dot(
    kg: &KnowledgeGraph,
    view: &Subgraph,
    opts: &DotOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let g = &kg.graph;
    let note = view.omitted.describe();
    writeln!(
        out,
        "// strikegraph: {} nodes, {} edges",
        view.nodes.len(),
        view.edges.len()
    )?;
    if let Some(note) = &note {
        writeln!(out, "// {note}")?;
    }
    writeln!(out, "digraph strikegraph {{")?;
    write!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, overlap=false"
    )?;
    if let Some(title) = &opts.title {
        write!(out, ", label={}, labelloc=t", quote(title))?;
    }
    writeln!(out, "];")?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=11, style=filled];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\", fontcolor=\"#333333\"];"
    )?;
    let shape = |s: &'static str| if opts.simple_shapes { "box" } else { s };

    for &ix in &view.nodes {
        let node = &g[ix];
        let (sh, fill) = style(node.kind);
        let label = wrap(&shorten(&node.label(), MAX_LABEL * 2), 20);
        writeln!(
            out,
            "  n{} [label={}, shape={}, fillcolor={}, tooltip={}];",
            ix.index(),
            quote(&label),
            shape(sh),
            quote(fill),
            quote(&node.iri)
        )?;
    }
    for &e in &view.edges {
        if let Some((a, b)) = g.edge_endpoints(e) {
            let edge = &g[e];
            let articles: Vec<&str> = edge.articles.iter().map(String::as_str).collect();
            let extra = if edge.relation.is_fact() {
                ""
            } else {
                ", style=dotted"
            };
            writeln!(
                out,
                "  n{} -> n{} [label={}, tooltip={}{extra}];",
                a.index(),
                b.index(),
                quote(edge.relation.as_str()),
                quote(&format!("from {}", articles.join(", ")))
            )?;
        }
    }
    let mut quotations = false;
    if opts.quotations {
        for &ix in &view.nodes {
            let node = &g[ix];
            let Some(first) = node.quotes.first() else {
                continue;
            };
            quotations = true;
            let n = node.quotes.len();
            let label = format!(
                "{n} quotation{}\n“{}”",
                if n == 1 { "" } else { "s" },
                wrap(&shorten(first, MAX_LABEL), 24)
            );
            let (sh, fill) = QUOTE_STYLE;
            writeln!(
                out,
                "  q{} [label={}, shape={}, fillcolor={}, fontsize=9];",
                ix.index(),
                quote(&label),
                shape(sh),
                quote(fill)
            )?;
            writeln!(
                out,
                "  n{} -> q{} [label=\"said\", style=dashed];",
                ix.index(),
                ix.index()
            )?;
        }
    }

    // The legend: one sample per kind shown, and the note of what was left out.
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; fontsize=10; style=dashed; color=\"#999999\";"
    )?;
    let mut kinds: Vec<NodeKind> = view.nodes.iter().map(|&ix| g[ix].kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut previous: Option<String> = None;
    for kind in kinds {
        let (sh, fill) = style(kind);
        let id = format!("legend_{}", kind.as_str());
        writeln!(
            out,
            "    {id} [label={}, shape={}, fillcolor={}, fontsize=9];",
            quote(kind.as_str()),
            shape(sh),
            quote(fill)
        )?;
        if let Some(p) = previous.replace(id.clone()) {
            writeln!(out, "    {p} -> {id} [style=invis];")?;
        }
    }
    if quotations {
        let (sh, fill) = QUOTE_STYLE;
        writeln!(
            out,
            "    legend_quotation [label=\"quotations\", shape={}, fillcolor={}, fontsize=9];",
            shape(sh),
            quote(fill)
        )?;
        if let Some(p) = previous.replace("legend_quotation".to_owned()) {
            writeln!(out, "    {p} -> legend_quotation [style=invis];")?;
        }
    }
    if let Some(note) = &note {
        writeln!(
            out,
            "    legend_note [label={}, shape=box, style=\"filled\", fillcolor=\"#ffffff\", fontsize=9];",
            quote(&wrap(note, 30))
        )?;
        if let Some(p) = previous {
            writeln!(out, "    {p} -> legend_note [style=invis];")?;
        }
    }
    writeln!(out, "  }}")?;
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Node, Relation, View};

    #[test]
    fn quoting_escapes_what_dot_would_read() {
        assert_eq!(quote(r#"say "hi" \N"#), r#""say \"hi\" \\N""#);
        assert_eq!(quote("a\nb\tc\u{7}"), r#""a\nbc""#);
        assert_eq!(quote("Ærø – “x”"), "\"Ærø – “x”\"");
    }

    #[test]
    fn labels_are_shortened_and_wrapped() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }

    #[test]
    fn the_dot_has_nodes_edges_legend_and_the_note() -> Result<(), Box<dyn std::error::Error>> {
        let mut kg = KnowledgeGraph::new();
        let mut p = Node::new("p", NodeKind::Person, "Jo \"JJ\" Smith");
        p.quotes.push("We will not back down.".into());
        let p = kg.add_node(p);
        let mut s = Node::new("s", NodeKind::Strike, "Strike of 2023-05-02");
        s.start = Some("2023-05-02".into());
        s.end = Some("2023-05-03".into());
        let s = kg.add_node(s);
        let o = kg.add_node(Node::new("o", NodeKind::Organization, "Union"));
        kg.add_node(Node::new("x", NodeKind::Place, "Nowhere"));
        kg.add_edge(p, o, Relation::MemberOf, Some("a1"));
        kg.add_edge(s, o, Relation::Organizer, Some("a1"));
        let view = View {
            max_nodes: 3,
            ..View::default()
        }
        .select(&kg)?;
        let mut out = Vec::new();
        write_dot(
            &kg,
            &view,
            &DotOptions {
                quotations: true,
                ..DotOptions::default()
            },
            &mut out,
        )?;
        let dot = String::from_utf8(out)?;
        assert!(
            dot.contains(r#"label="Jo \"JJ\" Smith", shape=ellipse"#),
            "{dot}"
        );
        assert!(dot.contains("Strike 2023-05-02 –\\n2023-05-03"), "{dot}");
        assert!(dot.contains(&format!(
            "n{} -> n{} [label=\"memberOf\"",
            p.index(),
            o.index()
        )));
        assert!(dot.contains("[label=\"said\", style=dashed]"));
        assert!(dot.contains("legend_person"));
        assert!(dot.contains("legend_quotation"));
        assert!(dot.starts_with(
            "// strikegraph: 3 nodes, 2 edges\n// 1 node left out (over the cap of 3): 1 place\n"
        ));
        assert!(
            dot.contains("legend_note [label=\"1 node left out (over the cap\\nof 3): 1 place\""),
            "{dot}"
        );
        assert!(!dot.contains("Nowhere"));
        Ok(())
    }
}
