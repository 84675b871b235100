//! N-Quads lines straight into a byte buffer, for `strikegraph extract`.
//!
//! An article is a few hundred quads whose terms are mostly long IRIs; Oxigraph's serializer
//! writes each through `fmt`, character by character for literals, which took more time
//! than extraction itself. This writes the same bytes (the tests hold it to Oxigraph's
//! serializer and parser) with plain copies.

use crate::rdf::{ArticleGraph, Object, Triple};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, QuadRef, TermRef};
use std::io::Write as _;

/// Appends `quad` as one N-Quads line, exactly as Oxigraph's N-Quads serializer writes it.
pub fn push_quad(out: &mut Vec<u8>, quad: QuadRef<'_>) {
    push_term(out, quad.subject.into());
    out.push(b' ');
    push_iri(out, quad.predicate.as_str());
    out.push(b' ');
    push_term(out, quad.object);
    match quad.graph_name {
        GraphNameRef::NamedNode(n) => {
            out.push(b' ');
            push_iri(out, n.as_str());
        }
        GraphNameRef::BlankNode(b) => {
            out.extend_from_slice(b" _:");
            out.extend_from_slice(b.as_str().as_bytes());
        }
        GraphNameRef::DefaultGraph => {}
    }
    out.extend_from_slice(b" .\n");
}

/// Appends an article's graph as N-Quads lines in the article's named graph, the bytes
/// [`push_quad`] writes for each of its quads. Each distinct term is written once and copied
/// into every line that holds it: an article has a few dozen subjects and predicates over a
/// few hundred lines.
pub fn push_graph(out: &mut Vec<u8>, graph: &ArticleGraph) {
    // Room for each term, its quotes or brackets, and a literal's datatype or language.
    let mut terms = Vec::with_capacity(
        graph
            .nodes()
            .iter()
            .map(|n| n.as_str().len() + 2)
            .chain(graph.literals().iter().map(|l| l.value().len() + 64))
            .sum(),
    );
    let mut nodes = Vec::with_capacity(graph.nodes().len());
    for node in graph.nodes() {
        let start = terms.len();
        push_iri(&mut terms, node.as_str());
        nodes.push(start..terms.len());
    }
    let mut literals = Vec::with_capacity(graph.literals().len());
    for literal in graph.literals() {
        let start = terms.len();
        push_literal(&mut terms, literal.as_ref());
        literals.push(start..terms.len());
    }
    let mut tail = vec![b' '];
    push_iri(&mut tail, graph.name().as_str());
    tail.extend_from_slice(b" .\n");
    let parts = |t: &Triple| {
        let object = match t.object {
            Object::Node(n) => &nodes[n as usize],
            Object::Literal(l) => &literals[l as usize],
        };
        [
            &nodes[t.subject as usize],
            &nodes[t.predicate as usize],
            object,
        ]
    };
    // Made room for once: an article's lines run to a hundred kilobytes or more, and growing
    // a buffer that size copies it, and touches fresh pages, again and again.
    let size: usize = graph
        .triples()
        .iter()
        .map(|t| parts(t).iter().map(|r| r.len()).sum::<usize>() + 2 + tail.len())
        .sum();
    out.reserve(size);
    for triple in graph.triples() {
        let [subject, predicate, object] = parts(triple);
        out.extend_from_slice(&terms[subject.clone()]);
        out.push(b' ');
        out.extend_from_slice(&terms[predicate.clone()]);
        out.push(b' ');
        out.extend_from_slice(&terms[object.clone()]);
        out.extend_from_slice(&tail);
    }
}

fn push_iri(out: &mut Vec<u8>, iri: &str) {
    out.push(b'<');
    out.extend_from_slice(iri.as_bytes());
    out.push(b'>');
}

fn push_term(out: &mut Vec<u8>, term: TermRef<'_>) {
    match term {
        TermRef::NamedNode(n) => push_iri(out, n.as_str()),
        TermRef::BlankNode(b) => {
            out.extend_from_slice(b"_:");
            out.extend_from_slice(b.as_str().as_bytes());
        }
        TermRef::Literal(l) => push_literal(out, l),
        // The extractors make no RDF 1.2 triple terms; `fmt` knows how to write them.
        #[allow(unreachable_patterns)]
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
}

fn push_literal(out: &mut Vec<u8>, literal: LiteralRef<'_>) {
    push_quoted(out, literal.value());
    if let Some(language) = literal.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if literal.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^");
        push_iri(out, literal.datatype().as_str());
    }
}

/// `value` in double quotes with N-Triples' escapes, as Oxigraph writes them: the named
/// control characters as `\t` and the like, the rest of C0, DEL, U+FFFE and U+FFFF as
/// `\uXXXX`, everything else as it is.
fn push_quoted(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    let bytes = value.as_bytes();
    let (mut at, mut copied) = (0, 0);
    while at < bytes.len() {
        let Some((escape, len)) = escape_at(bytes, at) else {
            at += 1;
            continue;
        };
        out.extend_from_slice(&bytes[copied..at]);
        match escape {
            Escape::Named(named) => out.extend_from_slice(named),
            Escape::Code(code) => {
                // Writing to a Vec cannot fail.
                let _ = write!(out, "\\u{code:04X}");
            }
        }
        at += len;
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

enum Escape {
    Named(&'static [u8]),
    Code(u32),
}

/// The escape for the character starting at byte `at`, with its length in bytes.
fn escape_at(bytes: &[u8], at: usize) -> Option<(Escape, usize)> {
    let named = |e: &'static [u8]| Some((Escape::Named(e), 1));
    match bytes[at] {
        0x08 => named(b"\\b"),
        b'\t' => named(b"\\t"),
        b'\n' => named(b"\\n"),
        0x0C => named(b"\\f"),
        b'\r' => named(b"\\r"),
        b'"' => named(b"\\\""),
        b'\\' => named(b"\\\\"),
        b @ (0x00..=0x1F | 0x7F) => Some((Escape::Code(u32::from(b)), 1)),
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        0xEF => match bytes.get(at + 1..at + 3)? {
            [0xBF, 0xBE] => Some((Escape::Code(0xFFFE), 3)),
            [0xBF, 0xBF] => Some((Escape::Code(0xFFFF), 3)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad};
    use proptest::prelude::*;

    fn oxigraph_bytes(quads: &[Quad]) -> Vec<u8> {
        let mut writer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
        for q in quads {
            writer.serialize_quad(q).expect("writes to memory");
        }
        writer.finish().expect("writes to memory")
    }

    fn ours(quads: &[Quad]) -> Vec<u8> {
        let mut out = Vec::new();
        for q in quads {
            push_quad(&mut out, q.as_ref());
        }
        out
    }

    fn quads_with_object(object: Literal) -> Vec<Quad> {
        let s = NamedNode::new_unchecked("https://w3id.org/strikegraph/id/person/ann-lee");
        let p = NamedNode::new_unchecked("http://schema.org/name");
        let g = NamedNode::new_unchecked("https://w3id.org/strikegraph/id/article/a1");
        vec![
            Quad::new(s.clone(), p.clone(), object.clone(), g.clone()),
            Quad::new(
                s.clone(),
                p.clone(),
                object.clone(),
                GraphName::DefaultGraph,
            ),
            Quad::new(
                BlankNode::new_unchecked("b0"),
                p,
                object,
                BlankNode::new_unchecked("g1"),
            ),
        ]
    }

    #[test]
    fn writes_what_oxigraph_writes_for_every_kind_of_term() {
        let tricky = "say \"no\"\\ \t\n\r\u{8}\u{c}\u{0}\u{1f}\u{7f} caf\u{e9} \u{201C}ok\u{201D} \
                      \u{fffe}\u{ffff}\u{fffd}\u{ef}\u{10000} end";
        for literal in [
            Literal::new_simple_literal(tricky),
            Literal::new_simple_literal(""),
            Literal::new_language_tagged_literal_unchecked(tricky, "en-gb"),
            Literal::new_typed_literal("2016-01-12", oxigraph::model::vocab::xsd::DATE),
            Literal::from(42_i64),
        ] {
            let quads = quads_with_object(literal);
            let ours = ours(&quads);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&oxigraph_bytes(&quads))
            );
            let parsed: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
                .for_reader(ours.as_slice())
                .collect::<Result<_, _>>()
                .expect("our N-Quads parse");
            assert_eq!(parsed, quads);
        }
    }

    #[test]
    fn an_article_graph_is_written_as_oxigraph_writes_its_quads() {
        let node = |iri: &str| NamedNode::new_unchecked(format!("https://w3id.org/sg/{iri}"));
        let mut graph = ArticleGraph::new(node("article/a1"), 8);
        let (ann, name, knows) = (node("person/ann"), node("name"), node("knows"));
        graph.add(
            &ann,
            &name,
            Literal::new_simple_literal("Ann \"A\" Lee\n").into(),
        );
        graph.add(&ann, &knows, node("person/bob").into());
        graph.add(&node("person/bob"), &knows, ann.clone().into());
        graph.add(
            &ann,
            &name,
            Literal::new_simple_literal("Ann \"A\" Lee\n").into(),
        );
        graph.add(&ann, &name, Literal::from(7_i64).into());
        graph.add(
            &ann,
            &name,
            Literal::new_language_tagged_literal_unchecked("Ann", "en").into(),
        );
        let mut ours = Vec::new();
        push_graph(&mut ours, &graph);
        let quads = graph.into_quads();
        assert_eq!(quads.len(), 5);
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&oxigraph_bytes(&quads))
        );
    }

    proptest! {
        #[test]
        fn any_literal_is_written_as_oxigraph_writes_it(value in any::<String>()) {
            let quads = quads_with_object(Literal::new_simple_literal(value));
            prop_assert_eq!(ours(&quads), oxigraph_bytes(&quads));
        }
    }
}
