//! Quotes: every passage of reported speech and who said it.
//!
//! Quotation marks are paired per paragraph (straight or curly); a paragraph that opens a
//! quote and never closes it continues into the next, as news style runs long quotes over
//! paragraphs. A passage is reported speech when it opens its paragraph, follows a colon,
//! or is followed by "said X" / "X said"; a passage worked into a sentence ("branded
//! 'unsafe'") is not. The speaker comes from the verb next to the passage, a pronoun (the
//! last speaker or person of that gender), "a spokesman for X" (organisation X), or the
//! passage before it.

use super::roles::{definite_reference, refers_to};
use super::{Annotated, Component, EntityId, EntityKind, Gender, Quote};
use crate::text::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

pub struct Quotes;

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "explained",
    "insisted",
    "warned",
    "continued",
    "admitted",
    "claimed",
    "argued",
    "stressed",
    "urged",
    "commented",
    "remarked",
    "replied",
    "noted",
    "wrote",
    "asked",
    "announced",
    "declared",
    "believes",
    "believed",
    "confirmed",
    "stated",
    "reads",
];

const SPOKES_WORDS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "representative",
    "statement",
];

/// Finds the first of [`SPOKES_WORDS`], in any case, in one pass (this runs for every
/// speech tag whose subject is not a person).
static SPOKES_WORD: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .ascii_case_insensitive(true)
        .build(SPOKES_WORDS)
        .expect("valid patterns")
});

/// Who has spoken so far: the reported speech of the whole text (`doc.speakers`) and the
/// quotes attributed up to the one at hand, each sorted by offset.
#[derive(Clone, Copy)]
struct Speakers<'s> {
    reported: &'s [(Span, EntityId)],
    quoted: &'s [(Span, EntityId)],
}

impl Speakers<'_> {
    /// The last speaker at or before `at`; a quote's speaker wins a tie.
    fn last_at(self, at: usize) -> Option<(Span, EntityId)> {
        let last = |list: &[(Span, EntityId)]| {
            list[..list.partition_point(|(s, _)| s.start <= at)]
                .last()
                .copied()
        };
        match (last(self.reported), last(self.quoted)) {
            (Some(r), Some(q)) => Some(if q.0.start >= r.0.start { q } else { r }),
            (r, q) => r.or(q),
        }
    }
}

/// A quoted passage found by pairing marks.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// The words inside the marks.
    inner: Span,
    /// The marks included.
    outer: Span,
    paragraph: usize,
    /// The passage opens its paragraph.
    lead: bool,
    /// The paragraph ended with the quote still open.
    open_ended: bool,
}

fn is_open(c: char) -> bool {
    c == '"' || c == '“'
}

fn is_close(c: char) -> bool {
    c == '"' || c == '”'
}

fn segments(doc: &Annotated<'_>) -> Vec<Segment> {
    let mut out = Vec::new();
    for (p, para) in doc.layout.paragraphs.iter().enumerate() {
        if doc.boilerplate[p] {
            continue;
        }
        let text = doc.slice(*para);
        if !text.contains(['"', '“', '”']) && text.contains('‘') {
            single_quoted(text, *para, p, &mut out);
            continue;
        }
        // The byte offset and length of the open quotation mark, if any.
        let mut open: Option<(usize, usize)> = None;
        // Only '"', '“' and '”' matter: jump between them ('“' and '”' start with 0xE2).
        let marks = memchr::memchr2_iter(b'"', 0xE2, text.as_bytes())
            .filter_map(|i| Some((i, text.get(i..)?.chars().next()?)));
        for (i, c) in marks {
            match open {
                None if is_open(c) => open = Some((i, c.len_utf8())),
                // A closing mark where a quote opens: at the start, or after a colon.
                None if c == '”' && (i == 0 || text[..i].trim_end().ends_with(':')) => {
                    open = Some((i, c.len_utf8()))
                }
                Some((start, mark)) if is_close(c) => {
                    let inner = Span::new(para.start + start + mark, para.start + i);
                    out.push(Segment {
                        inner,
                        outer: Span::new(para.start + start, para.start + i + c.len_utf8()),
                        paragraph: p,
                        lead: text[..start].trim().is_empty(),
                        open_ended: false,
                    });
                    open = None;
                }
                _ => {}
            }
        }
        if let Some((start, first)) = open {
            out.push(Segment {
                inner: Span::new(para.start + start + first, para.end),
                outer: Span::new(para.start + start, para.end),
                paragraph: p,
                lead: text[..start].trim().is_empty(),
                open_ended: true,
            });
        }
    }
    out
}

/// The passages of a paragraph quoted in single marks, as British and Irish papers often
/// quote: '‘' opens; '’' closes where it cannot be an apostrophe ("didn’t", "workers’
/// pay"): after a stop or a comma, or before a space or the end after anything but an 's'.
fn single_quoted(text: &str, para: Span, p: usize, out: &mut Vec<Segment>) {
    let mut open: Option<usize> = None;
    let mark = '‘'.len_utf8();
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '‘') => open = Some(i),
            (Some(start), '’') => {
                let before = text[..i].chars().next_back();
                let after = text[i + mark..].chars().next();
                let after_stop = before.is_some_and(|b| matches!(b, '.' | ',' | '!' | '?' | '…'));
                let at_word_end =
                    after.is_none_or(|a| !a.is_alphanumeric()) && before.is_some_and(|b| b != 's');
                if after.is_none_or(|a| !a.is_alphanumeric()) && (after_stop || at_word_end) {
                    out.push(Segment {
                        inner: Span::new(para.start + start + mark, para.start + i),
                        outer: Span::new(para.start + start, para.start + i + mark),
                        paragraph: p,
                        lead: text[..start].trim().is_empty(),
                        open_ended: false,
                    });
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(Segment {
            inner: Span::new(para.start + start + mark, para.end),
            outer: Span::new(para.start + start, para.end),
            paragraph: p,
            lead: text[..start].trim().is_empty(),
            open_ended: true,
        });
    }
}

impl Component for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        record_reported_speech(doc);
        let segs = segments(doc);
        let mut quotes: Vec<Quote> = Vec::new();
        // The speakers of the quotes found so far, beside the reported speech in
        // `doc.speakers` (merged into it at the end).
        let mut quoted: Vec<(Span, EntityId)> = Vec::new();
        // (paragraph, speaker, co-speakers, open-ended)
        let mut previous: Option<(usize, Option<EntityId>, Vec<EntityId>, bool)> = None;
        for (k, seg) in segs.iter().enumerate() {
            let speakers = Speakers {
                reported: &doc.speakers,
                quoted: &quoted,
            };
            let before = text_before(doc, seg);
            let after = text_after(doc, seg, segs.get(k + 1));
            // `X said: "..."`, and `She said, "..."` or `he added "..."` without the colon.
            let colon = before.trim_end().ends_with(':')
                || ends_with_speech_verb(before)
                || (seg.lead && previous_paragraph_ends_with_colon(doc, seg));
            let mut after_co = Vec::new();
            let (after_speaker, after_rule) =
                speaker_after(doc, speakers, seg, after, &mut after_co);
            let said_after = after_rule.is_some();
            // The next paragraph of the story, past captions and site furniture.
            let next_of = |p: usize| {
                (p + 1..doc.layout.paragraphs.len()).find(|&q| {
                    !doc.boilerplate[q] && !doc.slice(doc.layout.paragraphs[q]).trim().is_empty()
                })
            };
            let continues = previous.as_ref().is_some_and(|(p, _, _, open)| {
                (*open && next_of(*p) == Some(seg.paragraph)) || (*p == seg.paragraph && seg.lead)
            }) || previous.as_ref().is_some_and(|(p, _, _, _)| {
                *p == seg.paragraph && before_is_just_sentence_end(doc, seg, &segs[..k])
            });
            let follows_quote_paragraph = previous
                .as_ref()
                .is_some_and(|(p, _, _, _)| next_of(*p) == Some(seg.paragraph));
            if !(seg.lead || colon || said_after || continues) {
                continue; // a phrase worked into a sentence: a scare quote or a partial quote
            }
            let text = doc.slice(seg.inner).trim().to_owned();
            if text.split_whitespace().count() < 2 {
                continue;
            }
            let mut co_speakers = Vec::new();
            let (speaker, rule) = if said_after {
                co_speakers = after_co;
                (after_speaker, after_rule.unwrap_or("said-after-quote"))
            } else if colon {
                speaker_before(doc, speakers, seg, &mut co_speakers)
            } else if continues || (seg.lead && follows_quote_paragraph) {
                co_speakers = previous.as_ref().map(|p| p.2.clone()).unwrap_or_default();
                (previous.as_ref().and_then(|p| p.1), "continued-quote")
            } else if let Some(s) = last_speaker_before(doc, speakers, seg.outer.start, 2) {
                // A quote paragraph after a paragraph of reported speech by someone.
                (Some(s), "previous-speaker")
            } else {
                // ... or after a paragraph about one person ("X welcomed the judgment.").
                (
                    seg.lead
                        .then(|| sole_person_before(doc, seg.paragraph))
                        .flatten(),
                    "person-before",
                )
            };
            if let Some(s) = speaker {
                // Quotes come in text order, so this list stays sorted as it grows.
                let at = seg.outer.end.min(doc.text.len());
                quoted.push((Span::new(at, at), s));
            }
            quotes.push(Quote {
                text,
                span: seg.inner,
                speaker,
                co_speakers: co_speakers.clone(),
                rule,
            });
            previous = Some((seg.paragraph, speaker, co_speakers, seg.open_ended));
        }
        doc.speakers.extend(quoted);
        doc.speakers.sort_by_key(|(s, _)| s.start);
        doc.extraction.quotes = quotes;
    }
}

/// Whether the text before a passage ends with a speech verb, maybe with a comma after it:
/// `She said, "..."`, `he added "..."`.
fn ends_with_speech_verb(before: &str) -> bool {
    let trimmed = before.trim_end();
    let trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed);
    let last = trimmed
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    SPEECH_VERBS.contains(&last)
}

/// The one person the paragraph before `paragraph` names, if it names just one: the
/// speaker of a quote that follows without a tag.
fn sole_person_before(doc: &Annotated<'_>, paragraph: usize) -> Option<EntityId> {
    let previous = (0..paragraph)
        .rev()
        .find(|&p| !doc.boilerplate[p] && !doc.slice(doc.layout.paragraphs[p]).trim().is_empty())?;
    let mut people = doc
        .mentions_in(doc.layout.paragraphs[previous])
        .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Person)
        .map(|(_, e)| e);
    let one = people.next()?;
    people.all(|e| e == one).then_some(one)
}

/// Person mentions of a subject that are joined by "and" (or commas): "Comrade Ada Obi
/// and Comrade Musa Bello said". The first and the others, or nothing if there is one.
fn joint_speakers(doc: &Annotated<'_>, subject: Span) -> Vec<EntityId> {
    let people: Vec<(Span, EntityId)> = doc
        .mentions_in(subject)
        .filter(|&(s, e)| doc.entity(e).kind == EntityKind::Person && !possessive_at(doc, s.end))
        .collect();
    let joined = people.windows(2).all(|w| {
        matches!(
            doc.text[w[0].0.end..w[1].0.start].trim(),
            "and" | "," | ", and" | "&"
        )
    });
    let mut out: Vec<EntityId> = people.iter().map(|&(_, e)| e).collect();
    out.dedup();
    if people.len() >= 2 && joined && out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// Documents that speak for their signatories: "The communique reads:".
const DOCUMENTS: &[&str] = &[
    "statement",
    "communique",
    "communiqué",
    "letter",
    "release",
    "memo",
];

/// The signatories of a document the subject names ("The communique reads:"), from the
/// sentences before that say who signed or issued it ("signed by X and Y", "X and Y said in
/// a joint statement").
fn document_signatories(doc: &Annotated<'_>, subject: Span) -> Vec<EntityId> {
    let lower = doc.slice(subject).to_lowercase();
    let Some(noun) = DOCUMENTS.iter().find(|d| lower.contains(*d)) else {
        return Vec::new();
    };
    let Some(here) = doc.layout.sentence_at(subject.start) else {
        return Vec::new();
    };
    for s in (here.saturating_sub(6)..here).rev() {
        let span = doc.layout.sentences[s].span;
        let text = doc.slice(span).to_lowercase();
        if !(text.contains(noun) || text.contains("signed by") || text.contains("joint statement"))
        {
            continue;
        }
        let people: Vec<EntityId> = doc
            .mentions_in(span)
            .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Person)
            .map(|(_, e)| e)
            .collect();
        if !people.is_empty() {
            let mut unique = Vec::new();
            for p in people {
                if !unique.contains(&p) {
                    unique.push(p);
                }
            }
            return unique;
        }
    }
    Vec::new()
}

/// `X said:` at the end of one paragraph and the quote in the next.
fn previous_paragraph_ends_with_colon(doc: &Annotated<'_>, seg: &Segment) -> bool {
    seg.paragraph > 0
        && doc
            .slice(doc.layout.paragraphs[seg.paragraph - 1])
            .trim_end()
            .ends_with(':')
}

/// Between the previous passage of the paragraph and this one there is only a sentence
/// end, a speech tag ("she said.") or nothing: the same speaker goes on.
fn before_is_just_sentence_end(doc: &Annotated<'_>, seg: &Segment, earlier: &[Segment]) -> bool {
    let Some(prev) = earlier.last().filter(|p| p.paragraph == seg.paragraph) else {
        return false;
    };
    let between = doc.text[prev.outer.end..seg.outer.start].trim();
    between.is_empty()
        || (between.len() < 240
            && between.ends_with('.')
            && SPEECH_VERBS.iter().any(|v| between.contains(v)))
}

fn text_before<'a>(doc: &Annotated<'a>, seg: &Segment) -> &'a str {
    let para = doc.layout.paragraphs[seg.paragraph];
    &doc.text[para.start..seg.outer.start]
}

/// The text after a passage, up to the next passage in the paragraph.
fn text_after<'a>(doc: &Annotated<'a>, seg: &Segment, next: Option<&Segment>) -> &'a str {
    let para = doc.layout.paragraphs[seg.paragraph];
    let end = next
        .filter(|n| n.paragraph == seg.paragraph)
        .map_or(para.end, |n| n.outer.start);
    &doc.text[seg.outer.end.min(end)..end]
}

/// `"...," said X` / `"...," X said` / `"...," she added`.
fn speaker_after(
    doc: &Annotated<'_>,
    speakers: Speakers<'_>,
    seg: &Segment,
    after: &str,
    co_speakers: &mut Vec<EntityId>,
) -> (Option<EntityId>, Option<&'static str>) {
    let inner = doc.slice(seg.inner).trim_end();
    // Reported speech ends in a comma (or ? or !) inside the marks, then the tag.
    if !(inner.ends_with(',')
        || inner.ends_with('?')
        || inner.ends_with('!')
        || inner.ends_with('.'))
    {
        return (None, None);
    }
    let tag_start = seg.outer.end;
    let tag: &str = after.split(['.', ';']).next().unwrap_or("");
    // The verb comes within a few words; what follows the speaker is about them.
    let mut cut = tag.len().min(160);
    while !tag.is_char_boundary(cut) {
        cut -= 1;
    }
    let tag = &tag[..cut];
    let words: Vec<&str> = tag
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(v) = words.iter().position(|w| SPEECH_VERBS.contains(w)) else {
        return (None, None);
    };
    let tag_span = Span::new(tag_start, tag_start + tag.len());
    // "..." Ann Kowe, a cleaner and one of 600 workers on strike, told the paper: a long
    // apposition after the named speaker puts the verb further away.
    let named_first = doc.mentions_in(tag_span).next().filter(|&(s, e)| {
        doc.entity(e).kind == EntityKind::Person
            && doc.text[tag_start..s.start].trim().is_empty()
            && [", a ", ", an ", ", the "]
                .iter()
                .any(|a| doc.text[s.end..].starts_with(a))
    });
    if v > 6 && !(named_first.is_some() && v <= 24) {
        return (None, None);
    }
    let verb_offset = tag.find(words[v]).map_or(tag_start, |i| tag_start + i);
    // "said X": the first mention after the verb.
    if v == 0 {
        let after_verb = Span::new(verb_offset + words[0].len(), tag_span.end);
        // The speaker follows the verb at once: "said Tom Ashby, one of ...", "said the
        // airport".
        let speaker = doc
            .mentions_in(after_verb)
            .next()
            .filter(|&(s, e)| {
                is_speaker_kind(doc, e)
                    && doc.text[after_verb.start..s.start]
                        .split_whitespace()
                        .count()
                        <= 3
            })
            .map(|(_, e)| e)
            .or_else(|| spokes_org(doc, after_verb))
            .or_else(|| definite_subject(doc, after_verb));
        *co_speakers = joint_speakers(doc, after_verb);
        if let Some(first) = co_speakers.first().copied().filter(|f| Some(*f) == speaker) {
            co_speakers.retain(|&e| e != first);
        } else {
            co_speakers.clear();
        }
        return (speaker, Some("said-after-quote"));
    }
    // "X said", "she said", "the trust said".
    let subject = Span::new(tag_start, verb_offset);
    let people: Vec<EntityId> = doc
        .mentions_in(subject)
        .filter(|&(s, e)| doc.entity(e).kind == EntityKind::Person && !possessive_at(doc, s.end))
        .map(|(_, e)| e)
        .collect();
    let joint = joint_speakers(doc, subject);
    if let Some((&first, rest)) = joint.split_first() {
        *co_speakers = rest.to_vec();
        return (Some(first), Some("joint-speakers"));
    }
    let speaker = people
        .last()
        .copied()
        .or_else(|| spokes_org(doc, subject))
        .or_else(|| {
            doc.mentions_in(subject)
                .filter(|&(_, e)| is_speaker_kind(doc, e))
                .last()
                .map(|(_, e)| e)
        })
        .or_else(|| pronoun(doc, speakers, doc.slice(subject), seg.outer.start))
        .or_else(|| definite_subject(doc, subject));
    (speaker, Some("speaker-after-quote"))
}

/// `X said: "..."`, `She added: "..."`, `A spokesman for the trust said: "..."`.
fn speaker_before(
    doc: &Annotated<'_>,
    speakers: Speakers<'_>,
    seg: &Segment,
    co_speakers: &mut Vec<EntityId>,
) -> (Option<EntityId>, &'static str) {
    let mut para = doc.layout.paragraphs[seg.paragraph];
    let mut end = seg.outer.start;
    if seg.lead && seg.paragraph > 0 && previous_paragraph_ends_with_colon(doc, seg) {
        para = doc.layout.paragraphs[seg.paragraph - 1];
        end = para.end;
    }
    // The clause: from the last sentence start before the quote.
    let start = doc
        .layout
        .sentence_at(end.saturating_sub(1))
        .map_or(para.start, |s| doc.layout.sentences[s].span.start)
        .max(para.start)
        // A sentence without an end is not one clause.
        .max(super::window(doc.text, para, end, 400, 0).start);
    let clause = Span::new(start, end);
    let text = doc.slice(clause);
    let verb = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .find(|w| SPEECH_VERBS.contains(w));
    let subject_end = verb
        .and_then(|v| text.find(v))
        .map_or(clause.end, |i| clause.start + i);
    let subject = Span::new(clause.start, subject_end);
    let joint = joint_speakers(doc, subject);
    if let Some((&first, rest)) = joint.split_first() {
        *co_speakers = rest.to_vec();
        return (Some(first), "joint-speakers");
    }
    // The subject is the first person of the clause ("RCN representative Mary Stokes
    // told ..."), else the body a spokesperson speaks for, else its first organisation.
    let first_person = doc
        .mentions_in(subject)
        .find(|&(s, e)| doc.entity(e).kind == EntityKind::Person && !possessive_at(doc, s.end));
    if let Some((_, e)) = first_person {
        return (Some(e), "speaker-colon");
    }
    if let Some(org) = spokes_org(doc, subject) {
        return (Some(org), "spokesperson-colon");
    }
    if let Some((_, e)) = doc
        .mentions_in(subject)
        .find(|&(_, e)| is_speaker_kind(doc, e))
    {
        return (Some(e), "speaker-colon");
    }
    let signatories = document_signatories(doc, subject);
    if let Some((&first, rest)) = signatories.split_first() {
        *co_speakers = rest.to_vec();
        return (Some(first), "document-signatories");
    }
    if let Some(e) = pronoun(doc, speakers, doc.slice(subject), seg.outer.start) {
        return (Some(e), "pronoun-colon");
    }
    (definite_subject(doc, subject), "speaker-colon")
}

fn is_speaker_kind(doc: &Annotated<'_>, e: EntityId) -> bool {
    matches!(
        doc.entity(e).kind,
        EntityKind::Person | EntityKind::Organization | EntityKind::Hospital
    )
}

/// "a spokesman for X", "an X spokesman", "X said in a statement": the organisation.
/// With no organisation named, the last one named before (most often the trust).
fn spokes_org(doc: &Annotated<'_>, span: Span) -> Option<EntityId> {
    let found = SPOKES_WORD.find(doc.slice(span))?;
    let word = SPOKES_WORDS[found.pattern().as_usize()];
    let at = span.start + found.start();
    let orgs = |s: Span| {
        doc.mentions_in(s)
            .filter(|&(_, e)| {
                matches!(
                    doc.entity(e).kind,
                    EntityKind::Organization | EntityKind::Hospital
                )
            })
            .collect::<Vec<_>>()
    };
    // "An X spokesman"
    if let Some(&(_, e)) = orgs(Span::new(span.start, at)).last() {
        return Some(e);
    }
    // "a spokesman for X" / "for the trust"
    let after = Span::new(at + word.len(), span.end);
    if let Some(&(_, e)) = orgs(after).first() {
        return Some(e);
    }
    let rest = doc.slice(after).trim_start();
    if let Some(r) = rest
        .strip_prefix("for the ")
        .or_else(|| rest.strip_prefix("of the "))
    {
        if let Some(e) = definite_reference(doc, at, r) {
            return Some(e);
        }
    }
    if rest.starts_with("for ") || rest.starts_with("of ") {
        return None; // a spokesman for people, not for a body
    }
    // "In a statement the union added".
    if let Some(r) = rest.strip_prefix("the ") {
        if let Some(e) = definite_reference(doc, span.end, r) {
            return Some(e);
        }
    }
    // A bare "A spokesman said": the organisation last named.
    doc.mentions_before(span.start)
        .map(|(_, e)| e)
        .find(|&e| doc.entity(e).kind == EntityKind::Organization)
}

/// "the trust said", "the union added": a definite description as subject.
fn definite_subject(doc: &Annotated<'_>, subject: Span) -> Option<EntityId> {
    let text = doc.slice(subject).trim();
    let lower = text.to_lowercase();
    let rest = lower.strip_prefix("the ")?;
    if rest.split_whitespace().count() > 2 {
        return None;
    }
    definite_reference(doc, subject.start, rest).filter(|&e| {
        let noun = rest.split_whitespace().next().unwrap_or("");
        refers_to(doc, e, noun)
    })
}

/// "she" / "he": the last speaker, if compatible, else the last person of that gender.
fn pronoun(
    doc: &Annotated<'_>,
    speakers: Speakers<'_>,
    subject: &str,
    at: usize,
) -> Option<EntityId> {
    let word = subject.trim().to_lowercase();
    let gender = match word.as_str() {
        "she" => Gender::Female,
        "he" => Gender::Male,
        _ => return None,
    };
    let fits = |e: EntityId| {
        let entity = doc.entity(e);
        match entity.kind {
            EntityKind::Person => entity.gender.is_none_or(|g| g == gender),
            // A spokesman or spokeswoman speaking for a body is "she" or "he".
            EntityKind::Organization | EntityKind::Hospital => true,
            EntityKind::Place => false,
        }
    };
    let last_person = doc
        .mentions_before(at)
        .find(|&(_, e)| doc.entity(e).kind == EntityKind::Person && fits(e));
    let last_speaker = speakers.last_at(at);
    match (last_speaker, last_person) {
        (Some((s, e)), Some((p, _))) if fits(e) && s.start >= p.start => Some(e),
        (Some((_, e)), None) if fits(e) => Some(e),
        (_, Some((_, e))) => Some(e),
        (Some((_, e)), _) if fits(e) => Some(e),
        _ => None,
    }
}

/// The speaker of the last reported speech within `sentences` sentences before `at`.
fn last_speaker_before(
    doc: &Annotated<'_>,
    speakers: Speakers<'_>,
    at: usize,
    sentences: usize,
) -> Option<EntityId> {
    let here = doc.layout.sentence_at(at).unwrap_or(0);
    let limit = doc
        .layout
        .sentences
        .get(here.saturating_sub(sentences))
        .map_or(0, |s| s.span.start);
    speakers
        .last_at(at)
        .filter(|(s, _)| s.start >= limit)
        .map(|(_, e)| e)
}

fn possessive_at(doc: &Annotated<'_>, at: usize) -> bool {
    let rest = &doc.text[at.min(doc.text.len())..];
    rest.starts_with("'s") || rest.starts_with("’s")
}

/// Where the speech verbs occur in `text`: (byte offset, verb), by offset. Every
/// occurrence as a whole word is found: no verb is part of another, so a search that
/// reports no overlapping matches cannot hide one.
fn speech_verbs_in(text: &str) -> Vec<(usize, &'static str)> {
    // Leftmost-first: the search skips ahead with its prefilter (the standard semantics
    // step through every byte), and as no verb holds another it finds the same verbs.
    static FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(SPEECH_VERBS)
            .ok()
    });
    let Some(finder) = FINDER.as_ref() else {
        return Vec::new();
    };
    finder
        .find_iter(text)
        .filter_map(|m| Some((m.start(), *SPEECH_VERBS.get(m.pattern().as_usize())?)))
        .collect()
}

/// Reported speech without quotation marks ("Miss Roe said the public ...", "an X
/// spokesman insisted ..."): remembered so that a later "she added" finds its speaker.
fn record_reported_speech(doc: &mut Annotated<'_>) {
    let mut found = Vec::new();
    let verbs = speech_verbs_in(doc.text);
    for sentence in &doc.layout.sentences {
        if doc.boilerplate[sentence.paragraph] {
            continue;
        }
        let text = doc.slice(sentence.span);
        // The verbs are in text order: this sentence's are a slice of them.
        let first = verbs.partition_point(|(at, _)| *at < sentence.span.start);
        let inside = verbs[first..]
            .iter()
            .take_while(|(at, _)| *at < sentence.span.end)
            .filter(|(at, verb)| at + verb.len() <= sentence.span.end);
        for &(at, verb) in inside {
            let i = at - sentence.span.start;
            let from = i + verb.len();
            let boundary_before = text[..from - verb.len()]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            let boundary_after = text[from..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !(boundary_before && boundary_after) {
                continue;
            }
            // The subject: the sentence before the verb, up to a clause's length.
            let subject = Span::new(super::window(doc.text, sentence.span, at, 300, 0).start, at);
            // The subject is the first person named (not "X's colleague"), else the body
            // a spokesperson speaks for, else the first organisation.
            let person = doc.mentions_in(subject).find(|&(s, e)| {
                doc.entity(e).kind == EntityKind::Person && !possessive_at(doc, s.end)
            });
            let speaker = person
                .map(|(_, e)| e)
                .or_else(|| spokes_org(doc, subject))
                .or_else(|| {
                    doc.mentions_in(subject)
                        .find(|&(_, e)| is_speaker_kind(doc, e))
                        .map(|(_, e)| e)
                });
            if let Some(s) = speaker {
                found.push((Span::new(at, at + verb.len()), s));
            }
        }
    }
    doc.speakers = found;
    doc.speakers.sort_by_key(|(s, _)| s.start);
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Context, Gazetteer};

    #[test]
    fn no_speech_verb_is_part_of_another() {
        // `speech_verbs_in` relies on it.
        for a in super::SPEECH_VERBS {
            for b in super::SPEECH_VERBS {
                assert!(a == b || !b.contains(a), "{a:?} is part of {b:?}");
            }
        }
    }

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let gazetteer = Gazetteer::builtin();
        let ex = extract(text, &Context::default(), &gazetteer);
        ex.quotes
            .iter()
            .map(|q| {
                (
                    q.text.clone(),
                    q.speaker.map(|s| ex.entities[s].name.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn a_named_speaker_with_a_long_apposition_before_the_verb() {
        let q = quotes("\u{201c}We are not minions,\u{201d} Anna Grimsby, a cleaner and one of 600 hospital workers on strike in the county told the paper on the picket line.\n");
        assert_eq!(q[0].1.as_deref(), Some("Anna Grimsby"), "{q:?}");
    }

    #[test]
    fn speaker_before_a_colon_and_after_a_quote() {
        let q = quotes("Jane Ross said: \"We will not back down.\"\n\"It is about safety,\" said Dr Amir Khan. \"Nothing else.\"\n");
        assert_eq!(
            q[0],
            ("We will not back down.".into(), Some("Jane Ross".into()))
        );
        assert_eq!(
            q[1],
            ("It is about safety,".into(), Some("Amir Khan".into()))
        );
        assert_eq!(q[2], ("Nothing else.".into(), Some("Amir Khan".into())));
    }

    #[test]
    fn a_quote_runs_over_paragraphs_until_it_closes() {
        let q = quotes("Nurse Anna Hart said: “First part.\n“Second part.\n“Third part.”\n");
        assert_eq!(q.len(), 3);
        assert!(
            q.iter().all(|(_, s)| s.as_deref() == Some("Anna Hart")),
            "{q:?}"
        );
    }

    #[test]
    fn pronouns_and_spokesmen() {
        let q = quotes("Mary Dunn arrived. She said: \"We are ready.\"\nA spokesman for Northvale NHS Trust said: \"Plans are in place.\"\nShe added: \"Come to A&E only in an emergency.\"\n");
        assert_eq!(q[0].1.as_deref(), Some("Mary Dunn"));
        assert_eq!(q[1].1.as_deref(), Some("Northvale NHS Trust"));
        assert_eq!(q[2].1.as_deref(), Some("Northvale NHS Trust"), "{q:?}");
    }

    #[test]
    fn scare_quotes_and_chants_have_no_speaker() {
        let q = quotes("Pickets called the deal \"a disgrace\" on Monday.\nStrikers chanted: \"Pay up now!\"\n");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, None);
    }

    #[test]
    fn a_joint_statement_is_each_signatorys() {
        let gazetteer = Gazetteer::builtin();
        let text = "In a communique signed by Comrade Joe Ade and Comrade Femi Ola, labour suspended the strike.\nThe communique reads: \"The strike is relaxed for one week.\"\n";
        let ex = extract(text, &Context::default(), &gazetteer);
        let q = &ex.quotes[0];
        let mut who: Vec<String> = q
            .speaker
            .iter()
            .chain(&q.co_speakers)
            .map(|&s| ex.entities[s].name.clone())
            .collect();
        who.sort();
        assert_eq!(who, ["Femi Ola", "Joe Ade"], "{q:?}");
        let ex = extract(
            "Ann Lee and Tom Hart said: \"We will not give up.\"",
            &Context::default(),
            &gazetteer,
        );
        assert_eq!(ex.quotes[0].co_speakers.len(), 1, "{:?}", ex.quotes);
    }

    #[test]
    fn quotations_in_single_marks() {
        let q = quotes(
            "‘We didn’t want to strike,’ Ann Lee said.\n\n‘The workers’ pay has fallen.’\n\nTom Hill said: ‘Enough is enough’ before leaving.\n",
        );
        assert_eq!(
            q,
            vec![
                ("We didn’t want to strike,".into(), Some("Ann Lee".into())),
                (
                    "The workers’ pay has fallen.".into(),
                    Some("Ann Lee".into())
                ),
                ("Enough is enough".into(), Some("Tom Hill".into())),
            ]
        );
    }

    #[test]
    fn speakers_without_a_colon_after_a_caption_and_after_a_paragraph_about_them() {
        let q = quotes("Ms Jo Reid said, \"We are ready.\"\n");
        assert_eq!(q[0].1.as_deref(), Some("Jo Reid"), "{q:?}");
        let q = quotes("Len Hale said: \"The nurses are worn out.\nPickets at the gate. Picture shows the picket line\n\"We are losing staff.\"\n");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q.iter().all(|(_, s)| s.as_deref() == Some("Len Hale")),
            "{q:?}"
        );
        let q = quotes(
            "The union's president, Steven Mole, welcomed the judgment.\n\"We are so pleased.\"\n",
        );
        assert_eq!(q[0].1.as_deref(), Some("Steven Mole"), "{q:?}");
        // A person named with a spokes-word is the speaker, not the body.
        let q =
            quotes("RCN representative Anne Hale told reporters: \"This has never happened.\"\n");
        assert_eq!(q[0].1.as_deref(), Some("Anne Hale"), "{q:?}");
    }
}
