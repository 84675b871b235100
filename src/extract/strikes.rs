//! Strikes: one per industrial action, identified by its first day.
//!
//! A strike is a date in a sentence that speaks of industrial action ("walk out from 7am on
//! Monday until 7am on Thursday", "the three strikes are scheduled for Wednesday, March 9,
//! ..."). Consecutive days named together are one strike with an end date; separate days
//! are separate strikes. An article that reports a strike under way without a date ("junior
//! doctors hold their second strike") speaks of the day it was published. The organiser is
//! the union named with the strike, else the union the article is about; the location is
//! each hospital or place named with it, or where the picket stands.

use super::{
    Annotated, Component, EntityId, EntityKind, Property, Strike, StrikeStatus, SubKind, Subject,
    Value,
};
use crate::text::Span;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

pub struct Strikes;

static STRIKE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(strikes?|walk-?outs?|walk(?:ing|ed|s)? out|industrial action|stoppages?|withdrawal of labour|all-out|picket(?:s|ing)?|(?:take|taking|took|takes) action|(?:round|day|days|week|weeks) of (?:industrial )?action|further action)(?-u:\b)")
        .expect("valid regex")
});

static PICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(picket(?:s|ing)?|picket lines?|protest(?:ing|ers|ors)?|rally)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Words just before a date that tie it to some other event than a strike.
const OTHER_EVENTS: &[&str] = &[
    "campaigning",
    "ballot",
    "balloting",
    "vote",
    "voted",
    "election",
    "polls",
    "talks",
    "meeting",
    "met",
    "published",
    "released",
    "announced",
    "rally",
    "signed",
    "opened",
    "closed",
    "deadline",
    "born",
    "died",
    "since",
    "budget",
];

static CANCELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(called off|been suspended|had been due|(?:strikes?|walk-?outs?|action) (?:has|have|had)? ?(?:been|was|were) (?:cancelled|canceled|postponed|suspended))(?-u:\b)")
        .expect("valid regex")
});

static CONSECUTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(two|three|four|five|six|seven|2|3|4|5|6|7) consecutive days(?-u:\b)")
        .expect("valid regex")
});

fn number_word(s: &str) -> Option<u64> {
    Some(match s.to_lowercase().as_str() {
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        "five" | "5" => 5,
        "six" | "6" => 6,
        "seven" | "7" => 7,
        _ => return None,
    })
}

#[derive(Debug, Clone)]
struct Candidate {
    start: NaiveDate,
    end: Option<NaiveDate>,
    sentence: usize,
    mentions: Vec<Span>,
}

impl Component for Strikes {
    fn name(&self) -> &'static str {
        "strikes"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        let mut candidates: Vec<Candidate> = Vec::new();
        for (s, sentence) in doc.layout.sentences.iter().enumerate() {
            if doc.boilerplate[sentence.paragraph] {
                continue;
            }
            // A sentence with no date can name no strike's day: most have none, and the
            // date mentions are in sentence order.
            let first_date = doc.dates.partition_point(|d| d.sentence < s);
            if doc.dates.get(first_date).is_none_or(|d| d.sentence != s) {
                continue;
            }
            let text = doc.slice(sentence.span);
            if !STRIKE_WORDS.is_match(text) {
                continue;
            }
            // Dates inside quotations are the speaker's ("on the table by Monday").
            let dates: Vec<&super::DateMention> = doc
                .dates
                .iter()
                .filter(|d| d.sentence == s && !tied_to_other_event(doc, sentence.span, d.span))
                .filter(|d| {
                    !doc.extraction
                        .quotes
                        .iter()
                        .any(|q| q.span.contains(d.span))
                })
                .collect();
            if dates.is_empty() {
                continue;
            }
            let mut days: Vec<(NaiveDate, Span)> = Vec::new();
            let mut k = 0;
            while k < dates.len() {
                let d = dates[k];
                // "from X until Y", "X to Y", "... will end at 7am on Y".
                if let Some(next) = dates.get(k + 1) {
                    let between = doc.text[d.span.end..next.span.start].to_lowercase();
                    if (between.contains("until")
                        || between.contains(" till ")
                        || between.contains(" to ")
                        || between.contains("end"))
                        && next.days.first() > d.days.last()
                    {
                        if let (Some(&start), Some(&end)) = (d.days.first(), next.days.last()) {
                            candidates.push(Candidate {
                                start,
                                end: Some(end),
                                sentence: s,
                                mentions: vec![d.span, next.span],
                            });
                        }
                        k += 2;
                        continue;
                    }
                }
                // "will end at 7am on Thursday": the end of the strike just named.
                if ends_something(doc, sentence.span, d.span) {
                    if let (Some(prev), Some(&end)) = (candidates.last_mut(), d.days.last()) {
                        if prev.end.is_none() && prev.start < end && prev.sentence + 2 >= s {
                            prev.end = Some(end);
                            prev.mentions.push(d.span);
                            k += 1;
                            continue;
                        }
                    }
                }
                for &day in &d.days {
                    days.push((day, d.span));
                }
                k += 1;
            }
            // Consecutive days named together are one strike.
            days.sort();
            days.dedup_by_key(|(d, _)| *d);
            let mut run: Option<Candidate> = None;
            for (day, span) in days {
                match &mut run {
                    Some(c) if c.end.unwrap_or(c.start).succ_opt() == Some(day) => {
                        c.end = Some(day);
                        c.mentions.push(span);
                    }
                    _ => {
                        candidates.extend(run.take());
                        run = Some(Candidate {
                            start: day,
                            end: None,
                            sentence: s,
                            mentions: vec![span],
                        });
                    }
                }
            }
            candidates.extend(run);
            // "on three consecutive days ... starting on June 6th".
            if let Some(c) = CONSECUTIVE
                .captures(text)
                .and_then(|c| c.get(1))
                .and_then(|m| number_word(m.as_str()))
            {
                if let Some(last) = candidates
                    .last_mut()
                    .filter(|l| l.sentence == s && l.end.is_none())
                {
                    last.end = last.start.checked_add_days(chrono::Days::new(c - 1));
                }
            }
        }
        if candidates.is_empty() {
            if let Some(c) = strike_under_way(doc) {
                candidates.push(c);
            }
        }
        merge(doc, candidates);
    }
}

/// "will end at 7am on Thursday", "finishes on Friday": the date closes something.
fn ends_something(doc: &Annotated<'_>, sentence: Span, date: Span) -> bool {
    let before = doc.text[sentence.start..date.start].to_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words[words.len().saturating_sub(4)..].iter().any(|w| {
        [
            "end", "ends", "ending", "finish", "finishes", "until", "till",
        ]
        .contains(w)
    })
}

/// Whether the words before a date tie it to another event ("began campaigning on
/// November 5", "the election on 4 July").
fn tied_to_other_event(doc: &Annotated<'_>, sentence: Span, date: Span) -> bool {
    let before = doc.text[sentence.start..date.start].to_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let window = &words[words.len().saturating_sub(8)..];
    let after = doc.text[date.end..sentence.end].to_lowercase();
    let after_words: Vec<&str> = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let strike_near = window
        .iter()
        .chain(&after_words)
        .any(|w| w.starts_with("strike") || w.starts_with("walk"));
    if (window
        .iter()
        .chain(&after_words)
        .any(|w| OTHER_EVENTS.contains(w))
        || window.last() == Some(&"by"))
        && !strike_near
    {
        return true;
    }
    // "which began on 3 January" after a strike elsewhere is kept; a date in brackets or
    // one that names the publication ("Published on ...") is not a strike.
    words
        .last()
        .is_some_and(|w| *w == "published" || *w == "updated")
}

/// A strike reported as happening with no date: the article's own day.
fn strike_under_way(doc: &Annotated<'_>) -> Option<Candidate> {
    let published = doc.context.published?;
    let sentences: Vec<usize> = (0..doc.layout.sentences.len())
        .filter(|&s| !doc.boilerplate[doc.layout.sentences[s].paragraph])
        .take(3)
        .collect();
    for s in sentences {
        let span = doc.layout.sentences[s].span;
        let text = doc.slice(span).to_lowercase();
        let Some(m) = STRIKE_WORDS.find(&text) else {
            continue;
        };
        let future = [
            "will ",
            "planned",
            "due to",
            "next ",
            "threat",
            "could strike",
            "would ",
        ]
        .iter()
        .any(|w| text.contains(w));
        // The present-tense verb must govern the strike word ("hold their second strike").
        let mut from = m.start().saturating_sub(40);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let lead_in = &text[from..m.start()];
        let present = [
            " hold ",
            " are holding ",
            " are on ",
            " go on ",
            " are striking",
            " take part",
            " are taking part",
            " is under way",
            " began ",
            " are protesting",
            " walked ",
            " stage ",
        ]
        .iter()
        .any(|w| lead_in.contains(w) || text[m.end()..].starts_with(" is under way"));
        if present && !future {
            return Some(Candidate {
                start: published,
                end: None,
                sentence: s,
                mentions: vec![Span::new(span.start + m.start(), span.start + m.end())],
            });
        }
    }
    None
}

/// One strike per start date; organisers, locations and status from the text.
fn merge(doc: &mut Annotated<'_>, candidates: Vec<Candidate>) {
    let mut strikes: Vec<(Strike, Vec<usize>)> = Vec::new();
    for c in candidates {
        match strikes.iter_mut().find(|(s, _)| s.start == c.start) {
            Some((s, sentences)) => {
                s.end = s.end.max(c.end);
                s.mentions.extend(c.mentions);
                sentences.push(c.sentence);
            }
            None => strikes.push((
                Strike {
                    start: c.start,
                    end: c.end,
                    status: None,
                    mentions: c.mentions,
                },
                vec![c.sentence],
            )),
        }
    }
    let published = doc.context.published;
    let article_union = main_union(doc);
    for (strike, sentences) in strikes.iter_mut() {
        let cancelled = sentences
            .iter()
            .any(|&s| CANCELLED.is_match(doc.slice(doc.layout.sentences[s].span)));
        strike.status = Some(match published {
            _ if cancelled => StrikeStatus::Cancelled,
            Some(p) if strike.start > p => StrikeStatus::Planned,
            Some(p) if strike.end.unwrap_or(strike.start) < p => StrikeStatus::Past,
            Some(_) => StrikeStatus::Happening,
            None => StrikeStatus::Planned,
        });
    }
    let current = strikes
        .iter()
        .position(|(s, _)| s.status == Some(StrikeStatus::Happening))
        .or_else(|| {
            strikes
                .iter()
                .position(|(s, _)| s.status == Some(StrikeStatus::Planned))
        })
        .or(if strikes.is_empty() { None } else { Some(0) });
    let picket_sentences: Vec<usize> = (0..doc.layout.sentences.len())
        .filter(|&s| {
            let sentence = &doc.layout.sentences[s];
            !doc.boilerplate[sentence.paragraph]
                && PICKET.is_match(doc.slice(sentence.span))
                && !in_quote(doc, sentence.span)
        })
        .collect();
    for (i, (strike, sentences)) in strikes.iter().enumerate() {
        let subject = Subject::Strike(i);
        let first = strike.mentions.first().copied().unwrap_or_default();
        doc.add_fact(
            subject,
            Property::StartDate,
            Value::Date(strike.start),
            "strike-date",
            first,
        );
        if let Some(end) = strike.end.filter(|e| *e > strike.start) {
            doc.add_fact(
                subject,
                Property::EndDate,
                Value::Date(end),
                "strike-range",
                first,
            );
        }
        let mut organisers = Vec::new();
        let mut places: Vec<(EntityId, Span)> = Vec::new();
        let mut where_sentences = sentences.clone();
        if Some(i) == current {
            // A picket sentence with a date of its own belongs to that date's strike.
            where_sentences.extend(
                picket_sentences
                    .iter()
                    .filter(|&&p| !doc.dates.iter().any(|d| d.sentence == p)),
            );
        }
        for &s in &where_sentences {
            let span = doc.layout.sentences[s].span;
            let has_hospital = doc
                .mentions_in(span)
                .any(|(_, e)| doc.entity(e).kind == EntityKind::Hospital);
            for (_, e) in doc.mentions_in(span) {
                // A street next to a hospital says where the hospital is, not the strike.
                if has_hospital && doc.entity(e).sub == Some(SubKind::Street) {
                    continue;
                }
                let entity = doc.entity(e);
                if entity.kind == EntityKind::Organization
                    && entity.sub == Some(SubKind::Union)
                    && sentences.contains(&s)
                {
                    organisers.push((e, span));
                }
            }
            // A strike sentence that names no union speaks of the article's union.
            let names_union = doc
                .mentions_in(span)
                .any(|(_, e)| doc.entity(e).sub == Some(SubKind::Union));
            if sentences.contains(&s) && !names_union {
                organisers.extend(article_union.map(|u| (u, span)));
            }
            // "Picket lines formed outside both hospitals": the hospitals named just before.
            let text = doc.slice(span).to_lowercase();
            if !has_hospital
                && [
                    "both hospitals",
                    "the hospitals",
                    "all the hospitals",
                    "both sites",
                ]
                .iter()
                .any(|w| text.contains(w))
            {
                let before = doc.layout.sentences[s.saturating_sub(2)].span.start;
                let earlier: Vec<EntityId> = doc
                    .mentions_in(Span::new(before, span.start))
                    .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Hospital)
                    .map(|(_, e)| e)
                    .collect();
                places.extend(earlier.into_iter().map(|e| (e, span)));
            }
            for (_, e) in doc.mentions_in(span) {
                let entity = doc.entity(e);
                if has_hospital && entity.sub == Some(SubKind::Street) {
                    continue;
                }
                if matches!(entity.kind, EntityKind::Hospital | EntityKind::Place)
                    && !is_home_of_someone(doc, e)
                {
                    places.push((e, span));
                }
            }
        }
        if organisers.is_empty() {
            organisers.extend(article_union.map(|u| (u, first)));
        }
        for (org, span) in organisers {
            doc.add_fact(
                subject,
                Property::Organizer,
                Value::Entity(org),
                "strike-organiser",
                span,
            );
        }
        for (place, span) in places {
            doc.add_fact(
                subject,
                Property::Location,
                Value::Entity(place),
                "strike-location",
                span,
            );
        }
    }
    doc.extraction.strikes = strikes.into_iter().map(|(s, _)| s).collect();
}

/// Whether a sentence lies inside a quotation (a picket "there" in someone's words is
/// still a picket, but a place in a quote is more often an aside).
fn in_quote(doc: &Annotated<'_>, span: Span) -> bool {
    doc.extraction
        .quotes
        .iter()
        .any(|q| q.span.contains(span) || span.contains(q.span) && q.span.len() * 2 > span.len())
}

/// Places that are someone's home are not where a strike is.
fn is_home_of_someone(doc: &Annotated<'_>, e: EntityId) -> bool {
    doc.extraction
        .facts
        .iter()
        .any(|f| f.property == Property::HomeLocation && f.object == Value::Entity(e))
}

/// The union the article is about: the one named most often (first on ties).
fn main_union(doc: &Annotated<'_>) -> Option<EntityId> {
    let mut counts: Vec<(EntityId, usize, usize)> = Vec::new();
    for (i, &(_, e)) in doc.mentions.iter().enumerate() {
        if doc.entity(e).sub != Some(SubKind::Union) {
            continue;
        }
        match counts.iter_mut().find(|(id, _, _)| *id == e) {
            Some(c) => c.1 += 1,
            None => counts.push((e, 1, i)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n, first)| (n, std::cmp::Reverse(first)))
        .map(|(e, _, _)| e)
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Context, Gazetteer, Property, Subject, Value};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn strikes(
        text: &str,
        published: NaiveDate,
    ) -> Vec<(NaiveDate, Option<NaiveDate>, Vec<String>)> {
        let gazetteer = Gazetteer::builtin();
        let context = Context {
            published: Some(published),
            ..Context::default()
        };
        let ex = extract(text, &context, &gazetteer);
        ex.strikes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut links: Vec<String> = ex
                    .facts
                    .iter()
                    .filter(|f| {
                        f.subject == Subject::Strike(i)
                            && matches!(f.property, Property::Organizer | Property::Location)
                    })
                    .filter_map(|f| match &f.object {
                        Value::Entity(e) => Some(format!(
                            "{} {}",
                            f.property.local_name(),
                            ex.entities[*e].name
                        )),
                        _ => None,
                    })
                    .collect();
                links.sort();
                (s.start, s.end, links)
            })
            .collect()
    }

    #[test]
    fn a_range_is_one_strike_with_an_end() {
        // Published on a Friday.
        let s = strikes(
            "Members of the RCN will walk out from 8am on Monday until 8am on Wednesday at Eastvale General Hospital.",
            day(2024, 5, 10),
        );
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].0, s[0].1), (day(2024, 5, 13), Some(day(2024, 5, 15))));
        assert_eq!(
            s[0].2,
            vec![
                "location Eastvale General Hospital",
                "organizer Royal College of Nursing"
            ]
        );
    }

    #[test]
    fn separate_days_are_separate_strikes_and_consecutive_days_one() {
        let s = strikes(
            "Drivers will strike on Tuesday, Thursday and Saturday.",
            day(2024, 5, 6),
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2024, 5, 7), day(2024, 5, 9), day(2024, 5, 11)]
        );
        let s = strikes("The strike is set for June 4 and 5.", day(2024, 5, 6));
        assert_eq!((s[0].0, s[0].1), (day(2024, 6, 4), Some(day(2024, 6, 5))));
    }

    #[test]
    fn other_events_are_not_strikes() {
        let s = strikes(
            "Campaigners began campaigning on May 2 when the ballot for industrial action opened.",
            day(2024, 5, 6),
        );
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn a_strike_under_way_takes_the_publication_day() {
        let s = strikes("Nurses hold their third strike over pay at Westbury Hospital.\nThe picket line is outside.", day(2024, 2, 1));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].0, day(2024, 2, 1));
    }
}
