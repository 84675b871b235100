//! A synthetic corpus: news reports of strikes, invented from word lists and templates, for
//! benchmarks and scale tests of any size.
//!
//! Every article is a function of the seed and its index alone (its own small random number
//! generator is seeded from both), so a corpus is the same on every machine, any slice of it
//! can be made without the rest, and writing it needs constant memory. As in real coverage,
//! several articles report one dispute: they share its union, employer, workplace, strike
//! dates and spokespeople (drawn from a generator seeded by the dispute), and differ in
//! wording, publication day, publisher and the strikers they quote. The people, districts,
//! employers and workplaces are invented; towns are real towns of `data/places.tsv`, unions and
//! national employers the bodies of `data/organisations.tsv`. Each article also carries what
//! the generator put in it ([`GeneratedArticle::people`], [`GeneratedArticle::strikes`]), so
//! tests can measure how much of it the extractor finds.

use super::Document;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;
use std::io::{self, Write};
use std::sync::LazyLock;

const GIVEN_NAMES: &str = include_str!("../../data/generator/given_names.tsv");
const SURNAMES: &str = include_str!("../../data/generator/surnames.txt");
const SECTORS: &str = include_str!("../../data/generator/sectors.tsv");
const ORGANISATIONS: &str = include_str!("../../data/organisations.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");

/// SplitMix64: tiny, fast and fully specified, so a seed gives the same corpus everywhere
/// (a library generator may change its algorithm between versions).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    /// Both numbers are scrambled before they meet: SplitMix64 states a multiple of its
    /// increment apart give the same stream shifted, so `seed ^ index` would make
    /// neighbouring articles draw the same names (and `!index` keeps a seed equal to the
    /// index from cancelling out).
    fn new(seed: u64, index: u64) -> Self {
        let mut rng = Rng(Rng(seed).next() ^ Rng(!index).next());
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Gender {
    #[default]
    Female,
    Male,
}

/// A national body: its name, and the short form news uses after the first mention.
#[derive(Debug, Clone)]
struct Body {
    name: String,
    short: String,
}

impl Body {
    /// "the National Education Union (NEU)", "Unison".
    fn first_mention(&self) -> String {
        let the = if self.name.contains(' ') { "the " } else { "" };
        if self.short == self.name {
            format!("{the}{}", self.name)
        } else {
            format!("{the}{} ({})", self.name, self.short)
        }
    }
}

/// One line of `sectors.tsv`: a sector, the unions that organise these workers, and the
/// national employers. The workers, when given, replace the sector's own.
struct SectorRow {
    sector: &'static Sector,
    unions: Vec<Body>,
    employers: Vec<Body>,
    workers: Vec<&'static str>,
    worker: Vec<&'static str>,
}

/// The word lists of `data/generator/`, read once.
struct Lists {
    given: Vec<(String, Gender)>,
    surnames: Vec<String>,
    towns: Vec<String>,
    districts: Vec<String>,
    sectors: Vec<SectorRow>,
}

fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Parts of invented district names ("Bramford", "Larkmere"). Combinations that are places
/// of `data/places.tsv` are left out.
const DISTRICT_HEADS: &[&str] = &[
    "Alder", "Bram", "Brack", "Cald", "Cold", "Crane", "Dun", "Elm", "Fern", "Fox", "Hart", "Haw",
    "Hazel", "Kirk", "Lang", "Lark", "Lin", "Marl", "Nether", "Pen", "Rad", "Red", "Rook", "Sand",
    "Sel", "Stan", "Swale", "Tal", "Wal", "Wick", "Wold", "Wych", "Yar", "Bex", "Cher", "Dray",
    "Fal", "Glen", "Hol", "Ket",
];
const DISTRICT_TAILS: &[&str] = &[
    "bury", "by", "combe", "dale", "den", "field", "ford", "gate", "ham", "hurst", "ley", "mere",
    "minster", "more", "stead", "stow", "thorpe", "ton", "well", "wick", "worth",
];

/// Towns in `data/places.tsv` that are not in the United Kingdom or are not towns news would
/// set a local strike in.
const NOT_LOCAL: &[&str] = &[
    "Auckland",
    "Sydney",
    "Melbourne",
    "Whitehall",
    "Westminster",
];

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let given = data_lines(GIVEN_NAMES)
        .filter_map(|l| {
            let (name, gender) = l.split_once('\t')?;
            let gender = match gender.trim() {
                "f" => Gender::Female,
                "m" => Gender::Male,
                _ => return None,
            };
            Some((name.to_owned(), gender))
        })
        .collect();
    let surnames = data_lines(SURNAMES).map(str::to_owned).collect();
    let mut place_names = std::collections::HashSet::new();
    let mut towns = Vec::new();
    for line in data_lines(PLACES) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let Some(name) = cols.first() {
            place_names.insert(name.to_string());
            if cols.get(2) == Some(&"town") && !NOT_LOCAL.contains(name) {
                towns.push(name.to_string());
            }
        }
    }
    let districts = DISTRICT_HEADS
        .iter()
        .flat_map(|h| DISTRICT_TAILS.iter().map(move |t| format!("{h}{t}")))
        .filter(|d| !place_names.contains(d))
        .collect();
    let bodies: std::collections::HashMap<&str, Body> = data_lines(ORGANISATIONS)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?;
            let short = cols
                .next()
                .unwrap_or("")
                .split('|')
                .find(|a| {
                    !a.is_empty()
                        && !a.contains(' ')
                        && a.len() <= 6
                        && !a.eq_ignore_ascii_case(name)
                })
                .unwrap_or(name);
            Some((
                name,
                Body {
                    name: name.to_owned(),
                    short: short.to_owned(),
                },
            ))
        })
        .collect();
    let sectors = data_lines(SECTORS)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let key = cols.next()?;
            let sector = SECTOR_VOCABULARY.iter().find(|s| s.key == key)?;
            let named = |col: Option<&str>| -> Vec<Body> {
                col.unwrap_or("")
                    .split('|')
                    .filter_map(|n| bodies.get(n.trim()).cloned())
                    .collect()
            };
            let unions = named(cols.next());
            let employers = named(cols.next());
            let mut words = || -> Vec<&'static str> {
                cols.next()
                    .unwrap_or("")
                    .split('|')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            let workers = words();
            let worker = words();
            (!unions.is_empty()).then_some(SectorRow {
                sector,
                unions,
                employers,
                workers,
                worker,
            })
        })
        .collect();
    Lists {
        given,
        surnames,
        towns,
        districts,
        sectors,
    }
});

/// What a sector's reports say: who works there, for whom, where, and what disputes are about.
/// Templates take `{d}` (an invented district), `{t}` (a real town), `{s}` (a saint) and
/// `{n}` (a surname).
#[derive(Debug, Clone)]
struct Sector {
    key: &'static str,
    workers: &'static [&'static str],
    worker: &'static [&'static str],
    public: &'static str,
    services: &'static str,
    employers: &'static [&'static str],
    workplaces: &'static [&'static str],
    bosses: &'static [&'static str],
    issues: &'static [&'static str],
    /// The word for the strike in a headline ("Hospital", "Rail").
    headline: &'static str,
}

const SECTOR_VOCABULARY: &[Sector] = &[
    Sector {
        key: "health",
        workers: &[
            "nurses",
            "junior doctors",
            "porters and cleaners",
            "midwives",
            "radiographers",
            "healthcare assistants",
        ],
        worker: &[
            "staff nurse",
            "junior doctor",
            "porter",
            "midwife",
            "radiographer",
            "healthcare assistant",
            "ward sister",
        ],
        public: "patients",
        services: "operations and outpatient appointments",
        employers: &[
            "{d} NHS Foundation Trust",
            "{d} Hospitals NHS Trust",
            "{d} Teaching Hospitals NHS Trust",
        ],
        workplaces: &[
            "{d} General Hospital",
            "{d} Royal Infirmary",
            "St {s}'s Hospital",
            "{d} Community Hospital",
        ],
        bosses: &[
            "chief executive",
            "medical director",
            "chief operating officer",
            "director of nursing",
        ],
        issues: &[
            "pay",
            "staffing levels",
            "a new contract",
            "pay banding",
            "unpaid overtime",
            "the cost of living",
        ],
        headline: "Hospital",
    },
    Sector {
        key: "ambulance",
        workers: &["paramedics", "ambulance crews", "emergency call handlers"],
        worker: &["paramedic", "ambulance technician", "call handler"],
        public: "patients",
        services: "non-urgent patient transport",
        employers: &["{d} Ambulance Service NHS Trust"],
        workplaces: &["{d} Ambulance Station", "the {t} ambulance station"],
        bosses: &[
            "chief executive",
            "director of operations",
            "chief paramedic",
        ],
        issues: &[
            "pay",
            "handover delays at hospitals",
            "meal breaks",
            "staffing",
        ],
        headline: "Ambulance",
    },
    Sector {
        key: "rail",
        workers: &[
            "train drivers",
            "guards",
            "signallers",
            "station staff",
            "conductors",
        ],
        worker: &[
            "train driver",
            "conductor",
            "signaller",
            "ticket office clerk",
        ],
        public: "passengers",
        services: "train services",
        employers: &["{d} Railways", "{d} Trains", "{d} and {t} Rail"],
        workplaces: &["{t} station", "{d} Parkway station", "the {d} depot"],
        bosses: &[
            "managing director",
            "operations director",
            "chief executive",
        ],
        issues: &[
            "pay",
            "the closure of ticket offices",
            "driver-only operation",
            "job cuts",
            "rest-day working",
        ],
        headline: "Rail",
    },
    Sector {
        key: "buses",
        workers: &["bus drivers", "bus engineers", "cleaners and engineers"],
        worker: &["bus driver", "engineer", "depot cleaner"],
        public: "passengers",
        services: "bus routes",
        employers: &["{d} Buses", "{d} Bus Company", "{n} Coaches"],
        workplaces: &["the {d} bus depot", "{t} bus station"],
        bosses: &[
            "managing director",
            "operations manager",
            "commercial director",
        ],
        issues: &[
            "pay",
            "shift patterns",
            "sick pay",
            "a pay offer below inflation",
        ],
        headline: "Bus",
    },
    Sector {
        key: "schools",
        workers: &["teachers", "teaching assistants", "support staff"],
        worker: &[
            "teacher",
            "teaching assistant",
            "science teacher",
            "special needs coordinator",
        ],
        public: "pupils",
        services: "lessons",
        employers: &[
            "{d} Academy Trust",
            "{d} Learning Trust",
            "{d} County Council",
        ],
        workplaces: &[
            "{d} Academy",
            "{d} High School",
            "St {s}'s Primary School",
            "{d} Primary School",
        ],
        bosses: &[
            "chief executive",
            "executive headteacher",
            "director of education",
        ],
        issues: &[
            "pay",
            "workload",
            "funding cuts",
            "plans to turn the school into an academy",
            "redundancies",
        ],
        headline: "School",
    },
    Sector {
        key: "universities",
        workers: &[
            "lecturers",
            "university staff",
            "researchers",
            "librarians and technicians",
        ],
        worker: &[
            "lecturer",
            "research fellow",
            "library assistant",
            "senior lecturer",
        ],
        public: "students",
        services: "teaching and marking",
        employers: &["{d} University", "the University of {d}"],
        workplaces: &["{d} University", "the University of {d}"],
        bosses: &[
            "vice-chancellor",
            "deputy vice-chancellor",
            "chief operating officer",
        ],
        issues: &[
            "pensions",
            "pay",
            "casual contracts",
            "redundancies",
            "workloads",
        ],
        headline: "University",
    },
    Sector {
        key: "bins",
        workers: &[
            "refuse collectors",
            "bin workers",
            "recycling crews",
            "street cleaners",
        ],
        worker: &["refuse collector", "HGV driver", "loader", "street cleaner"],
        public: "residents",
        services: "bin collections",
        employers: &[
            "{d} Borough Council",
            "{d} District Council",
            "{t} City Council",
            "{n} Environmental Services",
        ],
        workplaces: &["the {d} depot", "the {d} recycling centre"],
        bosses: &[
            "leader of the council",
            "head of waste services",
            "chief executive",
        ],
        issues: &[
            "pay",
            "changes to rotas",
            "the loss of bonus payments",
            "fire and rehire",
        ],
        headline: "Bin",
    },
    Sector {
        key: "civil_service",
        workers: &[
            "civil servants",
            "jobcentre staff",
            "passport office staff",
            "court staff",
            "driving examiners",
        ],
        worker: &[
            "jobcentre adviser",
            "court clerk",
            "passport examiner",
            "driving examiner",
        ],
        public: "the public",
        services: "counter services",
        employers: &["the {d} Benefits Agency"],
        workplaces: &[
            "{t} jobcentre",
            "the {t} passport office",
            "{t} Magistrates' Court",
            "{t} driving test centre",
        ],
        bosses: &[
            "director general",
            "permanent secretary",
            "regional director",
        ],
        issues: &[
            "pay",
            "pensions",
            "office closures",
            "job cuts",
            "the return to offices",
        ],
        headline: "Civil service",
    },
    Sector {
        key: "ports",
        workers: &["dockers", "crane drivers", "port workers"],
        worker: &["crane driver", "docker", "lashing crew member"],
        public: "businesses",
        services: "freight",
        employers: &["{d} Port Holdings", "{d} Harbour Company", "{n} Terminals"],
        workplaces: &["the Port of {d}", "{d} Docks", "the {d} container terminal"],
        bosses: &["chief executive", "port director", "managing director"],
        issues: &["pay", "shift patterns", "automation", "job security"],
        headline: "Port",
    },
    Sector {
        key: "post",
        workers: &["postal workers", "delivery staff", "mail centre staff"],
        worker: &["postman", "delivery driver", "mail sorter"],
        public: "customers",
        services: "deliveries",
        employers: &["{d} Parcels"],
        workplaces: &["the {t} delivery office", "the {d} mail centre"],
        bosses: &[
            "chief executive",
            "operations director",
            "chief commercial officer",
        ],
        issues: &["pay", "Sunday working", "new delivery targets", "job cuts"],
        headline: "Postal",
    },
    Sector {
        key: "fire",
        workers: &["firefighters", "fire control staff"],
        worker: &["firefighter", "watch manager", "control room operator"],
        public: "residents",
        services: "emergency cover",
        employers: &["{d} Fire and Rescue Service"],
        workplaces: &["{t} fire station", "the {d} fire station"],
        bosses: &[
            "chief fire officer",
            "deputy chief fire officer",
            "chair of the fire authority",
        ],
        issues: &[
            "pay",
            "cuts to crews",
            "the closure of fire stations",
            "shift patterns",
        ],
        headline: "Fire",
    },
];

const SAINTS: &[&str] = &[
    "Bede", "Cuthbert", "Hilda", "Chad", "Oswald", "Wilfrid", "Columba", "Jude", "Agnes",
    "Barnabas", "Swithun", "Aldhelm",
];
const TREES: &[&str] = &[
    "Beech", "Rowan", "Sycamore", "Chestnut", "Hawthorn", "Linden", "Larch", "Poplar",
];
const NEWSPAPERS: &[&str] = &[
    "Evening Post",
    "Gazette",
    "Echo",
    "Chronicle",
    "Herald",
    "Advertiser",
    "Mercury",
    "Star",
    "Observer",
    "Evening Standard",
];
const PARTIES: &[&str] = &["Labour", "Conservative", "Liberal Democrat", "Green"];
const UNION_TITLES: &[&str] = &[
    "regional organiser",
    "general secretary",
    "branch secretary",
    "regional secretary",
    "national officer",
    "lead negotiator",
    "area organiser",
];
const MONTHS: &[&str] = &[
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
];

/// What the union says. `{public}`, `{services}`, `{workers}`, `{employer}` are filled in.
const UNION_QUOTES: &[&str] = &[
    "Our members have not taken this decision lightly, but they have been left with no other option.",
    "Nobody wants to be on a picket line in this weather. We would much rather be at work doing the job we are trained for.",
    "The offer on the table is a cut in real terms, and our members have said loudly and clearly that it is not good enough.",
    "We remain ready to talk at any time, but {employer} has to come back with something serious.",
    "Staffing has been at breaking point for years and it is {public} who pay the price.",
    "If {employer} wants to avoid disruption, the answer is entirely in its own hands.",
    "These are people who kept things running through the pandemic, and they are tired of warm words.",
    "Every week we lose experienced colleagues to better-paid jobs down the road.",
    "We have asked for a meeting three times and heard nothing back.",
    "This dispute could be settled in an afternoon if the will was there.",
];
const UNION_FRAGMENTS: &[&str] = &[
    "run out of patience",
    "bent over backwards to reach a deal",
    "no choice left but to act",
    "been taken for granted for too long",
    "had enough of empty promises",
];
const EMPLOYER_QUOTES: &[&str] = &[
    "We are disappointed that the union has chosen to take this action while talks were still going on.",
    "Our priority is to keep disruption to {public} to a minimum, and contingency plans are in place.",
    "We have made a fair offer within the budget available to us, and we urge the union to put it to its members.",
    "Our door remains open and we would encourage the union to come back to the table.",
    "We value our {workers} enormously and understand their frustration.",
    "We are working hard to keep {services} running wherever we can.",
    "The offer we have made is the best in the region and it is not sustainable to go further.",
];
const ADVICE: &[&str] = &[
    "check before they travel",
    "expect delays",
    "keep any appointments unless they are contacted",
    "look at the website for the latest information",
    "plan ahead",
];
const WORKER_QUOTES: &[&str] = &[
    "I love my job, but I cannot keep doing it on these wages.",
    "We are exhausted. Some weeks I barely see my own children.",
    "People think we do this for the money. We do it because we care, and we are being taken for granted.",
    "I have worked here for years and I have never known morale this low.",
    "My rent has gone up twice this year and my pay has not moved.",
    "We are not asking for the moon, just to be paid fairly for what we do.",
    "Half my team have left and nobody has replaced them.",
];
const MP_QUOTES: &[&str] = &[
    "I support the right to strike, but I urge both sides to get round the table as quickly as possible.",
    "{public} in {town} deserve a reliable service, and the staff who provide it deserve fair pay.",
    "I have written to {employer} asking it to resume negotiations without delay.",
    "Nobody wins from a long dispute, least of all {public}.",
];
const ACCORDING_TO: &[&str] = &[
    "more than {n} {workers} have left {employer} in the past two years",
    "vacancies among {workers} have doubled in three years",
    "{workers} have seen their pay fall by a fifth in real terms over a decade",
    "around one in {k} posts is now filled by agency staff",
];
const CLOSERS: &[&str] = &[
    "Talks between the two sides at Acas ended without agreement last week.",
    "It is the {ordinal} walkout by {workers} in {town} this year.",
    "{public_cap} have been advised to {advice}.",
    "The union has said further action could follow next month if there is no improved offer.",
    "Both sides have said they are willing to meet again before the strike begins.",
];
/// What the dispute is about and how it got here; `{issue}`, `{m}` and `{p}` are filled in too.
const BACKGROUND: &[&str] = &[
    "The dispute centres on {issue}. The union says {workers} have been asked to do more with fewer colleagues every year, while {employer} says its budget is already stretched.",
    "Talks have been going on for {m} months without a breakthrough. The union says the latest offer was worth less than the one its members rejected in the spring.",
    "{employer} has offered a pay rise of {p}%, which the union says falls well short of inflation. It wants a settlement that restores the value lost over the past decade.",
    "Relations between the two sides have soured since {employer} announced a review of {services}. The union says the plans were drawn up without consulting staff.",
    "The row over {issue} has rumbled on for {m} months. Union representatives say they first raised their concerns with managers more than a year ago.",
];
const DISRUPTION: &[&str] = &[
    "{public_cap} have been warned to expect significant disruption to {services} while the action goes on.",
    "Managers said emergency cover would be maintained, but some {services} would have to be rearranged. Anyone affected will be contacted directly.",
    "Contingency plans have been drawn up, and {employer} says it will publish updates on its website each morning.",
    "Local businesses fear a knock-on effect, with fewer people expected to travel into {town} while the dispute goes on.",
];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth"];

/// An invented person in an article.
#[derive(Debug, Clone, Default)]
struct Person {
    given: String,
    surname: String,
    gender: Gender,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }

    fn pronoun(&self) -> &'static str {
        match self.gender {
            Gender::Female => "she",
            Gender::Male => "he",
        }
    }
}

/// One generated article, with what the generator put in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedArticle {
    pub id: String,
    pub title: String,
    pub published: NaiveDate,
    pub publisher: String,
    pub url: String,
    pub text: String,
    /// The full names of the people quoted or named.
    pub people: Vec<String>,
    /// The first day of each strike announced.
    pub strikes: Vec<NaiveDate>,
    /// The union that called the strikes.
    pub union: String,
    /// The employer the dispute is with.
    pub employer: String,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    published: String,
    publisher: &'a str,
    url: &'a str,
    text: &'a str,
}

impl GeneratedArticle {
    /// The article as the readers would give it.
    pub fn to_document(&self) -> Document {
        let mut doc = Document::new(self.id.clone(), self.text.clone());
        doc.title = Some(self.title.clone());
        doc.published = Some(self.published);
        doc.publisher = Some(self.publisher.clone());
        doc.url = Some(self.url.clone());
        doc
    }

    /// Writes the article as one JSON Lines record (`id`, `title`, `published`,
    /// `publisher`, `url`, `text`) and its newline.
    pub fn write_json_line(&self, out: &mut impl Write) -> io::Result<()> {
        let record = Record {
            id: &self.id,
            title: &self.title,
            published: self.published.format("%Y-%m-%d").to_string(),
            publisher: &self.publisher,
            url: &self.url,
            text: &self.text,
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")
    }
}

/// Makes articles from a seed; article `i` depends only on the seed and `i`.
#[derive(Debug, Clone, Copy)]
pub struct Generator {
    seed: u64,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        Self { seed }
    }

    /// The article at `index`.
    pub fn article(&self, index: u64) -> GeneratedArticle {
        Composer::new(self.seed, index).compose()
    }

    /// Writes articles `start..start + count` as JSON Lines, one at a time.
    pub fn write_jsonl(&self, start: u64, count: u64, out: &mut impl Write) -> io::Result<()> {
        for index in start..start.saturating_add(count) {
            self.article(index).write_json_line(out)?;
        }
        Ok(())
    }
}

/// A strike as the article words it.
struct When {
    phrase: String,
    start: NaiveDate,
}

/// Articles come in blocks of 16 that report four disputes, 8, 4, 2 and 2 times, in an
/// order shuffled per block: one dispute is in the news more than another.
const BLOCK: u64 = 16;
const COVERAGE: [u8; BLOCK as usize] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3];
/// Keeps the dispute and block generators apart from the articles' own.
const DISPUTE_STREAM: u64 = 0xD15F_07E5_0000_0001;
const BLOCK_STREAM: u64 = 0xB10C_0000_0000_0002;

/// The dispute article `index` reports.
fn dispute_of(seed: u64, index: u64) -> u64 {
    let block = index / BLOCK;
    let mut order = COVERAGE;
    let mut rng = Rng::new(seed ^ BLOCK_STREAM, block);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    block * 4 + u64::from(order[(index % BLOCK) as usize])
}

/// What every article about one dispute agrees on, besides its setting (sector, union,
/// employer, workplace, town): the strike dates, the ballot and the people who speak for
/// each side.
#[derive(Default)]
struct Dispute {
    first_strike: NaiveDate,
    /// Days from the first strike to the second, if there is one.
    second_after: Option<u64>,
    duration: &'static str,
    ballot_yes: usize,
    ballot_turnout: usize,
    official: Person,
    official_title: &'static str,
    boss: Person,
    boss_title: &'static str,
    mp: Person,
    party: &'static str,
}

/// The choices for one article, and the text as it is written.
struct Composer {
    rng: Rng,
    id: String,
    sector: &'static Sector,
    row: &'static SectorRow,
    union: &'static Body,
    town: String,
    district: String,
    employer: String,
    workplace: String,
    workers: &'static str,
    issue: &'static str,
    published: NaiveDate,
    dispute: Dispute,
    used_given: Vec<String>,
    used_surnames: Vec<String>,
    used_sentences: Vec<&'static str>,
    people: Vec<String>,
    strikes: Vec<NaiveDate>,
    paragraphs: Vec<String>,
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `{a}` in a quotation that comes before "said": its final full stop becomes a comma.
fn with_comma(quote: &str) -> String {
    match quote.strip_suffix('.') {
        Some(q) => format!("{q},"),
        None => quote.to_owned(),
    }
}

/// "a porter", "an engineer".
fn with_article(noun: &str) -> String {
    let an = noun.starts_with(['a', 'e', 'i', 'o', 'u']) || noun.starts_with("HGV");
    format!("{} {noun}", if an { "an" } else { "a" })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), MONTHS[date.month0() as usize])
}

impl Composer {
    /// The dispute's choices come from the dispute's generator, then the article's own
    /// from the article's.
    fn new(seed: u64, index: u64) -> Self {
        let lists = &*LISTS;
        let mut rng = Rng::new(seed ^ DISPUTE_STREAM, dispute_of(seed, index));
        let row = rng.pick(&lists.sectors);
        let sector = row.sector;
        let union = rng.pick(&row.unions);
        let national_employer =
            (!row.employers.is_empty() && rng.chance(40)).then(|| rng.pick(&row.employers));
        let town = rng.pick(&lists.towns).clone();
        let district = rng.pick(&lists.districts).clone();
        let epoch = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
        // Articles run up to 12 days ahead of the first strike, all after the epoch.
        let first_strike = epoch + Days::new(12 + rng.below(3650) as u64);
        let mut composer = Self {
            id: format!("gen-{seed}-{index:07}"),
            sector,
            row,
            union,
            town,
            district,
            employer: String::new(),
            workplace: String::new(),
            workers: "",
            issue: "",
            published: first_strike,
            dispute: Dispute::default(),
            used_given: Vec::new(),
            used_surnames: Vec::new(),
            used_sentences: Vec::new(),
            people: Vec::new(),
            strikes: Vec::new(),
            paragraphs: Vec::new(),
            rng,
        };
        composer.employer = match national_employer {
            Some(body) => body.name.clone(),
            None => {
                let template = *composer.rng.pick(sector.employers);
                composer.fill(template)
            }
        };
        let template = *composer.rng.pick(sector.workplaces);
        composer.workplace = composer.fill(template);
        composer.workers = if row.workers.is_empty() {
            *composer.rng.pick(sector.workers)
        } else {
            *composer.rng.pick(&row.workers)
        };
        composer.issue = *composer.rng.pick(sector.issues);
        composer.dispute = composer.draw_dispute(first_strike);

        composer.rng = Rng::new(seed, index);
        let ahead = composer.rng.range(1, 12) as u64;
        composer.published = first_strike - Days::new(ahead);
        composer
    }

    /// Fills a sector template's `{d}`, `{t}`, `{s}` and `{n}`.
    fn fill(&mut self, template: &str) -> String {
        let mut out = template
            .replace("{d}", &self.district)
            .replace("{t}", &self.town);
        if out.contains("{s}") {
            let saint = *self.rng.pick(SAINTS);
            out = out.replace("{s}", saint);
        }
        if out.contains("{n}") {
            let surname = self.rng.pick(&LISTS.surnames).clone();
            self.used_surnames.push(surname.clone());
            out = out.replace("{n}", &surname);
        }
        out
    }

    /// Fills a quotation or sentence template's placeholders.
    fn say(&mut self, template: &str) -> String {
        use std::fmt::Write as _;
        // One pass over the template (this runs a dozen times an article).
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let key = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let _ = match key {
                "public" => write!(out, "{}", self.sector.public),
                "public_cap" => write!(out, "{}", capitalise(self.sector.public)),
                "services" => write!(out, "{}", self.sector.services),
                "workers" => write!(out, "{}", self.workers),
                "employer" => write!(out, "{}", self.employer),
                "town" => write!(out, "{}", self.town),
                "issue" => write!(out, "{}", self.issue),
                "n" => write!(out, "{}", self.rng.range(3, 60) * 10),
                "m" => write!(out, "{}", self.rng.range(3, 18)),
                "p" => write!(out, "{}.{}", self.rng.range(1, 5), self.rng.below(10)),
                "k" => write!(out, "{}", self.rng.range(4, 9)),
                "ordinal" => write!(out, "{}", self.rng.pick(ORDINALS)),
                "advice" => write!(out, "{}", self.rng.pick(ADVICE)),
                other => write!(out, "{{{other}}}"),
            };
        }
        out.push_str(rest);
        // A sentence may start with a placeholder in lower case ("{public} in ...").
        if out.starts_with(|c: char| c.is_lowercase()) {
            out = capitalise(&out);
        }
        out
    }

    /// The rest of the dispute, from the dispute's generator (after its setting, so that its
    /// people avoid the surnames in the employer's and workplace's names).
    fn draw_dispute(&mut self, first_strike: NaiveDate) -> Dispute {
        let durations = ["24-hour", "48-hour", "72-hour", "two-day", "three-day"];
        Dispute {
            first_strike,
            second_after: self.rng.chance(50).then(|| self.rng.range(3, 9) as u64),
            duration: self.rng.pick::<&str>(&durations),
            ballot_yes: self.rng.range(62, 98),
            ballot_turnout: self.rng.range(41, 79),
            official: self.person(),
            official_title: self.rng.pick::<&str>(UNION_TITLES),
            boss: self.person(),
            boss_title: self.rng.pick::<&str>(self.sector.bosses),
            mp: self.person(),
            party: self.rng.pick::<&str>(PARTIES),
        }
    }

    /// An invented person whose given name and surname are new to this article (and its
    /// dispute), so that a surname alone names one person.
    fn person(&mut self) -> Person {
        let lists = &*LISTS;
        loop {
            let (given, gender) = self.rng.pick(&lists.given);
            let surname = self.rng.pick(&lists.surnames);
            if self.used_given.contains(given) || self.used_surnames.contains(surname) {
                continue;
            }
            self.used_given.push(given.clone());
            self.used_surnames.push(surname.clone());
            return Person {
                given: given.clone(),
                surname: surname.clone(),
                gender: *gender,
            };
        }
    }

    /// A strike date `ahead` days after publication, worded as news words it.
    fn when(&mut self, ahead: u64) -> When {
        let start = self.published + Days::new(ahead);
        let weekday = weekday_name(start.weekday());
        let hour = self.rng.range(6, 8);
        let phrase = match self.rng.below(5) {
            0 if ahead <= 6 => format!("on {weekday}"),
            1 if ahead <= 5 => {
                let next = weekday_name(start.succ_opt().unwrap_or(start).weekday());
                format!("from {hour}am on {weekday} until {hour}am on {next}")
            }
            2 => format!("from {hour}am on {}", day_month(start)),
            3 => format!("on {weekday} {}", day_month(start)),
            _ => format!("on {}", day_month(start)),
        };
        self.strikes.push(start);
        When { phrase, start }
    }

    /// `count` different sentences from a pool, filled in and joined.
    fn sentences(&mut self, pool: &[&'static str], count: usize) -> String {
        let first = self.rng.below(pool.len());
        let mut out = Vec::new();
        // Entries in a fixed stride from a random start, skipping any this article has used.
        let mut step = 0;
        while out.len() < count && step < pool.len() {
            let template = pool[(first + step * 3) % pool.len()];
            step += 1;
            if self.used_sentences.contains(&template) {
                continue;
            }
            self.used_sentences.push(template);
            out.push(self.say(template));
        }
        out.join(" ")
    }

    fn push(&mut self, paragraph: String) {
        self.paragraphs.push(paragraph);
    }

    fn compose(mut self) -> GeneratedArticle {
        let union_first = self.union.first_mention();
        let union_short = self.union.short.clone();
        // "the BMA" after "the British Medical Association"; "Unison" stays bare.
        let the_union = if self.union.short != self.union.name && self.union.name.contains(' ') {
            format!("the {}", self.union.short)
        } else {
            union_short.clone()
        };
        let workers = self.workers;
        let ahead = (self.dispute.first_strike - self.published).num_days() as u64;
        let first = self.when(ahead);
        let duration = self.dispute.duration;
        let title = match self.rng.below(3) {
            0 => format!(
                "{} at {} to strike over {}",
                capitalise(workers),
                self.workplace,
                self.issue
            ),
            1 => format!(
                "{} strike: {} in {} warned of disruption",
                self.sector.headline, self.sector.public, self.town
            ),
            _ => format!(
                "{union_short} announces {duration} walkout at {}",
                self.employer
            ),
        };
        let issue = self.issue;

        // The lede: who, where, when, why.
        let lede = match self.rng.below(3) {
            0 => format!(
                "{} at {} in {} will strike {} in a dispute over {issue}.",
                capitalise(workers),
                self.workplace,
                self.town,
                first.phrase
            ),
            1 => format!(
                "{} employed by {} are to stage a {duration} walkout {} after talks over {issue} broke down.",
                capitalise(workers),
                self.employer,
                first.phrase
            ),
            _ => format!(
                "Hundreds of {workers} in {} will walk out {} in a row over {issue}, bringing disruption to {} across the area.",
                self.town, first.phrase, self.sector.services
            ),
        };
        self.push(lede);

        let yes = self.dispute.ballot_yes;
        let turnout = self.dispute.ballot_turnout;
        let ballot = match self.rng.below(2) {
            0 => format!(
                "The action by members of {union_first} follows a ballot in which {yes}% voted in favour on a turnout of {turnout}%."
            ),
            _ => format!(
                "Members of {union_first} backed industrial action by {yes}% in a ballot that closed earlier this month. About {} {workers} are expected to take part.",
                self.rng.range(4, 90) * 10
            ),
        };
        self.push(ballot);

        if let Some(later) = self.dispute.second_after {
            let second = self.when(ahead + later);
            let sentence = if self.rng.chance(50) {
                format!("A further strike is planned {}.", second.phrase)
            } else {
                format!(
                    "{} has also announced a second walkout {}, with {} at {} expected to be hit hardest.",
                    capitalise(&the_union),
                    second.phrase, self.sector.services, self.workplace
                )
            };
            debug_assert!(second.start > first.start);
            self.push(sentence);
        }

        let background = self.sentences(BACKGROUND, 2);
        self.push(background);

        // The union's voice.
        let official = self.dispute.official.clone();
        let title_u = self.dispute.official_title;
        self.people.push(official.full());
        let count = self.rng.range(1, 2);
        let quote = self.sentences(UNION_QUOTES, count);
        let union_para = match self.rng.below(4) {
            0 => format!(
                "{}, {title_u} for {the_union}, said: \"{quote}\"",
                official.full()
            ),
            1 => format!(
                "\"{}\" said {}, {the_union}'s {title_u}.",
                with_comma(&quote),
                official.full()
            ),
            2 => format!(
                "{} {title_u} {} said: \"{quote}\"",
                union_short,
                official.full()
            ),
            _ => {
                let fragment = self.rng.pick(UNION_FRAGMENTS);
                format!(
                    "{}, {title_u} for {the_union}, said members had \"{fragment}\".",
                    official.full()
                )
            }
        };
        self.push(union_para);
        let more = self.sentences(UNION_QUOTES, 2);
        let follow = if self.rng.chance(50) {
            format!("\"{}\" {} added.", with_comma(&more), official.pronoun())
        } else {
            format!("{} said: \"{more}\"", official.surname)
        };
        self.push(follow);

        // The employer's answer.
        let boss = self.dispute.boss.clone();
        let boss_title = self.dispute.boss_title;
        self.people.push(boss.full());
        let answer = self.sentences(EMPLOYER_QUOTES, 2);
        let employer_para = match self.rng.below(3) {
            0 => format!(
                "{}, {boss_title} of {}, said: \"{answer}\"",
                boss.full(),
                self.employer
            ),
            1 => format!(
                "\"{}\" said {}, {boss_title} of {}.",
                with_comma(&answer),
                boss.full(),
                self.employer
            ),
            _ => format!(
                "In a statement, {} said: \"{answer}\" {}, its {boss_title}, said the organisation would keep talking.",
                self.employer,
                boss.full()
            ),
        };
        // The statement style quotes the employer itself; its officer is named after.
        self.push(employer_para);
        if self.rng.chance(60) {
            let spokes = ["spokesperson", "spokeswoman", "spokesman"];
            let word = *self.rng.pick(&spokes);
            let advice = *self.rng.pick(ADVICE);
            self.push(format!(
                "A {word} for {} said {} should {advice}.",
                self.employer, self.sector.public
            ));
        }

        let disruption = *self.rng.pick(DISRUPTION);
        let disruption = self.say(disruption);
        self.push(disruption);

        // A striker's own words.
        let worker = self.person();
        self.people.push(worker.full());
        let job = if self.row.worker.is_empty() {
            *self.rng.pick(self.sector.worker)
        } else {
            *self.rng.pick(&self.row.worker)
        };
        let home = self.rng.pick(&LISTS.towns).clone();
        let count = self.rng.range(1, 2);
        let voice = self.sentences(WORKER_QUOTES, count);
        let worker_para = match self.rng.below(3) {
            0 => format!(
                "{}, {}, {} from {home}, said: \"{voice}\"",
                worker.full(),
                self.rng.range(24, 61),
                with_article(job)
            ),
            1 => format!(
                "{} {}, who has worked at {} for {} years, said: \"{voice}\"",
                capitalise(job),
                worker.full(),
                self.workplace,
                self.rng.range(3, 30)
            ),
            _ => format!(
                "\"{}\" said {}, {} at {}.",
                with_comma(&voice),
                worker.full(),
                with_article(job),
                self.workplace
            ),
        };
        self.push(worker_para);

        // A local MP, or a figure attributed with "according to".
        if self.rng.chance(60) {
            let mp = self.dispute.mp.clone();
            let party = self.dispute.party;
            self.people.push(mp.full());
            let words = *self.rng.pick(MP_QUOTES);
            let words = self.say(words);
            let para = if self.rng.chance(50) {
                format!(
                    "{}, the {party} MP for {}, said: \"{words}\"",
                    mp.full(),
                    self.town
                )
            } else {
                format!(
                    "\"{}\" said {}, MP for {}.",
                    with_comma(&words),
                    mp.full(),
                    self.town
                )
            };
            self.push(para);
        } else {
            let analyst = self.person();
            self.people.push(analyst.full());
            let claim = *self.rng.pick(ACCORDING_TO);
            let claim = self.say(claim);
            let claim = claim.to_lowercase_first();
            let institute = self.rng.pick(&LISTS.districts);
            self.push(format!(
                "According to {}, a researcher at the {institute} Institute, {claim}.",
                analyst.full()
            ));
        }

        // Pickets and what happens next.
        let street = match self.rng.below(3) {
            0 => format!("{} Road", self.rng.pick(&LISTS.surnames)),
            1 => format!("{} Avenue", self.rng.pick(TREES)),
            _ => format!("{} Lane", self.rng.pick(TREES)),
        };
        let hour = self.rng.range(5, 7);
        self.push(format!(
            "Pickets are expected outside {} on {street} from {hour}am each day.",
            self.workplace
        ));
        let closer = *self.rng.pick(CLOSERS);
        let closer = self.say(closer);
        self.push(closer);
        if self.rng.chance(40) {
            self.push(format!(
                "Further walkouts could be announced next week if no agreement is reached, {the_union} said."
            ));
        }

        let publisher = format!(
            "{} {}",
            self.rng.pick(&LISTS.towns),
            self.rng.pick(NEWSPAPERS)
        );
        let url = format!("https://news.example/{}/{}", self.sector.key, self.id);
        GeneratedArticle {
            text: self.paragraphs.join("\n\n"),
            title,
            published: self.published,
            publisher,
            url,
            people: self.people,
            strikes: self.strikes,
            union: self.union.name.clone(),
            employer: self.employer,
            id: self.id,
        }
    }
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    /// "Vacancies among ..." back to "vacancies among ..." after [`Composer::say`]
    /// capitalised it; an acronym or a name ("BMA", "Unison") keeps its capital.
    fn to_lowercase_first(&self) -> String {
        let mut words = self.splitn(2, ' ');
        let first = words.next().unwrap_or("");
        let rest = words.next().unwrap_or("");
        let keep = first.chars().skip(1).any(char::is_uppercase);
        let first = if keep {
            first.to_owned()
        } else {
            first.to_lowercase()
        };
        if rest.is_empty() {
            first
        } else {
            format!("{first} {rest}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let a = Generator::new(7);
        let b = Generator::new(7);
        for i in 0..20 {
            assert_eq!(a.article(i), b.article(i));
        }
        assert_ne!(a.article(0).text, Generator::new(8).article(0).text);
        assert_ne!(a.article(0).text, a.article(1).text);
    }

    #[test]
    fn writes_one_valid_record_per_article() -> Result<(), Box<dyn std::error::Error>> {
        let mut out = Vec::new();
        Generator::new(1).write_jsonl(0, 25, &mut out)?;
        let text = String::from_utf8(out)?;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 25);
        let docs: Vec<_> = super::super::jsonl::JsonLines::new(text.as_bytes(), "gen".into())
            .collect::<Result<_, _>>()?;
        assert_eq!(docs.len(), 25);
        for (i, doc) in docs.iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(lines[i])?;
            assert!(value["title"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(doc.published.is_some() && doc.publisher.is_some());
            assert_eq!(doc.id, Generator::new(1).article(i as u64).id);
        }
        Ok(())
    }

    #[test]
    fn a_slice_is_the_same_as_the_whole() -> Result<(), Box<dyn std::error::Error>> {
        let generator = Generator::new(3);
        let (mut whole, mut tail) = (Vec::new(), Vec::new());
        generator.write_jsonl(0, 6, &mut whole)?;
        generator.write_jsonl(4, 2, &mut tail)?;
        assert!(whole.ends_with(&tail));
        Ok(())
    }

    #[test]
    fn articles_are_news_sized_and_varied() {
        let generator = Generator::new(11);
        let mut sectors = std::collections::BTreeSet::new();
        let mut total = 0;
        for i in 0..200 {
            let article = generator.article(i);
            let len = article.text.len();
            assert!(
                (1200..=4500).contains(&len),
                "{len} bytes: {}",
                article.text
            );
            assert!(article.people.len() >= 3);
            assert!(!article.strikes.is_empty());
            assert!(article.strikes.iter().all(|d| *d > article.published));
            assert!(!article.text.contains('{'), "{}", article.text);
            sectors.insert(article.url.split('/').nth(3).unwrap_or("").to_owned());
            total += len;
        }
        assert!(sectors.len() >= 8, "{sectors:?}");
        let mean = total / 200;
        assert!((1800..=3200).contains(&mean), "mean {mean} bytes");
    }

    #[test]
    fn a_dispute_is_reported_several_times_with_the_same_facts() {
        use std::collections::BTreeMap;
        let generator = Generator::new(5);
        // (union, employer, strike dates) -> the people each report names.
        let mut disputes: BTreeMap<_, Vec<Vec<String>>> = BTreeMap::new();
        for i in 0..BLOCK * 8 {
            let article = generator.article(i);
            disputes
                .entry((article.union, article.employer, article.strikes))
                .or_default()
                .push(article.people);
        }
        // Eight blocks of four disputes each (two may coincide by chance).
        assert!((30..=32).contains(&disputes.len()), "{}", disputes.len());
        let mut most = 0;
        for reports in disputes.values() {
            most = most.max(reports.len());
            // The union official and the employer's boss are in every report.
            let shared = &reports[0][..2];
            assert!(reports.iter().all(|people| people.starts_with(shared)));
        }
        assert!(most >= 8, "the most-covered dispute has {most} reports");
    }

    #[test]
    fn namesakes_are_rare() {
        use std::collections::BTreeMap;
        let generator = Generator::new(6);
        // Each name and the disputes it speaks in.
        let mut disputes_of: BTreeMap<String, std::collections::BTreeSet<u64>> = BTreeMap::new();
        for i in 0..4000 {
            let dispute = dispute_of(6, i);
            for person in generator.article(i).people {
                disputes_of.entry(person).or_default().insert(dispute);
            }
        }
        let shared = disputes_of.values().filter(|d| d.len() > 1).count();
        let share = shared as f64 / disputes_of.len() as f64;
        assert!(share < 0.05, "{shared} of {} names", disputes_of.len());
    }

    #[test]
    fn the_word_lists_load() {
        let lists = &*LISTS;
        assert!(lists.given.len() > 100);
        assert!(lists.surnames.len() > 100);
        assert!(lists.towns.len() > 100);
        assert!(lists.districts.len() > 500);
        // Every sector is used, and every row names unions.
        for sector in SECTOR_VOCABULARY {
            assert!(
                lists.sectors.iter().any(|r| r.sector.key == sector.key),
                "{}",
                sector.key
            );
        }
        assert!(lists.sectors.iter().all(|r| !r.unions.is_empty()));
    }
}
