//! Extraction: from one article's text to entities, facts, strikes and quotations.
//!
//! A pipeline of components, each a [`Component`] that reads the layers earlier components
//! wrote on an [`Annotated`] document and adds its own. Extraction is pure: text and
//! [`Context`] in, [`Extraction`] out; no I/O, so it tests alone and runs in parallel.
//! Every fact keeps the rule that made it and the span of text it rests on.

mod dates;
mod gazetteer;
mod names;
mod places;
mod quotes;
mod roles;
mod strikes;

pub use dates::{resolve_year, DateMention, TimeExpr};
pub use gazetteer::Gazetteer;

use crate::corpus::Document;
use crate::text::{Layout, Span};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Hospital,
    Place,
}

impl EntityKind {
    pub fn slug(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Hospital => "hospital",
            EntityKind::Place => "place",
        }
    }
}

/// A finer kind an entity can have, from its cue words or the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubKind {
    Union,
    Trust,
    Party,
    Council,
    Government,
    Newspaper,
    School,
    Company,
    Street,
    Town,
    Region,
    Country,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// Index of an entity in [`Extraction::entities`].
pub type EntityId = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    pub sub: Option<SubKind>,
    /// The fullest form seen ("Alan Marsh", "British Medical Association").
    pub name: String,
    /// Every other surface form ("Mr Marsh", "BMA").
    pub aliases: BTreeSet<String>,
    pub mentions: Vec<Span>,
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Property {
    JobTitle,
    WorksFor,
    MemberOf,
    HomeLocation,
    Location,
    ParentOrganization,
    StartDate,
    EndDate,
    Organizer,
}

impl Property {
    /// The schema.org local name.
    pub fn local_name(self) -> &'static str {
        match self {
            Property::JobTitle => "jobTitle",
            Property::WorksFor => "worksFor",
            Property::MemberOf => "memberOf",
            Property::HomeLocation => "homeLocation",
            Property::Location => "location",
            Property::ParentOrganization => "parentOrganization",
            Property::StartDate => "startDate",
            Property::EndDate => "endDate",
            Property::Organizer => "organizer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Entity(EntityId),
    Strike(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    Entity(EntityId),
    Text(String),
    Date(NaiveDate),
}

/// One statement, with the rule that made it and the text it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub subject: Subject,
    pub property: Property,
    pub object: Value,
    pub rule: &'static str,
    pub evidence: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StrikeStatus {
    /// Announced for a day after publication.
    Planned,
    /// Under way on the day of publication.
    Happening,
    /// Over by the day of publication.
    Past,
    /// Called off.
    Cancelled,
    /// Suspended: off for now, with no new date.
    Suspended,
    /// Postponed: put back, a new date to follow.
    Postponed,
    /// Moved to another day.
    Rescheduled,
}

impl StrikeStatus {
    /// The word the graph uses for the status (`sg:phase`).
    pub fn phase(self) -> &'static str {
        match self {
            StrikeStatus::Planned => "planned",
            StrikeStatus::Happening => "happening",
            StrikeStatus::Past => "past",
            StrikeStatus::Cancelled => "cancelled",
            StrikeStatus::Suspended => "suspended",
            StrikeStatus::Postponed => "postponed",
            StrikeStatus::Rescheduled => "rescheduled",
        }
    }

    /// Reads [`StrikeStatus::phase`] back.
    pub fn from_phase(phase: &str) -> Option<Self> {
        [
            StrikeStatus::Planned,
            StrikeStatus::Happening,
            StrikeStatus::Past,
            StrikeStatus::Cancelled,
            StrikeStatus::Suspended,
            StrikeStatus::Postponed,
            StrikeStatus::Rescheduled,
        ]
        .into_iter()
        .find(|s| s.phase() == phase)
    }

    /// schema.org's `EventStatusType` for the status.
    pub fn event_status(self) -> &'static str {
        match self {
            StrikeStatus::Planned | StrikeStatus::Happening | StrikeStatus::Past => {
                "EventScheduled"
            }
            StrikeStatus::Cancelled => "EventCancelled",
            StrikeStatus::Suspended | StrikeStatus::Postponed => "EventPostponed",
            StrikeStatus::Rescheduled => "EventRescheduled",
        }
    }

    /// Orders one article's claim of this status among others: by publication day (an
    /// undated article first), then on one day the less final before the more final, so the
    /// greatest is the claim that stands.
    pub fn claim_order(self, published: Option<&str>) -> (Option<&str>, std::cmp::Reverse<u8>) {
        (published, std::cmp::Reverse(self.finality()))
    }

    /// Which of two claims made on one day wins: the more final one (lower is more final).
    pub fn finality(self) -> u8 {
        match self {
            StrikeStatus::Cancelled => 0,
            StrikeStatus::Postponed => 1,
            StrikeStatus::Suspended => 2,
            StrikeStatus::Rescheduled => 3,
            StrikeStatus::Past => 4,
            StrikeStatus::Happening => 5,
            StrikeStatus::Planned => 6,
        }
    }
}

/// One industrial action, identified by its start date.
#[derive(Debug, Clone, PartialEq)]
pub struct Strike {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub status: Option<StrikeStatus>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    pub span: Span,
    pub speaker: Option<EntityId>,
    /// Whoever else signed or said the same words (a joint statement).
    pub co_speakers: Vec<EntityId>,
    pub rule: &'static str,
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub strikes: Vec<Strike>,
    pub quotes: Vec<Quote>,
}

/// What extraction may know beyond the text itself.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub published: Option<NaiveDate>,
    /// Publication years of the other articles in the corpus, for articles without a date.
    pub corpus_years: Vec<i32>,
    /// The publisher's name, so that its banner is not read as a fact.
    pub publisher: Option<String>,
}

impl Context {
    pub fn for_document(doc: &Document) -> Self {
        Self {
            // A page that states no date often carries it in its address.
            published: doc
                .published
                .or_else(|| doc.url.as_deref().and_then(date_in_url)),
            corpus_years: Vec::new(),
            publisher: doc.publisher.clone(),
        }
    }
}

/// The date a news page's address carries: `/2023/01/23/`, `/2017/jul/11/`, `2023-01-23`.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    static DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:^|[/_-])((?:19|20)\d\d)[/-](\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[/-](\d\d)(?:$|[/_.-])",
        )
        .expect("valid regex")
    });
    DATE.captures_iter(url).find_map(|c| {
        let year = c.get(1)?.as_str().parse().ok()?;
        let month = c.get(2)?.as_str();
        let month = month.parse().ok().or_else(|| {
            const MONTHS: [&str; 12] = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            let lower = month.to_ascii_lowercase();
            MONTHS
                .iter()
                .position(|m| *m == lower)
                .map(|i| i as u32 + 1)
        })?;
        NaiveDate::from_ymd_opt(year, month, c.get(3)?.as_str().parse().ok()?)
    })
}

/// A document as it passes through the pipeline: its text, layout and the layers found so far.
pub struct Annotated<'a> {
    pub text: &'a str,
    pub layout: Layout,
    pub context: &'a Context,
    /// The day of publication: the context's, else the dateline the text opens with
    /// (found by `dates`).
    pub published: Option<NaiveDate>,
    pub gazetteer: &'a Gazetteer,
    /// Paragraphs that are site furniture ("More on ...", "Get in touch ..."), not reporting.
    pub boilerplate: Vec<bool>,
    pub extraction: Extraction,
    /// Each entity mention, in text order: (span, entity).
    pub mentions: Vec<(Span, EntityId)>,
    pub dates: Vec<DateMention>,
    /// Speakers of reported speech in text order (span of the speech verb, speaker), for
    /// "she added" and "a spokesman said".
    pub speakers: Vec<(Span, EntityId)>,
    /// Every (subject, property, object) in `extraction.facts`, so a fact is added once.
    fact_keys: rustc_hash::FxHashSet<(Subject, Property, Value)>,
    /// The steps of work left (see [`work_budget`]); a rule that runs out stops.
    work_left: std::cell::Cell<u64>,
}

/// How much work extracting a text may take, in steps: a mention looked at in a span, a
/// candidate entity compared while grouping names. The rules are linear in the text, so a
/// real article spends a small fraction of this; a text that would cost more (a pattern
/// that escapes them on some input no one foresaw) is stopped and reported rather than
/// holding up everything else.
pub fn work_budget(text_len: usize) -> u64 {
    WORK_BASE + WORK_PER_BYTE * text_len as u64
}

/// The steps every text may take, however short.
const WORK_BASE: u64 = 1_000_000;
/// The steps each byte of text adds.
const WORK_PER_BYTE: u64 = 16;

/// Extraction stopped at its work budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("extraction needed more than its work budget of {budget} steps for {bytes} bytes of text")]
pub struct OutOfWork {
    pub budget: u64,
    pub bytes: usize,
}

impl<'a> Annotated<'a> {
    pub fn new(text: &'a str, context: &'a Context, gazetteer: &'a Gazetteer) -> Self {
        let layout = Layout::new(text);
        let boilerplate = layout
            .paragraphs
            .iter()
            .map(|p| is_boilerplate(&text[p.start..p.end], context.publisher.as_deref()))
            .collect();
        Self {
            text,
            layout,
            context,
            published: context.published,
            gazetteer,
            boilerplate,
            extraction: Extraction::default(),
            mentions: Vec::new(),
            dates: Vec::new(),
            speakers: Vec::new(),
            fact_keys: Default::default(),
            work_left: std::cell::Cell::new(work_budget(text.len())),
        }
    }

    /// Spends steps of the work budget; false once it is spent (and from then on).
    pub fn spend(&self, steps: u64) -> bool {
        let left = self.work_left.get();
        self.work_left.set(left.saturating_sub(steps));
        left >= steps
    }

    /// The steps of work left.
    pub fn work_left(&self) -> u64 {
        self.work_left.get()
    }

    /// Whether the work budget is spent.
    pub fn out_of_work(&self) -> bool {
        self.work_left.get() == 0
    }

    /// The text of a span; empty (never a panic) for a span that does not fit the text.
    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    pub fn token_text(&self, index: usize) -> &'a str {
        self.slice(self.layout.tokens[index].span)
    }

    pub fn is_boilerplate_at(&self, offset: usize) -> bool {
        self.layout
            .paragraph_at(offset)
            .is_some_and(|p| self.boilerplate[p])
    }

    /// The entity mentioned at exactly this span, if any.
    pub fn entity_at(&self, span: Span) -> Option<EntityId> {
        self.mentions
            .iter()
            .find(|(s, _)| *s == span)
            .map(|&(_, e)| e)
    }

    /// Mentions that lie inside `span`, in text order.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = (Span, EntityId)> + '_ {
        // Mentions are sorted by start: a binary search, not a pass over the document's
        // mentions (asked once per speech verb and per name, that pass was quadratic).
        let first = self.mentions.partition_point(|(s, _)| s.start < span.start);
        self.mentions[first..]
            .iter()
            .copied()
            .take_while(move |(s, _)| s.start <= span.end && self.spend(1))
            .filter(move |(s, _)| span.contains(*s))
    }

    /// The mention that starts before `at` and runs past it, if any.
    pub fn mention_around(&self, at: usize) -> Option<(Span, EntityId)> {
        let first = self.mentions.partition_point(|(s, _)| s.start < at);
        first
            .checked_sub(1)
            .map(|i| self.mentions[i])
            .filter(|(s, _)| s.end > at)
    }

    /// The mentions that end at or before `at`, the nearest first.
    pub fn mentions_before(&self, at: usize) -> impl Iterator<Item = (Span, EntityId)> + '_ {
        // Sorted by start, so every mention that ends by `at` starts before it; a mention
        // that starts before `at` but runs past it is skipped.
        let end = self.mentions.partition_point(|(s, _)| s.start < at);
        self.mentions[..end]
            .iter()
            .rev()
            .copied()
            .take_while(move |_| self.spend(1))
            .filter(move |(s, _)| s.end <= at)
    }

    /// The union the article is about: the one named most often (the first named on a tie).
    pub fn main_union(&self) -> Option<EntityId> {
        // entity -> (mentions, first mention)
        let mut counts: rustc_hash::FxHashMap<EntityId, (usize, usize)> = Default::default();
        for (i, &(_, e)) in self.mentions.iter().enumerate() {
            if self.entity(e).sub == Some(SubKind::Union) {
                counts.entry(e).or_insert((0, i)).0 += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
            .map(|(e, _)| e)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.extraction.entities[id]
    }

    pub fn add_fact(
        &mut self,
        subject: Subject,
        property: Property,
        object: Value,
        rule: &'static str,
        evidence: Span,
    ) {
        // A set, not a pass over the facts: a long document states many.
        if self.fact_keys.insert((subject, property, object.clone())) {
            self.extraction.facts.push(Fact {
                subject,
                property,
                object,
                rule,
                evidence,
            });
        }
    }
}

/// Whether the text between two names joins them in a list: "A, B and C", "A or B".
pub(crate) fn joins_a_list(between: &str) -> bool {
    matches!(between, "," | "and" | ", and" | "&" | "or" | ", or")
}

/// `span` cut to at most `before` bytes before `at` and `after` bytes after it, on `char`
/// boundaries: the context a rule reads around a word, so that a sentence without an end
/// (a list, a run-on page) costs each word a bounded amount of work.
pub(crate) fn window(text: &str, span: Span, at: usize, before: usize, after: usize) -> Span {
    let mut start = at.saturating_sub(before).max(span.start);
    while start < at && !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = at.saturating_add(after).min(span.end).max(at);
    while end > at && !text.is_char_boundary(end) {
        end -= 1;
    }
    Span::new(start, end)
}

/// A line that belongs to the site, not the story: banners, bylines, captions, share and
/// contact prompts.
fn is_boilerplate(line: &str, publisher: Option<&str>) -> bool {
    const SITE_OPENERS: &[&str] = &[
        "more on ",
        "read more",
        "related:",
        "related topics",
        "share this",
        "share on",
        "follow us",
        "sign up",
        "subscribe",
        "image caption",
        "image copyright",
        "image source",
        "picture:",
        "pictured:",
        "photo:",
        "copyright",
        "getty images",
        "pa media",
        "advertisement",
        "by ",
        "published:",
        "updated:",
        "last updated",
    ];
    let words = words_up_to(line, 9);
    let short = words <= 8;
    // A long line is boilerplate only as a contact line or a caption: skip lower-casing the
    // rest.
    let caption = is_caption(line);
    if !short
        && !caption
        && !line.contains('@')
        && !contains_ignoring_ascii_case(line, "get in touch")
    {
        return false;
    }
    // A photo caption, however long: "... Picture shows the picket line", "(Pic: X)".
    if caption {
        return true;
    }
    let lower = line.to_lowercase();
    let byline = lower.starts_with("by ") && words <= 6 && !line.contains('.');
    (short
        && SITE_OPENERS
            .iter()
            .any(|o| *o != "by " && lower.starts_with(o)))
        || byline
        || lower.contains("get in touch")
        || (lower.starts_with("- ") && lower.contains('@'))
        || (lower.contains('@') && lower.contains("email"))
        || (short && line.matches(" | ").count() >= 1)
        || publisher.is_some_and(|p| short && lower.starts_with(&p.to_lowercase()))
}

/// Whether a line is a photo caption: "... Picture shows the picket line", "(Pic: X)",
/// "Photograph: X/Getty Images".
fn is_caption(line: &str) -> bool {
    // "icture shows": one search for "Picture shows" and "picture shows".
    static PICTURE_SHOWS: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("icture shows"));
    PICTURE_SHOWS.find(line.as_bytes()).is_some()
        || (memchr::memchr(b':', line.as_bytes()).is_some()
            && ["photograph:", "(pic:", "(photo:", "pictured:", "image:"]
                .iter()
                .any(|m| contains_ignoring_ascii_case(line, m)))
}

/// The number of words in `line`, counted no further than `limit`.
pub(crate) fn words_up_to(line: &str, limit: usize) -> usize {
    // A plain loop: `split_whitespace` costs more than the rest of the check, for every
    // paragraph.
    let (mut words, mut in_word) = (0, false);
    for c in line.chars() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words == limit {
                break;
            }
        }
    }
    words
}

fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    // Only where the first letter is, in either case: a jump, not a comparison per byte.
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay).any(|at| {
        hay.get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// One step of the pipeline.
pub trait Component: Sync {
    /// A short name, used in provenance and `explain`.
    fn name(&self) -> &'static str;
    fn run(&self, doc: &mut Annotated<'_>);
}

/// The pipeline in the order the components depend on one another.
pub fn pipeline() -> Vec<Box<dyn Component>> {
    vec![
        Box::new(names::Names),
        Box::new(dates::Dates),
        Box::new(roles::Roles),
        Box::new(places::Places),
        Box::new(quotes::Quotes),
        Box::new(strikes::Strikes),
    ]
}

/// Runs the whole pipeline over one document. A text that runs out of its work budget
/// gives what was found up to there; [`try_extract`] reports it instead.
pub fn extract(text: &str, context: &Context, gazetteer: &Gazetteer) -> Extraction {
    annotate(text, context, gazetteer).extraction
}

/// [`extract`], or the news that the text needed more than its work budget.
pub fn try_extract(
    text: &str,
    context: &Context,
    gazetteer: &Gazetteer,
) -> Result<Extraction, OutOfWork> {
    let doc = annotate(text, context, gazetteer);
    if doc.out_of_work() {
        return Err(OutOfWork {
            budget: work_budget(text.len()),
            bytes: text.len(),
        });
    }
    Ok(doc.extraction)
}

/// Runs the pipeline and returns the annotated document, for `explain` and tests.
pub fn annotate<'a>(
    text: &'a str,
    context: &'a Context,
    gazetteer: &'a Gazetteer,
) -> Annotated<'a> {
    let mut doc = Annotated::new(text, context, gazetteer);
    for component in pipeline() {
        // Each component reads every sentence at least once.
        if !doc.spend(doc.layout.sentences.len() as u64) {
            break;
        }
        component.run(&mut doc);
    }
    doc
}

/// A plain-text account of an annotated article: each sentence, then what was found in it.
pub fn explain(doc: &Annotated<'_>) -> String {
    use std::fmt::Write as _;
    let ex = &doc.extraction;
    let mut out = String::new();
    let entity_label = |id: EntityId| {
        let e = &ex.entities[id];
        format!("{} [{}]", e.name, e.kind.slug())
    };
    let subject_label = |s: &Subject| match s {
        Subject::Entity(e) => entity_label(*e),
        Subject::Strike(i) => format!("strike {}", ex.strikes[*i].start),
    };
    let value_label = |v: &Value| match v {
        Value::Entity(e) => entity_label(*e),
        Value::Text(t) => format!("{t:?}"),
        Value::Date(d) => d.to_string(),
    };
    for (i, sentence) in doc.layout.sentences.iter().enumerate() {
        let span = sentence.span;
        let _ = writeln!(out, "[{i}] {}", doc.slice(span));
        if doc.boilerplate[sentence.paragraph] {
            let _ = writeln!(out, "    (site boilerplate: skipped)");
            continue;
        }
        for (s, id) in doc.mentions_in(span) {
            let _ = writeln!(
                out,
                "    mention  {:?} -> {}",
                doc.slice(s),
                entity_label(id)
            );
        }
        for d in doc.dates.iter().filter(|d| d.sentence == i) {
            let days: Vec<String> = d.days.iter().map(|d| d.to_string()).collect();
            let _ = writeln!(
                out,
                "    date     {:?} -> {}",
                doc.slice(d.span),
                days.join(", ")
            );
        }
        for f in ex.facts.iter().filter(|f| {
            span.contains(f.evidence) || f.evidence.contains(span) && f.evidence.start == span.start
        }) {
            let _ = writeln!(
                out,
                "    fact     {} {} {}   (rule: {})",
                subject_label(&f.subject),
                f.property.local_name(),
                value_label(&f.object),
                f.rule
            );
        }
        for q in ex
            .quotes
            .iter()
            .filter(|q| span.overlaps(q.span) && q.span.start >= span.start)
        {
            let who = q
                .speaker
                .map_or("nobody (not attributed)".to_owned(), entity_label);
            let mut words: String = q.text.chars().take(50).collect();
            if q.text.chars().count() > 50 {
                words.push('…');
            }
            let _ = writeln!(out, "    quote    {words:?} by {who}   (rule: {})", q.rule);
        }
    }
    let _ = writeln!(out, "\nstrikes:");
    for s in &ex.strikes {
        let end = s.end.map(|e| format!(" to {e}")).unwrap_or_default();
        let _ = writeln!(out, "  {}{end} ({:?})", s.start, s.status);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{contains_ignoring_ascii_case, is_boilerplate, words_up_to};

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them_up_to_the_limit() {
        for line in [
            "",
            "   ",
            "one",
            "  two  words ",
            "a\u{a0}no-break\tspace\nand more words than the limit of nine allows here",
            "“Quoted,” she said — then left.",
        ] {
            for limit in [1, 3, 9] {
                let want = line.split_whitespace().take(limit).count();
                assert_eq!(words_up_to(line, limit), want, "{line:?} {limit}");
            }
        }
    }

    #[test]
    fn case_blind_search_finds_the_needle_anywhere() {
        for (hay, found) in [
            ("please GET IN TOUCH", true),
            ("Get in touch: desk", true),
            ("we'd love you to get in touch", true),
            ("get in tou", false),
            ("Get out of touch", false),
            ("", false),
        ] {
            assert_eq!(
                contains_ignoring_ascii_case(hay, "get in touch"),
                found,
                "{hay:?}"
            );
        }
        assert!(contains_ignoring_ascii_case("anything", ""));
    }

    #[test]
    fn site_furniture_is_boilerplate() {
        for line in [
            "More on Northshire Online",
            "Have you been affected? Get in touch by email at news@example.org",
            "By Jane Smith",
            "Image caption: Pickets outside the hospital",
            "Northshire Gazette | News | Health",
        ] {
            assert!(is_boilerplate(line, None), "{line}");
        }
        assert!(is_boilerplate(
            "Northshire Gazette",
            Some("Northshire Gazette")
        ));
        for line in [
            "By Friday the union will decide whether to strike again.",
            "Junior doctors walked out at 8am today.",
        ] {
            assert!(!is_boilerplate(line, None), "{line}");
        }
    }

    #[test]
    fn work_is_counted_and_a_text_out_of_it_is_reported() {
        use super::{try_extract, Annotated, Context, Gazetteer};
        let gazetteer = Gazetteer::builtin();
        let context = Context::default();
        let text = "Unite said the strike is on. Ann Lee of Unite said so too.";
        assert!(try_extract(text, &context, &gazetteer).is_ok());
        let doc = Annotated::new(text, &context, &gazetteer);
        let budget = doc.work_left();
        assert!(doc.spend(budget - 1) && doc.spend(1));
        assert!(doc.out_of_work() && !doc.spend(1));
        // A real article spends a small share of its budget.
        let doc = super::annotate(text, &context, &gazetteer);
        assert!(doc.work_left() > super::work_budget(text.len()) / 2);
    }
}
