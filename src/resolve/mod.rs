//! Identity: which node each mention denotes, inside an article and across the corpus.
//!
//! In-article coreference ("Miss Roe" is "Jane Roe", "the trust" is the trust just named)
//! happens during extraction. This module does the cross-article part: an [`Identity`]
//! learns every name and alias of a batch (and of what the store already holds), then mints
//! one IRI per real entity, so "Mr Marsh" in one article and "Alan Marsh" in another meet.
//! Invariant: minting is deterministic: the same names give the same IRIs on any machine.

mod slug;

pub use slug::{name_key, slugify};

use crate::extract::{EntityKind, Extraction, Property, Subject, Value};
use chrono::NaiveDate;
use oxigraph::model::NamedNode;
use std::collections::{BTreeSet, HashMap};

/// The IRIs of one article's graph: the article itself, and each entity and strike it names.
#[derive(Debug, Clone)]
pub struct ArticleIris {
    pub article: NamedNode,
    pub entities: Vec<NamedNode>,
    /// The name each entity goes by across the corpus (may be fuller than the article's).
    pub names: Vec<String>,
    pub strikes: Vec<NamedNode>,
}

/// The IRI space of a store: `{base}person/alan-marsh`,
/// `{base}strike/2023-05-02-royal-college-of-nursing`, ...
#[derive(Debug, Clone)]
pub struct IriSpace {
    base: String,
}

impl IriSpace {
    pub fn new(base: &str) -> Result<Self, String> {
        let base = if base.ends_with('/') || base.ends_with('#') {
            base.to_owned()
        } else {
            format!("{base}/")
        };
        NamedNode::new(format!("{base}x"))
            .map_err(|e| format!("invalid base IRI {base:?}: {e}"))?;
        Ok(Self { base })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn article(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}article/{}", self.base, encode_segment(id)))
    }

    pub fn entity(&self, kind: EntityKind, name: &str) -> NamedNode {
        let slug = slugify(name);
        let slug = if slug.is_empty() {
            "unnamed".to_owned()
        } else {
            slug
        };
        NamedNode::new_unchecked(format!("{}{}/{}", self.base, kind.slug(), slug))
    }

    /// A strike: its start date, then the slug of its organisers (`key`), when known.
    pub fn strike(&self, start: NaiveDate, key: Option<&str>) -> NamedNode {
        match key {
            Some(key) => NamedNode::new_unchecked(format!("{}strike/{start}-{key}", self.base)),
            None => NamedNode::new_unchecked(format!("{}strike/{start}", self.base)),
        }
    }

    /// Reads a strike IRI of this space back into its start date and organiser key.
    pub fn parse_strike(&self, iri: &str) -> Option<(NaiveDate, Option<String>)> {
        let rest = iri.strip_prefix(&self.base)?.strip_prefix("strike/")?;
        let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
        let key = rest.get(10..)?;
        match key.strip_prefix('-') {
            Some(key) if !key.is_empty() => Some((date, Some(key.to_owned()))),
            _ if key.is_empty() => Some((date, None)),
            _ => None,
        }
    }
}

/// Percent-encodes what may not stand in an IRI path segment.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-._~".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Names known across the corpus, and the one each name or alias stands for.
#[derive(Debug, Default, Clone)]
pub struct Identity {
    /// (kind, key of a name or alias) -> the fullest name it is known to stand for.
    canonical: HashMap<(EntityKind, String), String>,
    /// Surname key -> the full names of people with that surname.
    surnames: HashMap<String, BTreeSet<String>>,
    /// Start date -> the organiser keys of the strikes known to start that day.
    strikes: HashMap<NaiveDate, BTreeSet<String>>,
}

/// At most this many bytes of organiser slugs in a strike's IRI.
const MAX_STRIKE_KEY: usize = 160;

impl Identity {
    /// Registers an entity known by `name` and `aliases`.
    pub fn learn(
        &mut self,
        kind: EntityKind,
        name: &str,
        aliases: impl IntoIterator<Item = impl AsRef<str>>,
    ) {
        let name_k = name_key(name);
        if name_k.is_empty() {
            return;
        }
        if kind == EntityKind::Person {
            let words: Vec<&str> = name_k.split(' ').collect();
            if words.len() >= 2 {
                if let Some(last) = words.last() {
                    self.surnames
                        .entry((*last).to_owned())
                        .or_default()
                        .insert(name.to_owned());
                }
            }
        }
        for form in std::iter::once(name.to_owned())
            .chain(aliases.into_iter().map(|a| a.as_ref().to_owned()))
        {
            let key = name_key(&form);
            if key.is_empty() {
                continue;
            }
            let slot = self
                .canonical
                .entry((kind, key))
                .or_insert_with(|| name.to_owned());
            if better_name(name, slot) {
                *slot = name.to_owned();
            }
        }
    }

    pub fn learn_extraction(&mut self, extraction: &Extraction) {
        for e in &extraction.entities {
            self.learn(e.kind, &e.name, &e.aliases);
        }
    }

    /// Registers the strikes of an article whose organiser it names. Call after every
    /// article of the batch has been through [`Identity::learn_extraction`], so the keys use
    /// the names organisers go by across the corpus.
    pub fn learn_strikes(&mut self, extraction: &Extraction) {
        for i in 0..extraction.strikes.len() {
            if let Some(key) = self.strike_key(extraction, i) {
                self.learn_strike(extraction.strikes[i].start, key);
            }
        }
    }

    /// Registers one strike known by its start date and organiser key.
    pub fn learn_strike(&mut self, start: NaiveDate, key: String) {
        self.strikes.entry(start).or_default().insert(key);
    }

    /// The organiser part of a strike's IRI: the slugs of the names its organisers go by,
    /// sorted and joined ("bma-and-rcn"), so a joint action by the same bodies meets
    /// itself whichever order an article names them in. `None` without an organiser.
    fn strike_key(&self, extraction: &Extraction, strike: usize) -> Option<String> {
        let mut slugs: Vec<String> = extraction
            .facts
            .iter()
            .filter(|f| f.subject == Subject::Strike(strike) && f.property == Property::Organizer)
            .filter_map(|f| match f.object {
                Value::Entity(e) => extraction.entities.get(e),
                _ => None,
            })
            .map(|e| slugify(&self.canonical_name(e.kind, &e.name, &e.aliases)))
            .filter(|s| !s.is_empty())
            .collect();
        slugs.sort_unstable();
        slugs.dedup();
        let mut key = String::new();
        for slug in slugs {
            if key.len() + slug.len() > MAX_STRIKE_KEY {
                break;
            }
            if !key.is_empty() {
                key.push_str("-and-");
            }
            key.push_str(&slug);
        }
        (!key.is_empty()).then_some(key)
    }

    /// The IRI of an article's strike: keyed by its organisers; without one, the one strike
    /// of that day the batch and the store know, if exactly one; else the day alone.
    fn strike_iri(&self, space: &IriSpace, extraction: &Extraction, strike: usize) -> NamedNode {
        let start = extraction.strikes[strike].start;
        let key = self.strike_key(extraction, strike).or_else(|| {
            let known = self.strikes.get(&start)?;
            let mut keys = known.iter();
            let only = keys.next().cloned();
            only.filter(|_| keys.next().is_none())
        });
        space.strike(start, key.as_deref())
    }

    /// The name an entity goes by across the corpus.
    pub fn canonical_name(
        &self,
        kind: EntityKind,
        name: &str,
        aliases: &BTreeSet<String>,
    ) -> String {
        let key = name_key(name);
        if kind == EntityKind::Person && !key.contains(' ') {
            // A surname alone ("Mr Marsh") stands for the one person of that surname, if one.
            if let Some(full) = self.surnames.get(&key) {
                if full.len() == 1 {
                    if let Some(full) = full.iter().next() {
                        return self.canonical_name(kind, full, &BTreeSet::new());
                    }
                }
            }
        }
        let mut best = self
            .canonical
            .get(&(kind, key))
            .cloned()
            .unwrap_or_else(|| name.to_owned());
        for alias in aliases {
            if let Some(c) = self.canonical.get(&(kind, name_key(alias))) {
                if better_name(c, &best) {
                    best = c.clone();
                }
            }
        }
        best
    }

    /// Mints the IRIs of one article.
    pub fn mint(&self, space: &IriSpace, article_id: &str, extraction: &Extraction) -> ArticleIris {
        let names: Vec<String> = extraction
            .entities
            .iter()
            .map(|e| self.canonical_name(e.kind, &e.name, &e.aliases))
            .collect();
        let entities = extraction
            .entities
            .iter()
            .zip(&names)
            .map(|(e, name)| space.entity(e.kind, name))
            .collect();
        let strikes = (0..extraction.strikes.len())
            .map(|i| self.strike_iri(space, extraction, i))
            .collect();
        ArticleIris {
            article: space.article(article_id),
            entities,
            names,
            strikes,
        }
    }
}

/// The fuller of two names for one entity: more words, then longer, then alphabetical,
/// so the choice does not depend on the order articles are read.
fn better_name(candidate: &str, current: &str) -> bool {
    let words = |s: &str| name_key(s).split(' ').count();
    (
        words(candidate),
        candidate.len(),
        std::cmp::Reverse(candidate),
    ) > (words(current), current.len(), std::cmp::Reverse(current))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_meets_the_full_name_from_another_article() {
        let mut id = Identity::default();
        id.learn(EntityKind::Person, "Alan Marsh", ["Mr Marsh"]);
        id.learn(EntityKind::Person, "Mr Marsh", Vec::<String>::new());
        let space = IriSpace::new("http://example.org/").expect("valid base");
        let name = id.canonical_name(EntityKind::Person, "Mr Marsh", &BTreeSet::new());
        assert_eq!(name, "Alan Marsh");
        assert_eq!(
            space.entity(EntityKind::Person, &name).as_str(),
            "http://example.org/person/alan-marsh"
        );
    }

    #[test]
    fn an_acronym_meets_its_expansion() {
        let mut id = Identity::default();
        id.learn(
            EntityKind::Organization,
            "Northvale Trades Union Council",
            ["NTUC"],
        );
        let aliases = BTreeSet::from(["NTUC".to_owned()]);
        assert_eq!(
            id.canonical_name(EntityKind::Organization, "NTUC", &aliases),
            "Northvale Trades Union Council"
        );
    }

    #[test]
    fn two_people_with_one_surname_stay_apart() {
        let mut id = Identity::default();
        id.learn(EntityKind::Person, "Ann Lee", Vec::<String>::new());
        id.learn(EntityKind::Person, "Bob Lee", Vec::<String>::new());
        assert_eq!(
            id.canonical_name(EntityKind::Person, "Mr Lee", &BTreeSet::new()),
            "Mr Lee"
        );
    }

    #[test]
    fn article_ids_are_encoded() {
        let space = IriSpace::new("http://example.org").expect("valid base");
        assert_eq!(
            space.article("a b").as_str(),
            "http://example.org/article/a%20b"
        );
    }
}
