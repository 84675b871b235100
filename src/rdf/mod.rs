//! From an article's [`Extraction`] and its minted IRIs to RDF quads in the article's graph.
//!
//! Invariant: every quad this module makes for an article is in that article's named graph,
//! so replacing or removing the graph replaces or removes everything the article said.

mod article_graph;
pub mod vocab;

pub use article_graph::{ArticleGraph, Object, ObjectTerm, Triple};

use crate::corpus::Document;
use crate::extract::{EntityKind, Extraction, Property, SubKind, Subject, Value};
use crate::resolve::ArticleIris;
use crate::text::{CharOffsets, Span};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode};
use vocab::*;

/// `namespace` + `local` (by concatenation: this runs for nearly every quad).
fn term(namespace: &str, local: &str) -> NamedNode {
    let mut iri = String::with_capacity(namespace.len() + local.len());
    iri.push_str(namespace);
    iri.push_str(local);
    NamedNode::new_unchecked(iri)
}

fn schema(local: &str) -> NamedNode {
    term(SCHEMA, local)
}

fn sg(local: &str) -> NamedNode {
    term(SG, local)
}

fn nif(local: &str) -> NamedNode {
    term(NIF, local)
}

/// The class an entity gets: schema.org's where it has one that fits the sub-kind.
pub fn class_of(kind: EntityKind, sub: Option<SubKind>) -> NamedNode {
    let local = match (kind, sub) {
        (EntityKind::Person, _) => "Person",
        (EntityKind::Hospital, _) => "Hospital",
        (EntityKind::Organization, Some(SubKind::Union)) => "WorkersUnion",
        (EntityKind::Organization, Some(SubKind::Party)) => "PoliticalParty",
        (EntityKind::Organization, Some(SubKind::Government)) => "GovernmentOrganization",
        (EntityKind::Organization, Some(SubKind::Newspaper)) => "NewsMediaOrganization",
        (EntityKind::Organization, Some(SubKind::School)) => "EducationalOrganization",
        (EntityKind::Organization, Some(SubKind::Trust)) => return sg("HealthTrust"),
        (EntityKind::Organization, Some(SubKind::Council)) => return sg("Council"),
        (EntityKind::Organization, _) => "Organization",
        (EntityKind::Place, Some(SubKind::Street)) => return sg("Street"),
        (EntityKind::Place, Some(SubKind::Country)) => "Country",
        (EntityKind::Place, Some(SubKind::Town)) => "City",
        (EntityKind::Place, Some(SubKind::Region)) => "AdministrativeArea",
        (EntityKind::Place, _) => "Place",
    };
    schema(local)
}

/// How many of an entity's (or a strike's) mentions in one article are written as text
/// spans: every one in any real article; a text that names the same thing a hundred
/// thousand times gets the first ones, not six triples for each.
pub const MAX_MENTION_SPANS: usize = 500;

/// How many quotations of one article are written: a real article holds a few dozen; a text
/// that repeats one quotation a hundred thousand times gets the first ones.
pub const MAX_QUOTATIONS: usize = 1_000;

/// The terms of a NIF mention, made once: an article has a few hundred mentions.
struct MentionTerms {
    rdf_type: NamedNode,
    phrase: NamedNode,
    reference_context: NamedNode,
    begin_index: NamedNode,
    end_index: NamedNode,
    anchor_of: NamedNode,
    ta_ident_ref: NamedNode,
}

static MENTION_TERMS: std::sync::LazyLock<MentionTerms> =
    std::sync::LazyLock::new(|| MentionTerms {
        rdf_type: rdf::TYPE.into_owned(),
        phrase: nif("Phrase"),
        reference_context: nif("referenceContext"),
        begin_index: nif("beginIndex"),
        end_index: nif("endIndex"),
        anchor_of: nif("anchorOf"),
        ta_ident_ref: term(ITSRDF, "taIdentRef"),
    });

/// Builds the quads of one article: its description, its entities, facts, strikes and
/// quotations, and NIF mentions that tie each of them to the text.
pub struct ArticleWriter<'a> {
    doc: &'a Document,
    iris: &'a ArticleIris,
    graph: ArticleGraph,
    offsets: CharOffsets,
    /// The NIF node of each span mentioned so far.
    spans: rustc_hash::FxHashMap<Span, NamedNode>,
    /// The NIF context: the whole text, `{article}#char=0,{length}`.
    context: NamedNode,
}

impl<'a> ArticleWriter<'a> {
    pub fn new(doc: &'a Document, iris: &'a ArticleIris) -> Self {
        Self {
            doc,
            iris,
            // About one triple for every five or six bytes of text, mostly the NIF mentions;
            // made room for once rather than grown (and copied) a dozen times.
            graph: ArticleGraph::new(iris.article.clone(), 64 + doc.text.len() / 5),
            offsets: CharOffsets::new(&doc.text),
            spans: rustc_hash::FxHashMap::default(),
            context: NamedNode::new_unchecked(format!(
                "{}#char=0,{}",
                iris.article.as_str(),
                doc.text.chars().count()
            )),
        }
    }

    fn add(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<ObjectTerm>) {
        self.graph.add(s, p, o.into());
    }

    fn span_node(&self, span: Span) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}#char={},{}",
            self.iris.article.as_str(),
            self.offsets.of(span.start),
            self.offsets.of(span.end)
        ))
    }

    /// A NIF string for `span`, linked to what it denotes.
    fn mention(&mut self, span: Span, denotes: Option<&NamedNode>) -> NamedNode {
        let terms = &*MENTION_TERMS;
        let node = match self.spans.get(&span) {
            // Said already: the graph would drop the same five triples again.
            Some(node) => node.clone(),
            None => {
                let node = self.span_node(span);
                self.spans.insert(span, node.clone());
                let graph = &mut self.graph;
                graph.add_node(&node, &terms.rdf_type, &terms.phrase);
                graph.add_node(&node, &terms.reference_context, &self.context);
                let (b, e) = (self.offsets.of(span.start), self.offsets.of(span.end));
                graph.add(&node, &terms.begin_index, Literal::from(b as i64).into());
                graph.add(&node, &terms.end_index, Literal::from(e as i64).into());
                let anchor = Literal::new_simple_literal(&self.doc.text[span.start..span.end]);
                graph.add(&node, &terms.anchor_of, anchor.into());
                node
            }
        };
        if let Some(target) = denotes {
            self.graph.add_node(&node, &terms.ta_ident_ref, target);
        }
        node
    }

    pub fn write(mut self, extraction: &Extraction) -> ArticleGraph {
        let article = self.iris.article.clone();
        let doc = self.doc;
        self.add(&article, &rdf::TYPE.into_owned(), schema("NewsArticle"));
        self.add(
            &article,
            &schema("identifier"),
            Literal::new_simple_literal(&doc.id),
        );
        if let Some(title) = &doc.title {
            self.add(
                &article,
                &schema("headline"),
                Literal::new_simple_literal(title),
            );
        }
        if let Some(date) = doc.published {
            self.add(
                &article,
                &schema("datePublished"),
                Literal::new_typed_literal(date.to_string(), xsd::DATE),
            );
        }
        if let Some(publisher) = &doc.publisher {
            self.add(
                &article,
                &sg("publisherName"),
                Literal::new_simple_literal(publisher),
            );
        }
        // The readers have warned about a url that is not a web address; a document built
        // in code is held to the same rule.
        if let Some(url) = doc
            .url
            .as_deref()
            .filter(|url| crate::corpus::check_web_url(url).is_ok())
        {
            if let Ok(url) = NamedNode::new(url) {
                self.add(&article, &schema("url"), url);
            }
        }
        let context = self.context.clone();
        self.add(&context, &rdf::TYPE.into_owned(), nif("Context"));
        self.add(
            &context,
            &nif("isString"),
            Literal::new_simple_literal(&doc.text),
        );
        self.add(&context, &nif("beginIndex"), Literal::from(0_i64));
        self.add(
            &context,
            &nif("endIndex"),
            Literal::from(doc.text.chars().count() as i64),
        );
        self.add(&context, &nif("sourceUrl"), article.clone());

        for (id, entity) in extraction.entities.iter().enumerate() {
            let node = self.iris.entities[id].clone();
            self.add(&article, &schema("mentions"), node.clone());
            self.add(
                &node,
                &rdf::TYPE.into_owned(),
                class_of(entity.kind, entity.sub),
            );
            let name = &self.iris.names[id];
            self.add(&node, &schema("name"), Literal::new_simple_literal(name));
            for alias in entity.aliases.iter().chain(std::iter::once(&entity.name)) {
                if alias != name {
                    self.add(
                        &node,
                        &schema("alternateName"),
                        Literal::new_simple_literal(alias),
                    );
                }
            }
            for &span in entity.mentions.iter().take(MAX_MENTION_SPANS) {
                self.mention(span, Some(&node));
            }
        }

        for (i, strike) in extraction.strikes.iter().enumerate() {
            let node = self.iris.strikes[i].clone();
            self.add(&article, &schema("mentions"), node.clone());
            self.add(&node, &rdf::TYPE.into_owned(), sg("Strike"));
            self.add(
                &node,
                &schema("name"),
                Literal::new_simple_literal(format!("Strike of {}", strike.start)),
            );
            // The article's claim only: the merged graph's `schema:eventStatus` is the latest
            // claim across articles (`Store::refresh_event_statuses`).
            if let Some(status) = strike.status {
                self.add(
                    &node,
                    &sg("phase"),
                    Literal::new_simple_literal(status.phase()),
                );
            }
            for &span in strike.mentions.iter().take(MAX_MENTION_SPANS) {
                self.mention(span, Some(&node));
            }
        }

        for (n, fact) in extraction.facts.iter().enumerate() {
            let subject = match fact.subject {
                Subject::Entity(e) => self.iris.entities[e].clone(),
                Subject::Strike(s) => self.iris.strikes[s].clone(),
            };
            let object: ObjectTerm = match &fact.object {
                Value::Entity(e) => self.iris.entities[*e].clone().into(),
                Value::Text(t) => Literal::new_simple_literal(t).into(),
                Value::Date(d) => Literal::new_typed_literal(d.to_string(), xsd::DATE).into(),
            };
            let predicate = property_iri(fact.property);
            self.add(&subject, &predicate, object.clone());
            // Provenance: a reified statement naming the rule and the sentence.
            let statement = NamedNode::new_unchecked(format!("{}#fact-{n}", article.as_str()));
            self.add(
                &statement,
                &rdf::TYPE.into_owned(),
                rdf::STATEMENT.into_owned(),
            );
            self.add(&statement, &rdf::SUBJECT.into_owned(), subject);
            self.add(&statement, &rdf::PREDICATE.into_owned(), predicate);
            self.add(&statement, &rdf::OBJECT.into_owned(), object);
            self.add(
                &statement,
                &sg("rule"),
                Literal::new_simple_literal(fact.rule),
            );
            let evidence = self.mention(fact.evidence, None);
            self.add(&statement, &sg("evidence"), evidence);
        }

        // A quotation in the graph always has its speaker; unattributed passages (chants,
        // placards) stay in `explain` only.
        for (n, quote) in extraction
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.speaker.is_some())
            .take(MAX_QUOTATIONS)
        {
            let node = NamedNode::new_unchecked(format!("{}/quote/{}", article.as_str(), n + 1));
            self.add(&article, &schema("mentions"), node.clone());
            self.add(&node, &rdf::TYPE.into_owned(), schema("Quotation"));
            self.add(
                &node,
                &schema("text"),
                Literal::new_simple_literal(&quote.text),
            );
            self.add(&node, &schema("isPartOf"), article.clone());
            for speaker in quote.speaker.iter().chain(&quote.co_speakers) {
                let who = self.iris.entities[*speaker].clone();
                self.add(&node, &schema("creator"), who);
            }
            self.add(&node, &sg("rule"), Literal::new_simple_literal(quote.rule));
            let evidence = self.mention(quote.span, Some(&node));
            self.add(&node, &sg("evidence"), evidence);
        }
        // A span can be the mention of an entity and the evidence of a fact: the graph
        // holds what both say once.
        self.graph
    }
}

pub fn property_iri(property: Property) -> NamedNode {
    schema(property.local_name())
}
