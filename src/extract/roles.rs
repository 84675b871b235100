//! Roles: what people are and whom they work for, from the phrases news wraps names in.
//!
//! - a role before the name: "Health Secretary Alan Marsh", "Oncology registrar Dr X";
//! - a role phrase before the name and a comma: "BMA member for Y Trust, Dr X, said";
//! - an apposition after the name: "X, a urology registrar at Y Hospital, said",
//!   "X, 34, a nurse from Rotherham", "X, NTUC press officer, said";
//! - "who grew up in Z", "from Z": where a person is from;
//! - titles: "Cllr X" is a councillor.
//!
//! An organisation inside the phrase is the employer (`worksFor`), or the body the person
//! belongs to (`memberOf`) when the role is "member" or the body is a party.

use super::{
    window, Annotated, Component, EntityId, EntityKind, Property, SubKind, Subject, Value,
};
use crate::text::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

pub struct Roles;

/// Words that end a role phrase when read backwards from a name.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "by",
    "with",
    "to",
    "from",
    "at",
    "on",
    "in",
    "of",
    "for",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "while",
    "said",
    "says",
    "say",
    "told",
    "added",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "not",
    "this",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "something",
    "someone",
    "anyone",
    "everyone",
    "nobody",
    "according",
    "including",
    "like",
    "than",
    "then",
    "so",
    "if",
    "because",
    "after",
    "before",
    "since",
    "until",
    "about",
    "against",
    "over",
    "under",
    "between",
    "among",
    "during",
    "outside",
    "inside",
    "near",
    "into",
    "onto",
    "upon",
    "via",
    "per",
    "also",
    "even",
    "only",
    "just",
    "calls",
    "called",
    "urged",
    "asked",
    "thanked",
    "criticised",
    "met",
    "wrote",
];

/// Roles a union's members hold among their fellows rather than as its staff.
const LAY_ROLES: &[&str] = &[
    "rep",
    "reps",
    "representative",
    "steward",
    "convenor",
    "convener",
    "delegate",
];

/// Roles that belong to a union (its officials and its lay officers): with no body named
/// beside them, the union the article is about.
const UNION_ROLES: &[&str] = &[
    "general secretary",
    "branch secretary",
    "regional secretary",
    "national officer",
    "regional officer",
    "regional organiser",
    "regional organizer",
    "national organiser",
    "organiser",
    "organizer",
    "shop steward",
    "steward",
    "convenor",
    "convener",
    "rep",
    "union rep",
    "union representative",
    "union official",
    "union leader",
    "official",
];

/// Roles that are memberships rather than jobs: no `jobTitle`, and `memberOf` the body.
const MEMBERSHIP_WORDS: &[&str] = &["member", "members", "supporter", "activist", "campaigner"];

/// Words that end an apposition after a name.
const APPOSITION_ENDS: &[&str] = &[
    ",",
    ";",
    " said",
    " says",
    " told",
    " added",
    " explained",
    " insisted",
    " warned",
    " who ",
    " has ",
    " had ",
    " is ",
    " was ",
    " will ",
    " would ",
    " and said",
    ":",
];

/// Finds the first of [`APPOSITION_ENDS`] in one pass (this runs for every comma after a
/// person's name).
static APPOSITION_END: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(APPOSITION_ENDS)
        .expect("valid patterns")
});

impl Component for Roles {
    fn name(&self) -> &'static str {
        "roles"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        let people: Vec<(Span, EntityId)> = doc
            .mentions
            .iter()
            .copied()
            .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Person)
            .collect();
        for &(span, person) in &people {
            let Some(s) = doc.layout.sentence_at(span.start) else {
                continue;
            };
            // The sentence around the name, up to a few hundred bytes each side: every rule
            // here reads a clause or two, and a sentence without an end is not one.
            let sentence = window(doc.text, doc.layout.sentences[s].span, span.start, 400, 0).join(
                window(doc.text, doc.layout.sentences[s].span, span.end, 0, 400),
            );
            let surface = doc.slice(span);
            if surface.starts_with("Cllr") || surface.starts_with("Councillor") {
                add_role(doc, person, "councillor", sentence, "title");
            }
            role_before(doc, person, span, sentence);
            role_after(doc, person, span, sentence);
        }
        lede_role(doc);
        shared_roles(doc, &people);
        union_roles(doc);
    }
}

fn add_role(
    doc: &mut Annotated<'_>,
    person: EntityId,
    role: &str,
    evidence: Span,
    rule: &'static str,
) {
    let role = role.trim().to_lowercase();
    if role.is_empty() || role.split_whitespace().count() > 8 {
        return;
    }
    // A plural head ("presidents of the two unions") names each one's role.
    let brief = [" of ", " for "].iter().filter_map(|p| role.find(p)).min();
    let role = match brief {
        Some(at) => format!("{}{}", singular_role(&role[..at]), &role[at..]),
        None => singular_role(&role),
    };
    doc.add_fact(
        Subject::Entity(person),
        Property::JobTitle,
        Value::Text(role),
        rule,
        evidence,
    );
}

/// "presidents" -> "president"; a role word ending in s ("boss") stays.
fn singular_role(role: &str) -> String {
    match role.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && stem.len() > 2 && !role.ends_with("ss") => {
            stem.to_owned()
        }
        _ => role.to_owned(),
    }
}

/// Links a person to an organisation or hospital named with their role.
fn add_affiliation(
    doc: &mut Annotated<'_>,
    person: EntityId,
    org: EntityId,
    role: &str,
    evidence: Span,
    rule: &'static str,
) {
    let e = doc.entity(org);
    // A lay representative (a rep, a steward, a convenor) is a member of the union and
    // speaks for it: both.
    if e.kind == EntityKind::Organization
        && e.sub == Some(SubKind::Union)
        && (role.split_whitespace().any(|w| {
            // "representatives", "stewards": each of them one.
            LAY_ROLES.contains(&w) || w.strip_suffix('s').is_some_and(|w| LAY_ROLES.contains(&w))
        }) || ["branch ", "local ", "shop "]
            .iter()
            .any(|b| role.contains(b)))
    {
        for property in [Property::MemberOf, Property::WorksFor] {
            doc.add_fact(
                Subject::Entity(person),
                property,
                Value::Entity(org),
                rule,
                evidence,
            );
        }
        return;
    }
    let property = match e.kind {
        EntityKind::Hospital => Property::WorksFor,
        EntityKind::Organization => {
            let member = role
                .split_whitespace()
                .any(|w| MEMBERSHIP_WORDS.contains(&w));
            if member
                || e.sub == Some(SubKind::Party)
                || (e.sub == Some(SubKind::Council) && role.contains("councillor"))
            {
                Property::MemberOf
            } else {
                Property::WorksFor
            }
        }
        _ => return,
    };
    doc.add_fact(
        Subject::Entity(person),
        property,
        Value::Entity(org),
        rule,
        evidence,
    );
}

fn is_role_head(doc: &Annotated<'_>, phrase: &str) -> bool {
    // "director of clinical operations", "core trainee in psychiatry": the head comes first.
    let head = phrase.split(" of ").next().unwrap_or(phrase);
    let head = head.split(" in ").next().unwrap_or(head);
    let head = head.split(" for ").next().unwrap_or(head);
    let head = head.strip_suffix(" there").unwrap_or(head);
    let words: Vec<String> = head.split_whitespace().map(|w| w.to_lowercase()).collect();
    let Some(last) = words.last() else {
        return false;
    };
    // "Presidents of NLC": a plural role is the role of each.
    let singular = last.strip_suffix('s').filter(|s| s.len() > 2);
    let last_two = if words.len() >= 2 {
        format!("{} {}", words[words.len() - 2], last)
    } else {
        last.clone()
    };
    doc.gazetteer.is_role_word(last)
        || doc.gazetteer.is_role_word(&last_two)
        || singular.is_some_and(|s| doc.gazetteer.is_role_word(s))
}

/// Words of `text` with their byte offsets (relative to `base`).
fn words_with_offsets(text: &str, base: usize) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '&';
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((Span::new(base + s, base + i), &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((Span::new(base + s, base + text.len()), &text[s..]));
    }
    out
}

/// "Health Secretary Alan Marsh", "GMB regional organiser Stacey X", and, with a comma,
/// "BMA member for Northvale Healthcare Trust, Dr Nadia Okafor".
fn role_before(doc: &mut Annotated<'_>, person: EntityId, name: Span, sentence: Span) {
    let before = &doc.text[sentence.start..name.start];
    let trimmed = before.trim_end();
    if let Some(head) = trimmed.strip_suffix(',') {
        // The role phrase is the clause before the comma.
        // Just after the last clause mark; the curly quotes take three bytes, not one.
        let clause_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| [',', ';', ':', '(', '"', '“', '”'].contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut clause_start = sentence.start + clause_start;
        let clause_text = &doc.text[clause_start..sentence.start + head.len()];
        // "One supporter and X spokesperson": the last conjunct; "For paramedic and Unison
        // representative, X": both, when both are roles.
        if let Some(i) = clause_text.rfind(" and ") {
            let left = Span::new(clause_start, clause_start + i);
            let left_words = words_with_offsets(doc.slice(left), left.start);
            let from = left_words
                .iter()
                .rposition(|(_, w)| FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
                .map_or(0, |k| k + 1);
            if let Some(&(first_word, _)) = left_words.get(from) {
                let conjunct = Span::new(first_word.start, left.end);
                if left_words.len() - from <= 4 && is_role_head(doc, doc.slice(conjunct)) {
                    role_phrase(doc, person, conjunct, sentence, "role-before-comma");
                }
            }
            clause_start += i + 5;
        }
        let clause = Span::new(clause_start, sentence.start + head.len());
        let text = doc.slice(clause).trim();
        // "calls on the Prime Minister": from the last verb-like preposition on, then
        // without its determiner ("The chairman of the trust").
        let words = words_with_offsets(doc.slice(clause), clause.start);
        let mut from = words
            .iter()
            .rposition(|(_, w)| ["on", "by", "from", "to", "with", "said", "says"].contains(w))
            .map_or(0, |i| i + 1);
        if words
            .get(from)
            .is_some_and(|(_, w)| ["the", "The", "a", "A", "an", "An"].contains(w))
        {
            from += 1;
        }
        let words: Vec<(Span, &str)> = words[from.min(words.len())..].to_vec();
        if words.is_empty() || words.len() > 9 || text.contains(" said") {
            return;
        }
        let phrase_span = Span::new(words[0].0.start, clause.end);
        role_phrase(doc, person, phrase_span, sentence, "role-before-comma");
        return;
    }
    // "the GMB's Ann Lowe": the body she speaks for.
    if let Some(stem) = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
    {
        let at = sentence.start + stem.len();
        let org = doc
            .mentions_before(at)
            .next()
            .filter(|&(m, e)| m.end == at && doc.entity(e).kind == EntityKind::Organization)
            .map(|(_, e)| e);
        if let Some(org) = org {
            add_affiliation(doc, person, org, "", sentence, "possessive-employer");
        }
        return;
    }
    // No comma: the words right before the name, back to a function word.
    let words = words_with_offsets(before, sentence.start);
    let mut from = words.len();
    while from > 0 {
        let (span, w) = words[from - 1];
        let lower = w.to_lowercase();
        if FUNCTION_WORDS.contains(&lower.as_str())
            || span.end + 2 < words.get(from).map_or(name.start, |n| n.0.start)
        {
            break;
        }
        from -= 1;
        if words.len() - from >= 5 {
            break;
        }
    }
    if from == words.len() {
        return;
    }
    // "Minister for Transport Jane Roe": a role in capitals and its brief, through "for".
    if from >= 2
        && matches!(words[from - 1].1, "for" | "of")
        && super::names::is_capitalised(words[from].1)
        && super::names::is_capitalised(words[from - 2].1)
        && doc.gazetteer.is_role_word(words[from - 2].1)
    {
        from -= 2;
        while from > 0
            && super::names::is_capitalised(words[from - 1].1)
            && doc.gazetteer.is_role_word(words[from - 1].1)
        {
            from -= 1;
        }
    }
    let mut phrase = Span::new(words[from].0.start, words[words.len() - 1].0.end);
    // "Transport Workers' Union NSW secretary": a body's name the phrase begins inside.
    if let Some((m, _)) = doc.mention_around(phrase.start) {
        phrase.start = m.start;
    }
    // The phrase must touch the name (only spaces between).
    if !doc.text[phrase.end..name.start].trim().is_empty() {
        return;
    }
    role_phrase(doc, person, phrase, sentence, "role-before-name");
}

/// Reads a role phrase ("GMB regional organiser", "director of clinical operations at Y",
/// "member for Z Trust") and records the job title and affiliations it gives.
fn role_phrase(
    doc: &mut Annotated<'_>,
    person: EntityId,
    phrase: Span,
    evidence: Span,
    rule: &'static str,
) {
    let text = doc.slice(phrase);
    let phrase = Span::new(
        phrase.start + (text.len() - text.trim_start().len()),
        phrase.end,
    );
    let mentions: Vec<(Span, EntityId)> = doc
        .mentions_in(phrase)
        .filter(|&(_, e)| doc.entity(e).kind != EntityKind::Person)
        .collect();
    // Role words: the phrase up to the first preposition that introduces an entity.
    let text = doc.slice(phrase);
    let mut role_end = phrase.end;
    let mut attached: Vec<EntityId> = Vec::new();
    for (prep_span, prep) in words_with_offsets(text, phrase.start) {
        if !["at", "for", "with", "of", "in", "on"].contains(&prep) {
            continue;
        }
        let rest = doc.text[prep_span.end..phrase.end].trim_start();
        let rest = rest
            .strip_prefix("the ")
            .or_else(|| rest.strip_prefix("The "))
            .unwrap_or(rest);
        let target_start = phrase.end - rest.len();
        let target = mentions
            .iter()
            .find(|(s, _)| s.start == target_start)
            .map(|&(_, e)| e)
            .or_else(|| definite_reference(doc, target_start, rest));
        if let Some(t) = target {
            role_end = role_end.min(prep_span.start);
            if prep != "in" {
                attached.push(t);
            }
        } else if prep == "at" && rest.split_whitespace().count() <= 4 {
            // "regional officer at the council": where the work is, not a part of the
            // title, even where the text does not say which council.
            role_end = role_end.min(prep_span.start);
        }
    }
    // Leading organisations ("NTUC press officer", "the NEU's district secretary").
    let lead = doc.slice(phrase);
    let determiner = ["a ", "an ", "the ", "A ", "An ", "The "]
        .iter()
        .find(|d| lead.starts_with(**d))
        .map_or(0, |d| d.len());
    let mut role_start = phrase.start + determiner;
    let mut leading = Vec::new();
    for &(s, e) in &mentions {
        // "Veteran RMT organiser": one describing word before the body may open it.
        let described = s.start > role_start + 1 && leading.is_empty() && {
            let before = doc.text[role_start..s.start].trim();
            !before.is_empty()
                && !before.contains(char::is_whitespace)
                && before.chars().all(char::is_alphabetic)
                && !doc.gazetteer.is_role_word(before)
        };
        if (s.start <= role_start + 1 || described) && s.end < role_end {
            leading.push(e);
            let after = doc.text[s.end..role_end].trim_start();
            let after = after
                .strip_prefix("'s")
                .or_else(|| after.strip_prefix("’s"))
                .unwrap_or(after);
            role_start = role_end - after.len();
        }
    }
    // "the union's national officer", "the trust's chief executive": the body last named
    // of that sort.
    if leading.is_empty() {
        let rest = doc.text[role_start.min(role_end)..role_end].trim_start();
        let noun_end = rest
            .find(['\'', '’'])
            .filter(|&i| rest[i..].starts_with("'s ") || rest[i..].starts_with("’s "));
        if let Some(i) =
            noun_end.filter(|_| determiner > 0 && lead[..determiner].eq_ignore_ascii_case("the "))
        {
            if let Some(e) = definite_reference(doc, phrase.start, &rest[..i]) {
                leading.push(e);
                role_start =
                    role_end - rest[i..].len() + if rest[i..].starts_with("'s ") { 3 } else { 5 };
            }
        }
    }
    let role_text = doc.text[role_start.min(role_end)..role_end].trim();
    let role_text = role_text
        .strip_suffix(" there")
        .or_else(|| role_text.strip_suffix(" here"))
        .unwrap_or(role_text);
    // "Union (UNN) Secretary General": what a bracket around the body leaves.
    let role_text = role_text.trim_start_matches([')', ']', ' ']);
    let role_text = role_text
        .strip_prefix("a ")
        .or_else(|| role_text.strip_prefix("an "))
        .or_else(|| role_text.strip_prefix("the "))
        .unwrap_or(role_text)
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    if !is_role_head(doc, role_text) {
        return;
    }
    let lower = role_text.to_lowercase();
    let membership = lower
        .split_whitespace()
        .any(|w| MEMBERSHIP_WORDS.contains(&w));
    if !membership {
        add_role(doc, person, &lower, evidence, rule);
    }
    for org in leading.into_iter().chain(attached) {
        let kind = doc.entity(org).kind;
        if matches!(kind, EntityKind::Organization | EntityKind::Hospital) {
            // "member for X Trust": a member of the leading body, working for X.
            let role = if membership
                && kind == EntityKind::Organization
                && doc.entity(org).sub == Some(SubKind::Trust)
            {
                "staff"
            } else {
                lower.as_str()
            };
            add_affiliation(doc, person, org, role, evidence, rule);
        }
    }
}

/// "the trust", "the infirmary", "the union": the last entity of that sort named before.
pub(crate) fn definite_reference(doc: &Annotated<'_>, at: usize, rest: &str) -> Option<EntityId> {
    let noun: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if !super::names::DEFINITE_NOUNS.contains(&noun.as_str()) {
        return None;
    }
    doc.mentions_before(at)
        .map(|(_, e)| e)
        .find(|&e| refers_to(doc, e, &noun))
}

pub(crate) fn refers_to(doc: &Annotated<'_>, e: EntityId, noun: &str) -> bool {
    let entity = doc.entity(e);
    let name = entity.name.to_lowercase();
    match noun {
        "trust" | "board" => {
            entity.sub == Some(SubKind::Trust)
                || name.ends_with(" trust")
                || name.ends_with(" board")
        }
        "union" => entity.sub == Some(SubKind::Union),
        "college" => name.contains("college"),
        "party" => entity.sub == Some(SubKind::Party),
        "council" => entity.sub == Some(SubKind::Council) || name.ends_with("council"),
        "infirmary" => entity.kind == EntityKind::Hospital && name.contains("infirmary"),
        "hospital" => entity.kind == EntityKind::Hospital,
        "department" | "government" => entity.sub == Some(SubKind::Government),
        "company" | "operator" => entity.sub == Some(SubKind::Company),
        "school" => entity.sub == Some(SubKind::School),
        "association" => name.contains("association"),
        "airport" => name.contains("airport"),
        "agency" => name.contains("agency"),
        "court" => name.contains("court"),
        "tribunal" => name.contains("tribunal"),
        "guild" => name.contains("guild"),
        "firm" => entity.sub == Some(SubKind::Company),
        "service" => name.ends_with("service"),
        _ => false,
    }
}

/// "X, a urology registrar at Y, said", "X, 26, who grew up in Z", "X, from Z,".
fn role_after(doc: &mut Annotated<'_>, person: EntityId, name: Span, sentence: Span) {
    let mut pos = name.end;
    // Skip a possessive or closing bracket right after the name.
    let rest = &doc.text[pos..sentence.end];
    if !rest.starts_with(',') {
        who_clause(doc, person, pos, sentence);
        return;
    }
    for _ in 0..3 {
        let rest = &doc.text[pos..sentence.end];
        let Some(body) = rest.strip_prefix(',') else {
            break;
        };
        let body_start = pos + 1;
        let end_rel = APPOSITION_END.find(body).map_or(body.len(), |m| m.start());
        let piece = Span::new(body_start, body_start + end_rel);
        let text = doc.slice(piece).trim();
        if text.is_empty() {
            who_clause(doc, person, piece.end, sentence);
            break;
        }
        let age = text.strip_prefix("aged ").unwrap_or(text);
        if !age.is_empty() && age.chars().all(|c| c.is_ascii_digit()) {
            // An age ("34", "aged 69"): go on to the next piece.
            pos = piece.end;
            continue;
        }
        if text.starts_with("said") || text.starts_with("says") {
            break;
        }
        // Conjuncts: "an anaesthetics registrar and BMA rep at the infirmary".
        let mut pieces = vec![piece];
        let and_at = doc.slice(piece).find(" and ").filter(|&i| {
            let at = piece.start + i + 1;
            doc.mentions
                .iter()
                .all(|(s, _)| !(s.start < at && at < s.end))
        });
        if let Some(i) = and_at {
            let left = Span::new(piece.start, piece.start + i);
            let right = Span::new(piece.start + i + 5, piece.end);
            if is_role_head(doc, role_words(doc, left))
                || doc.mentions_in(right).next().is_some()
                    && is_role_head(doc, role_words(doc, right))
            {
                pieces = vec![left, right];
            }
        }
        for p in pieces {
            // "from Z": where the person is from.
            if let Some(place) = from_place(doc, p) {
                doc.add_fact(
                    Subject::Entity(person),
                    Property::HomeLocation,
                    Value::Entity(place),
                    "from-place",
                    sentence,
                );
            }
            role_phrase(
                doc,
                person,
                trim_from_clause(doc, p),
                sentence,
                "apposition",
            );
        }
        who_clause(doc, person, piece.end, sentence);
        // A second apposition is read only after an age ("X, 34, a nurse").
        break;
    }
}

fn role_words<'a>(doc: &Annotated<'a>, span: Span) -> &'a str {
    let text = doc.slice(span);
    let cut = [" at ", " for ", " with ", " of ", " in ", " from "]
        .iter()
        .filter_map(|p| text.find(p))
        .min()
        .unwrap_or(text.len());
    &text[..cut]
}

/// A place after "from" inside the span.
fn from_place(doc: &Annotated<'_>, span: Span) -> Option<EntityId> {
    let text = doc.slice(span);
    let i = text.find("from ")?;
    let at = span.start + i + 5;
    doc.mentions_in(span)
        .find(|&(s, e)| s.start == at && doc.entity(e).kind == EntityKind::Place)
        .map(|(_, e)| e)
}

/// The span without a trailing "from Z" (and what follows).
fn trim_from_clause(doc: &Annotated<'_>, span: Span) -> Span {
    match doc.slice(span).find(" from ") {
        Some(i) => Span::new(span.start, span.start + i),
        None if doc.slice(span).starts_with("from ") => Span::new(span.start, span.start),
        None => span,
    }
}

/// The cues [`who_clause`] reads after a name: where a person works, what they are, where
/// they are from.
const JOB_CUES: &[&str] = &[
    " works at ",
    " worked at ",
    " works for ",
    " worked for ",
    " works with ",
    " based at ",
    " been at ",
    " employed at ",
    " employed by ",
];
const WHO_IS_CUES: &[&str] = &[" who has been ", " who is ", " who was "];
const HOME_CUES: &[&str] = &[
    "who grew up in ",
    "who lives in ",
    "who is from ",
    "who comes from ",
    "from ",
];

/// All of [`who_clause`]'s cues, found in one pass (overlaps included: " who is " and "who
/// is from " both count).
static WHO_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(JOB_CUES.iter().chain(WHO_IS_CUES).chain(HOME_CUES)).expect("valid patterns")
});

/// "who grew up in Z", "who lives in Z", "who is from Z": a home; "who works at Y",
/// "has worked at Y", "who has been a signaller with Y": a job.
fn who_clause(doc: &mut Annotated<'_>, person: EntityId, from: usize, sentence: Span) {
    let near = window(doc.text, sentence, from, 0, 160);
    // "Mark Dunne of SIPTU said": the body the person speaks for.
    let rest = doc.slice(Span::new(from, near.end));
    if let Some(r) = rest.strip_prefix(" of ") {
        let at = from + 4 + if r.starts_with("the ") { 4 } else { 0 };
        let body = doc
            .mentions_in(Span::new(at, near.end))
            .next()
            .filter(|&(m, e)| m.start == at && doc.entity(e).kind == EntityKind::Organization);
        if let Some((_, e)) = body {
            add_affiliation(doc, person, e, "", sentence, "person-of-body");
        }
    }
    // Where each cue first occurs after the name, as an offset from it.
    let mut first = [usize::MAX; JOB_CUES.len() + WHO_IS_CUES.len() + HOME_CUES.len()];
    for m in WHO_CUES.find_overlapping_iter(doc.slice(Span::new(from, near.end))) {
        let slot = &mut first[m.pattern().as_usize()];
        *slot = (*slot).min(m.start());
    }
    let at_cue = |k: usize| (first[k] != usize::MAX).then_some(first[k]);
    for (k, cue) in JOB_CUES.iter().enumerate() {
        let Some(i) = at_cue(k) else { continue };
        let at = from + i + cue.len();
        let rest = &doc.text[at..sentence.end];
        let skip = if rest.starts_with("the ") { 4 } else { 0 };
        let found = doc
            .mentions_in(Span::new(at + skip, sentence.end))
            .find(|&(s, _)| s.start == at + skip);
        if let Some((_, e)) = found {
            if matches!(
                doc.entity(e).kind,
                EntityKind::Organization | EntityKind::Hospital
            ) {
                doc.add_fact(
                    Subject::Entity(person),
                    Property::WorksFor,
                    Value::Entity(e),
                    "works-at",
                    sentence,
                );
            }
        }
    }
    for (k, cue) in WHO_IS_CUES.iter().enumerate() {
        let Some(i) = at_cue(JOB_CUES.len() + k).filter(|&i| i < 3) else {
            continue;
        };
        let start = from + i + cue.len();
        let clause = &doc.text[start..window(doc.text, sentence, start, 0, 400).end];
        let end = [" for ", ",", "."]
            .iter()
            .filter_map(|e| clause.find(e))
            .min()
            .map_or(start + clause.len(), |e| start + e);
        role_phrase(doc, person, Span::new(start, end), sentence, "who-is");
        // "who has been a porter for 20 years at Westbury hospital".
        let clause_end = clause
            .find([',', '.', ';'])
            .map_or(start + clause.len(), |e| start + e);
        let workplace = doc
            .mentions_in(Span::new(end, clause_end))
            .find(|&(m, e)| {
                let before = doc.text[start..m.start].trim_end();
                let before = before.strip_suffix(" the").unwrap_or(before);
                before.ends_with(" at")
                    && matches!(
                        doc.entity(e).kind,
                        EntityKind::Hospital | EntityKind::Organization
                    )
            })
            .map(|(_, e)| e);
        if let Some(e) = workplace {
            doc.add_fact(
                Subject::Entity(person),
                Property::WorksFor,
                Value::Entity(e),
                "who-is",
                sentence,
            );
        }
    }
    for (k, cue) in HOME_CUES.iter().enumerate() {
        let Some(i) = at_cue(JOB_CUES.len() + WHO_IS_CUES.len() + k) else {
            continue;
        };
        if *cue == "from " && i > 25 {
            continue;
        }
        let mut at = from + i + cue.len();
        if *cue == "from " && doc.text[at..].starts_with("the ") {
            at += 4;
        }
        let found = doc
            .mentions_in(Span::new(at, sentence.end))
            .find(|&(s, _)| s.start == at);
        if let Some((_, e)) = found {
            // "Dai Price from the Valley Bakery Company": where he works.
            if *cue == "from " && doc.entity(e).kind == EntityKind::Organization {
                add_affiliation(doc, person, e, "", sentence, "from-body");
                return;
            }
            if doc.entity(e).kind == EntityKind::Place {
                doc.add_fact(
                    Subject::Entity(person),
                    Property::HomeLocation,
                    Value::Entity(e),
                    "who-lives-in",
                    sentence,
                );
                return;
            }
        }
    }
}

/// "Presidents of NLC, Comrade Ada Obi and Comrade Musa Bello": a name coordinated
/// with the one before it shares the role written before both.
fn shared_roles(doc: &mut Annotated<'_>, people: &[(Span, EntityId)]) {
    for pair in people.windows(2) {
        let ((first, a), (second, b)) = (pair[0], pair[1]);
        let between = doc.text.get(first.end..second.start).unwrap_or_default();
        if a == b || !matches!(between.trim(), "and" | "&") {
            continue;
        }
        let has_own = |e: EntityId| {
            doc.extraction
                .facts
                .iter()
                .any(|f| f.subject == Subject::Entity(e) && f.property == Property::JobTitle)
        };
        if has_own(b) {
            continue;
        }
        let shared: Vec<(Property, Value, &'static str, Span)> = doc
            .extraction
            .facts
            .iter()
            .filter(|f| {
                f.subject == Subject::Entity(a)
                    && matches!(f.rule, "role-before-comma" | "role-before-name")
                    && f.evidence.contains(second)
            })
            .map(|f| (f.property, f.object.clone(), f.rule, f.evidence))
            .collect();
        for (property, object, rule, evidence) in shared {
            doc.add_fact(Subject::Entity(b), property, object, rule, evidence);
        }
    }
}

/// A union's officer named with no body beside the role ("General secretary Ruth
/// Mallory said", "Union rep Dan Hale") works for the union the article is about.
fn union_roles(doc: &mut Annotated<'_>) {
    let Some(union) = doc.main_union() else {
        return;
    };
    let affiliated: rustc_hash::FxHashSet<EntityId> = doc
        .extraction
        .facts
        .iter()
        .filter(|g| matches!(g.property, Property::WorksFor | Property::MemberOf))
        .filter_map(|g| match g.subject {
            Subject::Entity(e) => Some(e),
            Subject::Strike(_) => None,
        })
        .collect();
    let mut add = Vec::new();
    for f in &doc.extraction.facts {
        let (Subject::Entity(person), Property::JobTitle, Value::Text(title)) =
            (f.subject, f.property, &f.object)
        else {
            continue;
        };
        let union_role = UNION_ROLES.iter().any(|r| {
            title == r || title.ends_with(&format!(" {r}")) && title.starts_with("union ")
        });
        if union_role && !affiliated.contains(&person) {
            add.push((person, title.clone(), f.evidence));
        }
    }
    for (person, title, evidence) in add {
        add_affiliation(doc, person, union, &title, evidence, "union-role");
    }
}

/// A news lede often names a role before the person: "A junior doctor from Kent has ...",
/// then "Jane Roe delivered ...". The first person named next takes that role.
fn lede_role(doc: &mut Annotated<'_>) {
    let Some(first) = doc
        .layout
        .sentences
        .iter()
        .position(|s| !doc.boilerplate[s.paragraph])
    else {
        return;
    };
    let lede = doc.layout.sentences[first].span;
    let text = doc.slice(lede);
    let Some(body) = text.strip_prefix("A ").or_else(|| text.strip_prefix("An ")) else {
        return;
    };
    if doc
        .mentions_in(lede)
        .any(|(_, e)| doc.entity(e).kind == EntityKind::Person)
    {
        return;
    }
    let words: Vec<&str> = body.split_whitespace().take(5).collect();
    let mut role = Vec::new();
    for w in &words {
        let clean = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if FUNCTION_WORDS.contains(&clean.to_lowercase().as_str()) || clean != *w {
            if clean != *w && !clean.is_empty() {
                role.push(clean);
            }
            break;
        }
        role.push(clean);
    }
    let role = role.join(" ");
    if !is_role_head(doc, &role) {
        return;
    }
    let home = from_place(doc, lede);
    let next = doc
        .mentions
        .iter()
        .copied()
        .find(|&(s, e)| s.start > lede.end && doc.entity(e).kind == EntityKind::Person);
    let Some((span, person)) = next else { return };
    let close = doc
        .layout
        .sentence_at(span.start)
        .is_some_and(|s| s <= first + 2);
    if !close {
        return;
    }
    add_role(doc, person, &role, lede, "lede-role");
    if let Some(place) = home {
        doc.add_fact(
            Subject::Entity(person),
            Property::HomeLocation,
            Value::Entity(place),
            "lede-role",
            lede,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Context, Extraction, Gazetteer, Property, Subject, Value};

    fn facts(text: &str) -> (Extraction, Vec<(String, &'static str, String)>) {
        let gazetteer = Gazetteer::builtin();
        let ex = extract(text, &Context::default(), &gazetteer);
        let name = |v: &Value| match v {
            Value::Entity(e) => ex.entities[*e].name.clone(),
            Value::Text(t) => t.clone(),
            Value::Date(d) => d.to_string(),
        };
        let list = ex
            .facts
            .iter()
            .filter_map(|f| match f.subject {
                Subject::Entity(e) => Some((
                    ex.entities[e].name.clone(),
                    f.property.local_name(),
                    name(&f.object),
                )),
                Subject::Strike(_) => None,
            })
            .collect();
        (ex.clone(), list)
    }

    fn has(list: &[(String, &'static str, String)], s: &str, p: Property, o: &str) -> bool {
        list.iter()
            .any(|(a, b, c)| a == s && *b == p.local_name() && c == o)
    }

    #[test]
    fn apposition_gives_title_and_employer() {
        let (_, f) = facts(
            "Tom Reyes, a cardiology registrar at Westfield General Hospital, said it was hard.",
        );
        assert!(
            has(&f, "Tom Reyes", Property::JobTitle, "cardiology registrar"),
            "{f:?}"
        );
        assert!(
            has(
                &f,
                "Tom Reyes",
                Property::WorksFor,
                "Westfield General Hospital"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn role_before_the_name() {
        let (_, f) =
            facts("Transport Secretary Alan Marsh refused. Senior paramedic Owen Carr disagreed.");
        assert!(
            has(&f, "Alan Marsh", Property::JobTitle, "transport secretary"),
            "{f:?}"
        );
        assert!(
            has(&f, "Owen Carr", Property::JobTitle, "senior paramedic"),
            "{f:?}"
        );
        let (_, f) = facts("Minister for Industries Ann Lee met them.");
        assert!(
            has(&f, "Ann Lee", Property::JobTitle, "minister for industries"),
            "{f:?}"
        );
        let (_, f) = facts("The union wrote to Minister for Housing Ruth Pell seeking a meeting.");
        assert!(
            has(&f, "Ruth Pell", Property::JobTitle, "minister for housing"),
            "{f:?}"
        );
        let (_, f) =
            facts("Nigerian Union of Nurses (NUN) Secretary General, Ama Osei, said it was over.");
        assert!(
            has(&f, "Ama Osei", Property::JobTitle, "secretary general"),
            "{f:?}"
        );
        let (_, f) = facts("Unison representatives Ann Cole and Kate Moss explain why.");
        for who in ["Ann Cole", "Kate Moss"] {
            assert!(has(&f, who, Property::MemberOf, "Unison"), "{who}: {f:?}");
        }
        let (_, f) = facts("Jane Doe, Unite's regional officer at the council, said so.");
        assert!(
            has(&f, "Jane Doe", Property::JobTitle, "regional officer"),
            "{f:?}"
        );
        assert!(has(&f, "Jane Doe", Property::WorksFor, "Unite"), "{f:?}");
        let (_, f) = facts("Veteran SDLP organiser Kay Bell spoke.");
        assert!(
            has(
                &f,
                "Kay Bell",
                Property::MemberOf,
                "Social Democratic and Labour Party"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn organisation_inside_the_role_and_membership() {
        let (_, f) = facts("Jo Pike, Unison press officer, said so. Ann Hale, a Labour member of Brent Council, agreed.");
        assert!(
            has(&f, "Jo Pike", Property::JobTitle, "press officer"),
            "{f:?}"
        );
        assert!(has(&f, "Jo Pike", Property::WorksFor, "Unison"), "{f:?}");
        assert!(
            has(&f, "Ann Hale", Property::MemberOf, "Labour Party"),
            "{f:?}"
        );
        assert!(
            has(&f, "Ann Hale", Property::MemberOf, "Brent Council"),
            "{f:?}"
        );
    }

    #[test]
    fn age_and_home_town() {
        let (_, f) = facts("Mary Cole, 41, a midwife from Dudley, joined the picket.");
        assert!(has(&f, "Mary Cole", Property::JobTitle, "midwife"), "{f:?}");
        assert!(
            has(&f, "Mary Cole", Property::HomeLocation, "Dudley"),
            "{f:?}"
        );
    }

    #[test]
    fn a_curly_quote_before_a_role_clause_is_not_cut_in_half() {
        // Found by the property tests: the clause began one byte after a three-byte quote.
        for text in [
            "\u{201c}. secretary, Dr Hospital ",
            "\u{201d}Chief steward, Dr Ilsa Quennell said the talks failed.",
        ] {
            let (ex, _) = facts(text);
            for entity in &ex.entities {
                for span in &entity.mentions {
                    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                }
            }
        }
    }

    #[test]
    fn role_phrase_before_a_comma() {
        let (_, f) = facts("The petition calls on the Prime Minister, Anna Vale, to act.");
        assert!(
            has(&f, "Anna Vale", Property::JobTitle, "prime minister"),
            "{f:?}"
        );
    }

    #[test]
    fn a_role_after_the_name_in_a_trade_union() {
        let (_, f) = facts("Ann Cole, branch secretary of the GMB, said the offer was poor.");
        assert!(
            has(
                &f,
                "Ann Cole",
                Property::JobTitle,
                "branch secretary of the gmb"
            ) || has(&f, "Ann Cole", Property::JobTitle, "branch secretary"),
            "{f:?}"
        );
        assert!(has(&f, "Ann Cole", Property::WorksFor, "GMB"), "{f:?}");
    }

    #[test]
    fn a_lay_representative_is_a_member_and_speaks_for_the_union() {
        let (_, f) =
            facts("RCN representative Anne Hale, aged 61, told reporters the ward was short.");
        assert!(
            has(
                &f,
                "Anne Hale",
                Property::MemberOf,
                "Royal College of Nursing"
            ),
            "{f:?}"
        );
        assert!(
            has(
                &f,
                "Anne Hale",
                Property::WorksFor,
                "Royal College of Nursing"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_union_officer_without_a_body_works_for_the_article_union() {
        let (_, f) = facts("Unite members walked out at the depot. Branch secretary Tom Reed said: \"We are solid.\"");
        assert!(has(&f, "Tom Reed", Property::WorksFor, "Unite"), "{f:?}");
    }

    #[test]
    fn a_body_in_the_possessive_before_a_name_employs_them() {
        let (_, f) = facts("SATAWU's Amanda Nkosi said pickets were planned.");
        assert!(
            has(
                &f,
                "Amanda Nkosi",
                Property::WorksFor,
                "South African Transport and Allied Workers Union"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn coordinated_names_share_the_role_written_before_them() {
        let (_, f) = facts("In a letter signed by the presidents of the NLC, Comrade Joe Ade and Comrade Femi Ola, labour said so.");
        for who in ["Joe Ade", "Femi Ola"] {
            assert!(
                has(&f, who, Property::JobTitle, "president"),
                "{who}: {f:?}"
            );
            assert!(
                has(&f, who, Property::WorksFor, "Nigeria Labour Congress"),
                "{who}: {f:?}"
            );
        }
    }

    #[test]
    fn two_roles_joined_before_a_name() {
        let (_, f) = facts(
            "For paramedic and Unison representative, Jim Lowe, the strike was a last resort.",
        );
        assert!(
            has(&f, "Jim Lowe", Property::JobTitle, "paramedic"),
            "{f:?}"
        );
        assert!(has(&f, "Jim Lowe", Property::MemberOf, "Unison"), "{f:?}");
    }

    #[test]
    fn the_bodys_role_after_a_name_refers_back_to_the_body() {
        let (_, f) = facts("Unite said talks had failed. Sharon Pike, the union's national officer for health, said so.");
        assert!(has(&f, "Sharon Pike", Property::WorksFor, "Unite"), "{f:?}");
        assert!(
            f.iter().any(|(s, p, o)| s == "Sharon Pike"
                && *p == "jobTitle"
                && o.starts_with("national officer")),
            "{f:?}"
        );
    }
}
