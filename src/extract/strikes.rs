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
    window, Annotated, Component, EntityId, EntityKind, Property, Strike, StrikeStatus, SubKind,
    Subject, Value,
};
use crate::text::Span;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

pub struct Strikes;

static STRIKE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(strikes?|(?:are|is|were|was|be|been|started|starts|start|began|begins|begin|continue|continued|continues|keep|kept|go|went)(?: also| still| now| already)? striking|walk-?outs?|walk(?:ing|ed|s)? (?:out|off)|down(?:ed|ing|s)? tools|(?:will|would|did) not (?:work|report for (?:duty|work))|refus(?:e|es|ed|ing) to (?:work|staff|drive|operate)|stay(?:ed|ing)? away|industrial action|stoppages?|withdrawal of labour|all-out|picket(?:s|ing)?|(?:take|taking|took|takes) action|(?:round|day|days|week|weeks) of (?:industrial )?action|further action|dates? for (?:industrial |strike )?action|(?:stop|stops|stopped|stopping) work|struck (?:the|at|on|over|for|in|across|again|today|yesterday|last|this|(?-i:[A-Z0-9])\w*))(?-u:\b)")
        .expect("valid regex")
});

/// What a sentence without a date must say to speak of the article's strike rather than of
/// strikes in general ("the right to strike", "because of industrial action").
static THIS_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(on strike|(?:the|this|their|its|today's|tomorrow's|current|ongoing|latest|planned|nationwide|national|first|second|third|indefinite|all-out|\d+-(?:day|hour)|(?:one|two|three|four|five|six|seven|48|24|72)-(?:day|hour)) (?:strike|walkout|walk-out|stoppage|industrial action|strike action)|walk(?:ed|ing|s)? (?:out|off)|(?:are|is|were|was|be|been|began|started) striking|striking (?:workers|nurses|doctors|staff|teachers|drivers|members|employees|machinists|porters)|strikers|picket(?:s|ing|ed)?|picket lines?)(?-u:\b)")
        .expect("valid regex")
});

/// A stem every match of [`PICKET`] and [`THIS_ACTION`] holds, in any case.
static ACTION_STEMS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build([
            "strik",
            "Strik",
            "STRIK",
            "walk",
            "Walk",
            "WALK",
            "picket",
            "Picket",
            "PICKET",
            "protest",
            "Protest",
            "rally",
            "Rally",
            "industrial",
            "Industrial",
            "stoppage",
            "Stoppage",
        ])
        .expect("valid patterns")
});

static PICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(picket(?:s|ing)?|picket lines?|protest(?:ing|ers|ors)?|rally)(?-u:\b)",
    )
    .expect("valid regex")
});

/// What a sentence says became of an action: called off, suspended, postponed or moved.
/// "had been due" reads as called off: a strike that was due and is no longer.
static STATUS_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    // An action's name before the verb, or the verb before one: "he was suspended" is not.
    const ACTION: &str = r"(?:strikes?|walk-?outs?|(?:industrial )?action|stoppages?|pickets?)";
    const BEFORE: &str = r"(?:has |have |had |is |are )?(?:been |was |were |being )?";
    const AFTER: &str =
        r"(?:the|its|their|all|planned|next|further|this week's|next week's|tomorrow's)";
    let verb = |verbs: &str| {
        format!(
            r"{ACTION}(?: [\w'-]+){{0,4}}? {BEFORE}(?:{verbs})|(?:{verbs}) {AFTER} (?:[\w-]+ )?{ACTION}"
        )
    };
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<off>called off|had been due|{})|(?P<suspended>{})|(?P<postponed>{}|postponed until|delayed until)|(?P<moved>{}|(?:brought forward|put back) to))(?-u:\b)",
        verb("cancelled|canceled|scrapped|axed"),
        verb("suspended|paused"),
        verb("postponed|delayed|put on hold"),
        verb("rescheduled|moved"),
    ))
    .expect("valid regex")
});

/// The status a sentence gives its action when it reports a change, or `None`.
fn status_change(sentence: &str) -> Option<StrikeStatus> {
    let c = STATUS_CHANGE.captures(sentence)?;
    Some(if c.name("off").is_some() {
        StrikeStatus::Cancelled
    } else if c.name("suspended").is_some() {
        StrikeStatus::Suspended
    } else if c.name("postponed").is_some() {
        StrikeStatus::Postponed
    } else {
        StrikeStatus::Rescheduled
    })
}

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
    /// For a day in a list, the sentence that introduced the list.
    owner: Option<usize>,
    mentions: Vec<Span>,
}

impl Component for Strikes {
    fn name(&self) -> &'static str {
        "strikes"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        let mut candidates: Vec<Candidate> = Vec::new();
        // The sentence that opened a list of strike days ("Members will walk out on:").
        let mut list_owner: Option<usize> = None;
        for (s, sentence) in doc.layout.sentences.iter().enumerate() {
            if doc.boilerplate[sentence.paragraph] {
                continue;
            }
            let text = doc.slice(sentence.span);
            let first_date = doc.dates.partition_point(|d| d.sentence < s);
            let has_date = doc.dates.get(first_date).is_some_and(|d| d.sentence == s);
            let speaks_of_strike = has_date && STRIKE_WORDS.is_match(text);
            // A list item is a short line of its own that holds a date.
            let in_list = list_owner.is_some()
                && has_date
                && doc
                    .slice(doc.layout.paragraphs[sentence.paragraph])
                    .split_whitespace()
                    .count()
                    <= 8;
            let owner = if in_list { list_owner } else { None };
            if !in_list {
                list_owner = None;
            }
            if text.trim_end().ends_with(':') && STRIKE_WORDS.is_match(text) {
                list_owner = Some(s);
            }
            if !(speaks_of_strike || in_list) {
                continue;
            }
            // Dates inside quotations are the speaker's ("on the table by Monday"); of the
            // others, those the sentence ties to the action.
            // A date listed after a strike day ("from 19 to 20 September and 2 to 4
            // October") is one too, however far the list runs from the strike word.
            let mut listed_after: Option<Span> = None;
            let dates: Vec<&super::DateMention> = doc.dates[first_date..]
                .iter()
                .take_while(|d| d.sentence == s)
                .filter(|d| !is_dateline_date(doc, d.span))
                .filter(|d| {
                    let listed = listed_after.is_some_and(|prev| {
                        prev.end <= d.span.start
                            && matches!(
                                doc.text[prev.end..d.span.start].trim(),
                                "and" | "," | ", and" | "or" | "then" | "and then"
                            )
                    });
                    let kept = in_list
                        || listed
                        || match date_role(doc, sentence.span, d) {
                            DateRole::Strike => true,
                            // A speaker's dates are theirs unless they date the action
                            // ("we are scheduling a further date for action on 11 January").
                            _ if in_quotation(doc, d.span) => false,
                            DateRole::Other => false,
                            // Nothing near says: a strike day if the sentence speaks of no
                            // other event at all.
                            DateRole::Unknown => !names_other_event(
                                doc,
                                window(doc.text, sentence.span, d.span.start, 300, 300),
                            ),
                        };
                    listed_after = kept.then_some(d.span);
                    kept
                })
                .collect();
            if dates.is_empty() {
                continue;
            }
            let first_new = candidates.len();
            let mut days: Vec<(NaiveDate, Span)> = Vec::new();
            let mut k = 0;
            while k < dates.len() {
                let d = dates[k];
                // "from X until Y", "X to Y", "between X and Y", "... will end at 7am on Y".
                if let Some(next) = dates.get(k + 1) {
                    let between = doc.text[d.span.end..next.span.start].to_lowercase();
                    let lead = window(doc.text, sentence.span, d.span.start, 24, 0);
                    let opened_by_between = doc.slice(lead).to_lowercase().contains("between");
                    if (between.contains("until")
                        || between.contains(" till ")
                        || between.contains(" to ")
                        || between.contains("through")
                        || between.contains("end")
                        || (opened_by_between && between.trim() == "and"))
                        && next.days.first() > d.days.last()
                    {
                        if let (Some(&start), Some(&end)) = (d.days.first(), next.days.last()) {
                            candidates.push(Candidate {
                                start,
                                end: Some(end),
                                sentence: s,
                                owner,
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
                            owner,
                            mentions: vec![span],
                        });
                    }
                }
            }
            candidates.extend(run);
            // List items on consecutive days are one strike too ("5 October", "6 October").
            if in_list && candidates.len() > first_new && first_new > 0 {
                let (earlier, new) = candidates.split_at_mut(first_new);
                if let (Some(prev), Some(item)) = (earlier.last_mut(), new.first()) {
                    if prev.owner == owner
                        && item.end.is_none()
                        && prev.end.unwrap_or(prev.start).succ_opt() == Some(item.start)
                    {
                        prev.end = Some(item.start);
                        prev.mentions.extend(item.mentions.iter().copied());
                        candidates.remove(first_new);
                    }
                }
            }
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

/// "NAIROBI, Kenya, Dec 10 – ...": the date of the report, in its dateline.
fn is_dateline_date(doc: &Annotated<'_>, span: Span) -> bool {
    let Some(p) = doc.layout.paragraph_at(span.start) else {
        return false;
    };
    let paragraph = doc.layout.paragraphs[p];
    let before = &doc.text[paragraph.start..span.start];
    let after = doc.text[span.end..].trim_start_matches([' ', '\u{a0}']);
    before.len() < 60
        && before.split_whitespace().count() <= 4
        && before.trim_end().ends_with(',')
        && after.starts_with(['-', '–', '—'])
}

/// Whether a span lies inside a quotation (quotes are in text order).
fn in_quotation(doc: &Annotated<'_>, span: Span) -> bool {
    let quotes = &doc.extraction.quotes;
    let after = quotes.partition_point(|q| q.span.start <= span.start);
    quotes[..after]
        .last()
        .is_some_and(|q| q.span.contains(span))
}

/// What a date in a strike sentence is the day of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateRole {
    /// The action: "walk out on Monday", "a strike planned for Wednesday, January 18".
    Strike,
    /// Something else the sentence reports: "the ballot closed on 6 July", "its contract
    /// expired on July 12", "announced the strikes on Friday".
    Other,
    /// Nothing near the date says.
    Unknown,
}

/// Words that tie a date to an event other than the action itself.
const OTHER_EVENTS: &[&str] = &[
    "ballot",
    "balloting",
    "balloted",
    "ballots",
    "vote",
    "voted",
    "voting",
    "votes",
    "election",
    "elections",
    "polls",
    "talks",
    "meeting",
    "meetings",
    "met",
    "meet",
    "published",
    "released",
    "announced",
    "announcement",
    "signed",
    "opened",
    "closed",
    "deadline",
    "born",
    "died",
    "budget",
    "expired",
    "expire",
    "expires",
    "agreed",
    "rejected",
    "accepted",
    "offer",
    "offered",
    "statement",
    "said",
    "says",
    "told",
    "revealed",
    "confirmed",
    "launched",
    "ruling",
    "ruled",
    "hearing",
    "judgment",
    "conference",
    "letter",
    "wrote",
    "interview",
    "debate",
    "speech",
    "visit",
    "visited",
    "appointed",
    "elected",
    "resigned",
    "since",
    "published",
    "updated",
    "notice",
    "tweeted",
    "posted",
    "relaxed",
    "lifted",
];

/// Verbs of reporting, which date an event only beside the date itself.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "statement",
    "wrote",
    "tweeted",
    "posted",
];

/// Verbs that report the action rather than date it: "announced the strikes on Friday".
const ANNOUNCING: &[&str] = &["announced", "confirmed", "revealed", "unveiled", "declared"];

/// Whether the lower-cased word at `i` of `words` speaks of the action: "strike",
/// "striking", "walkout", "walked out", "picket", "industrial action", "downed tools".
/// Words before "struck" that make it anything but going on strike ("was struck", "the
/// deal struck on Monday").
const NOT_STRUCK_BY: &[&str] = &[
    "was",
    "were",
    "is",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "it",
    "deal",
    "agreement",
    "accord",
    "bargain",
    "compromise",
    "balance",
    "chord",
    "blow",
    "note",
    "tone",
    "lightning",
    "who",
];

fn is_strike_word(words: &[String], i: usize) -> bool {
    let w = words[i].as_str();
    let prev = i.checked_sub(1).map_or("", |p| words[p].as_str());
    (w.starts_with("strike") && !w.starts_with("striker"))
        || (w == "striking"
            && matches!(
                if matches!(prev, "also" | "still" | "now" | "already") && i >= 2 {
                    words[i - 2].as_str()
                } else {
                    prev
                },
                "are"
                    | "is"
                    | "were"
                    | "was"
                    | "be"
                    | "been"
                    | "started"
                    | "starts"
                    | "start"
                    | "began"
                    | "begins"
                    | "begin"
                    | "continue"
                    | "continued"
                    | "keep"
                    | "kept"
                    | "go"
                    | "went"
            ))
        || w.starts_with("walkout")
        || w.starts_with("walk-out")
        // "workers struck the plant"; not "struck a deal", "struck down".
        || (w == "struck"
            && !NOT_STRUCK_BY.contains(&prev)
            && !words
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "a" | "an" | "down" | "off" | "out" | "by" | "up")))
        || w.starts_with("stoppage")
        || w.starts_with("picket")
        || (matches!(w, "out" | "off") && prev.starts_with("walk"))
        || (w == "tools" && prev.starts_with("down"))
        || (w == "work" && matches!(prev, "stop" | "stops" | "stopped" | "stopping"))
        || (matches!(w, "work" | "report" | "staff")
            && matches!(prev, "not" | "to")
            && i >= 2
            && matches!(
                words[i - 2].as_str(),
                "will" | "would" | "did" | "refusing" | "refused" | "refuse"
            ))
        || (w == "action"
            && matches!(
                prev,
                "industrial"
                    | "strike"
                    | "take"
                    | "taking"
                    | "took"
                    | "further"
                    | "collective"
                    | "for"
            ))
        || (w == "action"
            && prev == "of"
            && i >= 2
            && matches!(
                words[i - 2].as_str(),
                "round" | "rounds" | "day" | "days" | "week" | "weeks" | "programme" | "wave"
            ))
        || (w == "labour" && prev == "of" && i >= 2 && words[i - 2].starts_with("withdraw"))
}

/// Whether a sentence speaks of any event other than the action.
fn names_other_event(doc: &Annotated<'_>, sentence: Span) -> bool {
    doc.slice(sentence)
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| OTHER_EVENTS.contains(&w.to_lowercase().as_str()))
}

/// Whether the date at `date` (in `sentence`) is a day inside an action already under way:
/// "during the strike on 9 March", "on the third day of the walkout, 9 March".
fn during_the_action(doc: &Annotated<'_>, sentence: Span, date: Span) -> bool {
    static DURING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:during|throughout|(?:on )?(?:the )?\w+ day of) (?:the|this|their|its) (?:[\w-]+ )?(?:strike|walk-?out|stoppage|action)(?-u:\b)[^.;]{0,24}$")
            .expect("valid regex")
    });
    let before = window(doc.text, sentence, date.start, 80, 0);
    DURING.is_match(&doc.text[before.start..date.start])
}

/// Words after "a 5 March" or "the 5 March" that name something dated, not the action:
/// anything but these (a function word leaves the date to the sentence).
const NOT_A_NOUN: &[&str] = &[
    "and", "or", "to", "until", "till", "through", "at", "from", "when", "as", "in", "on", "with",
    "for", "by", "was", "is", "will", "had", "has", "but", "after", "before", "if", "that",
    "which", "who", "while",
];

/// Ties a date to the action or to something else, by the nearest telling word: first
/// going back from the date (ten words), then forward from it (fourteen).
fn date_role(doc: &Annotated<'_>, sentence: Span, date: &super::DateMention) -> DateRole {
    let before = window(doc.text, sentence, date.span.start, 120, 0);
    let after = window(doc.text, sentence, date.span.end, 0, 160);
    let words = |span: Span| -> Vec<String> {
        doc.slice(span)
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let back = words(Span::new(before.start, date.span.start));
    let published = doc.published;
    let in_future = published.is_some_and(|p| date.days.first().is_some_and(|d| *d > p));
    // "announced for Friday" schedules; "announced on Friday" reports.
    let scheduled = back.last().is_some_and(|w| w == "for");
    let ahead = words(Span::new(date.span.end, after.end));
    // "Tuesday's strike", "Monday's walkout".
    if ahead.first().is_some_and(|_| is_strike_word(&ahead, 0)) {
        return DateRole::Strike;
    }
    // "a 5 March court order", "the 1 May deadline": the date names another thing.
    let attributive = back.last().is_some_and(|w| ["a", "an", "the"].contains(&w.as_str()))
        && doc.text[date.span.end..].starts_with(' ')
        && ahead
            .first()
            .is_some_and(|w| w.starts_with(char::is_alphabetic) && !NOT_A_NOUN.contains(&w.as_str()))
        // "the 24 March national strike".
        && !(0..ahead.len().min(3)).any(|i| is_strike_word(&ahead, i));
    if attributive {
        return DateRole::Other;
    }
    let n = back.len();
    for i in (0..n).rev().take(10) {
        let w = back[i].as_str();
        if is_strike_word(&back, i) {
            // "The union announced the strikes on Friday": a day already past is the
            // announcement's.
            let reported = (i.saturating_sub(3)..i).any(|j| ANNOUNCING.contains(&back[j].as_str()));
            return if reported && !in_future && !scheduled {
                DateRole::Other
            } else {
                DateRole::Strike
            };
        }
        // "on strike since 9 September": the action's first day.
        if w == "since" && i > 0 && is_strike_word(&back, i - 1) {
            return DateRole::Strike;
        }
        if OTHER_EVENTS.contains(&w) {
            // An announcement cannot be dated after publication, nor one "for" a day.
            if ANNOUNCING.contains(&w) && (in_future || scheduled) {
                continue;
            }
            // "PCS said more than 1,400 staff supported Tuesday's strike": a reporting verb
            // dates only what it stands next to ("said on Monday").
            if REPORTING.contains(&w) && n - i > 3 {
                continue;
            }
            return DateRole::Other;
        }
    }
    for i in 0..ahead.len().min(14) {
        if is_strike_word(&ahead, i) {
            return DateRole::Strike;
        }
        if OTHER_EVENTS.contains(&ahead[i].as_str()) {
            return DateRole::Other;
        }
    }
    DateRole::Unknown
}

/// A strike reported as happening with no date: the article's own day.
fn strike_under_way(doc: &Annotated<'_>) -> Option<Candidate> {
    let published = doc.published?;
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
                owner: None,
                mentions: vec![Span::new(span.start + m.start(), span.start + m.end())],
            });
        }
    }
    None
}

/// One strike per start date; organisers, locations and status from the text.
fn merge(doc: &mut Annotated<'_>, candidates: Vec<Candidate>) {
    let article_union = doc.main_union();
    let unwanted = unwanted_places(doc);
    // Every day of action each sentence names, to give each place its nearest day.
    let mut days_in: rustc_hash::FxHashMap<usize, Vec<Span>> = Default::default();
    for c in &candidates {
        days_in
            .entry(c.sentence)
            .or_default()
            .extend(c.mentions.iter().copied());
    }
    for days in days_in.values_mut() {
        days.sort_unstable();
    }
    // (strike, its sentences, its organisers, its places)
    type Found = (
        Strike,
        Vec<usize>,
        Vec<(EntityId, Span)>,
        Vec<(EntityId, Span)>,
    );
    let mut strikes: Vec<Found> = Vec::new();
    let mut by_start: rustc_hash::FxHashMap<NaiveDate, usize> = Default::default();
    for c in candidates {
        let mut organisers = organisers_for(doc, &c);
        // A day whose sentences name no union at all is the article's union's.
        let own: Vec<usize> = std::iter::once(c.sentence).chain(c.owner).collect();
        let names_union = own.iter().any(|&s| {
            doc.mentions_in(doc.layout.sentences[s].span)
                .any(|(_, e)| doc.entity(e).sub == Some(SubKind::Union))
        });
        if organisers.is_empty() && !names_union && !by_others(doc, &c) {
            let span = doc.layout.sentences[c.sentence].span;
            organisers.extend(article_union.map(|u| (u, span)));
        }
        let places = places_for(doc, &c, &days_in, &unwanted);
        // "during the strike on 9 March": a day of an open-ended action named before.
        let ongoing = c
            .mentions
            .first()
            .filter(|m| {
                c.end.is_none()
                    && during_the_action(doc, doc.layout.sentences[c.sentence].span, **m)
            })
            .and_then(|_| {
                strikes.iter().rposition(|(s, ..)| {
                    s.start < c.start && s.end.is_none_or(|end| end >= c.start)
                })
            });
        let existing = ongoing.or_else(|| by_start.get(&c.start).copied());
        match existing.and_then(|k| strikes.get_mut(k)) {
            Some((s, sentences, orgs, wheres)) => {
                s.end = s.end.max(c.end);
                s.mentions.extend(c.mentions);
                sentences.extend(own);
                orgs.extend(organisers);
                wheres.extend(places);
            }
            None => {
                by_start.insert(c.start, strikes.len());
                strikes.push((
                    Strike {
                        start: c.start,
                        end: c.end,
                        status: None,
                        mentions: c.mentions,
                    },
                    own,
                    organisers,
                    places,
                ));
            }
        }
    }
    let mut strikes = join_consecutive(strikes);
    let published = doc.published;
    for (strike, sentences, _, _) in strikes.iter_mut() {
        // The most final change any of its sentences reports: called off outranks paused.
        let change = sentences
            .iter()
            .filter_map(|&s| status_change(doc.slice(doc.layout.sentences[s].span)))
            .min_by_key(|s| s.finality());
        strike.status = Some(match (change, published) {
            (Some(change), _) => change,
            (None, Some(p)) if strike.start > p => StrikeStatus::Planned,
            (None, Some(p)) if strike.end.unwrap_or(strike.start) < p => StrikeStatus::Past,
            (None, Some(_)) => StrikeStatus::Happening,
            (None, None) => StrikeStatus::Planned,
        });
    }
    let current = strikes
        .iter()
        .position(|(s, ..)| s.status == Some(StrikeStatus::Happening))
        .or_else(|| {
            strikes
                .iter()
                .position(|(s, ..)| s.status == Some(StrikeStatus::Planned))
        })
        .or(if strikes.is_empty() { None } else { Some(0) });
    if let Some((_, _, organisers, places)) = current.and_then(|i| strikes.get_mut(i)) {
        let (more_organisers, more_places) = undated_sentences(doc, &unwanted);
        organisers.extend(more_organisers);
        places.extend(more_places);
    }
    for (i, (strike, _, organisers, places)) in strikes.iter().enumerate() {
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
        for &(org, span) in organisers {
            doc.add_fact(
                subject,
                Property::Organizer,
                Value::Entity(org),
                "strike-organiser",
                span,
            );
        }
        for &(place, span) in places {
            doc.add_fact(
                subject,
                Property::Location,
                Value::Entity(place),
                "strike-location",
                span,
            );
        }
    }
    doc.extraction.strikes = strikes.into_iter().map(|(s, ..)| s).collect();
}

/// A strike, its sentences, its organisers and its places, as `merge` gathers them.
type Gathered = (
    Strike,
    Vec<usize>,
    Vec<(EntityId, Span)>,
    Vec<(EntityId, Span)>,
);

/// Days of action named apart that follow on from one another ("Monday's walkout ...
/// Tuesday's strike"), called by the same unions or by none named, are one action.
fn join_consecutive(mut strikes: Vec<Gathered>) -> Vec<Gathered> {
    strikes.sort_by_key(|(s, ..)| s.start);
    let mut out: Vec<Gathered> = Vec::new();
    for next in strikes {
        let joins = out.last().is_some_and(|(last, _, orgs, _)| {
            let (a, b): (Vec<EntityId>, Vec<EntityId>) = (
                orgs.iter().map(|&(e, _)| e).collect(),
                next.2.iter().map(|&(e, _)| e).collect(),
            );
            last.end.unwrap_or(last.start).succ_opt() == Some(next.0.start)
                && (a.is_empty() || b.is_empty() || b.iter().all(|e| a.contains(e)))
        });
        match out.last_mut() {
            Some(last) if joins => {
                let (strike, sentences, orgs, places) = next;
                last.0.end = Some(strike.end.unwrap_or(strike.start));
                last.0.mentions.extend(strike.mentions);
                last.1.extend(sentences);
                last.2.extend(orgs);
                last.3.extend(places);
            }
            _ => out.push(next),
        }
    }
    out
}

/// Place mentions that never say where a strike is: someone's home, a street that says where
/// a hospital stands, a dateline ("JOHANNESBURG - ..."), "the UK's" as in "the biggest
/// strike in the UK's history".
fn unwanted_places(doc: &Annotated<'_>) -> rustc_hash::FxHashSet<EntityId> {
    doc.extraction
        .facts
        .iter()
        .filter(|f| {
            f.property == Property::HomeLocation
                || (f.property == Property::Location
                    && matches!(f.subject, Subject::Entity(e) if doc.entity(e).kind == EntityKind::Hospital))
        })
        .filter_map(|f| match f.object {
            Value::Entity(e) if doc.entity(e).kind == EntityKind::Place => {
                // A hospital's town can still be where the strike is; its street cannot.
                (f.property == Property::HomeLocation
                    || doc.entity(e).sub == Some(SubKind::Street))
                .then_some(e)
            }
            _ => None,
        })
        .collect()
}

/// Whether a place mention is a place a strike can be at, in its sentence.
fn strike_place(
    doc: &Annotated<'_>,
    sentence: Span,
    mention: Span,
    e: EntityId,
    unwanted: &rustc_hash::FxHashSet<EntityId>,
) -> bool {
    let entity = doc.entity(e);
    if !matches!(entity.kind, EntityKind::Hospital | EntityKind::Place) || unwanted.contains(&e) {
        return false;
    }
    // A street beside a hospital says where the hospital is.
    if entity.sub == Some(SubKind::Street) {
        let refers_to_hospital = doc
            .mentions_in(sentence)
            .any(|(_, h)| doc.entity(h).kind == EntityKind::Hospital)
            || doc.slice(sentence).to_lowercase().contains("the hospital");
        if refers_to_hospital {
            return false;
        }
    }
    !is_national_aside(doc, mention) && !is_dateline(doc, mention)
}

/// "JOHANNESBURG - The union said ...": the place a report was filed from.
fn is_dateline(doc: &Annotated<'_>, mention: Span) -> bool {
    let Some(p) = doc.layout.paragraph_at(mention.start) else {
        return false;
    };
    let paragraph = doc.layout.paragraphs[p];
    doc.text[paragraph.start..mention.start].trim().is_empty()
        && doc.text[mention.end..]
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with(['-', '–', '—'])
}

/// The places a strike day's own sentence names: where several days share a sentence, each
/// place goes to the day named nearest it ("Schools in Yorkshire will be hit on 28
/// February, followed by a national walkout on 15 March").
fn places_for(
    doc: &Annotated<'_>,
    c: &Candidate,
    days_in: &rustc_hash::FxHashMap<usize, Vec<Span>>,
    unwanted: &rustc_hash::FxHashSet<EntityId>,
) -> Vec<(EntityId, Span)> {
    let span = around(doc, c.sentence, c);
    let days = days_in.get(&c.sentence).map_or(&[][..], Vec::as_slice);
    let distance = |a: Span, b: Span| {
        if a.end <= b.start {
            b.start - a.end
        } else {
            a.start.saturating_sub(b.end)
        }
    };
    let mut out = Vec::new();
    let has_hospital = doc
        .mentions_in(span)
        .any(|(_, e)| doc.entity(e).kind == EntityKind::Hospital);
    for (m, e) in doc.mentions_in(span) {
        if !strike_place(doc, span, m, e, unwanted) {
            continue;
        }
        // The days are in text order: the nearest is one of the two around the place.
        let at = days.partition_point(|d| d.start < m.start);
        let nearest =
            (at.saturating_sub(1)..(at + 1).min(days.len())).min_by_key(|&k| distance(days[k], m));
        // Days named together ("today and Tuesday (20 December)") share their places.
        let together = |k: usize| {
            let (lo, hi) = (days[k].end.min(days[k + 1].start), days[k + 1].start);
            doc.text[lo..hi]
                .split(|ch: char| !ch.is_alphanumeric())
                .all(|w| w.is_empty() || matches!(w, "and" | "or" | "to" | "until"))
        };
        let group = nearest.map(|k| {
            let (mut lo, mut hi) = (k, k);
            while lo > 0 && together(lo - 1) {
                lo -= 1;
            }
            while hi + 1 < days.len() && together(hi) {
                hi += 1;
            }
            &days[lo..=hi]
        });
        if group.is_none_or(|g| g.iter().any(|d| c.mentions.contains(d))) {
            out.push((e, span));
        }
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
        let before = doc.layout.sentences[c.sentence.saturating_sub(2)]
            .span
            .start;
        out.extend(
            doc.mentions_in(Span::new(before, span.start))
                .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Hospital)
                .map(|(_, e)| (e, span)),
        );
    }
    out
}

/// Entities with the text span that puts them in a sentence.
type Mentions = Vec<(EntityId, Span)>;

/// What the sentences that speak of the action without a day of their own add to the
/// strike the article is about: the unions they open with ("The NLC and TUC have suspended
/// their strike"), the places they put it or its pickets in ("pickets outside the Royal
/// London", "nurses across Wales are on strike"), and the country, where the article names
/// only one.
fn undated_sentences(
    doc: &Annotated<'_>,
    unwanted: &rustc_hash::FxHashSet<EntityId>,
) -> (Mentions, Mentions) {
    let dated: Vec<usize> = doc.dates.iter().map(|d| d.sentence).collect();
    // Where the words that can open such a sentence's patterns are: most sentences hold none.
    let stems: Vec<usize> = ACTION_STEMS
        .find_iter(doc.text)
        .map(|m| m.start())
        .collect();
    let (mut organisers, mut places) = (Vec::new(), Vec::new());
    for (s, sentence) in doc.layout.sentences.iter().enumerate() {
        let span = sentence.span;
        if !span.holds_any(&stems) {
            continue;
        }
        let text = doc.slice(span);
        if doc.boilerplate[sentence.paragraph]
            || dated.binary_search(&s).is_ok()
            || !(PICKET.is_match(text)
                // "its industrial action ballot" is a vote on the action, not the action.
                || THIS_ACTION.find_iter(text).any(|m| {
                    let after = text[m.end()..].trim_start();
                    !["ballot", "vote", "mandate"]
                        .iter()
                        .any(|w| after.starts_with(w))
                }))
            || in_quote(doc, span)
        {
            continue;
        }
        // "Picket lines formed outside both hospitals": the hospitals named just before.
        let lower = text.to_lowercase();
        let names_hospital = doc
            .mentions_in(span)
            .any(|(_, e)| doc.entity(e).kind == EntityKind::Hospital);
        if !names_hospital
            && [
                "both hospitals",
                "the hospitals",
                "all the hospitals",
                "both sites",
            ]
            .iter()
            .any(|w| lower.contains(w))
        {
            let before = doc.layout.sentences[s.saturating_sub(2)].span.start;
            places.extend(
                doc.mentions_in(Span::new(before, span.start))
                    .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Hospital)
                    .map(|(_, e)| (e, span)),
            );
        }
        // The subject's unions: the first union, near the start, and those joined to it.
        let unions: Vec<(Span, EntityId)> = doc
            .mentions_in(span)
            .filter(|&(_, e)| doc.entity(e).sub == Some(SubKind::Union))
            .collect();
        if let Some(&(first, _)) = unions.first() {
            let lead = doc.text[span.start..first.start].split_whitespace().count();
            let action = STRIKE_WORDS
                .find(text)
                .map_or(span.end, |m| span.start + m.start());
            if lead <= 8 && first.end <= action {
                organisers.push((unions[0].1, span));
                for w in unions.windows(2) {
                    if !coordinated(doc, w[0].0, w[1].0) {
                        break;
                    }
                    organisers.push((w[1].1, span));
                }
            }
        }
        // Places after a word that puts something there, and those listed after them ("in
        // England, Wales and Scotland").
        let mut listed_after: Option<usize> = None;
        for (m, e) in doc.mentions_in(span) {
            if !strike_place(doc, span, m, e, unwanted) {
                continue;
            }
            let listed = listed_after.is_some_and(|end| {
                end <= m.start && super::joins_a_list(doc.text[end..m.start].trim())
            });
            if listed {
                places.push((e, span));
                listed_after = Some(m.end);
                continue;
            }
            let before = window(doc.text, span, m.start, 40, 0);
            let locative = doc
                .slice(before)
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .rev()
                .take(3)
                .any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "in" | "at" | "outside" | "across" | "throughout" | "near" | "around"
                    )
                });
            if locative || doc.entity(e).kind == EntityKind::Hospital {
                places.push((e, span));
                listed_after = Some(m.end);
            } else {
                listed_after = None;
            }
        }
    }
    (organisers, places)
}

/// "the biggest strike in the UK's history": a place named as "the X's" speaks of the
/// country at large, not of where the action is.
fn is_national_aside(doc: &Annotated<'_>, mention: Span) -> bool {
    let before = window(doc.text, Span::new(0, doc.text.len()), mention.start, 8, 0);
    let after = &doc.text[mention.end..];
    (after.starts_with("'s") || after.starts_with("’s"))
        && doc.slice(before).trim_end().ends_with("the")
}

/// "a six-day walkout by junior doctors in England", "a strike by hospital consultants":
/// an action by a group the sentence names, not by the article's union.
fn by_others(doc: &Annotated<'_>, c: &Candidate) -> bool {
    let span = around(doc, c.sentence, c);
    let text = doc.slice(span);
    STRIKE_WORDS.find_iter(text).any(|m| {
        let rest = text[m.end()..].trim_start();
        rest.strip_prefix("by ")
            .and_then(|r| r.chars().next())
            .is_some_and(|ch| ch.is_lowercase() && !rest.starts_with("by the union"))
            && !rest.starts_with("by members")
            && !rest.starts_with("by thousands")
            && !rest.starts_with("by workers")
            && !rest.starts_with("by staff")
    })
}

/// The part of sentence `s` a strike day's rules read: the sentence, up to a few hundred
/// bytes either side of the day (a sentence without an end is not one clause).
fn around(doc: &Annotated<'_>, s: usize, c: &Candidate) -> Span {
    let sentence = doc.layout.sentences[s].span;
    match c.mentions.first().filter(|m| sentence.contains(**m)) {
        Some(m) => window(doc.text, sentence, m.start, 400, 0)
            .join(window(doc.text, sentence, m.end, 0, 400)),
        None => window(doc.text, sentence, sentence.end, 800, 0),
    }
}

/// Whether two mentions are joined as one subject: "the RMT and Aslef", "members of Unison
/// and of the GMB", "the SSTA (Secondary School Teachers' Association) and the EIS".
fn coordinated(doc: &Annotated<'_>, a: Span, b: Span) -> bool {
    if a.end > b.start {
        return false;
    }
    // What brackets hold (an acronym, a long name) is not between the two.
    let mut depth = 0usize;
    let outside: String = doc.text[a.end..b.start]
        .chars()
        .filter(|&ch| {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect();
    outside
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "and" | "the" | "members" | "of" | "union" | "unions" | "s" | "both"
            )
        })
}

/// The unions that called the strike a candidate dates: the union named nearest before
/// its day in the sentence, with any coordinated with it ("the RMT and Aslef are striking
/// on 1 October"), else the nearest after. For a day in a list, the unions of the sentence
/// that opened the list.
fn organisers_for(doc: &Annotated<'_>, c: &Candidate) -> Vec<(EntityId, Span)> {
    let s = c.owner.unwrap_or(c.sentence);
    let span = around(doc, s, c);
    let unions: Vec<(Span, EntityId)> = doc
        .mentions_in(span)
        .filter(|&(_, e)| doc.entity(e).sub == Some(SubKind::Union))
        .collect();
    if unions.is_empty() {
        return Vec::new();
    }
    let anchor = if c.owner.is_some() {
        span.end
    } else {
        c.mentions.first().map_or(span.end, |m| m.start)
    };
    let coordinated = |a: Span, b: Span| coordinated(doc, a, b);
    let nearest_before = unions.iter().rposition(|(m, _)| m.end <= anchor);
    let mut group: Vec<usize> = Vec::new();
    match nearest_before {
        Some(k) => {
            group.push(k);
            let mut j = k;
            while j > 0 && coordinated(unions[j - 1].0, unions[j].0) {
                j -= 1;
                group.push(j);
            }
        }
        None => {
            let mut j = 0;
            group.push(j);
            while j + 1 < unions.len() && coordinated(unions[j].0, unions[j + 1].0) {
                j += 1;
                group.push(j);
            }
        }
    }
    group.into_iter().map(|k| (unions[k].1, span)).collect()
}

/// Whether a sentence lies inside a quotation (a picket "there" in someone's words is
/// still a picket, but a place in a quote is more often an aside).
fn in_quote(doc: &Annotated<'_>, span: Span) -> bool {
    // Quotes are in text order and do not overlap: those that meet the span end the list of
    // quotes that start before its end.
    let quotes = &doc.extraction.quotes;
    let upto = quotes.partition_point(|q| q.span.start < span.end);
    quotes[..upto]
        .iter()
        .rev()
        .take_while(|q| q.span.end > span.start)
        .any(|q| q.span.contains(span) || span.contains(q.span) && q.span.len() * 2 > span.len())
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
    fn a_sentence_says_what_became_of_an_action() {
        use super::status_change;
        use crate::extract::StrikeStatus::*;
        let cases = [
            (
                "The union has called off next week's walkout.",
                Some(Cancelled),
            ),
            (
                "The strike planned for Monday was cancelled.",
                Some(Cancelled),
            ),
            (
                "Drivers have suspended their action pending talks.",
                Some(Suspended),
            ),
            (
                "The walkout has been postponed until March.",
                Some(Postponed),
            ),
            ("The stoppage was moved to 14 May.", Some(Rescheduled)),
            ("Nurses will strike on Monday.", None),
            (
                "He was suspended from work last year and moved to Leeds.",
                None,
            ),
        ];
        for (sentence, want) in cases {
            assert_eq!(status_change(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn a_called_off_strike_says_so() {
        let gazetteer = Gazetteer::builtin();
        let context = Context {
            published: Some(day(2024, 5, 10)),
            ..Context::default()
        };
        let ex = extract(
            "The Eastvale Nurses Union has called off the strike due on 20 May after a new offer.",
            &context,
            &gazetteer,
        );
        let statuses: Vec<_> = ex.strikes.iter().map(|s| (s.start, s.status)).collect();
        assert_eq!(
            statuses,
            vec![(
                day(2024, 5, 20),
                Some(crate::extract::StrikeStatus::Cancelled)
            )]
        );
    }

    #[test]
    fn a_date_naming_another_thing_and_a_day_during_the_action_make_no_strike() {
        let s = strikes(
            "The indefinite strike by the Northvale Nurses Union began on 6 March despite a 5 March court interdict. Our reporter spoke to pickets during the strike on 9 March.",
            day(2023, 3, 10),
        );
        let days: Vec<_> = s.iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(days, vec![(day(2023, 3, 6), None)]);
        let s = strikes(
            "Nurses will hold the 24 March national strike as planned.",
            day(2023, 3, 10),
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn workers_who_struck_on_a_day_held_a_strike_but_a_deal_struck_is_none() {
        let s = strikes(
            "The porters, who want to stay NHS staff, struck Eastvale General Hospital May 23-24.",
            day(2018, 6, 11),
        );
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].0, s[0].1), (day(2018, 5, 23), Some(day(2018, 5, 24))));
        let s = strikes(
            "The porters struck a deal with the trust on May 23.",
            day(2018, 6, 11),
        );
        assert!(s.is_empty(), "{s:?}");
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

    #[test]
    fn a_ballot_an_expiry_or_an_announcement_is_not_a_strike_day() {
        // Published on a Friday.
        let p = day(2023, 7, 14);
        assert!(strikes(
            "The ballot closed on 6 July and members voted to strike.",
            p
        )
        .is_empty());
        assert!(strikes(
            "The union decided to go on strike after its contract expired on July 12.",
            p
        )
        .iter()
        .all(|s| s.0 != day(2023, 7, 12)));
        let s = strikes(
            "The union announced the strikes on Friday. Members will walk out on 1 August.",
            p,
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2023, 8, 1)]
        );
        // "announced for" schedules.
        let s = strikes(
            "Strikes already announced for Friday August 18 go ahead.",
            p,
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2023, 8, 18)]
        );
    }

    #[test]
    fn a_weekday_follows_the_tense_of_its_clause_and_can_be_today() {
        // Published on Thursday 8 April 2021.
        let p = day(2021, 4, 8);
        let s = strikes("PCS said 1,400 staff supported Tuesday's strike.", p);
        assert_eq!(s[0].0, day(2021, 4, 6));
        let s = strikes("Drivers will walk out on Tuesday.", p);
        assert_eq!(s[0].0, day(2021, 4, 13));
        let s = strikes("Nurses walked out on Thursday.", p);
        assert_eq!(s[0].0, day(2021, 4, 8));
        let s = strikes("Staff will strike from midnight tonight.", p);
        assert_eq!(s[0].0, day(2021, 4, 9));
    }

    #[test]
    fn places_of_the_industrial_action_in_a_sentence_without_a_day() {
        let s = strikes(
            "Nurses at Westbury Hospital walked out this morning.\n\nHospitals in England \
             and Wales are part of the industrial action.",
            day(2026, 3, 4),
        );
        for place in ["England", "Wales"] {
            assert!(s[0].2.contains(&format!("location {place}")), "{s:?}");
        }
        let s = strikes(
            "Nurses at Westbury Hospital walked out this morning.\n\nThe union began its \
             industrial action ballot across England in May.",
            day(2026, 3, 4),
        );
        assert!(!s[0].2.contains(&"location England".to_owned()), "{s:?}");
    }

    #[test]
    fn stopping_work_is_action() {
        let s = strikes(
            "Over 1,000 care workers stopped work on Friday in a dispute over pay.",
            day(2026, 3, 4),
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2026, 2, 27)]
        );
    }

    #[test]
    fn on_strike_since_a_day_started_that_day() {
        let s = strikes(
            "Workers have been on strike since March 2, demanding a union. The dispute has \
             run since February 20.",
            day(2026, 3, 20),
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2026, 3, 2)]
        );
    }

    #[test]
    fn a_date_for_action_a_speaker_names_is_a_strike_day() {
        let s = strikes(
            "Ann Lee, GMB national secretary, said: \"We are setting a new date for action on \
             9th March 2026.\"",
            day(2026, 2, 20),
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2026, 3, 9)]
        );
    }

    #[test]
    fn places_listed_after_a_place_of_the_strike_are_its_places_too() {
        let s = strikes(
            "Council staff began a two-day strike today. The strike has shut schools in \
             England, Wales and Northern Ireland.",
            day(2026, 3, 4),
        );
        for place in ["England", "Wales", "Northern Ireland"] {
            assert!(s[0].2.contains(&format!("location {place}")), "{s:?}");
        }
    }

    #[test]
    fn dates_listed_after_a_strike_day_are_strike_days_however_long_the_list() {
        let s = strikes(
            "The union also announced plans for walkouts later in the season, from 9 to 10 \
             March and 23 to 25 March.",
            day(2026, 2, 2),
        );
        assert_eq!(
            s.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            vec![
                (day(2026, 3, 9), Some(day(2026, 3, 10))),
                (day(2026, 3, 23), Some(day(2026, 3, 25)))
            ]
        );
        // A date after a date that is not a strike day gains nothing from the list.
        let s = strikes(
            "Talks were held on 2 March and 3 March, and staff will strike on 9 March.",
            day(2026, 2, 2),
        );
        assert_eq!(
            s.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![day(2026, 3, 9)]
        );
    }

    #[test]
    fn between_two_days_is_one_strike_and_a_list_after_a_colon_are_strike_days() {
        let p = day(2023, 7, 7);
        let s = strikes("They had been due to strike between 12 and 15 July.", p);
        assert_eq!((s[0].0, s[0].1), (day(2023, 7, 12), Some(day(2023, 7, 15))));
        let s = strikes(
            "Members of Unite will take part in industrial action on:\n1 August\n3 August\n4 August\n",
            p,
        );
        assert_eq!(
            s.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            vec![
                (day(2023, 8, 1), None),
                (day(2023, 8, 3), Some(day(2023, 8, 4)))
            ]
        );
        assert!(s[0].2.contains(&"organizer Unite".to_owned()), "{s:?}");
    }

    #[test]
    fn each_day_takes_the_union_named_nearest_before_it() {
        let s = strikes(
            "Aslef members are striking on 5 October, with the RMT walking out on 8 October.",
            day(2022, 9, 23),
        );
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].2,
            vec!["organizer Associated Society of Locomotive Engineers and Firemen"]
        );
        assert_eq!(
            s[1].2,
            vec!["organizer National Union of Rail, Maritime and Transport Workers"]
        );
    }

    #[test]
    fn a_strike_by_another_group_is_not_the_article_unions() {
        let s = strikes(
            "Unison members at the trust will strike on Monday. It follows a walkout by junior doctors in England on 3 January.",
            day(2024, 1, 10),
        );
        let january = s
            .iter()
            .find(|s| s.0 == day(2024, 1, 3))
            .expect("the doctors' strike");
        assert!(
            january.2.iter().all(|l| !l.starts_with("organizer")),
            "{s:?}"
        );
    }
}
