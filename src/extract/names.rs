//! Names: finds people, organisations, hospitals and places, and groups the mentions of one
//! entity inside the article ("Miss Roe" is "Jane Roe", "BMA" is "British Medical
//! Association", "the trust" is the trust last named).
//!
//! Signals, in order of trust: the gazetteer, cue words at the end of a capitalised span
//! ("Hospital", "NHS Trust", "Road"), titles ("Dr", "Mrs"), given names, acronyms defined in
//! brackets, and the words around a span ("from X", "X, 34, a nurse").

use super::gazetteer::{is_acronym, Gazetteer, Known, PlaceKind};
use super::{Annotated, Component, Entity, EntityId, EntityKind, Gender, SubKind};
use crate::resolve::name_key;
use crate::text::{Span, TokenKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::LazyLock;

pub struct Names;

/// Titles before a person's name, and the gender they tell (if any).
pub(crate) const TITLES: &[(&str, Option<Gender>)] = &[
    ("Dr", None),
    ("Mr", Some(Gender::Male)),
    ("Mrs", Some(Gender::Female)),
    ("Miss", Some(Gender::Female)),
    ("Ms", Some(Gender::Female)),
    ("Mx", None),
    ("Prof", None),
    ("Professor", None),
    ("Sir", Some(Gender::Male)),
    ("Dame", Some(Gender::Female)),
    ("Lord", Some(Gender::Male)),
    ("Lady", Some(Gender::Female)),
    ("Cllr", None),
    ("Councillor", None),
    ("Rev", None),
    ("Comrade", None),
    ("Comr", None),
    ("Alhaji", Some(Gender::Male)),
    ("Hon", None),
    ("Senator", None),
    ("Sen", None),
    ("Gov", None),
    ("Pastor", None),
    ("Bishop", None),
];

pub(crate) fn title_gender(word: &str) -> Option<Option<Gender>> {
    TITLES.iter().find(|(t, _)| *t == word).map(|&(_, g)| g)
}

/// Last words that make a span a hospital.
const HOSPITAL_CUES: &[&str] = &["Hospital", "Infirmary", "Hospice", "Clinic"];

/// Last words that make a span an organisation, with the finer kind they tell.
const ORG_CUES: &[(&str, Option<SubKind>)] = &[
    ("Trust", Some(SubKind::Trust)),
    ("Board", None),
    ("Association", None),
    ("Council", Some(SubKind::Council)),
    ("Union", Some(SubKind::Union)),
    ("Party", Some(SubKind::Party)),
    ("Employers", None),
    ("Providers", None),
    ("Service", None),
    ("Services", None),
    ("College", None),
    ("Authority", None),
    ("Agency", None),
    ("Commission", None),
    ("Office", Some(SubKind::Government)),
    ("Committee", None),
    ("Confederation", None),
    ("Federation", None),
    ("Society", None),
    ("Institute", None),
    ("Group", None),
    ("Company", Some(SubKind::Company)),
    ("Ltd", Some(SubKind::Company)),
    ("plc", Some(SubKind::Company)),
    ("Rail", Some(SubKind::Company)),
    ("Railway", Some(SubKind::Company)),
    ("Railways", Some(SubKind::Company)),
    ("Trains", Some(SubKind::Company)),
    ("Express", Some(SubKind::Company)),
    ("Airways", Some(SubKind::Company)),
    ("Buses", Some(SubKind::Company)),
    ("School", Some(SubKind::School)),
    ("Academy", Some(SubKind::School)),
    ("University", None),
    ("Hospitals", Some(SubKind::Trust)),
    ("Government", Some(SubKind::Government)),
    ("Congress", None),
    ("Front", None),
    ("Tribunal", Some(SubKind::Government)),
    ("Court", Some(SubKind::Government)),
    ("Airport", Some(SubKind::Company)),
    ("Airports", Some(SubKind::Company)),
    ("Studios", Some(SubKind::Company)),
    ("Bros", Some(SubKind::Company)),
    ("Inc", Some(SubKind::Company)),
    ("Corp", Some(SubKind::Company)),
    ("Corporation", Some(SubKind::Company)),
    ("LLC", Some(SubKind::Company)),
    ("Holdings", Some(SubKind::Company)),
    ("Motors", Some(SubKind::Company)),
    ("Airlines", Some(SubKind::Company)),
    ("Healthcare", None),
    ("Steel", Some(SubKind::Company)),
    ("Ports", Some(SubKind::Company)),
    ("Logistics", Some(SubKind::Company)),
    ("Foods", Some(SubKind::Company)),
    ("Energy", Some(SubKind::Company)),
    ("Water", Some(SubKind::Company)),
    ("Management", Some(SubKind::Company)),
    ("Pharmaceuticals", Some(SubKind::Company)),
    ("Guild", Some(SubKind::Union)),
    ("UK", None),
    ("Online", Some(SubKind::Newspaper)),
    ("Times", Some(SubKind::Newspaper)),
    ("Post", Some(SubKind::Newspaper)),
    ("Courier", Some(SubKind::Newspaper)),
    ("Herald", Some(SubKind::Newspaper)),
    ("Chronicle", Some(SubKind::Newspaper)),
    ("Gazette", Some(SubKind::Newspaper)),
    ("Echo", Some(SubKind::Newspaper)),
    ("Press", Some(SubKind::Newspaper)),
    ("Bulletin", Some(SubKind::Newspaper)),
    ("Mirror", Some(SubKind::Newspaper)),
    ("Telegraph", Some(SubKind::Newspaper)),
    ("Observer", Some(SubKind::Newspaper)),
    ("Argus", Some(SubKind::Newspaper)),
    ("Sentinel", Some(SubKind::Newspaper)),
    ("Advertiser", Some(SubKind::Newspaper)),
    ("Journal", Some(SubKind::Newspaper)),
    ("Guardian", Some(SubKind::Newspaper)),
    ("NHS", Some(SubKind::Trust)),
];

/// First words that make a span an organisation ("Department of Health").
const ORG_HEADS: &[&str] = &[
    "Department",
    "Ministry",
    "University",
    "Royal College",
    "Bank",
    "Alliance",
    "Federation",
    "Confederation",
    "Association",
    "Union",
    "Society",
    "Institute",
    "Council",
    "Commission",
    "Congress",
    "Guild",
    "Syndicat",
    "Fédération",
    "Confédération",
    "Centrale",
    "Sindicato",
    "Transport for",
];

/// Last words that make a span a street or square.
const STREET_CUES: &[&str] = &[
    "Road",
    "Street",
    "Lane",
    "Avenue",
    "Square",
    "Way",
    "Drive",
    "Crescent",
    "Terrace",
    "Gardens",
    "Parade",
    "Boulevard",
    "Row",
    "Close",
];

/// Capitalised words that are not names: days, months, sentence openers of news English.
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "Where",
    "What",
    "Who",
    "Why",
    "How",
    "As",
    "At",
    "In",
    "On",
    "Of",
    "For",
    "From",
    "To",
    "By",
    "With",
    "Without",
    "After",
    "Before",
    "Since",
    "Until",
    "During",
    "Over",
    "Under",
    "About",
    "Around",
    "Across",
    "Between",
    "Some",
    "Many",
    "Most",
    "All",
    "Any",
    "Each",
    "Every",
    "Both",
    "Only",
    "Also",
    "However",
    "Meanwhile",
    "Yes",
    "No",
    "Not",
    "Please",
    "Speaking",
    "According",
    "Later",
    "Earlier",
    "Today",
    "Tomorrow",
    "Yesterday",
    "Government",
    "Christmas",
    "Easter",
    "Year",
    "Members",
    "Mother",
    "Father",
    "Mum",
    "Dad",
    "Anyone",
    "Everyone",
    "Nobody",
    "Somebody",
    "There",
    "Here",
    "Then",
    "Now",
    "So",
    "Unfortunately",
    "Thousands",
    "Hundreds",
    "Dozens",
    "Half",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Last",
    "Next",
    "Formal",
    "Non",
    "More",
    "Less",
    "Such",
    "Other",
    "Another",
    "Several",
    "Even",
    "Just",
    "Still",
    "Again",
    "Once",
    "Already",
    "Whose",
    "Our",
    "Have",
    "Has",
    "Had",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "May",
    "Might",
    "Must",
    "Shall",
    "Let",
    "Get",
    "Read",
    "See",
    "Watch",
    "Follow",
    "Share",
    "Sign",
    "Click",
    "Email",
    "Picture",
    "Photo",
    "Image",
    "Video",
];

/// Acronyms that name things other than organisations.
const COMMON_ACRONYMS: &[&str] = &[
    "A&E", "GP", "GPs", "ICU", "CPR", "EIA", "TV", "PM", "MP", "MPs", "MEP", "CEO", "AM", "PM",
    "BST", "GMT", "UK", "EU", "US", "USA", "OK", "ID", "IT", "HR", "PR", "PPE", "COVID", "NI",
    "VAT", "GDP", "RPI", "CPI", "MRI", "CT", "ITU", "HDU", "OBE", "MBE", "CBE", "QC", "KC", "BBC",
    "ITV", "A", "I",
];

/// Organisation kinds a definite description refers back to: "the trust", "the union".
pub(crate) const DEFINITE_NOUNS: &[&str] = &[
    "trust",
    "union",
    "college",
    "party",
    "council",
    "infirmary",
    "hospital",
    "department",
    "company",
    "association",
    "board",
    "school",
    "government",
    "service",
    "operator",
    "airport",
    "agency",
    "court",
    "tribunal",
    "firm",
    "guild",
];

static NOT_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// The most words (joiners included) and bytes a name can have.
const MAX_NAME_UNITS: usize = 16;
pub(crate) const MAX_NAME_BYTES: usize = 200;

const JOINERS: &[&str] = &[
    "of", "and", "for", "&", "upon", "on", "the", "de", "van", "von", "du", "la",
];

#[derive(Debug, Clone)]
struct Found {
    /// The span in the text (without a leading "the" or trailing "'s").
    span: Span,
    kind: EntityKind,
    sub: Option<SubKind>,
    /// The name as it should be written (may add a cue: "Westbury Hospital").
    form: String,
    gender: Option<Gender>,
    /// True when the form is only a short reference (a surname, an acronym) to be matched.
    short: bool,
    /// True when nothing classified the span: kept only if it is a short form of an
    /// organisation or hospital named in full ("St James's").
    unknown: bool,
    /// For a single word that may be a surname: what it is when it names no one in the
    /// article ("Reading" a place, "Norbridge" an employer, "Grace" a person of that name).
    fallback: Option<(EntityKind, Option<SubKind>)>,
}

/// One word unit: a token, or hyphen-joined capitalised tokens ("Adeyemi-Clarke").
#[derive(Debug, Clone, Copy)]
struct Unit {
    span: Span,
    first: usize,
    last: usize,
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .or_else(|| s.strip_suffix('\''))
        .or_else(|| s.strip_suffix('’'))
        .unwrap_or(s)
}

pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Component for Names {
    fn name(&self) -> &'static str {
        "names"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        // The gazetteer's spelled names, each filed under its sentence (in the order
        // `spelled_in` gives: longest first), so a sentence looks only at its own.
        let mut spelled_hits: Vec<Vec<(usize, &str, &Known)>> =
            vec![Vec::new(); doc.layout.sentences.len()];
        for hit in doc.gazetteer.spelled_in(doc.text) {
            if let Some(s) = doc.layout.sentence_at(hit.0) {
                spelled_hits[s].push(hit);
            }
        }
        let mut lower_case = LowerCaseSeen::default();
        let mut found = Vec::new();
        let mut definitions = Vec::new();
        let (defined, not_bodies) = acronyms_defined(doc.text);
        for (sentence, hits) in doc.layout.sentences.iter().zip(&spelled_hits) {
            if doc.boilerplate[sentence.paragraph] {
                continue;
            }
            let units = units(doc, sentence.tokens.clone());
            let spelled = spelled_names(doc, sentence.span, hits, &mut found);
            let units: Vec<Unit> = if spelled.is_empty() {
                units
            } else {
                units
                    .into_iter()
                    .filter(|u| spelled.iter().all(|s| !s.overlaps(u.span)))
                    .collect()
            };
            let before = found.len();
            let mut scan = Scan {
                units: &units,
                found: &mut found,
                definitions: &mut definitions,
                defined: &defined,
                not_bodies: &not_bodies,
                lower_case: &mut lower_case,
            };
            scan_sentence(doc, &mut scan);
            type_lists(doc, &mut found[before..]);
        }
        group(doc, found, &definitions);
    }
}

/// "our offices: Aberystwyth, Machynlleth, Llandrindod Wells, Newtown and Welshpool": names
/// listed together are things of one kind. In a list of three or more where places (or
/// organisations, or hospitals) are the most, the names nothing else classified take that
/// kind.
fn type_lists(doc: &Annotated<'_>, found: &mut [Found]) {
    if found.len() < 3 {
        return;
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].span.start);
    let mut chains: Vec<Vec<usize>> = vec![Vec::new()];
    for &i in &order {
        let joined = chains.last().and_then(|c| c.last()).is_some_and(|&last| {
            let between = doc
                .text
                .get(found[last].span.end..found[i].span.start)
                .unwrap_or_default()
                .trim();
            super::joins_a_list(between)
        });
        if !joined {
            chains.push(Vec::new());
        }
        if let Some(chain) = chains.last_mut() {
            chain.push(i);
        }
    }
    for chain in chains.iter().filter(|c| c.len() >= 3) {
        let kind_of = |f: &Found| -> Option<EntityKind> {
            match (f.kind, f.fallback, f.unknown) {
                (_, Some((EntityKind::Place, _)), _) | (EntityKind::Place, None, false) => {
                    Some(EntityKind::Place)
                }
                (EntityKind::Organization, None, false) => Some(EntityKind::Organization),
                (EntityKind::Hospital, None, false) => Some(EntityKind::Hospital),
                _ => None,
            }
        };
        let votes = |kind: EntityKind| {
            chain
                .iter()
                .filter(|&&i| kind_of(&found[i]) == Some(kind))
                .count()
        };
        let best = [
            EntityKind::Place,
            EntityKind::Organization,
            EntityKind::Hospital,
        ]
        .into_iter()
        .map(|k| (votes(k), k))
        .max_by_key(|&(n, _)| n);
        // "depots at Northby, Eastmoor, Whitfield and Cragg": a list of names nothing
        // knows, after "at" or "in", lists places.
        let weak = |f: &Found| {
            f.unknown || (f.kind == EntityKind::Person && f.short && f.fallback.is_none())
        };
        let first = &found[chain[0]];
        let after_at = doc.text[..first.span.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w == "at" || w == "in");
        let unknown_places = after_at && chain.iter().all(|&i| weak(&found[i]));
        let best = if unknown_places {
            Some((chain.len(), EntityKind::Place))
        } else {
            best
        };
        let Some((n, kind)) = best.filter(|&(n, _)| n >= 2) else {
            continue;
        };
        let others = chain
            .iter()
            .filter(|&&i| kind_of(&found[i]).is_some_and(|k| k != kind))
            .count();
        if others >= n {
            continue;
        }
        for &i in chain {
            let f = &mut found[i];
            // The weak: a name nothing classified, or a single word left to `group`.
            if weak(f) && kind_of(f) != Some(kind) {
                f.kind = kind;
                f.sub = None;
                f.short = false;
                f.unknown = false;
                f.fallback = None;
            }
        }
    }
}

/// Gazetteer names with commas or lower-case words, found as spelled; returns their spans.
/// `hits` are the gazetteer's spelled names found in the whole text.
fn spelled_names(
    doc: &Annotated<'_>,
    sentence: Span,
    hits: &[(usize, &str, &Known)],
    found: &mut Vec<Found>,
) -> Vec<Span> {
    let text = doc.slice(sentence);
    let mut spans = Vec::new();
    let inside = hits
        .iter()
        .filter(|(at, form, _)| *at >= sentence.start && at + form.len() <= sentence.end);
    for &(start, form, known) in inside {
        let span = Span::new(start, start + form.len());
        let bounded = text[..span.start - sentence.start]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric())
            && text[span.end - sentence.start..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        // "Newcastle upon Tyne Hospitals": part of a longer name, left to the scanner; a
        // place after a body is the branch's ("Rail, Tram and Bus Union NSW").
        let rest = text[span.end - sentence.start..].trim_start();
        let next_word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        let continues = rest.chars().next().is_some_and(char::is_uppercase)
            && !(known.kind == EntityKind::Organization
                && doc.gazetteer.lookup(next_word).is_some_and(|k| {
                    k.kind == EntityKind::Place
                        && matches!(k.sub, SubKind::Region | SubKind::Country)
                }));
        if bounded && !continues && spans.iter().all(|s: &Span| !s.overlaps(span)) {
            spans.push(span);
            found.push(Found {
                span,
                kind: known.kind,
                sub: Some(known.sub),
                form: known.name.clone(),
                gender: None,
                short: false,
                unknown: false,
                fallback: None,
            });
        }
    }
    spans
}

/// Whether `word` is also written in lower case somewhere in the text, as a token of its
/// own: a capitalised word at a sentence start that is, is an ordinary word, not a name.
fn seen_in_lower_case(doc: &Annotated<'_>, word: &str) -> bool {
    let lower = word.to_lowercase();
    if !lower.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let tokens = &doc.layout.tokens;
    memchr::memmem::find_iter(doc.text.as_bytes(), lower.as_bytes()).any(|at| {
        tokens
            .get(doc.layout.token_at(at))
            .is_some_and(|t| t.span == Span::new(at, at + lower.len()))
    })
}

/// The acronyms a text defines in brackets after a capitalised name: "Trades Union Congress
/// (TUC)", "Federation of nurses' unions (FNU - Fédération ...)".
/// The second set holds those whose expansion names a meeting, a law or a scheme
/// ("Annual General Meeting (AGM)"), not a body.
fn acronyms_defined(text: &str) -> (HashSet<String>, HashSet<String>) {
    let mut out = HashSet::default();
    let mut not_bodies = HashSet::default();
    for at in memchr::memchr_iter(b'(', text.as_bytes()) {
        let before = &text[..at];
        let before = before.strip_suffix(' ').unwrap_or(before);
        let word = before
            .rfind(char::is_whitespace)
            .map_or(before, |i| &before[i + 1..]);
        if !word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let rest = &text[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_alphabetic() || c == '&'))
            .unwrap_or(rest.len());
        let (acronym, after) = rest.split_at(end);
        let closed = after.starts_with(')') || after.starts_with(" -") || after.starts_with(" –");
        if closed && is_acronym(acronym) {
            out.insert(acronym.to_owned());
            if NOT_BODY_HEADS.contains(&word) {
                not_bodies.insert(acronym.to_owned());
            }
        }
    }
    (out, not_bodies)
}

/// Last words of names that are not bodies: meetings, laws, agreements, schemes.
const NOT_BODY_HEADS: &[&str] = &[
    "Meeting",
    "Conference",
    "Summit",
    "Agreement",
    "Act",
    "Bill",
    "Scheme",
    "Programme",
    "Program",
    "Plan",
    "Strategy",
    "Review",
    "Allowance",
    "Index",
    "Rate",
    "Test",
    "Day",
];

/// [`seen_in_lower_case`], remembered per word: each answer costs a search of the whole
/// text, and a long text opens many sentences with the same words.
#[derive(Default)]
struct LowerCaseSeen(HashMap<String, bool>, HashMap<String, bool>);

impl LowerCaseSeen {
    fn get(&mut self, doc: &Annotated<'_>, word: &str) -> bool {
        if let Some(&seen) = self.0.get(word) {
            return seen;
        }
        let seen = seen_in_lower_case(doc, word);
        self.0.insert(word.to_owned(), seen);
        seen
    }

    /// Whether `word` is written with its capital somewhere other than at a sentence's
    /// start: a name, not just a sentence opener.
    fn capitalised_inside(&mut self, doc: &Annotated<'_>, word: &str) -> bool {
        if let Some(&seen) = self.1.get(word) {
            return seen;
        }
        let tokens = &doc.layout.tokens;
        let seen = memchr::memmem::find_iter(doc.text.as_bytes(), word.as_bytes()).any(|at| {
            let t = doc.layout.token_at(at);
            let Some(s) = doc.layout.sentence_at(at) else {
                return false;
            };
            let sentence = &doc.layout.sentences[s];
            let opener = tokens[sentence.tokens.clone()]
                .iter()
                .find(|t| t.kind != TokenKind::Punct)
                .is_some_and(|o| o.span.start == at);
            tokens.get(t).is_some_and(|t| t.span.start == at) && !opener
        });
        self.1.insert(word.to_owned(), seen);
        seen
    }
}

fn units(doc: &Annotated<'_>, tokens: std::ops::Range<usize>) -> Vec<Unit> {
    let toks = &doc.layout.tokens;
    let mut out: Vec<Unit> = Vec::with_capacity(tokens.len());
    let mut i = tokens.start;
    while i < tokens.end {
        let mut unit = Unit {
            span: toks[i].span,
            first: i,
            last: i,
        };
        // Hyphen-joined capitalised words are one name word.
        while unit.last + 2 < tokens.end
            && doc.slice(toks[unit.last + 1].span) == "-"
            && toks[unit.last + 1].span.start == unit.span.end
            && toks[unit.last + 2].span.start == toks[unit.last + 1].span.end
            && is_capitalised(doc.slice(unit.span))
            && is_capitalised(doc.slice(toks[unit.last + 2].span))
        {
            unit.last += 2;
            unit.span.end = toks[unit.last].span.end;
        }
        // "Drivers' Union": a plural's apostrophe stays with its word inside a name.
        if unit.last + 2 < tokens.end
            && matches!(doc.slice(toks[unit.last + 1].span), "'" | "’")
            && toks[unit.last + 1].span.start == unit.span.end
            && doc.slice(unit.span).ends_with('s')
            && is_capitalised(doc.slice(unit.span))
            && is_capitalised(doc.slice(toks[unit.last + 2].span))
        {
            unit.last += 1;
            unit.span.end = toks[unit.last].span.end;
        }
        // "M.K. Stalin": initials keep their last full stop.
        if unit.last + 2 < tokens.end
            && doc.slice(toks[unit.last + 1].span) == "."
            && toks[unit.last + 1].span.start == unit.span.end
            && is_initials(&format!("{}.", doc.slice(unit.span)))
            && is_capitalised(doc.slice(toks[unit.last + 2].span))
        {
            unit.last += 1;
            unit.span.end = toks[unit.last].span.end;
        }
        i = unit.last + 1;
        // "Leeds.Unison", "studios.Maria": a sentence end with its space lost is two words.
        let text = doc.slice(unit.span);
        let mut from = 0;
        let initials = is_initials(text);
        for (at, _) in text.match_indices('.').filter(|_| !initials) {
            let next = text[at + 1..].chars().next();
            if at > from && next.is_some_and(char::is_uppercase) {
                out.push(Unit {
                    span: Span::new(unit.span.start + from, unit.span.start + at),
                    ..unit
                });
                from = at + 1;
            }
        }
        out.push(Unit {
            span: Span::new(unit.span.start + from, unit.span.end),
            ..unit
        });
    }
    out
}

/// Initials with their full stops: "A.", "M.K.", "T.R.B.".
fn is_initials(word: &str) -> bool {
    word.strip_suffix('.')
        .is_some_and(crate::text::are_initials)
}

fn unit_text<'a>(doc: &Annotated<'a>, u: &Unit) -> &'a str {
    doc.slice(u.span)
}

/// Whether a unit can be part of a name.
fn is_name_word(word: &str) -> bool {
    // Runs for every word: the first character settles most of them.
    match word.chars().next() {
        Some('&') => strip_possessive(word) == "&",
        Some(c) if c.is_uppercase() => strip_possessive(word).chars().any(char::is_alphabetic),
        _ => false,
    }
}

fn scan_sentence(doc: &Annotated<'_>, scan: &mut Scan<'_, '_>) {
    let units = scan.units;
    let text_of = |i: usize| unit_text(doc, &units[i]);
    let mut i = 0;
    // The index of the first word of the sentence proper (after an opening quote).
    let first_word = units
        .iter()
        .position(|u| doc.layout.tokens[u.first].kind != TokenKind::Punct)
        .unwrap_or(0);
    while i < units.len() {
        if !is_name_word(text_of(i)) || text_of(i) == "&" {
            i += 1;
            continue;
        }
        // "Syndicat des infirmières de la région de Lyon": a French or Spanish name runs
        // through its small words.
        if let Some(end) = romance_name(doc, units, i) {
            let span = Span::new(units[i].span.start, units[end - 1].span.end);
            let words: Vec<&str> = (i..end).map(text_of).collect();
            scan.found.push(Found {
                span,
                kind: EntityKind::Organization,
                sub: union_like(&words).then_some(SubKind::Union),
                form: doc.slice(span).to_owned(),
                gender: None,
                short: false,
                unknown: false,
                fallback: None,
            });
            i = end;
            continue;
        }
        // Grow a run of name words, allowing joiners between them.
        let start = i;
        let mut end = i + 1; // exclusive
                             // "St James's University Hospital": a possessive inside a name that a cue ends.
        let cue_ahead = |from: usize| {
            (from..(from + 3).min(units.len()))
                .take_while(|&k| is_name_word(text_of(k)))
                .any(|k| has_cue(&[text_of(k)]))
        };
        // A lost sentence break ("Leeds.Unison") parts two names.
        let apart = |a: usize, b: usize| {
            doc.text.as_bytes()[units[a].span.end..units[b].span.start].contains(&b'.')
        };
        loop {
            if end < units.len()
                && is_name_word(text_of(end))
                && !apart(end - 1, end)
                && romance_name(doc, units, end).is_none()
                // "St James's University Hospital" runs on through its possessive; "Northvale
                // NHS Trust's Westbury Hospital" is two names.
                && (!ends_with_possessive(text_of(end - 1))
                    || cue_ahead(end) && !has_cue(&[text_of(end - 1)]))
            {
                end += 1;
                continue;
            }
            // "Friends of the Earth", "Ministry of the Interior".
            if end + 2 < units.len()
                && text_of(end) == "of"
                && text_of(end + 1) == "the"
                && is_name_word(text_of(end + 2))
                && romance_name(doc, units, end + 2).is_none()
                && !ends_with_possessive(text_of(end - 1))
            {
                end += 3;
                continue;
            }
            if end + 1 < units.len()
                && JOINERS.contains(&text_of(end))
                && text_of(end) != "the"
                && is_name_word(text_of(end + 1))
                && romance_name(doc, units, end + 1).is_none()
                && !ends_with_possessive(text_of(end - 1))
            {
                end += 2;
                continue;
            }
            // "Northby, Eastvale and Southam NHS Foundation Trust", "National Porters,
            // Cleaners and Allied Workers Union": a list of names before a body's head word
            // is one name.
            if end + 1 < units.len()
                && text_of(end) == ","
                && end - start <= 3
                && !has_cue(&(start..end).map(text_of).collect::<Vec<_>>())
                && !(start == first_word && scan.lower_case.get(doc, text_of(start)))
                && comma_list_names_a_body(&text_of, end, units.len())
            {
                end += 2;
                continue;
            }
            break;
        }
        // A run longer than any name is a list or a shouted line, not a name; dropping it
        // also keeps the work on each run bounded.
        if end - start > MAX_NAME_UNITS
            || units[end - 1].span.end - units[start].span.start > MAX_NAME_BYTES
        {
            i = end;
            continue;
        }
        let mut run: Vec<usize> = (start..end).collect();
        // A sentence opener that is an ordinary word is not part of the name, nor is one
        // before a given name and a surname ("Loader Jane Roe, who has worked there ...");
        // a name that ends in a cue keeps it ("Queen Elizabeth Hospital").
        while let Some(&f) = run.first() {
            let w = strip_possessive(text_of(f));
            let opener = f == first_word || f == 0;
            let before_given_name = || {
                run.len() >= 3
                    && doc.gazetteer.given_name(text_of(run[1])).is_some()
                    && doc.gazetteer.given_name(w).is_none()
                    && run.last().is_some_and(|&l| !has_cue(&[text_of(l)]))
            };
            // "health minister Will Hartley": a given name that is also a common word is a
            // name inside a sentence, before another name.
            let given_name_inside = !opener && run.len() >= 2 && w == "Will";
            // "Veteran RMT organiser": an opener before a known body that is not part of
            // its name (an adjective of people or places may be: "Scottish Labour").
            let before_known_body = || {
                run.len() >= 2
                    && doc.gazetteer.lookup(w).is_none()
                    && doc.gazetteer.given_name(w).is_none()
                    && !is_acronym(w)
                    && !is_nationality(w)
                    && !w.ends_with("can")
                    && !["German", "Greek", "Thai"].contains(&w)
                    && !COMPASS.contains(&w.to_lowercase().as_str())
                    && !["Greater", "Upper", "Lower", "Inner", "Outer"].contains(&w)
                    && doc
                        .gazetteer
                        .lookup(&joined_text(doc, units, &run))
                        .is_none()
                    && doc
                        .gazetteer
                        .lookup(&joined_text(doc, units, &run[1..]))
                        .is_some_and(|k| k.kind == EntityKind::Organization)
            };
            // "Transport for Wales chief executive Ann Cole": a body named for a place, with
            // a role after it, keeps its first word whatever the text writes in lower case.
            let body_for_place = || {
                run.len() >= 3
                    && text_of(run[1]) == "for"
                    && doc
                        .gazetteer
                        .lookup(&joined_text(doc, units, &run[2..]))
                        .is_some_and(|k| k.kind == EntityKind::Place)
                    && units.get(end).is_some_and(|u| {
                        let next = unit_text(doc, u);
                        doc.gazetteer.is_role_word(next) || ROLE_MODIFIERS.contains(&next)
                    })
            };
            // "New Orleans Mayor Ann Cole": an opener that begins a known name stays.
            let begins_known = || {
                (2..=run.len().min(4)).any(|k| {
                    let name = joined_text(doc, units, &run[..k]);
                    doc.gazetteer.lookup(&name).is_some()
                        || doc.gazetteer.world_place(&name).is_some()
                })
            };
            if ((NOT_NAME_SET.contains(w) && !given_name_inside)
                || (opener
                    && title_gender(w).is_none()
                    && ((scan.lower_case.get(doc, w) && !body_for_place())
                        || before_given_name()
                        || before_known_body())))
                && !begins_known()
                || JOINERS.contains(&w)
            {
                run.remove(0);
            } else {
                break;
            }
        }
        while run.last().is_some_and(|&l| JOINERS.contains(&text_of(l))) {
            run.pop();
        }
        if !run.is_empty() {
            let after = end;
            split_and_classify(doc, scan, &run, after);
        }
        i = end;
    }
}

/// The words of `run` joined by single spaces.
fn joined_text(doc: &Annotated<'_>, units: &[Unit], run: &[usize]) -> String {
    let words: Vec<&str> = run.iter().map(|&i| unit_text(doc, &units[i])).collect();
    words.join(" ")
}

fn ends_with_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// Splits a run of name words at joiners that separate names, and classifies each part.
fn split_and_classify(doc: &Annotated<'_>, scan: &mut Scan<'_, '_>, run: &[usize], after: usize) {
    let units = scan.units;
    let words: Vec<&str> = run.iter().map(|&i| unit_text(doc, &units[i])).collect();
    let joined = words.join(" ");
    // "Westbury Hospital in Northvale and Eastvale Infirmary": after a hospital and "in",
    // a place and then the next hospital of a list.
    let town_of_the_hospital_before = words.len() >= 3
        && words[1] == "and"
        && run[0] >= 2
        && unit_text(doc, &units[run[0] - 1]) == "in"
        && HOSPITAL_CUES.contains(&unit_text(doc, &units[run[0] - 2]))
        && doc
            .gazetteer
            .lookup(words[0])
            .is_some_and(|k| k.kind == EntityKind::Place);
    // "Transport Workers' Union NSW secretary": a body, then the state its branch is in.
    let branch_place = words.len() >= 3
        && ["Union", "Association", "Federation", "Guild"]
            .contains(&strip_possessive(words[words.len() - 2]))
        && doc
            .gazetteer
            .lookup(words[words.len() - 1])
            .is_some_and(|k| {
                k.kind == EntityKind::Place && matches!(k.sub, SubKind::Region | SubKind::Country)
            })
        && doc.gazetteer.lookup(&joined).is_none();
    if branch_place {
        let (body, place) = run.split_at(run.len() - 1);
        split_and_classify(doc, scan, body, place[0]);
        classify(doc, scan, place, after, false);
        return;
    }
    if town_of_the_hospital_before {
        classify(doc, scan, &run[..1], run[1], false);
        classify(doc, scan, &run[2..], after, false);
        return;
    }
    // The whole run first: the gazetteer knows "Yorkshire and the Humber".
    if doc.gazetteer.lookup(strip_possessive(&joined)).is_some() || has_cue(&words) {
        let split_at_and = words.iter().position(|w| *w == "and" || *w == "&");
        // "A and B NHS Trust" is one trust; "A Hospital and B Hospital" are two.
        if split_at_and.is_none_or(|k| holds_together(doc.gazetteer, &words, k))
            || doc.gazetteer.lookup(&joined).is_some()
        {
            classify(doc, scan, run, after, false);
            return;
        }
    }
    // Otherwise split at "and", "of" and "for" unless they hold an organisation together.
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    for (k, &i) in run.iter().enumerate() {
        let w = words[k];
        if (w == "and"
            || w == "&"
            || w == "of"
            || w == "for"
            || w == "on"
            || w == "upon"
            || w == "the")
            && !holds_together(doc.gazetteer, &words, k)
        {
            parts.push(Vec::new());
        } else if let Some(p) = parts.last_mut() {
            p.push(i);
        }
    }
    let n = parts.iter().filter(|p| !p.is_empty()).count();
    let plural_cue = units
        .get(after)
        .is_some_and(|u| ["hospitals", "infirmaries"].contains(&unit_text(doc, u)));
    let mut k = 0;
    for part in parts {
        if part.is_empty() {
            continue;
        }
        k += 1;
        // "both Ashgrove and Fernley hospitals": each part is a hospital.
        let next = if k == n || plural_cue {
            after
        } else {
            part[part.len() - 1] + 1
        };
        classify(doc, scan, &part, next, n > 1 && plural_cue);
    }
}

/// Whether the comma at `at` goes on a list of single names ("B, C and D") that ends in a
/// body's name with its head word ("... and D NHS Trust"), with nothing else between.
fn comma_list_names_a_body<'a>(text_of: &impl Fn(usize) -> &'a str, at: usize, len: usize) -> bool {
    let mut j = at;
    let mut joined = false;
    let mut tail: Vec<&str> = Vec::new();
    while j + 1 < len && j < at + 16 {
        let w = text_of(j);
        let next = text_of(j + 1);
        match w {
            // Single words between the commas: "Acme Steel, Corvex Ports and ..." lists
            // bodies.
            "," if !joined
                && is_name_word(next)
                && j + 2 < len
                && [",", "and", "&"].contains(&text_of(j + 2)) =>
            {
                j += 2
            }
            "and" | "&" if !joined && is_name_word(next) => {
                joined = true;
                tail.push(next);
                j += 2;
            }
            _ if is_name_word(w) => {
                if joined {
                    tail.push(w);
                }
                j += 1;
            }
            _ => break,
        }
        if joined && tail.len() >= 2 && has_cue(&tail) {
            return true;
        }
    }
    false
}

fn has_cue(words: &[&str]) -> bool {
    let last = words.last().map(|w| strip_possessive(w)).unwrap_or("");
    CUE_WORDS.contains(last)
        || (matches!(last, "Centre" | "Center")
            && words.len() >= 2
            && words[words.len() - 2] == "Medical")
        || words.first().is_some_and(|w| ORG_HEAD_FIRST.contains(w))
            && ORG_HEADS.iter().any(|h| joined_starts_with(words, h))
}

/// The first words of [`ORG_HEADS`]: a cheap test before the whole heads.
static ORG_HEAD_FIRST: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    ORG_HEADS
        .iter()
        .filter_map(|h| h.split(' ').next())
        .collect()
});

/// The last words [`has_cue`] looks for, in one set (it runs for every name word).
static CUE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HOSPITAL_CUES
        .iter()
        .chain(ORG_CUES.iter().map(|(c, _)| c))
        .chain(STREET_CUES)
        .chain(PLACE_CUES)
        .copied()
        .collect()
});

/// Whether `words` joined by spaces start with `prefix`, without joining them.
fn joined_starts_with(words: &[&str], prefix: &str) -> bool {
    let mut rest = prefix;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return rest.is_empty(),
            }
        }
        if rest.len() <= word.len() {
            return word.starts_with(rest);
        }
        match rest.strip_prefix(word) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether the joiner at `k` is inside one organisation's name ("Department of Health",
/// "Ashgrove and Dale Hospital", "Ashgrove and Fernley NHS Trust").
fn holds_together(gazetteer: &Gazetteer, words: &[&str], k: usize) -> bool {
    let w = words[k];
    let head = &words[..k];
    let tail = &words[k + 1..];
    match w {
        // "Friends of the Earth", "Alliance of ... Employers": one name, unless
        // a role heads it ("Mayor of London", "chief executive of Unite").
        // ... but "Mark Dunne of SIPTU" is a person and a body.
        "of" => {
            let person = head
                .first()
                .is_some_and(|h| title_gender(h).is_some() || gazetteer.given_name(h).is_some())
                && !head
                    .first()
                    .is_some_and(|h| ORG_HEADS.iter().any(|o| o.starts_with(h)));
            let body = tail.len() == 1
                && (is_acronym(tail[0])
                    || gazetteer
                        .lookup(tail[0])
                        .is_some_and(|k| k.kind == EntityKind::Organization))
                || gazetteer
                    .lookup(&tail.join(" "))
                    .is_some_and(|k| k.kind == EntityKind::Organization);
            !head
                .last()
                .is_some_and(|h| NOT_NAME_SET.contains(h) || gazetteer.is_role_word(h))
                && !tail.first().is_some_and(|t| NOT_NAME_SET.contains(t))
                && !person
                && !body
        }
        // "Minister for Transport": a role and its brief.
        "for" if head.last().is_some_and(|h| gazetteer.is_role_word(h)) => true,
        "for" | "the" | "on" | "upon" => {
            head.first()
                .is_some_and(|h| ORG_HEADS.iter().any(|o| o.starts_with(h)))
                || head.last().is_some_and(|h| {
                    ORG_CUES.iter().any(|(c, _)| c == h)
                        || ["Royal College", "Secretary", "Isle", "Bank"].contains(h)
                })
                || has_cue(tail) && !HOSPITAL_CUES.contains(&tail.last().copied().unwrap_or(""))
        }
        // "A and B Hospital" is one hospital; "A and B hospitals" (lower case) were split.
        // "University Hospitals of Derby and Burton NHS Foundation Trust" is one trust.
        "and" | "&" => {
            !head
                .last()
                .is_some_and(|h| CUE_WORDS.contains(strip_possessive(h)))
                && (has_cue(tail) || has_cue(words))
        }
        _ => false,
    }
}

/// What [`classify`] reads around a run: the text's units, where the run ends, whether it
/// is one of several names coordinated before a plural cue, and what it adds to.
struct Scan<'u, 'f> {
    units: &'u [Unit],
    found: &'f mut Vec<Found>,
    definitions: &'f mut Vec<(String, String)>,
    /// Acronyms the text defines in brackets: they mean what the text says, whatever the
    /// gazetteer says.
    defined: &'u HashSet<String>,
    /// Acronyms the text defines as a meeting, a law or a scheme.
    not_bodies: &'u HashSet<String>,
    lower_case: &'f mut LowerCaseSeen,
}

fn classify(
    doc: &Annotated<'_>,
    scan: &mut Scan<'_, '_>,
    run: &[usize],
    after: usize,
    coordinated: bool,
) {
    let units = scan.units;
    let Some((&first, &last)) = run.first().zip(run.last()) else {
        return;
    };
    let mut words: Vec<&str> = run.iter().map(|&i| unit_text(doc, &units[i])).collect();
    let last_word = strip_possessive(words[words.len() - 1]);
    let possessive = words[words.len() - 1] != last_word;
    let n = words.len();
    words[n - 1] = last_word;
    let span = Span::new(
        units[first].span.start,
        units[last].span.start + last_word.len(),
    );
    // A comma inside a name ("Northby, Eastvale and Southam NHS Trust") sits on its word.
    let form = words.join(" ").replace(" , ", ", ");
    if form.len() > MAX_NAME_BYTES || (n == 1 && form.chars().count() < 2) {
        return;
    }
    let word_at = |i: usize| units.get(i).map(|u| unit_text(doc, u)).unwrap_or("");
    let next_word = word_at(after);
    let word_after_next = word_at(after + 1);
    let prev_word = first.checked_sub(1).map_or("", word_at);
    let prev_lower = prev_word.to_lowercase();
    // The run opens its sentence, where capitals say nothing.
    let opener = units[..first]
        .iter()
        .all(|u| doc.layout.tokens[u.first].kind == TokenKind::Punct);
    let push = |found: &mut Vec<Found>, kind, sub, form: String, gender, short| {
        found.push(Found {
            span,
            kind,
            sub,
            form,
            gender,
            short,
            unknown: false,
            fallback: None,
        });
    };

    // An acronym defined in brackets right after: "British Medical Association (BMA)".
    let mut defines_acronym = false;
    if next_word == "(" {
        let acr = word_at(after + 1);
        if is_acronym(acr) && word_at(after + 2) == ")" {
            scan.definitions.push((form.clone(), acr.to_owned()));
            defines_acronym = true;
        }
    }

    // A capitalised role before a name: "Health Secretary Jane Roe", "Riverside High School
    // Principal Ann Cole" (a school, a role and a person).
    if let Some((j, k, sure)) = role_then_name(doc, &words) {
        if j > 0 {
            classify(doc, scan, &run[..j], run[j], false);
        }
        if sure {
            classify(doc, scan, &run[k..], after, coordinated);
        } else {
            let name_span = Span::new(units[run[k]].span.start, span.end);
            let given = doc.gazetteer.given_name(words[k]).flatten();
            scan.found.push(Found {
                span: name_span,
                kind: EntityKind::Person,
                sub: None,
                form: words[k..].join(" "),
                gender: given,
                short: false,
                unknown: false,
                fallback: None,
            });
        }
        return;
    }
    // Titles: a person.
    if let Some(gender) = title_gender(words[0].trim_end_matches('.')) {
        let rest: Vec<&str> = words[1..].iter().copied().filter(|w| *w != ".").collect();
        if !rest.is_empty() && rest.iter().all(|w| is_capitalised(w)) {
            let gender = gender.or_else(|| {
                doc.gazetteer
                    .given_name(rest[0])
                    .flatten()
                    .filter(|_| rest.len() > 1)
            });
            push(
                scan.found,
                EntityKind::Person,
                None,
                form,
                gender,
                rest.len() == 1,
            );
        }
        return;
    }

    // A lower-case cue after the name: "Westbury hospital"; with coordination,
    // "Ashgrove and Fernley hospitals" (but "Leeds hospitals" are hospitals in Leeds, and
    // "Sheffield's hospital physiotherapists" work in Sheffield's hospitals).
    let next_is = |w: &str| next_word.eq_ignore_ascii_case(w);
    let determiner = ["a", "an", "one", "every", "each", "any", "another"].contains(&prev_word);
    let staff_after = [
        "trust", "trusts", "staff", "doctors", "nurses", "workers", "bosses", "chiefs",
    ]
    .iter()
    .any(|w| word_after_next.eq_ignore_ascii_case(w))
        || doc
            .gazetteer
            .is_role_word(word_after_next.trim_end_matches('s'));
    if next_word.chars().next().is_some_and(char::is_lowercase) && !determiner && !possessive {
        if !staff_after
            && (next_is("hospital")
                || next_is("infirmary")
                || (coordinated && next_is("hospitals")))
        {
            let cue = if next_is("infirmary") {
                "Infirmary"
            } else {
                "Hospital"
            };
            push(
                scan.found,
                EntityKind::Hospital,
                None,
                format!("{form} {cue}"),
                None,
                false,
            );
            return;
        }
        let place = || {
            doc.gazetteer
                .lookup(&form)
                .is_some_and(|k| k.kind == EntityKind::Place)
                || doc.gazetteer.world_place(&form).is_some()
        };
        if next_is("council") && place() {
            push(
                scan.found,
                EntityKind::Organization,
                Some(SubKind::Council),
                format!("{form} Council"),
                None,
                false,
            );
            return;
        }
        // "the Scottish government", "the Welsh government".
        if next_is("government") && (is_nationality(&form) || place()) {
            let known = doc.gazetteer.lookup(&format!("{form} Government"));
            let name = known.map_or(format!("{form} Government"), |k| k.name.clone());
            push(
                scan.found,
                EntityKind::Organization,
                Some(SubKind::Government),
                name,
                None,
                false,
            );
            return;
        }
        // "Northvale Health NHS trust".
        if next_is("trust")
            && words
                .iter()
                .any(|w| ["NHS", "Health", "Healthcare", "Hospitals"].contains(w))
        {
            push(
                scan.found,
                EntityKind::Organization,
                Some(SubKind::Trust),
                format!("{form} Trust"),
                None,
                false,
            );
            return;
        }
        // "the Balcombe tunnel", "Crewe station": a place named by what is there.
        if let Some(cue) = LOWER_PLACE_CUES.iter().find(|c| next_is(c)) {
            push(
                scan.found,
                EntityKind::Place,
                None,
                format!("{form} {cue}"),
                None,
                false,
            );
            return;
        }
    }

    // "NHS Lothian", "NHS Providers": a health body named after the service.
    if n >= 2
        && words[0] == "NHS"
        && words[1..].iter().all(|w| is_capitalised(w))
        && !CUE_WORDS.contains(last_word)
        && doc.gazetteer.lookup(&form).is_none()
    {
        push(
            scan.found,
            EntityKind::Organization,
            None,
            form,
            None,
            false,
        );
        return;
    }
    // "Burbank, Calif.": a US state as news agencies abbreviate it.
    if n == 1 && prev_word == "," && next_word == "." {
        if let Some(&(_, state)) = AP_STATES.iter().find(|(a, _)| *a == form) {
            push(
                scan.found,
                EntityKind::Place,
                Some(SubKind::Region),
                state.to_owned(),
                None,
                false,
            );
            return;
        }
    }
    // "Mid Wales", "North Wales", "East Belfast": a part of a place, as one name.
    if n >= 2 && COMPASS.contains(&words[0].to_lowercase().as_str()) {
        let rest = words[1..].join(" ");
        let place = doc
            .gazetteer
            .lookup(&rest)
            .is_some_and(|k| k.kind == EntityKind::Place)
            || doc.gazetteer.world_place(&rest).is_some();
        if place && doc.gazetteer.lookup(&form).is_none() {
            push(
                scan.found,
                EntityKind::Place,
                Some(SubKind::Region),
                form,
                None,
                false,
            );
            return;
        }
    }
    // "in east London", "across south Wales": a part of a place.
    if prev_word.chars().next().is_some_and(char::is_lowercase)
        && COMPASS.contains(&prev_lower.as_str())
        && (doc
            .gazetteer
            .lookup(&form)
            .is_some_and(|k| k.kind == EntityKind::Place)
            || doc.gazetteer.world_place(&form).is_some())
    {
        let start = units[first - 1].span.start;
        scan.found.push(Found {
            span: Span::new(start, span.end),
            kind: EntityKind::Place,
            sub: Some(SubKind::Region),
            form: format!("{prev_word} {form}"),
            gender: None,
            short: false,
            unknown: false,
            fallback: None,
        });
        return;
    }

    // "the Brighton mainline", "the Sheffield route": a place naming a line or a service is
    // part of that thing's name, not a place of its own.
    if [
        "mainline",
        "line",
        "lines",
        "route",
        "routes",
        "service",
        "services",
        "franchise",
        "network",
        "branch",
    ]
    .contains(&next_word)
        && (doc
            .gazetteer
            .lookup(&form)
            .is_some_and(|k| k.kind == EntityKind::Place)
            || doc.gazetteer.world_place(&form).is_some())
    {
        return;
    }
    // The gazetteer, for the whole span ("NHS 111" is a phone line, not the NHS), unless the
    // text defines the acronym itself.
    let before_number = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let defined_here = n == 1 && scan.defined.contains(form.as_str());
    if let Some(known) = doc
        .gazetteer
        .lookup(&form)
        .filter(|_| !(defined_here || n == 1 && before_number))
    {
        // One word that names a place may be someone's surname: `group` decides.
        let surname = n == 1 && known.kind == EntityKind::Place && known.sub == SubKind::Town;
        scan.found.push(Found {
            span,
            kind: if surname {
                EntityKind::Person
            } else {
                known.kind
            },
            sub: Some(known.sub),
            form: known.name.clone(),
            gender: None,
            short: surname,
            unknown: false,
            fallback: surname.then_some((known.kind, Some(known.sub))),
        });
        return;
    }
    // "Labour MP", "Unison Regional Secretary": the body before a trailing role.
    let mut body = n;
    while body > 1
        && (is_role_acronym(words[body - 1]) || doc.gazetteer.is_role_word(words[body - 1]))
    {
        body -= 1;
        while body > 1 && ROLE_MODIFIERS.contains(&words[body - 1].to_lowercase().as_str()) {
            body -= 1;
        }
    }
    if body < n && !has_cue(&words) {
        classify(doc, scan, &run[..body], run[body], false);
        return;
    }

    // "UAW Local 900", "Local 12": a union's local by its number.
    if ["Local", "District", "Council", "Lodge", "Chapter", "Branch"].contains(&last_word)
        && before_number
        && next_word.chars().all(|c| c.is_ascii_digit())
        && (last_word == "Local" || n > 1)
    {
        let number = units[after].span;
        scan.found.push(Found {
            span: Span::new(span.start, number.end),
            kind: EntityKind::Organization,
            sub: Some(SubKind::Union),
            form: format!("{form} {next_word}"),
            gender: None,
            short: false,
            unknown: false,
            fallback: None,
        });
        return;
    }
    // "IAM 305", "Unite 2/222": a union's local branch by its number.
    if n == 1 && before_number && next_word.chars().all(|c| c.is_ascii_digit()) {
        if let Some(known) = doc
            .gazetteer
            .lookup(&form)
            .filter(|k| k.sub == SubKind::Union)
        {
            let number = units[after].span;
            scan.found.push(Found {
                span: Span::new(span.start, number.end),
                kind: EntityKind::Organization,
                sub: Some(SubKind::Union),
                form: format!("{form} {next_word}"),
                gender: None,
                short: false,
                unknown: false,
                fallback: None,
            });
            let _ = known;
            return;
        }
    }

    // Cue words.
    let medical_centre =
        matches!(last_word, "Centre" | "Center") && n >= 2 && words[n - 2] == "Medical";
    if (HOSPITAL_CUES.contains(&last_word) || medical_centre) && n > 1 {
        push(scan.found, EntityKind::Hospital, None, form, None, false);
        return;
    }
    // "Royal Infirmary of Edinburgh", "Royal Hospital for Children": the cue, then whom or
    // where it is for.
    let cue_then_of = n >= 4
        && (1..n - 2).any(|i| {
            HOSPITAL_CUES.contains(&words[i])
                && matches!(words[i + 1], "of" | "for")
                && words[i + 2..].iter().all(|w| is_capitalised(w))
        });
    if cue_then_of && doc.gazetteer.lookup(&form).is_none() {
        push(scan.found, EntityKind::Hospital, None, form, None, false);
        return;
    }
    if let Some((_, sub)) = ORG_CUES.iter().find(|(c, _)| *c == last_word) {
        if n > 1 || last_word == "NHS" {
            // "Brighton Labour Party": a local branch of a known body is that body; "EIS
            // Union" is the EIS.
            let branches = matches!(last_word, "Party" | "Union" | "Congress");
            for k in (0..n).filter(|_| branches) {
                let rest = if k == 0 {
                    words[..n - 1].join(" ")
                } else {
                    words[k..].join(" ")
                };
                let Some(known) = doc.gazetteer.lookup(&rest) else {
                    continue;
                };
                if known.kind != EntityKind::Organization
                    || !matches!(known.sub, SubKind::Party | SubKind::Union)
                    || (k == 0 && last_word != "Union")
                {
                    continue;
                }
                if k > 0 {
                    if let Some(place) = doc.gazetteer.lookup(&words[..k].join(" ")) {
                        if place.kind == EntityKind::Place {
                            let end = units[run[k - 1]].span.end;
                            push(
                                scan.found,
                                EntityKind::Place,
                                Some(place.sub),
                                place.name.clone(),
                                None,
                                false,
                            );
                            if let Some(last) = scan.found.last_mut() {
                                last.span = Span::new(span.start, end);
                            }
                        }
                    }
                }
                push(
                    scan.found,
                    known.kind,
                    Some(known.sub),
                    known.name.clone(),
                    None,
                    false,
                );
                return;
            }
            if n == 1 {
                return;
            }
            let sub = match sub {
                None if union_like(&words) => Some(SubKind::Union),
                _ => *sub,
            };
            push(scan.found, EntityKind::Organization, sub, form, None, false);
            return;
        }
    }
    let head = words
        .first()
        .filter(|w| ORG_HEAD_FIRST.contains(*w))
        .and_then(|_| ORG_HEADS.iter().find(|h| joined_starts_with(&words, h)));
    if let Some(head) = head {
        if n > 2 {
            let sub = if ["Department", "Ministry"].contains(head) {
                Some(SubKind::Government)
            } else if union_like(&words) {
                Some(SubKind::Union)
            } else {
                None
            };
            push(scan.found, EntityKind::Organization, sub, form, None, false);
            return;
        }
    }
    if STREET_CUES.contains(&last_word) && n > 1 {
        push(
            scan.found,
            EntityKind::Place,
            Some(SubKind::Street),
            form,
            None,
            false,
        );
        return;
    }
    if PLACE_CUES.contains(&last_word) && n > 1 {
        push(scan.found, EntityKind::Place, None, form, None, false);
        return;
    }
    // "LAGOS, Nigeria, May 3 –": a dateline's place in capitals, not an acronym.
    if n == 1 && is_acronym(&form) && form.chars().count() >= 5 && opener {
        if let Some(place) = doc.gazetteer.world_place(&form) {
            push(
                scan.found,
                EntityKind::Place,
                Some(SubKind::Town),
                place.name.to_owned(),
                None,
                false,
            );
            return;
        }
    }
    // "Unite Wales": a known union's branch for a nation or a region. A text that spells
    // out the union's short name speaks of the union ("the Eastvale Dockers Union (EDU)
    // ... EDU Canada").
    if n == 2 && !scan.defined.contains(words[0]) {
        let known = |w: &str| doc.gazetteer.lookup(w);
        if let (Some(body), Some(place)) = (known(words[0]), known(words[1])) {
            if body.kind == EntityKind::Organization
                && body.sub == SubKind::Union
                && place.kind == EntityKind::Place
                && matches!(place.sub, SubKind::Region | SubKind::Country)
            {
                push(
                    scan.found,
                    EntityKind::Organization,
                    Some(SubKind::Union),
                    form,
                    None,
                    false,
                );
                return;
            }
        }
    }
    // Acronyms: organisations unless common.
    if n == 1 && is_acronym(&form) {
        if !COMMON_ACRONYMS.contains(&form.as_str())
            && !scan.not_bodies.contains(&form)
            && !form.chars().any(|c| c.is_ascii_digit())
            && !before_number
        {
            push(scan.found, EntityKind::Organization, None, form, None, true);
        }
        return;
    }

    // The world's places: a country, a state or a county by its name alone, a large city
    // unless it is also an everyday word or a given name; any place where the words around
    // say place ("in X", "X-based", "X, California").
    // "Hundreds of Acme drivers": a small place's name before the people who work there
    // is their employer's.
    let workforce_after = n == 1
        && [
            "drivers",
            "workers",
            "staff",
            "employees",
            "nurses",
            "porters",
            "cleaners",
            "engineers",
            "pilots",
            "crews",
            "machinists",
            "dockers",
            "miners",
        ]
        .contains(&next_word);
    let place_context = PLACE_PREPOSITIONS.contains(&prev_lower.as_str()) && !workforce_after
        || (next_word == "-" && word_after_next.eq_ignore_ascii_case("based"))
        || (next_word == ","
            && doc
                .gazetteer
                .world_place(word_after_next)
                .is_some_and(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::State)));
    let all_caps = form.chars().all(|c| !c.is_lowercase());
    if let Some(place) = doc.gazetteer.world_place(&form) {
        let alone = match place.kind {
            PlaceKind::Country | PlaceKind::State | PlaceKind::County => true,
            PlaceKind::City => place.population >= 100_000 || (n > 1 && place.population >= 15_000),
        };
        let ordinary_word = n == 1
            && (NOT_NAME_SET.contains(form.as_str())
                || (is_nationality(&form) && place.kind == PlaceKind::City)
                || doc.gazetteer.is_role_word(&form)
                || scan.lower_case.get(doc, &form));
        // "Everett", "Victoria": a given name too, so not where the words say person.
        let given = n == 1
            && doc.gazetteer.given_name(&form).is_some()
            && person_context(doc, units, after, first);
        if (alone && !ordinary_word && !given) || (place_context && !ordinary_word) {
            let sub = match place.kind {
                PlaceKind::Country => SubKind::Country,
                PlaceKind::State | PlaceKind::County => SubKind::Region,
                PlaceKind::City => SubKind::Town,
            };
            let name = if all_caps {
                place.name.to_owned()
            } else {
                form.clone()
            };
            let fallback = Some((EntityKind::Place, Some(sub)));
            scan.found
                .push(if alone && !(n == 1 && place.kind == PlaceKind::City) {
                    Found {
                        span,
                        kind: if n == 1 {
                            EntityKind::Person
                        } else {
                            EntityKind::Place
                        },
                        sub: Some(sub),
                        form: name,
                        gender: None,
                        // One word may be someone's surname: `group` decides.
                        short: n == 1,
                        unknown: false,
                        fallback: (n == 1).then_some((EntityKind::Place, Some(sub))),
                    }
                } else {
                    // "at St James's", "at Morriston": a short form of a hospital or body the
                    // article names in full, else the place.
                    Found {
                        span,
                        kind: EntityKind::Organization,
                        sub: None,
                        form: name,
                        gender: None,
                        short: true,
                        unknown: true,
                        fallback,
                    }
                });
            return;
        }
    }

    // "the Oscar Hale plant": a name between "the" and a workplace is a company's, even one
    // that begins with a given name.
    // "workers at Oscar Hale": where people work, after "at", is a body, not a person.
    let workers_at = prev_lower == "at"
        && first.checked_sub(2).is_some_and(|i| {
            let word = unit_text(doc, &units[i]);
            [
                "workers",
                "staff",
                "employees",
                "strike",
                "strikes",
                "walkout",
                "pickets",
            ]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
        });
    if (2..=3).contains(&n)
        && !possessive
        && ((prev_lower == "the" && WORKPLACES.contains(&next_word)) || workers_at)
        && doc.gazetteer.lookup(&form).is_none()
        && doc.gazetteer.world_place(&form).is_none()
    {
        push(
            scan.found,
            EntityKind::Organization,
            Some(SubKind::Company),
            form,
            None,
            false,
        );
        return;
    }
    // People: a given name and a surname.
    if (2..=4).contains(&n) && words.iter().all(|w| is_capitalised(w) && !w.contains('&')) {
        let given = doc
            .gazetteer
            .given_name(words[0])
            .or_else(|| {
                words[0]
                    .split('-')
                    .next()
                    .and_then(|g| doc.gazetteer.given_name(g))
            })
            // The list leaves out given names that are everyday words; inside a sentence and
            // before a surname, "Will" is William.
            .or_else(|| (words[0] == "Will" && !opener).then_some(Some(Gender::Male)))
            // "M.K. Stalin", "A. Rahman": initials before a surname.
            .or_else(|| is_initials(words[0]).then_some(None));
        let all_known_places = words.iter().all(|w| doc.gazetteer.lookup(w).is_some());
        if given.is_some()
            && !all_known_places
            && doc
                .gazetteer
                .lookup(words[n - 1])
                .is_none_or(|k| k.kind != EntityKind::Organization)
        {
            push(
                scan.found,
                EntityKind::Person,
                None,
                form,
                given.flatten(),
                false,
            );
            return;
        }
        // No known given name: a person if the words around say so ("X, 34," "X, a nurse").
        if person_context(doc, units, after, first) {
            push(scan.found, EntityKind::Person, None, form, None, false);
            return;
        }
    }

    // A single unknown capitalised word after "from" or "in" is a place; one that matches
    // a person already named is that person (resolved in `group`); one in an employer's
    // slot is an organisation, and a given name where the words around say person is one.
    if n == 1 {
        if PLACE_PREPOSITIONS[..UNLISTED_PLACE_PREPOSITIONS].contains(&prev_lower.as_str())
            && !possessive
            && !is_nationality(&form)
            && !doc.gazetteer.is_role_word(&form)
            && doc.gazetteer.given_name(&form).is_none()
        {
            push(scan.found, EntityKind::Place, None, form, None, false);
            return;
        }
        let fallback = if doc.gazetteer.given_name(&form).is_some() {
            person_context(doc, units, after, first).then_some((EntityKind::Person, None))
        } else if ((employer_context(doc, units, first, after, possessive)
            || body_apposition(doc, units, after))
            && !is_nationality(&form)
            && (!opener || scan.lower_case.capitalised_inside(doc, &form)))
            || defines_acronym
        {
            Some((EntityKind::Organization, Some(SubKind::Company)))
        } else {
            None
        };
        scan.found.push(Found {
            span,
            kind: EntityKind::Person,
            sub: None,
            form,
            gender: None,
            short: true,
            unknown: false,
            fallback,
        });
        return;
    }
    // "residents in Tile Hill": a short unknown name after "in" or "from" is a place.
    if n <= 3
        && ["from", "in"].contains(&prev_lower.as_str())
        && !possessive
        && !is_nationality(words[0])
        && !words
            .iter()
            .any(|w| doc.gazetteer.is_role_word(w) || doc.gazetteer.given_name(w).is_some())
    {
        push(scan.found, EntityKind::Place, None, form, None, false);
        return;
    }
    // "Annual General Meeting (AGM)": an event, not a body.
    let event = [
        "Meeting",
        "Conference",
        "Summit",
        "Festival",
        "Day",
        "Week",
        "Games",
        "Awards",
        "Election",
        "Review",
        "Act",
        "Bill",
        "Agreement",
        "Scheme",
        "Programme",
        "Strategy",
        "Plan",
        "Report",
        "Inquiry",
        "Survey",
        "Index",
    ]
    .contains(&last_word);
    push(scan.found, EntityKind::Organization, None, form, None, true);
    if let Some(last) = scan.found.last_mut() {
        // A name the text gives an acronym to is an organisation's.
        let sure = defines_acronym && !event;
        last.unknown = !sure;
        last.short = !sure;
    }
}

/// Words before a name that say it is a place. The first [`UNLISTED_PLACE_PREPOSITIONS`]
/// make any single unknown name a place; the rest only a name the world's places list.
const PLACE_PREPOSITIONS: &[&str] = &[
    "from",
    "in",
    "across",
    "near",
    "around",
    "outside",
    "throughout",
    "at",
    "to",
    "towards",
    "toward",
    "into",
    "via",
    "of",
    "between",
];
const UNLISTED_PLACE_PREPOSITIONS: usize = 7;

/// The abbreviations of US states in the AP style news agencies write, before a full stop.
const AP_STATES: &[(&str, &str)] = &[
    ("Ala", "Alabama"),
    ("Ariz", "Arizona"),
    ("Ark", "Arkansas"),
    ("Calif", "California"),
    ("Colo", "Colorado"),
    ("Conn", "Connecticut"),
    ("Del", "Delaware"),
    ("Fla", "Florida"),
    ("Ga", "Georgia"),
    ("Ill", "Illinois"),
    ("Ind", "Indiana"),
    ("Kan", "Kansas"),
    ("Ky", "Kentucky"),
    ("La", "Louisiana"),
    ("Md", "Maryland"),
    ("Mass", "Massachusetts"),
    ("Mich", "Michigan"),
    ("Minn", "Minnesota"),
    ("Miss", "Mississippi"),
    ("Mo", "Missouri"),
    ("Mont", "Montana"),
    ("Neb", "Nebraska"),
    ("Nev", "Nevada"),
    ("Okla", "Oklahoma"),
    ("Ore", "Oregon"),
    ("Pa", "Pennsylvania"),
    ("Tenn", "Tennessee"),
    ("Vt", "Vermont"),
    ("Va", "Virginia"),
    ("Wash", "Washington"),
    ("Wis", "Wisconsin"),
    ("Wyo", "Wyoming"),
];

/// First words of French and Spanish names of unions and federations.
const ROMANCE_HEADS: &[&str] = &[
    "Syndicat",
    "Fédération",
    "Confédération",
    "Centrale",
    "Alliance",
    "Regroupement",
    "Sindicato",
    "Federación",
    "Confederación",
    "Central",
];

/// The small words of French and Spanish names.
const ROMANCE_JOINERS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "et", "d'", "l'", "del", "y", "los", "las", "el", "en",
    "pour", "au", "aux",
];

/// Where a French or Spanish name that starts at `at` ends (exclusive), if one does: from
/// a head word ("Syndicat", "Fédération") through lower-case words, small words and hyphens
/// up to punctuation or an English word. `None` unless its second word is one of its own.
fn romance_name(doc: &Annotated<'_>, units: &[Unit], at: usize) -> Option<usize> {
    if !ROMANCE_HEADS.contains(&unit_text(doc, &units[at])) {
        return None;
    }
    let joiner = |w: &str| {
        ROMANCE_JOINERS.contains(&w)
            || w.starts_with("l'")
            || w.starts_with("d'")
            || w.starts_with("l’")
            || w.starts_with("d’")
    };
    let second = unit_text(doc, units.get(at + 1)?);
    let english = [
        "of", "for", "and", "the", "to", "in", "on", "at", "between", "with",
    ];
    if !(joiner(second)
        || (second.chars().next().is_some_and(char::is_lowercase) && !english.contains(&second)))
    {
        return None;
    }
    let mut end = at + 1;
    while end < units.len() && end - at < MAX_NAME_UNITS {
        let w = unit_text(doc, &units[end]);
        let gap = &doc.text[units[end - 1].span.end..units[end].span.start];
        let word_like = w.chars().next().is_some_and(char::is_alphabetic);
        if w == "-" || (gap == "-" && word_like) {
            end += 1;
            continue;
        }
        if !word_like || !gap.chars().all(char::is_whitespace) || gap.len() > 1 {
            break;
        }
        let lower = w.to_lowercase();
        if [
            "and",
            "which",
            "who",
            "that",
            "said",
            "says",
            "is",
            "are",
            "has",
            "have",
            "will",
            "represents",
            "with",
            "in",
            "on",
            "was",
        ]
        .contains(&lower.as_str())
        {
            break;
        }
        end += 1;
    }
    // A name ends on a word, not on a small word or a hyphen.
    while end > at + 1 && {
        let w = unit_text(doc, &units[end - 1]);
        w == "-" || joiner(w)
    } {
        end -= 1;
    }
    (end > at + 1).then_some(end)
}

/// Lower-case words before a place that name a part of it: "east London".
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "mid",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "inner",
    "outer",
    "rural",
    "greater",
    "upper",
    "lower",
];

/// Last words that make a span a place other than a street: what stands there.
const PLACE_CUES: &[&str] = &[
    "Station", "Depot", "Stadium", "Place", "Bridge", "Tunnel", "Junction", "Docks", "Park",
];

/// Lower-case words after a name that make it a place: "the Balcombe tunnel".
const LOWER_PLACE_CUES: &[&str] = &["tunnel", "station", "depot", "junction", "bridge"];

/// Capitalised words that go with a role word in a title ("National Executive Director",
/// "First Minister", "Regional Secretary").
const ROLE_MODIFIERS: &[&str] = &[
    "national",
    "regional",
    "general",
    "deputy",
    "assistant",
    "chief",
    "executive",
    "senior",
    "junior",
    "acting",
    "interim",
    "vice",
    "first",
    "prime",
    "shadow",
    "health",
    "education",
    "transport",
    "home",
    "foreign",
    "local",
    "branch",
    "area",
    "district",
    "union",
    "press",
    "managing",
    "finance",
    "justice",
    "business",
    "employment",
    "labour",
    "industrial",
    "associate",
    "clinical",
    "medical",
    "nursing",
    "operating",
    "full-time",
    "lay",
    "shop",
    "state",
    "federal",
    "city",
    "county",
];

/// Whether a body's name says it is a union: a trade union's words ("Trades Union Congress",
/// "Labour Congress") or the workers it organises ("Bus Drivers' Association",
/// "Secondary Teachers' Association", "Writers Guild").
fn union_like(words: &[&str]) -> bool {
    const MEMBERS: &[&str] = &[
        "workers",
        "employees",
        "staff",
        "staffs",
        "teachers",
        "nurses",
        "midwives",
        "doctors",
        "physicians",
        "surgeons",
        "pilots",
        "drivers",
        "engineers",
        "firefighters",
        "officers",
        "professionals",
        "technicians",
        "machinists",
        "miners",
        "mineworkers",
        "dockers",
        "journalists",
        "actors",
        "artists",
        "writers",
        "musicians",
        "lecturers",
        "professors",
        "academics",
        "clerks",
        "porters",
        "cleaners",
        "paramedics",
        "radiographers",
        "physiotherapists",
        "pharmacists",
        "dentists",
        "teamsters",
        "laborers",
        "labourers",
        "steelworkers",
        "seafarers",
        "dockworkers",
        "educators",
        "trades",
        "trade",
        "labour",
        "labor",
        "employés",
        "travailleurs",
        "enseignants",
        "professeurs",
    ];
    words.iter().any(|w| {
        MEMBERS.contains(&strip_possessive(w).to_lowercase().as_str()) || w.starts_with("Syndicat")
    })
}

/// Acronyms that are roles, not bodies: "Labour MP".
fn is_role_acronym(word: &str) -> bool {
    [
        "MP", "MPs", "MEP", "MSP", "MS", "AM", "MLA", "TD", "MPP", "MHK", "CEO", "CFO", "COO",
        "QC", "KC", "JP",
    ]
    .contains(&word)
}

/// "Scottish", "Welsh", "Canadian", "Federal": words that make "X government" a government.
fn is_nationality(word: &str) -> bool {
    [
        "Federal",
        "National",
        "Central",
        "State",
        "Provincial",
        "British",
        "Irish",
        "Welsh",
        "French",
        "Dutch",
        "Czech",
    ]
    .contains(&word)
        || (word.len() > 4
            && is_capitalised(word)
            && ["ish", "ian", "ese", "ean", "ican"]
                .iter()
                .any(|end| word.ends_with(end)))
}

/// Where a role in capitals meets a name in a run: (where the role's words begin, where the
/// name begins, whether the name is sure of itself: a title or a known given name).
/// "Health Secretary Jane Roe" is (0, 2, true); "First Minister Zoltan Brae" (0, 2,
/// false); "Riverside High School Principal Ann Cole" (3, 4, true).
fn role_then_name(doc: &Annotated<'_>, words: &[&str]) -> Option<(usize, usize, bool)> {
    let n = words.len();
    if n < 2 {
        return None;
    }
    // Most runs hold no role word: find out once per word, and stop there.
    let mut roles: Vec<bool> = (0..n)
        .map(|i| (i + 1 < n && is_role_acronym(words[i])) || doc.gazetteer.is_role_word(words[i]))
        .collect();
    // "Secretary General", "Attorney General": "General" after a role word is part of it.
    for i in 1..n {
        if words[i] == "General" && roles[i - 1] {
            roles[i] = true;
        }
    }
    if !roles.contains(&true) {
        return None;
    }
    let role_at = |i: usize| roles.get(i).copied().unwrap_or(false);
    // A role ends at a role word, or at the brief after one ("Minister for Transport").
    let role_ends = |k: usize| {
        role_at(k - 1) || (k >= 3 && matches!(words[k - 2], "for" | "of") && role_at(k - 3))
    };
    let k = (1..n).find(|&k| {
        if !role_ends(k) || role_at(k) {
            return false;
        }
        let sure = title_gender(words[k].trim_end_matches('.')).is_some()
            || doc.gazetteer.given_name(words[k]).is_some()
            || is_initials(words[k]);
        sure || ((2..=3).contains(&(n - k))
            && words[k..].iter().all(|w| {
                is_capitalised(w)
                    && !is_acronym(w)
                    && !CUE_WORDS.contains(strip_possessive(w))
                    && doc.gazetteer.lookup(w).is_none()
            }))
    })?;
    let sure = title_gender(words[k].trim_end_matches('.')).is_some()
        || doc.gazetteer.given_name(words[k]).is_some()
        || is_initials(words[k]);
    let mut j = k - 1;
    // Back over the role's words: "Chief Executive and General Secretary".
    while j > 0
        && (role_at(j - 1)
            || ROLE_MODIFIERS.contains(&words[j - 1].to_lowercase().as_str())
                // "Royal College of Nursing Chief Executive": a body's name keeps its words.
                && doc.gazetteer.lookup(&words[..j].join(" ")).is_none()
                && doc.gazetteer.world_place(&words[..j].join(" ")).is_none()
            || (matches!(words[j - 1], "and" | "&") && j >= 2 && role_at(j - 2)))
    {
        j -= 1;
    }
    Some((j, k, sure))
}

/// Words after a name in the possessive that make it an employer ("Acme's machinists").
const EMPLOYER_POSSESSIONS: &[&str] = &[
    "workers",
    "staff",
    "employees",
    "workforce",
    "machinists",
    "drivers",
    "engineers",
    "management",
    "managers",
    "bosses",
    "executives",
    "factory",
    "factories",
    "plant",
    "plants",
    "offices",
    "office",
    "headquarters",
    "hq",
    "site",
    "sites",
    "depot",
    "warehouse",
    "warehouses",
    "stores",
    "shops",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ceo",
    "shareholders",
    "contract",
    "offer",
    "board",
    "owner",
    "owners",
    "chairman",
    "profits",
    "biggest",
    "largest",
];

/// "Citylink, the company which operates the buses": a name set off by what kind of body
/// it is.
fn body_apposition(doc: &Annotated<'_>, units: &[Unit], after: usize) -> bool {
    let word = |i: usize| units.get(i).map(|u| unit_text(doc, u).to_lowercase());
    word(after).as_deref() == Some(",")
        && matches!(word(after + 1).as_deref(), Some("the" | "a" | "an"))
        && word(after + 2).is_some_and(|w| {
            EMPLOYER_NOUNS.contains(&w.as_str())
                || [
                    "union",
                    "body",
                    "group",
                    "organisation",
                    "organization",
                    "charity",
                    "council",
                    "authority",
                    "agency",
                    "business",
                    "employer",
                    "watchdog",
                    "regulator",
                    "federation",
                    "association",
                ]
                .contains(&w.as_str())
        })
}

/// Nouns right before a name that make it an employer ("private contractor Norbridge").
const EMPLOYER_NOUNS: &[&str] = &[
    "contractor",
    "contractors",
    "firm",
    "company",
    "operator",
    "retailer",
    "giant",
    "employer",
    "supplier",
    "carrier",
    "airline",
    "manufacturer",
    "carmaker",
    "automaker",
    "maker",
    "chain",
    "outsourcer",
    "provider",
    "subsidiary",
    "supermarket",
    "broadcaster",
    "insurer",
    "bank",
    "studio",
    "studios",
    "streamer",
    "conglomerate",
];

/// Where people work, after an employer's name: "the Acme plant", "Acme's Leeds depot".
const WORKPLACES: &[&str] = &[
    "plant",
    "plants",
    "factory",
    "factories",
    "warehouse",
    "warehouses",
    "depot",
    "depots",
    "mill",
    "refinery",
    "works",
    "centre",
    "center",
    "centres",
    "site",
    "store",
    "stores",
];

/// Words between an employer's possessive and a workplace: "distribution centre".
const WORKPLACE_MODIFIERS: &[&str] = &[
    "distribution",
    "fulfilment",
    "fulfillment",
    "sorting",
    "delivery",
    "assembly",
    "car",
    "steel",
    "main",
    "flagship",
    "call",
    "processing",
    "manufacturing",
];

/// Verbs before "by X" that make X an employer: "employed by Norbridge", "run by Norbridge".
const EMPLOYING_VERBS: &[&str] = &[
    "employed",
    "run",
    "owned",
    "operated",
    "managed",
    "hired",
    "contracted",
    "bought",
    "acquired",
];

/// Whether the words around a single unknown name put it in an employer's slot:
/// "Acme's machinists", "contractor Norbridge", "employed by Norbridge", "Portline workers".
fn employer_context(
    doc: &Annotated<'_>,
    units: &[Unit],
    first: usize,
    after: usize,
    possessive: bool,
) -> bool {
    let word = |i: usize| units.get(i).map(|u| unit_text(doc, u).to_lowercase());
    // "Acme's 3,000 machinists".
    let mut after = after;
    while word(after).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == ',')) {
        after += 1;
    }
    let next = word(after).unwrap_or_default();
    let prev = first.checked_sub(1).and_then(word).unwrap_or_default();
    let before_prev = first.checked_sub(2).and_then(word).unwrap_or_default();
    // "Acme's Leeds warehouse", "Acme's distribution centre": a workplace after a place or
    // a word that says what is done there.
    let next2 = word(after + 1).unwrap_or_default();
    let workplace_after = |modifier: &str| {
        let placed = units.get(after).is_some_and(|u| {
            doc.gazetteer
                .lookup(unit_text(doc, u))
                .is_some_and(|k| k.kind == EntityKind::Place)
        });
        (placed || WORKPLACE_MODIFIERS.contains(&modifier))
            && (WORKPLACES.contains(&next2.as_str())
                || EMPLOYER_POSSESSIONS.contains(&next2.as_str()))
    };
    (possessive && (EMPLOYER_POSSESSIONS.contains(&next.as_str()) || workplace_after(&next)))
        // "the Acme plant", "the Acme factory".
        || (!possessive && prev == "the" && WORKPLACES.contains(&next.as_str()))
        || EMPLOYER_NOUNS.contains(&prev.as_str())
        || (prev == "by" && EMPLOYING_VERBS.contains(&before_prev.as_str()))
        || (!possessive
            && [
                "workers",
                "employees",
                "staff",
                "machinists",
                "management",
                "bosses",
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "executives",
                "shareholders",
            ]
            .contains(&next.as_str()))
        // "Acme healthcare workers", "Acme factory staff".
        || (!possessive
            && [
                "healthcare", "health", "factory", "warehouse", "plant", "retail", "port",
                "dock", "refinery", "mine", "care", "hotel", "airport", "airline", "cleaning",
                "catering", "security", "delivery", "distribution", "call", "steel",
            ]
            .contains(&next.as_str())
            && ["workers", "employees", "staff"].contains(&next2.as_str()))
}

/// "X, 34, ...", "X, a nurse ...", "said X", "X said": the words around make X a person.
fn person_context(doc: &Annotated<'_>, units: &[Unit], after: usize, first: usize) -> bool {
    let word = |i: usize| units.get(i).map(|u| unit_text(doc, u)).unwrap_or("");
    let next = word(after);
    let next2 = word(after + 1);
    let prev = if first > 0 { word(first - 1) } else { "" };
    let before_comma = first.checked_sub(2).map_or("", word);
    // "Secretary General": a role word with "General" after it.
    let role_before_comma = doc.gazetteer.is_role_word(before_comma)
        || (before_comma == "General"
            && doc
                .gazetteer
                .is_role_word(first.checked_sub(3).map_or("", word)));
    // "social worker Ann Kowe was": a role in lower case just before a two-word name.
    let role_before = after == first + 2
        && prev.starts_with(|c: char| c.is_lowercase())
        && doc.gazetteer.is_role_word(prev);
    role_before
        || (next == "," && (next2.chars().all(|c| c.is_ascii_digit()) && !next2.is_empty()))
        // "Secretary General, Ama Osei, said": a name set off after a role.
        || (prev == "," && next == "," && role_before_comma)
        || (next == "," && ["a", "an", "the", "who"].contains(&next2) && !body_apposition(doc, units, after))
        || (next == "," && role_apposition(doc, units, after + 1))
        || ["said", "says", "added", "told", "explained", "insisted"].contains(&next)
        || ["said", "says", "added"].contains(&prev)
}

/// A role set off after a name without an article: "X, branch secretary of the union,",
/// "X, the union's regional organiser," is read by the article rule; this one reads
/// "X, Acme's site convenor," and "X, chief executive of Acme,". The words up to the next
/// comma open with a lower-case word or a possessive and hold a role word in lower case.
fn role_apposition(doc: &Annotated<'_>, units: &[Unit], start: usize) -> bool {
    let Some(first) = units.get(start).map(|u| unit_text(doc, u)) else {
        return false;
    };
    let opens = first.starts_with(|c: char| c.is_lowercase())
        || first.ends_with("'s")
        || first.ends_with("’s");
    if !opens {
        return false;
    }
    let mut role = false;
    for u in units.iter().skip(start).take(8) {
        let w = unit_text(doc, u);
        if w == "," {
            return role;
        }
        if [".", ";", ":", "said", "says", "and"].contains(&w) {
            return false;
        }
        role |= w.starts_with(|c: char| c.is_lowercase()) && doc.gazetteer.is_role_word(w);
    }
    false
}

/// Groups found names into entities and records every mention.
fn group(doc: &mut Annotated<'_>, found: Vec<Found>, definitions: &[(String, String)]) {
    let mut g = Grouping::default();
    let mut mentions: Vec<(Span, EntityId)> = Vec::new();
    // Full names first, so short forms can find them wherever they occur.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].short, found[i].span.start));
    let mut pending_short = Vec::new();
    // The work grouping may take: what the article has left.
    let budget = doc.work_left();
    for i in order {
        if g.steps.get() > budget {
            break;
        }
        let f = &found[i];
        if f.short {
            pending_short.push(i);
            continue;
        }
        let key = g.keys.of(&f.form);
        if key.is_empty() {
            continue;
        }
        let surface = doc.slice(f.span).to_owned();
        let id = match g
            .find(f.kind, &key)
            .or_else(|| g.prefix_match(f, &key))
            .or_else(|| g.suffix_match(f, &key))
        {
            Some(id) => id,
            None => g.push(new_entity(f)),
        };
        if key.split(' ').count() > g.name_keys[id].split(' ').count()
            && f.kind != EntityKind::Person
        {
            g.rename(id, f.form.clone());
        }
        if surface != g.entities[id].name && !surface.is_empty() {
            g.add_alias(id, surface);
        }
        if f.form != g.entities[id].name {
            g.add_alias(id, f.form.clone());
        }
        let e = &mut g.entities[id];
        e.gender = e.gender.or(f.gender);
        mentions.push((f.span, id));
    }
    // Acronyms defined in brackets become aliases of their expansion.
    for (long, acr) in definitions {
        let key = g.keys.of(long);
        if let Some(id) = g.find_any_kind(&key) {
            g.add_alias(id, acr.clone());
        }
    }
    for i in pending_short {
        if g.steps.get() > budget {
            break;
        }
        let f = &found[i];
        let surface = doc.slice(f.span).to_owned();
        let key = g.keys.of(&f.form);
        if f.unknown {
            let as_hospital = Found {
                kind: EntityKind::Hospital,
                ..f.clone()
            };
            // A short form of a hospital or body, or a person's surname or first name
            // ("Everett" for Jane Everett), before the place.
            let short_of = g
                .prefix_match(&as_hospital, &key)
                .or_else(|| g.prefix_match(f, &key))
                .or_else(|| g.person_called(&key).filter(|_| f.fallback.is_some()));
            let id = match (short_of, f.fallback) {
                (Some(id), _) => id,
                (None, Some((kind, sub))) => match g.find(kind, &key) {
                    Some(id) => id,
                    None => g.push(new_entity(&Found {
                        kind,
                        sub,
                        short: false,
                        unknown: false,
                        ..f.clone()
                    })),
                },
                (None, None) => continue,
            };
            if surface != g.entities[id].name {
                g.add_alias(id, surface);
            }
            mentions.push((f.span, id));
            continue;
        }
        let target = match f.kind {
            EntityKind::Person => {
                // A surname (with or without title) names the one person with that surname.
                let mut matches = g.with_last_word(Who::People, &key).filter(|&id| {
                    let name_key = &g.name_keys[id];
                    g.entities[id].kind == EntityKind::Person
                        && name_key.rsplit(' ').next() == Some(&*key)
                        && name_key.contains(' ')
                });
                let all: Vec<EntityId> = matches.by_ref().take(8).collect();
                // Several people of that surname ("Tobias Orrin", then "Willa Orrin"):
                // the one named last before, as news style uses a bare surname.
                let nearest = || {
                    mentions
                        .iter()
                        .filter(|(span, id)| span.start < f.span.start && all.contains(id))
                        .max_by_key(|(span, _)| span.start)
                        .map(|&(_, id)| id)
                };
                let only_match = match all.len() {
                    1 => Some(all[0]),
                    0 => None,
                    _ => nearest(),
                };
                if let Some(id) = only_match {
                    Some(id)
                } else if let Some(id) = g.find(EntityKind::Person, &key) {
                    Some(id)
                } else if title_gender(f.form.split(' ').next().unwrap_or("")).is_some() {
                    None // a titled surname with no full name: a person of its own
                } else if let Some((kind, sub)) = f.fallback {
                    // Nobody's surname: a given name stands for the one person of that first
                    // name ("John, 60, said"), else for a person known by it alone; a place or
                    // an employer is itself.
                    let first_name = (kind == EntityKind::Person)
                        .then(|| {
                            let mut people = g.with_first_word(Who::People, &key).filter(|&id| {
                                g.entities[id].kind == EntityKind::Person
                                    && g.name_keys[id].split(' ').next() == Some(&*key)
                                    && g.name_keys[id].contains(' ')
                            });
                            let one = people.next();
                            one.filter(|_| people.next().is_none())
                        })
                        .flatten();
                    let id = match first_name.or_else(|| g.find(kind, &key)) {
                        Some(id) => id,
                        None => g.push(new_entity(&Found {
                            kind,
                            sub,
                            short: false,
                            ..f.clone()
                        })),
                    };
                    if surface != g.entities[id].name {
                        g.add_alias(id, surface);
                    }
                    mentions.push((f.span, id));
                    continue;
                } else {
                    // A bare capitalised word that names nobody in the article: an
                    // organisation or hospital short form ("the Freeman"), or nothing.
                    let short = g.with_first_word(Who::Bodies, &key).find(|&id| {
                        matches!(
                            g.entities[id].kind,
                            EntityKind::Hospital | EntityKind::Organization
                        ) && g.name_keys[id].split(' ').next() == Some(&*key)
                            && doc.gazetteer.lookup(&f.form).is_none()
                    });
                    if let Some(id) = short {
                        if surface != g.entities[id].name {
                            g.add_alias(id, surface);
                        }
                        mentions.push((f.span, id));
                    }
                    continue;
                }
            }
            _ => {
                // An acronym: its definition, initials of a named organisation, or its own.
                g.with_alias(&f.form)
                    .or_else(|| g.with_initials(EntityKind::Organization, &f.form))
                    .or_else(|| g.with_initials(EntityKind::Hospital, &f.form))
                    .or_else(|| g.find(f.kind, &key))
            }
        };
        // An acronym the text defined in brackets after a name read some other way (a
        // spelled gazetteer name): the gazetteer's meaning, if the article names it.
        let target = target.or_else(|| {
            let known = doc.gazetteer.lookup(&f.form)?;
            let key = g.keys.of(&known.name);
            g.find(known.kind, &key)
        });
        let id = match target {
            Some(id) => id,
            None => {
                if f.kind == EntityKind::Organization
                    && definitions.iter().all(|(_, a)| a != &f.form)
                    && !acronym_used_as_name(doc, f)
                {
                    continue;
                }
                g.push(new_entity(f))
            }
        };
        if surface != g.entities[id].name {
            g.add_alias(id, surface);
        }
        if f.form != g.entities[id].name && f.kind != EntityKind::Person {
            g.add_alias(id, f.form.clone());
        }
        let e = &mut g.entities[id];
        e.gender = e.gender.or(f.gender);
        mentions.push((f.span, id));
    }
    doc.spend(g.steps.get());
    // One name, one thing: a name read as a company somewhere ("workers at Oscar Hale") and
    // as a person elsewhere from its given name alone is the company throughout.
    let bodies: HashMap<&str, EntityId> = g
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Organization)
        .map(|(id, _)| (&*g.name_keys[id], id))
        .collect();
    let as_body: Vec<Option<EntityId>> = g
        .entities
        .iter()
        .enumerate()
        .map(|(id, e)| {
            (e.kind == EntityKind::Person)
                .then(|| bodies.get(&*g.name_keys[id]).copied())
                .flatten()
        })
        .collect();
    let mut entities = g.entities;
    if as_body.iter().any(Option::is_some) {
        for (_, id) in &mut mentions {
            if let Some(body) = as_body[*id] {
                *id = body;
            }
        }
        // Drop the people left without a mention, and renumber.
        let mut new_id = vec![usize::MAX; entities.len()];
        let mut kept = Vec::with_capacity(entities.len());
        for (id, e) in entities.into_iter().enumerate() {
            if as_body[id].is_none() {
                new_id[id] = kept.len();
                kept.push(e);
            }
        }
        entities = kept;
        for (_, id) in &mut mentions {
            *id = new_id[*id];
        }
    }
    mentions.sort_by_key(|(s, _)| *s);
    mentions.dedup();
    for &(span, id) in &mentions {
        entities[id].mentions.push(span);
    }
    for e in &mut entities {
        let name = e.name.clone();
        e.aliases.remove(&name);
    }
    doc.extraction.entities = entities;
    doc.mentions = mentions;
}

/// The entities of one article while its names are grouped, indexed by the key of every
/// name and alias: grouping looks each found name up among all of them.
#[derive(Default)]
struct Grouping {
    keys: Keys,
    entities: Vec<Entity>,
    /// The key of each entity's name, beside `entities`.
    name_keys: Vec<Rc<str>>,
    /// (kind, key of a name or alias) -> the first entity holding it. Names and aliases are
    /// only ever added (a replaced name stays as an alias), so an entry never goes stale.
    holders: HashMap<(EntityKind, Rc<str>), EntityId>,
    /// First and last word of every name key an entity has had -> the entities, in order:
    /// the short-form matches look among these, not through every entity.
    /// (Keyed by hashes, not strings: a lookup allocates nothing, and callers check what
    /// they find.)
    /// (One pair of maps for people, one for bodies: a hundred people named Ann are no
    /// candidates for a short form of a hospital.)
    by_first_word: [HashMap<u64, Vec<EntityId>>; 2],
    by_last_word: [HashMap<u64, Vec<EntityId>>; 2],
    /// Every alias as written -> the entities holding it.
    by_alias: HashMap<u64, Vec<EntityId>>,
    /// (kind, initials of a name an organisation or hospital has had) -> the entities.
    by_initials: HashMap<(EntityKind, u64), Vec<EntityId>>,
    /// Whether the indexes above are kept (from [`INDEX_FROM`] entities on).
    indexed: bool,
    /// Candidates looked at so far: work, counted against the article's budget.
    steps: std::cell::Cell<u64>,
}

/// Which entities a word index files.
#[derive(Debug, Clone, Copy)]
enum Who {
    People = 0,
    Bodies = 1,
}

/// How many entities an article must have before grouping keeps indexes of their words:
/// below it, a pass over them all is quicker.
const INDEX_FROM: usize = 48;

/// Entities that may hold a word: every one of a small article's, or those an index files.
enum Candidates<'g> {
    All(std::ops::Range<usize>, &'g std::cell::Cell<u64>),
    Filed(std::slice::Iter<'g, EntityId>, &'g std::cell::Cell<u64>),
}

impl Iterator for Candidates<'_> {
    type Item = EntityId;

    fn next(&mut self) -> Option<EntityId> {
        let (next, steps) = match self {
            Candidates::All(range, steps) => (range.next(), steps),
            Candidates::Filed(ids, steps) => (ids.next().copied(), steps),
        };
        // Each candidate looked at is a step of the article's work.
        steps.set(steps.get().saturating_add(1));
        next
    }
}

/// A hash of the characters of a string (the same for a word and for the initials of a
/// name that spell it).
fn chars_hash(chars: impl Iterator<Item = char>) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    for c in chars {
        hasher.write_u32(c as u32);
    }
    hasher.finish()
}

impl Grouping {
    fn push(&mut self, entity: Entity) -> EntityId {
        let id = self.entities.len();
        let key = self.keys.of(&entity.name);
        if !self.indexed && id + 1 >= INDEX_FROM {
            self.build_indexes();
        }
        self.index_words(entity.kind, &key, id);
        self.index_initials(entity.kind, &entity.name, id);
        self.index(entity.kind, key.clone(), id);
        for alias in &entity.aliases {
            let alias_key = self.keys.of(alias);
            self.index(entity.kind, alias_key, id);
            self.index_alias(alias, id);
        }
        self.name_keys.push(key);
        self.entities.push(entity);
        id
    }

    /// Files every entity so far under the words, aliases and initials of every name it has
    /// had: from now on lookups go through the indexes.
    fn build_indexes(&mut self) {
        self.indexed = true;
        for id in 0..self.entities.len() {
            let kind = self.entities[id].kind;
            let forms: Vec<String> = std::iter::once(self.entities[id].name.clone())
                .chain(self.entities[id].aliases.iter().cloned())
                .collect();
            for form in &forms {
                let key = self.keys.of(form);
                self.index_words(kind, &key, id);
                self.index_initials(kind, form, id);
            }
            for alias in forms.iter().skip(1) {
                self.index_alias(alias, id);
            }
        }
    }

    /// Files the entity under the first and last words of a name key it has had.
    fn index_words(&mut self, kind: EntityKind, key: &str, id: EntityId) {
        if !self.indexed {
            return;
        }
        let who = match kind {
            EntityKind::Person => Who::People,
            EntityKind::Organization | EntityKind::Hospital => Who::Bodies,
            EntityKind::Place => return,
        };
        for (word, map) in [
            (key.split(' ').next(), &mut self.by_first_word[who as usize]),
            (key.rsplit(' ').next(), &mut self.by_last_word[who as usize]),
        ] {
            let ids = map
                .entry(chars_hash(word.unwrap_or_default().chars()))
                .or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }

    /// The entities whose name may have begun with `word`, in order: a superset to check
    /// against `name_keys` (a renamed entity stays under its old first word too; a small
    /// article's entities are all listed, which is quicker than keeping an index).
    fn with_first_word(&self, who: Who, word: &str) -> Candidates<'_> {
        self.candidates(&self.by_first_word[who as usize], word)
    }

    /// The same, for the last word of a name.
    fn with_last_word(&self, who: Who, word: &str) -> Candidates<'_> {
        self.candidates(&self.by_last_word[who as usize], word)
    }

    fn candidates<'g>(
        &'g self,
        index: &'g HashMap<u64, Vec<EntityId>>,
        word: &str,
    ) -> Candidates<'g> {
        if !self.indexed {
            return Candidates::All(0..self.entities.len(), &self.steps);
        }
        Candidates::Filed(
            index
                .get(&chars_hash(word.chars()))
                .map_or(&[][..], Vec::as_slice)
                .iter(),
            &self.steps,
        )
    }

    fn index(&mut self, kind: EntityKind, key: Rc<str>, id: EntityId) {
        let holder = self.holders.entry((kind, key)).or_insert(id);
        *holder = (*holder).min(id);
    }

    fn add_alias(&mut self, id: EntityId, alias: String) {
        if self.entities[id].aliases.contains(&alias) {
            return;
        }
        let key = self.keys.of(&alias);
        self.index(self.entities[id].kind, key, id);
        self.index_alias(&alias, id);
        self.entities[id].aliases.insert(alias);
    }

    fn index_alias(&mut self, alias: &str, id: EntityId) {
        if !self.indexed {
            return;
        }
        self.by_alias
            .entry(chars_hash(alias.chars()))
            .or_default()
            .push(id);
    }

    /// The first entity with this alias, as written.
    fn with_alias(&self, alias: &str) -> Option<EntityId> {
        if !self.indexed {
            return self.entities.iter().position(|e| e.aliases.contains(alias));
        }
        self.by_alias
            .get(&chars_hash(alias.chars()))?
            .iter()
            .copied()
            .filter(|&id| self.entities[id].aliases.contains(alias))
            .min()
    }

    fn index_initials(&mut self, kind: EntityKind, name: &str, id: EntityId) {
        if self.indexed && matches!(kind, EntityKind::Organization | EntityKind::Hospital) {
            let ids = self
                .by_initials
                .entry((kind, chars_hash(initial_letters(name))))
                .or_default();
            ids.push(id);
        }
    }

    /// The first entity of `kind` whose name has these initials ("NTUC").
    fn with_initials(&self, kind: EntityKind, form: &str) -> Option<EntityId> {
        if !self.indexed {
            return self
                .entities
                .iter()
                .position(|e| e.kind == kind && initial_letters(&e.name).eq(form.chars()));
        }
        self.by_initials
            .get(&(kind, chars_hash(form.chars())))?
            .iter()
            .copied()
            // A renamed entity stays filed under its old initials.
            .filter(|&id| initials(&self.entities[id].name) == form)
            .min()
    }

    /// Gives an entity a fuller name; the old one becomes an alias.
    fn rename(&mut self, id: EntityId, name: String) {
        let key = self.keys.of(&name);
        self.index_words(self.entities[id].kind, &key, id);
        self.index_initials(self.entities[id].kind, &name, id);
        self.index(self.entities[id].kind, key.clone(), id);
        self.name_keys[id] = key;
        let old = std::mem::replace(&mut self.entities[id].name, name);
        self.index_alias(&old, id);
        self.entities[id].aliases.insert(old);
    }

    /// The first entity of `kind` with a name or alias of this key.
    fn find(&self, kind: EntityKind, key: &Rc<str>) -> Option<EntityId> {
        self.holders.get(&(kind, key.clone())).copied()
    }

    /// The first entity of any kind with a name or alias of this key.
    fn find_any_kind(&self, key: &Rc<str>) -> Option<EntityId> {
        [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Hospital,
            EntityKind::Place,
        ]
        .into_iter()
        .filter_map(|kind| self.find(kind, key))
        .min()
    }

    /// The one person whose full name ends with `key` (a surname), else the one whose
    /// full name begins with it (a first name).
    fn person_called(&self, key: &str) -> Option<EntityId> {
        let only = |ids: Box<dyn Iterator<Item = EntityId> + '_>| {
            let mut ids: Vec<EntityId> = ids.collect();
            ids.sort_unstable();
            ids.dedup();
            (ids.len() == 1).then(|| ids[0])
        };
        let multi_word = |id: EntityId| {
            self.entities[id].kind == EntityKind::Person && self.name_keys[id].contains(' ')
        };
        only(Box::new(self.with_last_word(Who::People, key).filter(
            move |&id| multi_word(id) && self.name_keys[id].rsplit(' ').next() == Some(key),
        )))
        .or_else(|| {
            only(Box::new(self.with_first_word(Who::People, key).filter(
                move |&id| multi_word(id) && self.name_keys[id].split(' ').next() == Some(key),
            )))
        })
    }

    /// A hospital named without its first words: "Westbury Hospital" for "Royal
    /// Westbury Hospital" (and the other way round). The shorter name keeps a word of its
    /// own before the cue, so "General Hospital" is no one's short form.
    fn suffix_match(&self, f: &Found, key: &str) -> Option<EntityId> {
        const GENERIC: &[&str] = &[
            "general",
            "university",
            "district",
            "royal",
            "community",
            "county",
            "city",
            "memorial",
            "teaching",
            "children's",
            "women's",
            "st",
            "saint",
            "the",
        ];
        if f.kind != EntityKind::Hospital {
            return None;
        }
        let words: Vec<&str> = key.split(' ').collect();
        let last = *words.last()?;
        let ends_with = |long: &[&str], short: &[&str]| {
            long.len() > short.len()
                && short.len() >= 2
                && long.ends_with(short)
                && !GENERIC.contains(&short[0])
        };
        self.with_last_word(Who::Bodies, last).find(|&id| {
            let full: Vec<&str> = self.name_keys[id].split(' ').collect();
            self.entities[id].kind == EntityKind::Hospital
                && (ends_with(&full, &words) || ends_with(&words, &full))
        })
    }

    /// A short form of an organisation or hospital named in full elsewhere in the article:
    /// "Northvale NHS" for "Northvale NHS Foundation Trust", "St James's" for "St James's
    /// University Hospital". The extra words must be the kind of words that end such names.
    fn prefix_match(&self, f: &Found, key: &str) -> Option<EntityId> {
        const TAIL_WORDS: &[&str] = &[
            "nhs",
            "foundation",
            "trust",
            "university",
            "hospital",
            "hospitals",
            "healthcare",
            "teaching",
            "general",
            "infirmary",
            "health",
            "board",
            "airport",
        ];
        if !matches!(
            f.kind,
            EntityKind::Organization | EntityKind::Hospital | EntityKind::Person
        ) {
            return None;
        }
        let mut words: Vec<&str> = key.split(' ').collect();
        // "Riverside hospital" for "Riverside University Hospital": compare without the cue.
        if f.kind == EntityKind::Hospital
            && words.len() >= 2
            && words
                .last()
                .is_some_and(|w| ["hospital", "infirmary"].contains(w))
        {
            words.pop();
        }
        // A name without the words that end such names; `None` when nothing is left or
        // nothing was taken.
        let core = |name: &[&str]| -> Option<Vec<String>> {
            let keep = name
                .iter()
                .rposition(|w| !TAIL_WORDS.contains(w))
                .map_or(0, |i| i + 1);
            (keep > 0 && keep < name.len())
                .then(|| name[..keep].iter().map(|w| (*w).to_owned()).collect())
        };
        let is_short_of = |short: &[&str], full: &[&str]| {
            full.len() > short.len()
                && full[..short.len()] == short[..]
                && full[short.len()..].iter().all(|w| TAIL_WORDS.contains(w))
                && (short.len() >= 2 || f.kind == EntityKind::Hospital)
        };
        // Either name is the other's start, so both begin with the same word.
        let first = words.first().copied().unwrap_or_default();
        self.with_first_word(Who::Bodies, first).find(|&id| {
            let (e, full) = (&self.entities[id], &self.name_keys[id]);
            if !matches!(e.kind, EntityKind::Organization | EntityKind::Hospital)
                || e.kind != f.kind && f.kind != EntityKind::Person
            {
                return false;
            }
            let full_words: Vec<&str> = full.split(' ').collect();
            is_short_of(&words, &full_words)
                || (f.kind == e.kind && is_short_of(&full_words, &words))
                // "Northby and Cragg Trust" for "Northby and Cragg Teaching Hospitals
                // NHS Foundation Trust": one place's name before two sets of end words.
                || (f.kind == e.kind
                    && words.len() >= 2
                    && full_words.len() >= 2
                    && core(&words).is_some_and(|c| Some(c) == core(&full_words)))
        })
    }
}

/// [`name_key`], remembered: grouping keys the same few strings again and again.
#[derive(Default)]
struct Keys(HashMap<String, Rc<str>>);

impl Keys {
    fn of(&mut self, name: &str) -> Rc<str> {
        if let Some(key) = self.0.get(name) {
            return key.clone();
        }
        let key: Rc<str> = name_key(name).into();
        self.0.insert(name.to_owned(), key.clone());
        key
    }
}

/// A new entity for a name found in the text.
fn new_entity(f: &Found) -> Entity {
    Entity {
        kind: f.kind,
        sub: f.sub,
        name: untitled(f),
        aliases: BTreeSet::new(),
        mentions: Vec::new(),
        gender: f.gender,
    }
}

/// A person's name without the title before it ("Dr Ann Lee" is "Ann Lee"); the titled
/// form stays an alias.
fn untitled(f: &Found) -> String {
    if f.kind != EntityKind::Person {
        return f.form.clone();
    }
    let mut words: Vec<&str> = f.form.split(' ').collect();
    while words.len() > 2 && title_gender(words[0].trim_end_matches('.')).is_some() {
        words.remove(0);
    }
    words.join(" ")
}

/// Whether an undefined acronym acts as an organisation: it says, calls, represents, or
/// has members and spokespeople ("the GMB said", "GMB members", "a WMAS spokesman").
fn acronym_used_as_name(doc: &Annotated<'_>, f: &Found) -> bool {
    // "CEGEPs", "GPs": a plural is a class of things, not one body.
    if f.form.ends_with('s') {
        return false;
    }
    // "CEGEPs", "GPs": a plural is a class of things, not one body.
    if f.form.ends_with('s') {
        return false;
    }
    // "CEGEPs", "GPs": a plural is a class of things, not one body.
    if f.form.ends_with('s') {
        return false;
    }
    let after = doc.text[f.span.end..].trim_start();
    let before = doc.text[..f.span.start].trim_end();
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    [
        "said",
        "says",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "members",
        "member",
        "rep",
        "official",
        "officials",
        "has",
        "have",
        "is",
        "was",
        "wants",
        "will",
        "press",
        "regional",
        "general",
        "national",
        "branch",
        "union",
        "leader",
        "leaders",
        "chief",
    ]
    .contains(&next)
        || after.starts_with("and ")
        || [
            "the",
            "by",
            "according to",
            "of",
            "with",
            "from",
            "and",
            "between",
            "against",
            "for",
        ]
        .iter()
        .any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '\n']))
        })
}

/// "Northvale Trades Union Council" -> "NTUC".
fn initials(name: &str) -> String {
    initial_letters(name).collect()
}

fn initial_letters(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace()
        .filter(|w| is_capitalised(w))
        .filter_map(|w| w.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Context, Gazetteer};

    fn names(text: &str) -> Vec<(EntityKind, String, Vec<String>)> {
        let gazetteer = Gazetteer::builtin();
        let context = Context::default();
        let mut doc = Annotated::new(text, &context, &gazetteer);
        Names.run(&mut doc);
        let mut out: Vec<_> = doc
            .extraction
            .entities
            .iter()
            .map(|e| (e.kind, e.name.clone(), e.aliases.iter().cloned().collect()))
            .collect();
        out.sort();
        out
    }

    fn has(list: &[(EntityKind, String, Vec<String>)], kind: EntityKind, name: &str) -> bool {
        list.iter().any(|(k, n, _)| *k == kind && n == name)
    }

    #[test]
    fn titles_and_given_names_make_people_and_surnames_corefer() {
        let found = names("Sally Brennan spoke at the rally. Later Miss Brennan said she was tired. Dr Omar Pike agreed.");
        assert!(has(&found, EntityKind::Person, "Sally Brennan"));
        assert!(has(&found, EntityKind::Person, "Omar Pike"));
        let sally = found
            .iter()
            .find(|(_, n, _)| n == "Sally Brennan")
            .map(|(_, _, a)| a.clone())
            .unwrap_or_default();
        assert!(sally.contains(&"Miss Brennan".to_owned()), "{sally:?}");
        assert_eq!(
            found
                .iter()
                .filter(|(k, _, _)| *k == EntityKind::Person)
                .count(),
            2,
            "{found:?}"
        );
    }

    #[test]
    fn joined_words_are_compared_without_joining() {
        let words = ["Royal", "College", "of", "Nursing"];
        assert!(joined_starts_with(&words, "Royal College"));
        assert!(joined_starts_with(&words, "Royal Coll"));
        assert!(joined_starts_with(&words, "Royal College of Nursing"));
        assert!(!joined_starts_with(
            &words,
            "Royal College of Nursing Wales"
        ));
        assert!(!joined_starts_with(&words, "Royal Collegeof"));
        assert!(!joined_starts_with(&["Royal"], "Royal College"));
        assert!(joined_starts_with(&words, ""));
        assert!(!joined_starts_with(&[], "Bank"));
    }

    #[test]
    fn a_town_after_a_hospital_is_not_the_start_of_the_next_hospital() {
        let found = names("The trust runs Westbury Hospital in Leeds and Eastvale Infirmary.");
        assert!(has(&found, EntityKind::Place, "Leeds"), "{found:?}");
        assert!(
            has(&found, EntityKind::Hospital, "Eastvale Infirmary"),
            "{found:?}"
        );
        // Not after a hospital: one name.
        let found = names("Staff at Leeds and Bradford Hospital walked out.");
        assert!(
            has(&found, EntityKind::Hospital, "Leeds and Bradford Hospital"),
            "{found:?}"
        );
    }

    #[test]
    fn a_body_named_for_a_place_keeps_its_first_word_at_a_sentence_start() {
        let found = names(
            "The transport network stopped. Transport for Wales chief executive Ann Cole \
             apologised.",
        );
        assert!(
            has(&found, EntityKind::Organization, "Transport for Wales"),
            "{found:?}"
        );
    }

    #[test]
    fn a_place_after_a_body_is_its_branchs_not_part_of_its_name() {
        let found = names("Members of the Bus Drivers' Union walked out.");
        assert!(
            has(&found, EntityKind::Organization, "Bus Drivers' Union"),
            "{found:?}"
        );
        let found = names("Public Transport Union NSW secretary Ann Cole spoke.");
        assert!(
            has(&found, EntityKind::Organization, "Public Transport Union"),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Person, "Ann Cole"), "{found:?}");
        // A town after a college is part of its name.
        let found = names("Pickets stood outside University College London hospital.");
        assert!(
            has(
                &found,
                EntityKind::Hospital,
                "University College London Hospital"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn hospitals_named_for_a_place_and_health_boards_named_for_an_area() {
        let found = names("Nurses at the Royal Infirmary of Edinburgh walked out.");
        assert!(
            has(&found, EntityKind::Hospital, "Royal Infirmary of Edinburgh"),
            "{found:?}"
        );
        let found = names("Staff from NHS Lothian walked out.");
        assert!(
            has(&found, EntityKind::Organization, "NHS Lothian"),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_before_a_workplace_is_the_employer() {
        let found = names("The strike at Norbridge's Leeds warehouse began on Monday.");
        assert!(
            has(&found, EntityKind::Organization, "Norbridge"),
            "{found:?}"
        );
        let found = names("Staff at Corvex's distribution centre and the Tamlin plant walked out.");
        let stagecoach = names("Drivers employed by Stagecoach walked out.");
        let plant = names("Pickets stood at the Oscar Hale plant.");
        assert!(
            has(&plant, EntityKind::Organization, "Oscar Hale"),
            "{plant:?}"
        );
        let cues = names("Pickets stood at Nortown Healthcare, Corvex Steel and Tamlin Ports.");
        for body in ["Nortown Healthcare", "Corvex Steel", "Tamlin Ports"] {
            assert!(has(&cues, EntityKind::Organization, body), "{cues:?}");
        }
        let at = names("Workers at Oscar Hale walked out. A spokesperson for Oscar Hale said so.");
        assert_eq!(
            at,
            vec![(EntityKind::Organization, "Oscar Hale".to_owned(), vec![])],
            "one name, one thing"
        );
        let history = names("It is the biggest strike in Canadian history.");
        assert!(history.is_empty(), "{history:?}");
        assert!(
            has(&stagecoach, EntityKind::Organization, "Stagecoach"),
            "a small town's name in an employer's slot, not a nationality: {stagecoach:?}"
        );
        assert!(has(&found, EntityKind::Organization, "Corvex"), "{found:?}");
        assert!(has(&found, EntityKind::Organization, "Tamlin"), "{found:?}");
        // A place before a workplace stays a place.
        let found = names("Staff at the Leeds plant walked out.");
        assert!(
            !found.iter().any(|(k, _, _)| *k == EntityKind::Organization),
            "{found:?}"
        );
    }

    #[test]
    fn initials_before_a_surname_make_a_person() {
        let found = names("Minister for Industries K.L.M. Varan met A. Selvam on Monday.");
        assert!(has(&found, EntityKind::Person, "K.L.M. Varan"), "{found:?}");
        assert!(has(&found, EntityKind::Person, "A. Selvam"), "{found:?}");
        assert!(
            is_initials("M.K.") && is_initials("A.") && !is_initials("Mr.") && !is_initials("UK")
        );
    }

    #[test]
    fn secretary_general_is_one_role_before_or_after_a_name() {
        let found = names("The union's Secretary General, Ama Osei, said so. Osei said more.");
        assert!(has(&found, EntityKind::Person, "Ama Osei"), "{found:?}");
        let found = names("Union Secretary General Kofi Mensah spoke.");
        assert!(has(&found, EntityKind::Person, "Kofi Mensah"), "{found:?}");
    }

    #[test]
    fn an_acronym_defined_as_a_meeting_or_a_law_is_not_a_body() {
        let found = names(
            "Members met at the Annual General Meeting (AGM) in May. The AGM voted. \
             The Trades Union Congress (TUC) agreed.",
        );
        assert!(!has(&found, EntityKind::Organization, "AGM"), "{found:?}");
        assert!(
            found.iter().any(|(k, n, a)| *k == EntityKind::Organization
                && (n == "TUC" || a.contains(&"TUC".to_owned()))),
            "{found:?}"
        );
    }

    #[test]
    fn an_opener_before_a_known_body_is_not_part_of_its_name() {
        let found = names("Veteran SDLP organiser Kay Bell spoke.");
        assert!(
            has(
                &found,
                EntityKind::Organization,
                "Social Democratic and Labour Party"
            ),
            "{found:?}"
        );
        // A region's compass word and a people's adjective may begin the name.
        let found = names("East Midlands Ambulance Service staff walked out.");
        assert!(
            !has(
                &found,
                EntityKind::Organization,
                "Midlands Ambulance Service"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_word_opening_a_sentence_before_a_full_name_is_not_part_of_it() {
        let found = names("Welder Nadia Quill, who has worked at the yard for years, said pay had fallen. Queen Elizabeth Hospital stayed open.");
        assert!(has(&found, EntityKind::Person, "Nadia Quill"), "{found:?}");
        assert!(
            has(&found, EntityKind::Hospital, "Queen Elizabeth Hospital"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, n, _)| n.starts_with("Welder")));
    }

    #[test]
    fn cue_words_make_hospitals_trusts_and_streets() {
        let found = names("Pickets stood outside Riverside General Hospital in Mill Lane, run by Riverside and Dale NHS Trust.");
        assert!(
            has(&found, EntityKind::Hospital, "Riverside General Hospital"),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Place, "Mill Lane"), "{found:?}");
        assert!(
            has(
                &found,
                EntityKind::Organization,
                "Riverside and Dale NHS Trust"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn coordinated_hospitals_are_two_but_a_coordinated_trust_is_one() {
        let found = names("There will be pickets at both Ashgrove and Fernley hospitals, says Ashgrove and Fernley NHS Trust.");
        assert!(
            has(&found, EntityKind::Hospital, "Ashgrove Hospital"),
            "{found:?}"
        );
        assert!(
            has(&found, EntityKind::Hospital, "Fernley Hospital"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                EntityKind::Organization,
                "Ashgrove and Fernley NHS Trust"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_list_of_places_before_a_head_word_is_one_body() {
        let found = names(
            "Porters at Northby, Eastvale and Southam NHS Foundation Trust walked out. The National Porters, Cleaners and Allied Workers Union backs them.",
        );
        for name in [
            "Northby, Eastvale and Southam NHS Foundation Trust",
            "National Porters, Cleaners and Allied Workers Union",
        ] {
            assert!(has(&found, EntityKind::Organization, name), "{found:?}");
        }
        // Names listed before one that is a body on its own stay apart.
        let found = names("Members of Unite, Unison and the Eastvale Nurses Union walked out.");
        assert!(has(&found, EntityKind::Organization, "Unite"), "{found:?}");
    }

    #[test]
    fn unknown_names_listed_after_at_are_places_and_a_union_for_a_nation_is_a_body() {
        let found = names(
            "Pickets will stand at the council's depots at Northmoor, Cragside, Eastwick and Fellgate from 6am.",
        );
        for place in ["Northmoor", "Cragside", "Eastwick", "Fellgate"] {
            assert!(has(&found, EntityKind::Place, place), "{found:?}");
        }
        let found = names("Talks with Unite Wales had failed.");
        assert!(
            has(&found, EntityKind::Organization, "Unite Wales"),
            "{found:?}"
        );
    }

    #[test]
    fn a_bare_surname_shared_by_two_people_is_the_one_named_last_and_a_role_before_a_name_makes_a_person(
    ) {
        let gazetteer = Gazetteer::builtin();
        let ex = crate::extract::extract(
            "Nurse Tobias Orrin brought his son. Orrin said he would stay. His daughter Willa Orrin slept.",
            &Context::default(),
            &gazetteer,
        );
        let people: Vec<&str> = ex
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(
            people,
            vec!["Tobias Orrin", "Willa Orrin"],
            "{:?}",
            ex.entities
        );
        let found = names("Acme medical social worker Marisol Kowe was on the picket line.");
        assert!(has(&found, EntityKind::Person, "Marisol Kowe"), "{found:?}");
    }

    #[test]
    fn a_trust_named_three_ways_is_one_trust() {
        let gazetteer = Gazetteer::builtin();
        let ex = crate::extract::extract(
            "Scientists at the Northby and Cragg Teaching Hospitals Foundation Trust voted to strike. The union said the Northby and Cragg Trust was to blame. A spokesperson for Northby and Cragg Teaching Hospitals NHS Foundation Trust said plans were in place.",
            &Context::default(),
            &gazetteer,
        );
        let bodies: Vec<&str> = ex
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(bodies.len(), 1, "{bodies:?}");
    }

    #[test]
    fn an_opener_that_begins_a_known_place_stays_with_it() {
        let found =
            names("Everyone needs a new deal.\n\nNew Orleans Mayor Ann Kowe joined pickets.");
        assert!(has(&found, EntityKind::Place, "New Orleans"), "{found:?}");
        assert!(!has(&found, EntityKind::Place, "Orleans"), "{found:?}");
    }

    #[test]
    fn a_small_places_name_before_its_drivers_is_their_employer() {
        // "Boronda" is also a small town in California.
        let found = names("Hundreds of Boronda drivers will walk out.");
        assert!(!has(&found, EntityKind::Place, "Boronda"), "{found:?}");
    }

    #[test]
    fn acronyms_in_brackets_are_aliases() {
        let found = names(
            "The Northfield Ambulance Service (NAS) said crews would strike. NAS bosses agreed.",
        );
        let nas = found
            .iter()
            .find(|(_, n, _)| n == "Northfield Ambulance Service")
            .map(|(_, _, a)| a.clone());
        assert_eq!(nas, Some(vec!["NAS".to_owned()]), "{found:?}");
    }

    #[test]
    fn the_gazetteer_names_national_bodies_and_places() {
        let found = names("Members of the BMA in Yorkshire walked out.");
        assert!(
            has(
                &found,
                EntityKind::Organization,
                "British Medical Association"
            ),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Place, "Yorkshire"), "{found:?}");
    }

    #[test]
    fn sentence_openers_are_not_names() {
        let found = names("Operations were cancelled. Junior doctors struck. The junior staff and operations team met.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_local_branch_of_a_party_is_the_party() {
        let found = names("One supporter, Brighton Labour Party organiser Jo Kemp, spoke.");
        assert!(
            has(&found, EntityKind::Organization, "Labour Party"),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Place, "Brighton"), "{found:?}");
    }

    #[test]
    fn an_unexpanded_acronym_in_an_organisations_slot_is_one() {
        let found = names("Talks between the union and NORCA broke down again.");
        assert!(has(&found, EntityKind::Organization, "NORCA"), "{found:?}");
        // A plural is a class of things, not a body.
        let found = names("Staff at CEGEPs and schools walked out.");
        assert!(!found.iter().any(|(_, n, _)| n == "CEGEPs"), "{found:?}");
    }

    #[test]
    fn a_foreign_town_is_a_place_by_the_world_list_or_by_context() {
        let found = names("Pickets gathered outside the plant in Everett, Washington, on Friday.");
        assert!(has(&found, EntityKind::Place, "Everett"), "{found:?}");
        assert!(has(&found, EntityKind::Place, "Washington"), "{found:?}");
        // Large places need no preposition; a state by its news-agency abbreviation.
        let found = names("Quebec nurses joined teachers from Burbank, Calif. on the line.");
        assert!(has(&found, EntityKind::Place, "Quebec"), "{found:?}");
        assert!(has(&found, EntityKind::Place, "California"), "{found:?}");
        // A small place unknown to any list, after "in".
        let found = names("Nurses in Llanfaredd struck.");
        assert!(has(&found, EntityKind::Place, "Llanfaredd"), "{found:?}");
        // A part of a place.
        let found = names("The porter works at a hospital in east London.");
        assert!(has(&found, EntityKind::Place, "east London"), "{found:?}");
    }

    #[test]
    fn a_place_name_that_is_someones_surname_is_that_person() {
        let found = names("Kate Sheffield, a nurse, spoke. Later Sheffield said she was tired.");
        assert!(
            has(&found, EntityKind::Person, "Kate Sheffield"),
            "{found:?}"
        );
        assert!(!has(&found, EntityKind::Place, "Sheffield"), "{found:?}");
    }

    #[test]
    fn an_employer_by_the_words_around_it() {
        let found =
            names("Cleaners employed by Norbridge walked out, and Acme's 3,000 machinists too.");
        assert!(
            has(&found, EntityKind::Organization, "Norbridge"),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Organization, "Acme"), "{found:?}");
        // A nationality before "workers" is not an employer.
        let found = names("The strike is for Nigerian workers.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_role_in_capitals_between_a_body_and_a_person() {
        let found = names("Riverside High School Principal Ann Cole closed the school. First Minister Zoltan Brae spoke.");
        assert!(
            has(&found, EntityKind::Organization, "Riverside High School"),
            "{found:?}"
        );
        assert!(has(&found, EntityKind::Person, "Ann Cole"), "{found:?}");
        assert!(has(&found, EntityKind::Person, "Zoltan Brae"), "{found:?}");
        assert!(
            !found.iter().any(|(_, n, _)| n.contains("Minister")),
            "{found:?}"
        );
    }

    #[test]
    fn a_first_name_alone_where_the_words_say_person() {
        let found = names("\"We all knew it,\" says Bruno, a welder at the yard.");
        assert!(has(&found, EntityKind::Person, "Bruno"), "{found:?}");
        // ... or the one person of that first name.
        let found = names("Peter Marsh is a paramedic. Peter, 60, said it was hard.");
        let john = found
            .iter()
            .filter(|(k, _, _)| *k == EntityKind::Person)
            .count();
        assert_eq!(john, 1, "{found:?}");
    }

    #[test]
    fn french_union_names_run_through_their_small_words() {
        let found = names(
            "Members of the Syndicat des infirmières de la région de Lyon and the CGT struck.",
        );
        assert!(
            has(
                &found,
                EntityKind::Organization,
                "Syndicat des infirmières de la région de Lyon"
            ),
            "{found:?}"
        );
        assert!(!has(&found, EntityKind::Place, "Laval"), "{found:?}");
    }

    #[test]
    fn a_bracketed_acronym_means_what_the_text_says() {
        let found = names("The Trade Union Congress (TUC) of Ghana met. The TUC said no.");
        let tuc = found
            .iter()
            .find(|(_, _, aliases)| aliases.contains(&"TUC".to_owned()))
            .map(|(_, n, _)| n.as_str());
        assert_eq!(tuc, Some("Trade Union Congress"), "{found:?}");
    }

    #[test]
    fn a_union_local_by_its_number() {
        let found = names("Members of UAW Local 900 and IAM 305 walked out.");
        assert!(
            has(&found, EntityKind::Organization, "UAW Local 900"),
            "{found:?}"
        );
        assert!(
            has(&found, EntityKind::Organization, "IAM 305"),
            "{found:?}"
        );
    }
}
