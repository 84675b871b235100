//! General word lists: national organisations, places, given names and role words.
//!
//! The lists live in `data/` with their sources; they are compiled in so that the binary
//! needs no files at run time. Nothing here is specific to one article.

use super::{EntityKind, Gender, SubKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const ORGANISATIONS: &str = include_str!("../../data/organisations.tsv");
const UNIONS: &str = include_str!("../../data/unions.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");
const GIVEN_NAMES: &str = include_str!("../../data/given_names.tsv");
const ROLES: &str = include_str!("../../data/roles.txt");
/// The world's places, one line a name, sorted by key (see `scripts/data/places.py`).
const WORLD_PLACES: &str = include_str!("../../data/places_world.tsv");

/// What sort of place a line of the world list names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    /// A state, province, territory or nation: the first level below a country.
    State,
    /// A county, council area or borough of the UK or Ireland.
    County,
    /// A populated place: a city, town or village.
    City,
}

/// One place of the world list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorldPlace {
    pub name: &'static str,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    /// The state or nation a city lies in, where the source gives it.
    pub state: &'static str,
    pub population: u64,
    /// `geonames:N` or `iso3166-2:XX-YYY`.
    pub id: &'static str,
}

impl WorldPlace {
    fn parse(line: &'static str) -> Option<Self> {
        let mut cols = line.split('\t').skip(1);
        let name = cols.next()?;
        let kind = match cols.next()? {
            "country" => PlaceKind::Country,
            "state" => PlaceKind::State,
            "county" => PlaceKind::County,
            "city" => PlaceKind::City,
            _ => return None,
        };
        Some(Self {
            name,
            kind,
            country: cols.next()?,
            state: cols.next()?,
            population: cols.next()?.parse().ok()?,
            id: cols.next()?,
        })
    }
}

/// A known entity: its kind, finer kind and canonical name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub kind: EntityKind,
    pub sub: SubKind,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Lower-cased name or alias -> entry; the acronyms are kept case-sensitive in `acronyms`.
    by_name: HashMap<String, usize>,
    acronyms: HashMap<String, usize>,
    /// Acronyms of more than one listed body, which the gazetteer leaves unexpanded.
    shared_acronyms: HashSet<String>,
    entries: Vec<Known>,
    given: HashMap<String, Option<Gender>>,
    /// Role head words ("registrar", "secretary") and whole role phrases.
    roles: HashSet<String>,
    /// Names with commas or lower-case words ("Yorkshire and the Humber"), which the
    /// capitalised-span scanner would cut; matched in the text as they stand.
    spelled: Vec<(String, usize)>,
    /// Finds the spelled names in one pass over a text.
    spelled_finder: Option<aho_corasick::AhoCorasick>,
    /// The key of each line of [`WORLD_PLACES`] and where the line starts, in key order: the
    /// list is searched in place, not loaded into a map.
    world_lines: Vec<(&'static str, u32)>,
}

fn sub_kind(word: &str) -> Option<SubKind> {
    Some(match word {
        "union" => SubKind::Union,
        "government" => SubKind::Government,
        "party" => SubKind::Party,
        "company" => SubKind::Company,
        "country" => SubKind::Country,
        "region" => SubKind::Region,
        "town" => SubKind::Town,
        "street" => SubKind::Street,
        _ => return None,
    })
}

fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// The lists shipped in `data/`.
    pub fn builtin() -> Self {
        let mut g = Gazetteer::default();
        for (data, kind) in [
            (ORGANISATIONS, EntityKind::Organization),
            (UNIONS, EntityKind::Organization),
            (PLACES, EntityKind::Place),
        ] {
            for line in data_lines(data) {
                let mut cols = line.split('\t');
                let (Some(name), Some(aliases), Some(sub)) =
                    (cols.next(), cols.next(), cols.next())
                else {
                    continue;
                };
                let Some(sub) = sub_kind(sub.trim()) else {
                    continue;
                };
                let aliases: Vec<String> = aliases
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect();
                g.add(Known {
                    kind,
                    sub,
                    name: name.trim().to_owned(),
                    aliases,
                });
            }
        }
        for line in data_lines(GIVEN_NAMES) {
            if let Some((name, gender)) = line.split_once('\t') {
                let gender = match gender.trim() {
                    "f" => Some(Gender::Female),
                    "m" => Some(Gender::Male),
                    _ => None,
                };
                g.given.insert(name.to_owned(), gender);
            }
        }
        g.roles = data_lines(ROLES).map(|l| l.trim().to_lowercase()).collect();
        let mut at = 0;
        for line in WORLD_PLACES.split_inclusive('\n') {
            if !line.starts_with('#') {
                if let Some((key, _)) = line.split_once('\t') {
                    g.world_lines.push((key, at as u32));
                }
            }
            at += line.len();
        }
        // Longest first, so "Department of Health and Social Care" wins over its prefix.
        g.spelled
            .sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        // Leftmost-longest: the longest name at each place, skipping ahead between
        // candidates (an overlapping search steps through every byte).
        g.spelled_finder = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(g.spelled.iter().map(|(f, _)| f))
            .ok();
        g
    }

    fn add(&mut self, known: Known) {
        let index = self.entries.len();
        for form in std::iter::once(&known.name).chain(&known.aliases) {
            // What the scanner of capitalised words would cut: a comma, or a small word it
            // does not join names through.
            let words: Vec<&str> = form.split(' ').collect();
            let cut = words.iter().enumerate().skip(1).any(|(i, w)| {
                w.chars().next().is_some_and(char::is_lowercase)
                    && !([
                        "of", "and", "for", "upon", "on", "de", "du", "la", "van", "von",
                    ]
                    .contains(w)
                        || (*w == "the" && words[i - 1] == "of"))
            });
            // "B.C." is cut by the scanner at its full stops.
            if form.contains(',') || form.contains('.') || cut {
                self.spelled.push((form.clone(), index));
            }
            if is_acronym(form) {
                // An acronym two bodies share names neither.
                match self.acronyms.get(form) {
                    _ if self.shared_acronyms.contains(form) => {}
                    Some(&other) if other != index => {
                        self.acronyms.remove(form);
                        self.shared_acronyms.insert(form.clone());
                    }
                    _ => {
                        self.acronyms.insert(form.clone(), index);
                    }
                }
            } else {
                self.by_name.entry(form.to_lowercase()).or_insert(index);
            }
        }
        self.entries.push(known);
    }

    /// Looks up a surface form: acronyms exactly ("BMA", not "bma"), names in any case.
    pub fn lookup(&self, form: &str) -> Option<&Known> {
        // "Teachers’ Association" is "Teachers' Association".
        let straight;
        let form = if form.contains('’') {
            straight = form.replace('’', "'");
            straight.as_str()
        } else {
            form
        };
        let form = form
            .strip_prefix("the ")
            .or_else(|| form.strip_prefix("The "))
            .unwrap_or(form);
        let index = if is_acronym(form) {
            // "UNITE", "UNISON": a name some papers print in capitals, when no acronym
            // is spelled so.
            self.acronyms.get(form).or_else(|| {
                (form.len() >= 5 && form.chars().all(|c| c.is_ascii_uppercase()))
                    .then(|| with_lowercase(form, |lower| self.by_name.get(lower)))
                    .flatten()
            })
        } else {
            with_lowercase(form, |lower| self.by_name.get(lower))
        };
        index.map(|&i| &self.entries[i])
    }

    /// Names that must be matched as they are spelled, with their entries.
    pub fn spelled_names(&self) -> impl Iterator<Item = (&str, &Known)> {
        self.spelled
            .iter()
            .map(|(form, i)| (form.as_str(), &self.entries[*i]))
    }

    /// Where the spelled names occur in `text`: (byte offset, form, entry) in text order,
    /// the longest name where several start at one place, none overlapping another.
    pub fn spelled_in<'a>(&'a self, text: &str) -> Vec<(usize, &'a str, &'a Known)> {
        let Some(finder) = &self.spelled_finder else {
            return Vec::new();
        };
        finder
            .find_iter(text)
            .filter_map(|m| {
                let (form, i) = self.spelled.get(m.pattern().as_usize())?;
                Some((m.start(), form.as_str(), self.entries.get(*i)?))
            })
            .collect()
    }

    /// Every place of the world list with this name, the most populous first within each
    /// kind of place.
    pub fn world_places(&self, name: &str) -> impl Iterator<Item = WorldPlace> + '_ {
        let lines = if name.contains('\u{2019}') {
            with_lowercase(&name.replace('\u{2019}', "'"), |key| self.world_range(key))
        } else {
            with_lowercase(name, |key| self.world_range(key))
        };
        self.world_lines[lines].iter().filter_map(|&(_, at)| {
            let rest = &WORLD_PLACES[at as usize..];
            WorldPlace::parse(rest.split('\n').next().unwrap_or_default())
        })
    }

    /// The lines of the world list whose key is `key`.
    fn world_range(&self, key: &str) -> std::ops::Range<usize> {
        let first = self.world_lines.partition_point(|&(k, _)| k < key);
        let len = self.world_lines[first..]
            .iter()
            .take_while(|&&(k, _)| k == key)
            .count();
        first..first + len
    }

    /// The place a name most likely means: a country, a state, a county, then the most
    /// populous city.
    pub fn world_place(&self, name: &str) -> Option<WorldPlace> {
        self.world_places(name)
            .min_by_key(|p| (p.kind, std::cmp::Reverse(p.population)))
    }

    /// `Some(gender)` for a known given name (`Some(None)` when it is used for both).
    pub fn given_name(&self, word: &str) -> Option<Option<Gender>> {
        self.given.get(word).copied()
    }

    pub fn is_role_word(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.roles.contains(lower))
    }
}

/// Calls `f` with `word` lower-cased: on the stack for short ASCII words (the lookups run
/// for most capitalised words and spans), in a new string otherwise.
fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// "BMA", "DfE", "NHS": two to seven letters, mostly capitals.
pub fn is_acronym(form: &str) -> bool {
    // One pass that gives up early: it runs for every gazetteer lookup.
    if !form.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in form.chars() {
        if !(c.is_alphanumeric() || c == '&') {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
        upper += usize::from(c.is_uppercase());
        if letters > 7 {
            return false;
        }
    }
    letters >= 2 && upper >= 2 && upper * 3 >= letters * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bodies_by_name_and_acronym() {
        let g = Gazetteer::builtin();
        let bma = g.lookup("BMA").expect("BMA is listed");
        assert_eq!(bma.name, "British Medical Association");
        assert_eq!(bma.sub, SubKind::Union);
        assert_eq!(
            g.lookup("the British Medical Association")
                .map(|k| k.name.as_str()),
            Some("British Medical Association")
        );
        assert!(
            g.lookup("bma").is_none(),
            "acronyms match in their own case"
        );
        assert_eq!(g.lookup("Bucks").map(|k| k.kind), Some(EntityKind::Place));
    }

    #[test]
    fn spelled_names_are_found_longest_first() {
        let g = Gazetteer::builtin();
        let text = "Staff from Yorkshire and the Humber met the National Union of Rail, Maritime \
                    and Transport Workers and the Department of Health.";
        // In text order; of two names at one place, the longer.
        let hits: Vec<(usize, &str)> = g
            .spelled_in(text)
            .into_iter()
            .map(|(at, form, _)| (at, form))
            .collect();
        let rmt = text.find("National").expect("in the text");
        assert_eq!(
            hits,
            vec![
                (11, "Yorkshire and the Humber"),
                (
                    rmt,
                    "National Union of Rail, Maritime and Transport Workers"
                ),
            ]
        );
        assert!(g.spelled_in("No listed body is named here.").is_empty());
        // A short form with full stops, which the scanner of capitalised words cuts.
        let hits: Vec<&str> = g
            .spelled_in("Dockers at B.C. ports")
            .into_iter()
            .map(|(_, _, k)| k.name.as_str())
            .collect();
        assert_eq!(hits, vec!["British Columbia"]);
    }

    #[test]
    fn knows_given_names_and_their_gender() {
        let g = Gazetteer::builtin();
        assert_eq!(g.given_name("Margaret"), Some(Some(Gender::Female)));
        assert_eq!(g.given_name("Andrew"), Some(Some(Gender::Male)));
        assert_eq!(g.given_name("Tuesday"), None);
    }

    #[test]
    fn acronyms_are_short_and_capitalised() {
        assert!(is_acronym("BMA"));
        assert!(is_acronym("DfE"));
        assert!(!is_acronym("Acas"));
        assert!(!is_acronym("I"));
        assert!(
            !is_acronym("ABCDEFGH"),
            "eight letters is a word, not an acronym"
        );
        assert!(is_acronym("A&E"));
        assert!(!is_acronym("B.M.A"));
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_acronym_test_agrees_with_its_definition(form in "[A-Za-z&.0-9É]{0,10}") {
            let letters = form.chars().filter(|c| c.is_alphabetic()).count();
            let upper = form.chars().filter(|c| c.is_uppercase()).count();
            let defined = (2..=7).contains(&letters)
                && form.chars().all(|c| c.is_alphanumeric() || c == '&')
                && upper >= 2
                && upper * 3 >= letters * 2
                && form.chars().next().is_some_and(char::is_uppercase);
            proptest::prop_assert_eq!(is_acronym(&form), defined);
        }
    }
}
