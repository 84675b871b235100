//! A small inline SVG of an entity's neighbourhood for its page: the entity in the middle,
//! the named things it is linked to around it, each a link to its own page. Drawn from
//! the description alone (no layout engine, no store access), so it costs nothing and
//! gives the same picture for the same description.

use super::html::{esc, is_safe_href};
use crate::export::display_term;
use crate::rdf::vocab::{ITSRDF, RDF, SCHEMA};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// At most this many neighbours are drawn; the caption says how many were left out.
const MAX_NEIGHBOURS: usize = 12;
const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 360.0;
const LABEL_CHARS: usize = 28;

/// The picture, or nothing when the entity has no named neighbours. `href` maps an IRI to
/// the link its node carries, if any: a node without one is drawn, not linked.
pub fn neighbourhood(
    iri: &NamedNode,
    triples: &[Triple],
    labels: &HashMap<String, String>,
    href: impl Fn(&str) -> Option<String>,
) -> String {
    // Plumbing that is not a relation between things worth drawing.
    let hidden = [
        format!("{RDF}type"),
        format!("{RDF}subject"),
        format!("{RDF}object"),
        format!("{ITSRDF}taIdentRef"),
        format!("{SCHEMA}creator"),
    ];
    let this_subject = NamedOrBlankNode::from(iri.clone());
    let this_object = Term::from(iri.clone());
    // Neighbour IRI -> the relations that link it, as "predicate" or "← predicate".
    let mut neighbours: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for t in triples {
        if hidden.iter().any(|h| h == t.predicate.as_str()) {
            continue;
        }
        let relation = display_term(&t.predicate.clone().into());
        let relation = relation.rsplit(':').next().unwrap_or(&relation).to_owned();
        if t.subject == this_subject {
            if let Term::NamedNode(n) = &t.object {
                if labels.contains_key(n.as_str()) && n != iri {
                    neighbours.entry(n.as_str()).or_default().push(relation);
                }
            }
        } else if t.object == this_object {
            if let NamedOrBlankNode::NamedNode(n) = &t.subject {
                if labels.contains_key(n.as_str()) {
                    neighbours
                        .entry(n.as_str())
                        .or_default()
                        .push(format!("← {relation}"));
                }
            }
        }
    }
    if neighbours.is_empty() {
        return String::new();
    }
    let total = neighbours.len();
    let shown: Vec<(&str, Vec<String>)> = neighbours.into_iter().take(MAX_NEIGHBOURS).collect();
    let name = labels.get(iri.as_str()).map(String::as_str).unwrap_or("");
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    // Room at the sides for a label of LABEL_CHARS, at the top and bottom for two lines.
    let (rx, ry) = (WIDTH / 2.0 - 185.0, HEIGHT / 2.0 - 45.0);
    let mut svg = format!(
        "<figure>\n<svg class=\"neighbourhood\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" \
         aria-label=\"{} and what it is linked to\" font-family=\"sans-serif\" font-size=\"12\">\n",
        esc(name)
    );
    let mut nodes = String::new();
    for (i, (neighbour, relations)) in shown.iter().enumerate() {
        // Evenly round an ellipse, starting at the top.
        let angle = -std::f64::consts::FRAC_PI_2
            + 2.0 * std::f64::consts::PI * i as f64 / shown.len() as f64;
        let (x, y) = (cx + rx * angle.cos(), cy + ry * angle.sin());
        let label = labels.get(*neighbour).map(String::as_str).unwrap_or("");
        let relation = relations.join(", ");
        let anchor = if x < cx - 1.0 {
            "end"
        } else if x > cx + 1.0 {
            "start"
        } else {
            "middle"
        };
        let dx = match anchor {
            "end" => -9.0,
            "start" => 9.0,
            _ => 0.0,
        };
        // Beside the node on the left and right; above it at the top, below at the bottom.
        let (dy, relation_dy) = match anchor {
            "middle" if y < cy => (-22.0, 12.0),
            "middle" => (20.0, 12.0),
            _ => (4.0, 12.0),
        };
        let _ = writeln!(
            svg,
            "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#9aa\" stroke-width=\"1.2\"/>"
        );
        let (open, close) = match href(neighbour).filter(|h| is_safe_href(h)) {
            Some(h) => (format!("<a href=\"{}\">", esc(&h)), "</a>"),
            None => ("<g>".to_owned(), "</g>"),
        };
        let _ = writeln!(
            nodes,
            "{open}<title>{} ({})</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#3b7dd8\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#124\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#677\" font-size=\"10\">{}</text>{close}",
            esc(label),
            esc(&relation),
            x + dx,
            y + dy,
            esc(&shorten(label)),
            x + dx,
            y + dy + relation_dy,
            esc(&shorten(&relation)),
        );
    }
    svg.push_str(&nodes);
    let _ = writeln!(
        svg,
        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"10\" fill=\"#d8573b\"/>\
         <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#411\">{}</text>",
        cy + 26.0,
        esc(&shorten(name))
    );
    svg.push_str("</svg>\n");
    if total > shown.len() {
        let _ = writeln!(
            svg,
            "<figcaption>{} of {total} neighbours drawn; all are listed below.</figcaption>",
            shown.len()
        );
    }
    svg.push_str("</figure>\n");
    svg
}

/// A label short enough not to run off the picture.
fn shorten(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(LABEL_CHARS - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(iri: &str) -> NamedNode {
        NamedNode::new_unchecked(iri)
    }

    #[test]
    fn neighbours_are_drawn_as_links_and_plumbing_is_not() {
        let me = n("http://e.org/person/a");
        let union = n("http://e.org/org/u");
        let article = n("http://e.org/article/1");
        let triples = vec![
            Triple::new(me.clone(), n(&format!("{SCHEMA}memberOf")), union.clone()),
            Triple::new(
                me.clone(),
                n(&format!("{RDF}type")),
                n(&format!("{SCHEMA}Person")),
            ),
            Triple::new(article.clone(), n(&format!("{SCHEMA}mentions")), me.clone()),
        ];
        let labels: HashMap<String, String> = [
            (me.as_str().to_owned(), "Ann <A>".to_owned()),
            (union.as_str().to_owned(), "Union".to_owned()),
            (article.as_str().to_owned(), "A story".to_owned()),
        ]
        .into_iter()
        .collect();
        let svg = neighbourhood(&me, &triples, &labels, |iri| {
            Some(iri.replace("http://e.org", ""))
        });
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("<a href=\"/org/u\">"), "{svg}");
        assert!(svg.contains("memberOf"), "{svg}");
        assert!(svg.contains("← mentions"), "{svg}");
        assert!(svg.contains("Ann &lt;A&gt;"), "{svg}");
        assert!(!svg.contains("Person"), "{svg}");
        assert_eq!(svg.matches("<line").count(), 2);
    }

    #[test]
    fn a_neighbour_without_a_safe_link_is_drawn_unlinked() {
        let me = n("http://e.org/person/a");
        let evil = n("javascript:alert(1)");
        let triples = vec![Triple::new(
            me.clone(),
            n(&format!("{SCHEMA}worksFor")),
            evil.clone(),
        )];
        let labels: HashMap<String, String> = [
            (me.as_str().to_owned(), "Ann".to_owned()),
            (evil.as_str().to_owned(), "Evil Corp".to_owned()),
        ]
        .into_iter()
        .collect();
        // Whether the caller offers a link or not, only a safe one is drawn.
        for offered in [None, Some(evil.as_str().to_owned())] {
            let svg = neighbourhood(&me, &triples, &labels, |_| offered.clone());
            assert!(svg.contains("Evil Corp"), "{svg}");
            assert!(!svg.contains("<a "), "{svg}");
            assert!(!svg.contains("javascript"), "{svg}");
        }
    }

    #[test]
    fn no_neighbours_no_picture() {
        let me = n("http://e.org/person/a");
        assert_eq!(
            neighbourhood(&me, &[], &HashMap::new(), |i| Some(i.to_owned())),
            ""
        );
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("short"), "short");
        let long = "x".repeat(40);
        assert_eq!(shorten(&long).chars().count(), LABEL_CHARS);
    }
}
