//! Dates: finds time expressions and resolves them to the calendar against the article's
//! publication date ("today", "on Friday", "Tuesday, January 26", "April 26 and 27").
//!
//! An article with no publication date gets its year from weekday agreement ("Wednesday,
//! March 9" fits only some years) weighed by the years of the rest of the corpus; a date
//! that nothing fixes (a bare "on Friday" with no publication date) is left unresolved.

use super::{Annotated, Component};
use crate::text::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

pub struct Dates;

/// A time expression and the calendar days it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub expr: TimeExpr,
    /// The days named, in order ("April 26 and 27" names two).
    pub days: Vec<NaiveDate>,
    pub sentence: usize,
}

/// What a time expression says before it is put on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeExpr {
    /// "today", "this morning" (0), "tomorrow" (1), "yesterday" (-1).
    Relative(i64),
    /// "on Friday" (direction 1 ahead, -1 back, 0 whichever is nearer; the day of
    /// publication included), "next Wednesday" (2) and "last Monday" (-2), which never name
    /// the day itself.
    Weekday { weekday: Weekday, direction: i8 },
    /// "Tuesday, January 26", "15 December", "April 26 and 27", "the 21st".
    Calendar {
        weekday: Option<Weekday>,
        month: Option<u32>,
        days: Vec<u32>,
        year: Option<i32>,
    },
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<wd>{WEEKDAYS}),?\s+)?(?:the\s+)?(?P<days>\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:,|and|&|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)*)(?:\s+of)?\s+(?P<month>{MONTHS})(?-u:\b)(?:,?\s+(?P<year>\d{{4}}))?"
    ))
    .expect("valid regex")
});

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<wd>{WEEKDAYS}),?\s+)?(?P<month>{MONTHS})\.?\s+(?P<days>\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:,|and|&|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?(?-u:\b))*)(?-u:\b)(?:,?\s+(?P<year>\d{{4}}))?"
    ))
    .expect("valid regex")
});

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<dir>next|last|this|on|from|until|till|by|since)\s+)?(?P<wd>{WEEKDAYS})(?-u:\b)"
    ))
    .expect("valid regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:(?P<w>today|tonight|tomorrow|yesterday|this morning|this afternoon|this evening))(?-u:\b)").expect("valid regex")
});

static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)the\s+(?P<days>\d{1,2}(?:st|nd|rd|th))(?-u:\b)").expect("valid regex")
});

/// Cheap gates before the patterns: month names as [`DAY_MONTH`] and [`MONTH_DAY`] spell
/// them, then weekday names as [`WEEKDAY`] does (the patterns after the first `.1`). Most
/// sentences hold none.
static DAY_NAMES: LazyLock<(AhoCorasick, usize)> = LazyLock::new(|| {
    // Leftmost-first lets the search skip ahead between candidates (several times faster
    // than the standard semantics); see `day_name_starts` for why the starts are the same.
    let names = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(MONTHS.split('|').chain(WEEKDAYS.split('|')))
        .expect("month and weekday names build an automaton");
    (names, MONTHS.split('|').count())
});

/// Where the month names and the weekday names start in `text`. The search does not
/// report overlapping names, which is enough for a gate: a name holds another only as its
/// prefix ("Mar" in "March"), which starts where it does.
fn day_name_starts(text: &str) -> (Vec<usize>, Vec<usize>) {
    let (names, months) = &*DAY_NAMES;
    let (mut month_starts, mut weekday_starts) = (Vec::new(), Vec::new());
    for m in names.find_iter(text) {
        if m.pattern().as_usize() < *months {
            month_starts.push(m.start());
        } else {
            weekday_starts.push(m.start());
        }
    }
    (month_starts, weekday_starts)
}

fn month_number(name: &str) -> Option<u32> {
    let prefix: String = name.chars().take(3).collect::<String>().to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

fn day_numbers(s: &str) -> Vec<u32> {
    let numbers: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .filter(|d| (1..=31).contains(d))
        .collect();
    // "6-8 June" or "6 to 8 June" is a range: every day in it.
    let ranged = s.contains('-') || s.contains('–') || s.contains(" to ");
    if numbers.len() == 2 && ranged {
        if numbers[0] < numbers[1] {
            return (numbers[0]..=numbers[1]).collect();
        }
        // "June 4 to 1,000 members": not a range of days.
        return numbers[..1].to_vec();
    }
    numbers
}

impl Component for Dates {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        let mut found: Vec<(Span, usize, TimeExpr)> = Vec::new();
        // The gates' words found once in the whole text, not sentence by sentence.
        let (month_names, weekday_names) = day_name_starts(doc.text);
        // "today", "this morning": a few words and spaces, never across a sentence end, so
        // the whole text is searched once.
        let relative: Vec<Span> = RELATIVE
            .find_iter(doc.text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        for (s, sentence) in doc.layout.sentences.iter().enumerate() {
            if doc.boilerplate[sentence.paragraph] {
                continue;
            }
            let text = doc.slice(sentence.span);
            let base = sentence.span.start;
            // The spans taken so far, start -> end: disjoint, so the one that starts last
            // before a new span's end is the only one that can overlap it.
            let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
            let mut push =
                |span: Span,
                 expr: TimeExpr,
                 taken: &mut std::collections::BTreeMap<usize, usize>| {
                    let overlaps = taken
                        .range(..span.end)
                        .next_back()
                        .is_some_and(|(_, &end)| end > span.start);
                    if !overlaps {
                        taken.insert(span.start, span.end);
                        found.push((span, s, expr));
                    }
                };
            // Cheap tests first: most sentences hold no digit and no month.
            let has_digit = text.bytes().any(|b| b.is_ascii_digit());
            let calendar: &[&Regex] = if has_digit && sentence.span.holds_any(&month_names) {
                &[&*DAY_MONTH, &*MONTH_DAY]
            } else {
                &[]
            };
            for re in calendar {
                for c in re.captures_iter(text) {
                    let Some(m) = c.get(0) else { continue };
                    let mut days = c
                        .name("days")
                        .map(|d| day_numbers(d.as_str()))
                        .unwrap_or_default();
                    // "between 12 and 15 July" is every day from one to the other.
                    if days.len() == 2
                        && days[0] < days[1]
                        && text[..m.start()].trim_end().ends_with("between")
                    {
                        days = (days[0]..=days[1]).collect();
                    }
                    let month = c.name("month").and_then(|m| month_number(m.as_str()));
                    if days.is_empty() || month.is_none() {
                        continue;
                    }
                    // "May" is also a verb: "May 5" only when a day follows it directly.
                    let expr = TimeExpr::Calendar {
                        weekday: c.name("wd").and_then(|w| weekday(w.as_str())),
                        month,
                        days,
                        year: c.name("year").and_then(|y| y.as_str().parse().ok()),
                    };
                    push(
                        Span::new(base + m.start(), base + m.end()),
                        expr,
                        &mut taken,
                    );
                }
            }
            let weekdays = sentence
                .span
                .holds_any(&weekday_names)
                .then(|| WEEKDAY.captures_iter(text));
            // "on Tuesday, Thursday and Saturday": a list shares the tense of its first day.
            let mut last_weekday: Option<(usize, i8)> = None;
            for c in weekdays.into_iter().flatten() {
                let (Some(m), Some(wd)) =
                    (c.get(0), c.name("wd").and_then(|w| weekday(w.as_str())))
                else {
                    continue;
                };
                let direction = match c.name("dir").map(|d| d.as_str()) {
                    Some("last") => -2,
                    Some("next") => 2,
                    Some("since") => -1,
                    Some("until" | "till" | "by") => 1,
                    _ => match tense_around(text, m.start(), m.end()) {
                        Some(Tense::Past) => -1,
                        Some(Tense::Future) => 1,
                        // Nothing says: the day before in the same list, else the nearer
                        // of the two.
                        None => last_weekday
                            .filter(|&(end, _)| {
                                text[end..m.start()]
                                    .split(|c: char| !c.is_alphanumeric())
                                    .all(|w| w.is_empty() || matches!(w, "and" | "or" | "on"))
                            })
                            .map_or(0, |(_, d)| d),
                    },
                };
                last_weekday = Some((m.end(), direction));
                let start = c.name("wd").map_or(m.start(), |w| w.start());
                // "on Wednesday (December 21)": the date in brackets says which.
                if text[m.end()..].trim_start().starts_with('(')
                    && text[m.end()..].trim_start().get(1..).is_some_and(|r| {
                        r.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
                    })
                {
                    continue;
                }
                push(
                    Span::new(base + start, base + m.end()),
                    TimeExpr::Weekday {
                        weekday: wd,
                        direction,
                    },
                    &mut taken,
                );
            }
            let first = relative.partition_point(|m| m.start < sentence.span.start);
            for &m in relative[first..]
                .iter()
                .take_while(|m| m.end <= sentence.span.end)
            {
                let offset = match doc.slice(m).to_lowercase().as_str() {
                    "tomorrow" => 1,
                    "yesterday" => -1,
                    // "from midnight tonight" is the first minute of tomorrow.
                    "tonight" if doc.text[..m.start].trim_end().ends_with("midnight") => 1,
                    _ => 0,
                };
                push(m, TimeExpr::Relative(offset), &mut taken);
            }
            let ordinals = has_digit.then(|| ORDINAL_DAY.captures_iter(text));
            for c in ordinals.into_iter().flatten() {
                let (Some(m), Some(d)) = (c.get(0), c.name("days")) else {
                    continue;
                };
                // "the 11th walkout" counts; "on the 21st." names a day.
                let next: String = text[m.end()..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let joins = [
                    "and", "or", "to", "at", "from", "until", "when", "with", "for", "in", "on",
                    "as", "but",
                ];
                if !next.is_empty() && !joins.contains(&next.as_str()) {
                    continue;
                }
                let expr = TimeExpr::Calendar {
                    weekday: None,
                    month: None,
                    days: day_numbers(d.as_str()),
                    year: None,
                };
                push(
                    Span::new(base + m.start(), base + m.end()),
                    expr,
                    &mut taken,
                );
            }
        }
        found.sort_by_key(|(span, _, _)| *span);
        if doc.published.is_none() {
            doc.published = dateline(doc, &found);
        }
        let year = article_year(
            doc.published,
            &if doc.published.is_none() {
                years_named(doc.text)
            } else {
                Vec::new()
            },
            &doc.context.corpus_years,
            found.iter().map(|(_, _, e)| e),
        );
        let published = doc.published;
        doc.dates = found
            .into_iter()
            .filter_map(|(span, sentence, expr)| {
                let days = resolve(&expr, published, year);
                (!days.is_empty()).then_some(DateMention {
                    span,
                    expr,
                    days,
                    sentence,
                })
            })
            .collect();
    }
}

/// The tense of the clause a bare weekday sits in, which says whether "on Friday" is the
/// Friday before publication or the one after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

/// Words that put what they govern ahead of the speaker.
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "would",
    "ll",
    "shall",
    "due",
    "set",
    "planned",
    "scheduled",
    "expected",
    "plan",
    "plans",
    "planning",
    "intend",
    "intends",
    "going",
    "upcoming",
    "proposed",
    "slated",
    "for",
    "until",
    "till",
    "by",
    "threaten",
    "threatens",
    "threatening",
    "begins",
    "starts",
];

/// Irregular past forms that news English puts before a day.
const PAST_FORMS: &[&str] = &[
    "was", "were", "had", "did", "began", "begun", "went", "took", "struck", "held", "saw", "came",
    "met", "said", "told", "made", "gave", "won", "lost", "left", "ran", "sent", "got", "since",
    "ago", "last", "earlier",
];

/// The tense of the nearest verb-like word before a weekday (six words back), else after
/// it (four words on): "supported Tuesday's strike" is past, "will walk out on Monday" and
/// "due on Monday" are ahead. `None` where nothing tells.
/// Words before "to" that put what follows ahead: "told to", "due to", "set to".
const TOLD_TO: &[&str] = &[
    "told",
    "asked",
    "urged",
    "advised",
    "set",
    "due",
    "going",
    "expected",
    "scheduled",
];

fn tense_around(sentence: &str, start: usize, end: usize) -> Option<Tense> {
    let whole = Span::new(0, sentence.len());
    let before = super::window(sentence, whole, start, 80, 0);
    let after = super::window(sentence, whole, end, 0, 60);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(|w| {
                let w = w.to_lowercase();
                // "We'll": the marker is the contraction.
                match w.rsplit_once(['\'', '’']) {
                    Some((_, "ll")) => "ll".to_owned(),
                    _ => w,
                }
            })
            .collect()
    };
    let classify = |w: &String| -> Option<Tense> {
        if FUTURE_MARKERS.contains(&w.as_str()) {
            Some(Tense::Future)
        } else if PAST_FORMS.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed")) {
            Some(Tense::Past)
        } else {
            None
        }
    };
    let back = words(&sentence[before.start..start]);
    // "have been told to stay at home on Thursday", "are due to walk out on Monday": what
    // someone is told or due to do lies ahead, whatever the tense of the telling.
    let ahead_of_telling = back.iter().rev().take(6).enumerate().find_map(|(k, w)| {
        let i = back.len() - 1 - k;
        (w == "to" && i > 0 && TOLD_TO.contains(&back[i - 1].as_str())).then_some(k)
    });
    let marked = back
        .iter()
        .rev()
        .take(6)
        .position(|w| classify(w).is_some());
    if let Some(k) = ahead_of_telling {
        if marked.is_none_or(|m| m > k) {
            return Some(Tense::Future);
        }
    }
    back.iter().rev().take(6).find_map(classify).or_else(|| {
        words(&sentence[end..after.end])
            .iter()
            .take(4)
            .find_map(classify)
    })
}

/// The day a page without a stated date was published, from its dateline: an ISO date it
/// opens with ("date 2023-02-09"), or a short line near the top that is a full date
/// ("23 February 2018", "Hamilton, March 16, 2023", "6 August 2015, 06:00 | Updated ...").
fn dateline(doc: &Annotated<'_>, found: &[(Span, usize, TimeExpr)]) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?i:date:?\s+)?(\d{4})-(\d{2})-(\d{2})(?:\s|$)").expect("valid regex")
    });
    if let Some(c) = ISO.captures(doc.text) {
        let part = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        if let (Some(y), Some(m), Some(d)) = (part(1), part(2), part(3)) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                return Some(date);
            }
        }
    }
    let top = doc
        .layout
        .paragraphs
        .get(..8)
        .unwrap_or(&doc.layout.paragraphs);
    found.iter().find_map(|(span, _, expr)| {
        let TimeExpr::Calendar {
            month: Some(m),
            days,
            year: Some(y),
            ..
        } = expr
        else {
            return None;
        };
        let paragraph = top.iter().find(|p| p.contains(*span))?;
        let short = super::words_up_to(doc.slice(*paragraph), 13) <= 12;
        (days.len() == 1 && short)
            .then(|| NaiveDate::from_ymd_opt(*y, *m, days[0]))
            .flatten()
    })
}

/// The four-figure years a text names ("in 2022", "2023/24").
fn years_named(text: &str) -> Vec<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(19[5-9]\d|20[0-4]\d)(?-u:\b)").expect("valid regex")
    });
    let mut years: Vec<i32> = YEAR
        .find_iter(text)
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The year an undated article speaks of, where something fixes it: a full date with its
/// year (the one most named, the latest on a tie); else the one year its weekday-and-date
/// expressions ("Wednesday, March 9") fit among the years the text names, or among the
/// years of the other articles of the corpus. `None` when the article has a date or nothing
/// leaves exactly one year: the days are then left off the calendar rather than guessed.
fn article_year<'a>(
    published: Option<NaiveDate>,
    named: &[i32],
    corpus_years: &[i32],
    exprs: impl Iterator<Item = &'a TimeExpr>,
) -> Option<i32> {
    if published.is_some() {
        return None;
    }
    let mut stated: Vec<i32> = Vec::new();
    let mut fitting: Option<Vec<i32>> = None;
    for expr in exprs {
        let TimeExpr::Calendar {
            weekday,
            month: Some(m),
            days,
            year,
        } = expr
        else {
            continue;
        };
        if let Some(y) = year {
            stated.push(*y);
            continue;
        }
        let (Some(wd), Some(&d)) = (weekday, days.first()) else {
            continue;
        };
        let fits: Vec<i32> = (1990..=2040)
            .filter(|&y| {
                NaiveDate::from_ymd_opt(y, *m, d).is_some_and(|date| date.weekday() == *wd)
            })
            .collect();
        fitting = Some(match fitting {
            None => fits,
            Some(c) => c.into_iter().filter(|y| fits.contains(y)).collect(),
        });
    }
    stated.sort_unstable();
    let most_stated = stated
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| (run.len(), run[0]))
        .map(|run| run[0]);
    if most_stated.is_some() {
        return most_stated;
    }
    let fitting = fitting?;
    let only_one = |pool: &[i32]| -> Option<i32> {
        let mut hits = fitting.iter().filter(|y| pool.contains(y));
        let first = hits.next().copied();
        first.filter(|_| hits.next().is_none())
    };
    only_one(named).or_else(|| only_one(corpus_years))
}

/// Puts a time expression on the calendar.
pub fn resolve(
    expr: &TimeExpr,
    published: Option<NaiveDate>,
    article_year: Option<i32>,
) -> Vec<NaiveDate> {
    match expr {
        TimeExpr::Relative(offset) => published
            .and_then(|p| shift(p, *offset))
            .into_iter()
            .collect(),
        TimeExpr::Weekday { weekday, direction } => {
            let Some(p) = published else {
                return Vec::new();
            };
            // "on Monday" in Monday's paper is that day, whichever way the verb points;
            // "next Monday" and "last Monday" are never the day itself.
            let find = |step: i64, first: i64| {
                (first..first + 7)
                    .filter_map(|k| shift(p, step * k))
                    .find(|d| d.weekday() == *weekday)
            };
            let day = match direction {
                0 => {
                    // The nearer of the last and the next such day (the next on a tie).
                    let (back, ahead) = (find(-1, 0), find(1, 0));
                    match (back, ahead) {
                        (Some(b), Some(a)) if (p - b) < (a - p) => Some(b),
                        (_, a) => a,
                    }
                }
                d => find(i64::from(d.signum()), if d.abs() >= 2 { 1 } else { 0 }),
            };
            day.into_iter().collect()
        }
        TimeExpr::Calendar {
            weekday,
            month,
            days,
            year,
        } => {
            let mut out = Vec::new();
            for &d in days {
                let date = match (month, year) {
                    (Some(m), Some(y)) => NaiveDate::from_ymd_opt(*y, *m, d),
                    (Some(m), None) => match (published, article_year) {
                        (Some(p), _) => resolve_year(p, *m, d, *weekday),
                        (None, Some(y)) => NaiveDate::from_ymd_opt(y, *m, d),
                        (None, None) => None,
                    },
                    // "the 21st": the next such day from publication.
                    (None, _) => published.and_then(|p| {
                        (0..3).find_map(|k| {
                            let first =
                                p.with_day(1)?.checked_add_months(chrono::Months::new(k))?;
                            let date = first.with_day(d)?;
                            (date >= p).then_some(date)
                        })
                    }),
                };
                out.extend(date);
            }
            out
        }
    }
}

/// The year that puts month/day nearest the publication date (weekday agreement first).
pub fn resolve_year(
    published: NaiveDate,
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
) -> Option<NaiveDate> {
    let y = published.year();
    let candidates: Vec<NaiveDate> = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    let fitting: Vec<&NaiveDate> = candidates
        .iter()
        .filter(|d| weekday.is_none_or(|w| d.weekday() == w))
        .collect();
    let pool = if fitting.is_empty() {
        candidates.iter().collect()
    } else {
        fitting
    };
    pool.into_iter()
        .min_by_key(|d| {
            let diff = (**d - published).num_days();
            // Ties and near-ties favour the future: news announces more than it recalls.
            if diff >= 0 {
                diff
            } else {
                -diff * 2
            }
        })
        .copied()
}

fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Context, Gazetteer};

    #[test]
    fn day_names_are_found_where_they_start() {
        // `day_name_starts` relies on no name starting inside another.
        let names: Vec<&str> = MONTHS.split('|').chain(WEEKDAYS.split('|')).collect();
        for a in &names {
            for b in &names {
                assert!(
                    a == b || !a.get(1..).is_some_and(|rest| rest.contains(b)),
                    "{b:?} starts inside {a:?}"
                );
            }
        }
        let text = "On Wednesday 3 March, Sept 9 and a Sunday in Sep; Marching in June.";
        let naive = |list: &[&str]| -> Vec<usize> {
            (0..text.len())
                .filter(|&at| list.iter().any(|n| text[at..].starts_with(n)))
                .collect()
        };
        let month_names: Vec<&str> = MONTHS.split('|').collect();
        let weekday_names: Vec<&str> = WEEKDAYS.split('|').collect();
        assert_eq!(
            day_name_starts(text),
            (naive(&month_names), naive(&weekday_names))
        );
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn dates(
        text: &str,
        published: Option<NaiveDate>,
        years: &[i32],
    ) -> Vec<(String, Vec<NaiveDate>)> {
        let gazetteer = Gazetteer::builtin();
        let context = Context {
            published,
            corpus_years: years.to_vec(),
            publisher: None,
        };
        let mut doc = Annotated::new(text, &context, &gazetteer);
        Dates.run(&mut doc);
        doc.dates
            .iter()
            .map(|d| (doc.slice(d.span).to_owned(), d.days.clone()))
            .collect()
    }

    #[test]
    fn relative_days_and_weekdays_count_from_publication() {
        // Published on a Wednesday.
        let p = Some(day(2021, 3, 3));
        let found = dates(
            "The strike runs from 8am this morning until 8am on Friday. More tomorrow.",
            p,
            &[],
        );
        assert_eq!(found[0], ("this morning".to_owned(), vec![day(2021, 3, 3)]));
        assert_eq!(found[1], ("Friday".to_owned(), vec![day(2021, 3, 5)]));
        assert_eq!(found[2], ("tomorrow".to_owned(), vec![day(2021, 3, 4)]));
        let found = dates(
            "Staff walk out next Wednesday; talks began on Monday.",
            p,
            &[],
        );
        assert_eq!(found[0].1, vec![day(2021, 3, 10)]);
        assert_eq!(found[1].1, vec![day(2021, 3, 1)]);
        // What pupils have been told to do lies ahead of the telling.
        let found = dates("Pupils have been told to stay at home on Thursday.", p, &[]);
        assert_eq!(found[0].1, vec![day(2021, 3, 4)]);
    }

    #[test]
    fn dates_beside_typographic_quotes_and_in_any_case_are_found() {
        // Published on a Wednesday; curly quotes and a no-break space around the dates.
        let p = Some(day(2021, 3, 3));
        let found = dates(
            "\u{201C}We walk out on\u{00A0}Friday, 12 March,\u{201D} she said. \u{2018}TODAY\u{2019} is a \
             rally; Today\u{2019}s talks failed. Sunday\u{2019}s vote is the 21st.",
            p,
            &[],
        );
        let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            spans,
            ["Friday, 12 March", "TODAY", "Today", "Sunday", "the 21st"]
        );
        assert_eq!(found[0].1, vec![day(2021, 3, 12)]);
        assert_eq!(found[1].1, vec![day(2021, 3, 3)]);
        assert_eq!(found[4].1, vec![day(2021, 3, 21)]);
    }

    #[test]
    fn calendar_dates_take_the_nearest_year() {
        let p = Some(day(2019, 12, 20));
        let found = dates(
            "Strikes on Tuesday, January 7 and on 14 January, then March 3rd and 4th.",
            p,
            &[],
        );
        assert_eq!(found[0].1, vec![day(2020, 1, 7)]);
        assert_eq!(found[1].1, vec![day(2020, 1, 14)]);
        assert_eq!(found[2].1, vec![day(2020, 3, 3), day(2020, 3, 4)]);
    }

    #[test]
    fn an_undated_article_takes_the_year_its_weekdays_fit() {
        // 2 March was a Thursday in 2017 and 2023 (and 2006); the corpus is from 2022-23.
        let found = dates(
            "Teachers strike on Thursday 2 March, and again on 16 March.",
            None,
            &[2022, 2023, 2023],
        );
        assert_eq!(found[0].1, vec![day(2023, 3, 2)]);
        assert_eq!(found[1].1, vec![day(2023, 3, 16)]);
        // Nothing fixes a bare weekday without a publication date.
        assert!(dates("They strike on Friday.", None, &[2023]).is_empty());
    }

    #[test]
    fn months_abbreviated_with_a_full_stop() {
        let p = Some(day(2024, 9, 20));
        let found = dates("They walked out Sept. 13 and return Oct. 2.", p, &[]);
        assert_eq!(found[0].1, vec![day(2024, 9, 13)]);
        assert_eq!(found[1].1, vec![day(2024, 10, 2)]);
    }

    #[test]
    fn ordinals_and_day_ranges() {
        let p = Some(day(2022, 12, 16));
        let found = dates("Crews walk out on the 21st and on 6-8 January.", p, &[]);
        assert_eq!(found[0].1, vec![day(2022, 12, 21)]);
        assert_eq!(
            found[1].1,
            vec![day(2023, 1, 6), day(2023, 1, 7), day(2023, 1, 8)]
        );
    }

    #[test]
    fn an_undated_article_takes_its_year_only_from_what_fixes_it() {
        // A full date with its year anywhere in the text.
        let found = dates(
            "Staff strike on Tuesday 25 July, until Thursday 27 July 2023.",
            None,
            &[2017, 2023],
        );
        assert_eq!(found[0].1, vec![day(2023, 7, 25)]);
        // Only a weekday: 23 January was a Monday in 2017 and in 2023, both years of the
        // corpus, so no year is guessed.
        assert!(dates(
            "Today (Monday January 23) staff struck.",
            None,
            &[2017, 2023]
        )
        .is_empty());
        // A dateline gives the day of publication.
        let found = dates(
            "Hamilton, March 16, 2023\nTeachers strike today.",
            None,
            &[],
        );
        assert_eq!(
            found.last().map(|d| d.1.clone()),
            Some(vec![day(2023, 3, 16)])
        );
        let found = dates(
            " date 2019-08-05 The walkout due on Monday was called off.",
            None,
            &[],
        );
        assert_eq!(found[0].1, vec![day(2019, 8, 5)]);
    }

    #[test]
    fn a_page_address_carries_its_date() {
        use crate::extract::date_in_url;
        assert_eq!(
            date_in_url("https://example.org/2024/09/13/boeing-strike/"),
            Some(day(2024, 9, 13))
        );
        assert_eq!(
            date_in_url("https://example.org/society/2017/jul/11/cleaners-strike"),
            Some(day(2017, 7, 11))
        );
        assert_eq!(date_in_url("https://example.org/news/12345"), None);
    }
}
