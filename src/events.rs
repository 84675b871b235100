//! Strikes as events over time: each action's dated status claims (its timeline), and the
//! facts on which articles disagree (conflicts). Both read the store; neither writes (the
//! timeline's picture is `export::timeline_svg`).
//!
//! A claim is what one article says of a strike on its publication day (`sg:phase` in the
//! article's graph); a conflict is two articles whose values for a one-valued property of
//! one thing have nothing in common (one says the strike ends on the 12th, the other on
//! the 11th), each side with its article, day and sentence.

use crate::extract::StrikeStatus;
use crate::rdf::vocab::{NIF, RDF, SCHEMA, SG};
use crate::store::{concatenated, Store, StoreError};
use oxigraph::model::Literal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One article's word on a strike's status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Claim {
    pub phase: String,
    pub published: Option<String>,
    pub article: String,
}

/// A strike and the story its articles tell, oldest claim first.
#[derive(Debug, Clone, Serialize)]
pub struct StrikeStory {
    pub iri: String,
    pub start: String,
    /// The end dates articles give (more than one where they disagree).
    pub ends: Vec<String>,
    pub organisers: Vec<String>,
    /// The merged graph's `schema:eventStatus` (its local name), from the latest claim.
    pub status: Option<String>,
    pub claims: Vec<Claim>,
}

/// Every strike (or those of organisers called `organiser`, by name or alternate name in
/// any case) with its claims, by start date.
pub fn timeline(store: &Store, organiser: Option<&str>) -> Result<Vec<StrikeStory>, StoreError> {
    let filter = match organiser {
        Some(name) => {
            let orgs = organisations_named(store, name)?;
            if orgs.is_empty() {
                return Ok(Vec::new());
            }
            let values: String = orgs.iter().map(|o| format!("<{o}> ")).collect();
            format!("VALUES ?org {{ {values} }} ?s <{SCHEMA}organizer> ?org .")
        }
        None => String::new(),
    };
    let rows = store.select_merged(&format!(
        "SELECT ?s ?start
                (GROUP_CONCAT(DISTINCT STR(?end); separator=\"\\u001f\") AS ?ends)
                (GROUP_CONCAT(DISTINCT ?oname; separator=\"\\u001f\") AS ?onames)
                (SAMPLE(?status) AS ?st) WHERE {{
           {filter}
           ?s a <{SG}Strike> ; <{SCHEMA}startDate> ?start .
           OPTIONAL {{ ?s <{SCHEMA}endDate> ?end }}
           OPTIONAL {{ ?s <{SCHEMA}organizer> ?o . ?o <{SCHEMA}name> ?oname }}
           OPTIONAL {{ ?s <{SCHEMA}eventStatus> ?status }}
         }} GROUP BY ?s ?start ORDER BY ?start ?s"
    ))?;
    let mut stories: Vec<StrikeStory> = rows
        .into_iter()
        .filter_map(|row| {
            let mut cells = row.into_iter();
            let iri = cells.next().flatten()?;
            let start = cells.next().flatten()?;
            let list = |cell: Option<Option<String>>| {
                let mut v = concatenated(cell.flatten());
                v.sort();
                v
            };
            let ends = list(cells.next());
            let organisers = list(cells.next());
            let status = cells
                .next()
                .flatten()
                .map(|s| s.strip_prefix(SCHEMA).unwrap_or(&s).to_owned());
            Some(StrikeStory {
                iri,
                start,
                ends,
                organisers,
                status,
                claims: Vec::new(),
            })
        })
        .collect();
    if stories.is_empty() {
        return Ok(stories);
    }
    let restrict = if organiser.is_some() {
        let values: String = stories.iter().map(|s| format!("<{}> ", s.iri)).collect();
        format!("VALUES ?s {{ {values} }}")
    } else {
        String::new()
    };
    let rows = store.select_strings(&format!(
        "SELECT ?s ?phase ?id ?published WHERE {{
           {restrict}
           GRAPH ?g {{
             ?s <{SG}phase> ?phase . ?g <{SCHEMA}identifier> ?id .
             OPTIONAL {{ ?g <{SCHEMA}datePublished> ?published }}
           }}
         }}"
    ))?;
    let mut claims: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    for row in rows {
        let mut cells = row.into_iter();
        let (Some(Some(s)), Some(Some(phase)), Some(Some(article))) =
            (cells.next(), cells.next(), cells.next())
        else {
            continue;
        };
        let published = cells.next().flatten();
        claims.entry(s).or_default().push(Claim {
            phase,
            published,
            article,
        });
    }
    for story in &mut stories {
        let mut mine = claims.remove(&story.iri).unwrap_or_default();
        // Oldest first, so the last is the claim that stands (as the merged graph has it).
        fn order(c: &Claim) -> (Option<&str>, std::cmp::Reverse<u8>) {
            let published = c.published.as_deref();
            StrikeStatus::from_phase(&c.phase)
                .map_or((published, std::cmp::Reverse(u8::MAX)), |s| {
                    s.claim_order(published)
                })
        }
        mine.sort_by(|a, b| (order(a), &a.article).cmp(&(order(b), &b.article)));
        story.claims = mine;
    }
    Ok(stories)
}

/// The organisations (any kind of body) whose name or alternate name is `name`, ignoring
/// case. An exact match is looked up through the index; only without one are all names
/// compared.
fn organisations_named(store: &Store, name: &str) -> Result<Vec<String>, StoreError> {
    let literal = Literal::new_simple_literal(name);
    let exact = store.select_merged(&format!(
        "SELECT DISTINCT ?o WHERE {{ {{ ?o <{SCHEMA}name> {literal} }} UNION {{ ?o <{SCHEMA}alternateName> {literal} }}
           FILTER EXISTS {{ ?s <{SCHEMA}organizer> ?o }} }}"
    ))?;
    let found: Vec<String> = exact.into_iter().flatten().flatten().collect();
    if !found.is_empty() {
        return Ok(found);
    }
    let lower = Literal::new_simple_literal(name.to_lowercase());
    let rows = store.select_merged(&format!(
        "SELECT DISTINCT ?o WHERE {{ ?s <{SCHEMA}organizer> ?o .
           {{ ?o <{SCHEMA}name> ?n }} UNION {{ ?o <{SCHEMA}alternateName> ?n }}
           FILTER(LCASE(STR(?n)) = {lower}) }}"
    ))?;
    Ok(rows.into_iter().flatten().flatten().collect())
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// A strike's end date or organiser.
    Strike,
    /// A hospital's parent trust.
    Hospital,
    /// A person's employer or job title, between articles of one year.
    Person,
}

impl std::str::FromStr for ConflictKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "strike" => Ok(ConflictKind::Strike),
            "hospital" => Ok(ConflictKind::Hospital),
            "person" => Ok(ConflictKind::Person),
            other => Err(format!("unknown kind {other:?} (strike, hospital, person)")),
        }
    }
}

impl ConflictKind {
    /// The class of the things this kind of conflict is about.
    fn class(self) -> String {
        match self {
            ConflictKind::Strike => format!("{SG}Strike"),
            ConflictKind::Hospital => format!("{SCHEMA}Hospital"),
            ConflictKind::Person => format!("{SCHEMA}Person"),
        }
    }
}

/// The one-valued properties checked (schema.org's), by kind.
const CHECKED: &[(ConflictKind, &str)] = &[
    (ConflictKind::Strike, "endDate"),
    (ConflictKind::Strike, "organizer"),
    (ConflictKind::Hospital, "parentOrganization"),
    (ConflictKind::Person, "worksFor"),
    (ConflictKind::Person, "jobTitle"),
];

/// One article's side of a disagreement.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Side {
    pub published: Option<String>,
    pub article: String,
    /// The value the article gives (a name for an entity).
    pub value: String,
    /// The sentence the article says it in (the first, where it says it more than once).
    pub sentence: Option<String>,
}

/// Articles that disagree on a one-valued property of one thing.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub subject: String,
    pub name: String,
    pub property: &'static str,
    pub sides: Vec<Side>,
}

/// Every conflict (of `kind`, or all), by subject and property.
pub fn conflicts(store: &Store, kind: Option<ConflictKind>) -> Result<Vec<Conflict>, StoreError> {
    let mut out = Vec::new();
    for &(k, property) in CHECKED {
        if kind.is_some_and(|wanted| wanted != k) {
            continue;
        }
        let class = k.class();
        // Only subjects with two values in the merged graph can have a disagreement.
        let rows = store.select_strings(&format!(
            "SELECT ?s ?name ?o ?oname ?id ?published ?at ?text WHERE {{
               {{ SELECT ?s WHERE {{ ?s a <{class}> ; <{SCHEMA}{property}> ?v }}
                  GROUP BY ?s HAVING (COUNT(DISTINCT ?v) > 1) }}
               GRAPH ?g {{
                 ?s <{SCHEMA}{property}> ?o . ?g <{SCHEMA}identifier> ?id .
                 OPTIONAL {{ ?g <{SCHEMA}datePublished> ?published }}
                 OPTIONAL {{
                   ?st <{RDF}subject> ?s ; <{RDF}predicate> <{SCHEMA}{property}> ; <{RDF}object> ?o ;
                       <{SG}evidence> ?m . ?m <{NIF}beginIndex> ?at ;
                       <{NIF}referenceContext> [ <{NIF}isString> ?text ]
                 }}
               }}
               OPTIONAL {{ ?s <{SCHEMA}name> ?name }}
               OPTIONAL {{ ?o <{SCHEMA}name> ?oname }}
             }}"
        ))?;
        // subject -> (name, article -> side(s))
        let mut by_subject: BTreeMap<String, (String, BTreeMap<String, Vec<Side>>)> =
            BTreeMap::new();
        for row in rows {
            let mut cells = row.into_iter();
            let Some(Some(s)) = cells.next() else {
                continue;
            };
            let name = cells.next().flatten().unwrap_or_else(|| s.clone());
            let (Some(Some(o)), oname, Some(Some(article))) =
                (cells.next(), cells.next().flatten(), cells.next())
            else {
                continue;
            };
            let published = cells.next().flatten();
            let at = cells.next().flatten().and_then(|a| a.parse::<usize>().ok());
            let sentence = cells
                .next()
                .flatten()
                .zip(at)
                .and_then(|(text, at)| sentence_at(&text, at));
            let value = oname.unwrap_or(o);
            let entry = by_subject
                .entry(s)
                .or_insert_with(|| (name, BTreeMap::new()));
            let sides = entry.1.entry(article.clone()).or_default();
            if !sides.iter().any(|side| side.value == value) {
                sides.push(Side {
                    published,
                    article,
                    value,
                    sentence,
                });
            }
        }
        for (subject, (name, articles)) in by_subject {
            let sides = disagreeing_sides(&articles, k == ConflictKind::Person);
            if !sides.is_empty() {
                out.push(Conflict {
                    kind: k,
                    subject,
                    name,
                    property,
                    sides,
                });
            }
        }
    }
    Ok(out)
}

/// The sentence of `text` around its `at`-th character (NIF counts characters).
fn sentence_at(text: &str, at: usize) -> Option<String> {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let layout = crate::text::Layout::new(text);
    let sentence = layout
        .sentences
        .iter()
        .find(|s| s.span.start <= byte && byte < s.span.end)?;
    text.get(sentence.span.start..sentence.span.end)
        .map(str::to_owned)
}

/// The sides of the articles that disagree with some other article: their values have
/// nothing in common. Two wordings of one title ("nurse", "senior nurse") agree; with
/// `same_year`, only articles published in one year are compared (people change jobs).
fn disagreeing_sides(articles: &BTreeMap<String, Vec<Side>>, same_year: bool) -> Vec<Side> {
    let agree = |a: &str, b: &str| {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        a.contains(&b) || b.contains(&a)
    };
    let year = |sides: &[Side]| {
        sides
            .first()
            .and_then(|s| s.published.as_deref())
            .and_then(|p| p.get(..4))
            .map(str::to_owned)
    };
    let lists: Vec<&Vec<Side>> = articles.values().collect();
    let mut disagreeing: BTreeSet<usize> = BTreeSet::new();
    for i in 0..lists.len() {
        for j in i + 1..lists.len() {
            if same_year && (year(lists[i]).is_none() || year(lists[i]) != year(lists[j])) {
                continue;
            }
            let overlap = lists[i]
                .iter()
                .any(|a| lists[j].iter().any(|b| agree(&a.value, &b.value)));
            if !overlap {
                disagreeing.insert(i);
                disagreeing.insert(j);
            }
        }
    }
    let mut sides: Vec<Side> = disagreeing
        .into_iter()
        .flat_map(|i| lists[i].iter().cloned())
        .collect();
    sides.sort();
    sides
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(article: &str, published: &str, value: &str) -> Side {
        Side {
            published: Some(published.to_owned()),
            article: article.to_owned(),
            value: value.to_owned(),
            sentence: None,
        }
    }

    fn by_article(sides: &[Side]) -> BTreeMap<String, Vec<Side>> {
        let mut m: BTreeMap<String, Vec<Side>> = BTreeMap::new();
        for s in sides {
            m.entry(s.article.clone()).or_default().push(s.clone());
        }
        m
    }

    #[test]
    fn two_end_dates_disagree_and_an_added_organiser_does_not() {
        let ends = by_article(&[
            side("a", "2025-03-01", "2025-03-12"),
            side("b", "2025-03-05", "2025-03-11"),
        ]);
        assert_eq!(disagreeing_sides(&ends, false).len(), 2);
        let organisers = by_article(&[
            side("a", "2025-03-01", "Northvale Nurses Union"),
            side("b", "2025-03-05", "Northvale Nurses Union"),
            side("b", "2025-03-05", "Eastvale Porters Union"),
        ]);
        assert!(disagreeing_sides(&organisers, false).is_empty());
    }

    #[test]
    fn titles_agree_on_a_shared_word_and_people_change_jobs_between_years() {
        let titles = by_article(&[
            side("a", "2025-03-01", "nurse"),
            side("b", "2025-03-05", "senior nurse"),
        ]);
        assert!(disagreeing_sides(&titles, true).is_empty());
        let employers = by_article(&[
            side("a", "2021-03-01", "Eastvale Trust"),
            side("b", "2025-03-05", "Northvale Trust"),
        ]);
        assert!(disagreeing_sides(&employers, true).is_empty());
        assert_eq!(disagreeing_sides(&employers, false).len(), 2);
    }
}
