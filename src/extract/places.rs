//! Places: where hospitals are ("X Hospital, in Y Road", "on Y Street, outside the
//! infirmary") and which trust runs a hospital ("Y Trust, which runs X Hospital").

use super::roles::definite_reference;
use super::{Annotated, Component, EntityId, EntityKind, Property, SubKind, Subject, Value};
use crate::text::Span;

pub struct Places;

impl Component for Places {
    fn name(&self) -> &'static str {
        "places"
    }

    fn run(&self, doc: &mut Annotated<'_>) {
        runs_hospitals(doc);
        trust_named_for_hospitals(doc);
        trusts_possessive(doc);
        place_in_region(doc);
        for s in 0..doc.layout.sentences.len() {
            let sentence = doc.layout.sentences[s].clone();
            if doc.boilerplate[sentence.paragraph] {
                continue;
            }
            let mentions: Vec<(Span, EntityId)> = doc.mentions_in(sentence.span).collect();
            // Only a place can be a hospital's location: most sentences name none.
            if mentions
                .iter()
                .all(|&(_, e)| doc.entity(e).kind != EntityKind::Place)
            {
                continue;
            }
            let mut hospitals: Vec<(Span, EntityId)> = mentions
                .iter()
                .copied()
                .filter(|&(_, e)| doc.entity(e).kind == EntityKind::Hospital)
                .collect();
            // "the hospital", "the infirmary's main entrance".
            let text = doc.slice(sentence.span);
            let mut seen = [false; 2];
            for m in THE_HOSPITAL.find_iter(text) {
                let k = m.pattern().as_usize();
                if std::mem::replace(&mut seen[k], true) {
                    continue;
                }
                let at = sentence.span.start + m.start();
                let noun = &text[m.start() + 4..m.end()];
                if let Some(e) = definite_reference(doc, at, noun) {
                    hospitals.push((Span::new(at, at + m.len()), e));
                }
            }
            hospitals.sort_by_key(|(_, e)| *e);
            hospitals.dedup_by_key(|(_, e)| *e);
            if hospitals.len() > 1 {
                // Of several hospitals, each takes the town right after it ("X Hospital in
                // Northvale, Y Hospital in Eastvale").
                for pair in mentions.windows(2) {
                    let ((a, hospital), (b, place)) = (pair[0], pair[1]);
                    if doc.entity(hospital).kind == EntityKind::Hospital
                        && doc.entity(place).kind == EntityKind::Place
                        && doc.entity(place).sub != Some(SubKind::Street)
                        && matches!(doc.text[a.end..b.start].trim(), "in" | ", in")
                    {
                        doc.add_fact(
                            Subject::Entity(hospital),
                            Property::Location,
                            Value::Entity(place),
                            "hospital-place",
                            a.join(b),
                        );
                    }
                }
                continue;
            }
            if hospitals.is_empty() {
                continue;
            }
            let (hospital_span, hospital) = hospitals[0];
            for &(span, e) in &mentions {
                let entity = doc.entity(e);
                if entity.kind != EntityKind::Place || e == hospital {
                    continue;
                }
                let between = if span.start >= hospital_span.end {
                    doc.text[hospital_span.end..span.start].trim()
                } else {
                    doc.text[span.end..hospital_span.start].trim()
                };
                let street = entity.sub == Some(SubKind::Street);
                // A street in the same sentence as the one hospital, or a town right after it
                // ("X Hospital in Northvale").
                let town_after = span.start >= hospital_span.end
                    && matches!(
                        between,
                        "in" | ", in" | "hospital in" | "infirmary in" | "hospital, in"
                    );
                if street || town_after {
                    doc.add_fact(
                        Subject::Entity(hospital),
                        Property::Location,
                        Value::Entity(e),
                        "hospital-place",
                        sentence.span,
                    );
                }
            }
        }
    }
}

/// The one trust an article names, if it names exactly one.
fn only_trust(doc: &Annotated<'_>) -> Option<EntityId> {
    let mut trusts = (0..doc.extraction.entities.len())
        .filter(|&e| doc.extraction.entities[e].sub == Some(SubKind::Trust));
    match (trusts.next(), trusts.next()) {
        (Some(t), None) => Some(t),
        _ => None,
    }
}

/// "Northvale NHS Trust's Westbury Hospital": a trust in the possessive before its hospital.
fn trusts_possessive(doc: &mut Annotated<'_>) {
    let mut found = Vec::new();
    for pair in doc.mentions.windows(2) {
        let ((a, trust), (b, hospital)) = (pair[0], pair[1]);
        let between = doc.text.get(a.end..b.start).unwrap_or_default();
        let is_trust = doc.entity(trust).kind == EntityKind::Organization
            && doc.entity(trust).sub == Some(SubKind::Trust);
        if is_trust
            && doc.entity(hospital).kind == EntityKind::Hospital
            && matches!(between, "'s " | "’s " | "' " | "’ ")
        {
            found.push((hospital, trust, a.join(b)));
        }
    }
    for (hospital, trust, evidence) in found {
        doc.add_fact(
            Subject::Entity(hospital),
            Property::ParentOrganization,
            Value::Entity(trust),
            "trust-possessive",
            evidence,
        );
    }
}

/// "Thornleigh and Millbrook NHS Trust" runs Thornleigh Hospital and Millbrook Hospital: a
/// trust whose name holds a hospital's own words is its parent.
fn trust_named_for_hospitals(doc: &mut Annotated<'_>) {
    const COMMON: &[&str] = &[
        "hospital",
        "hospitals",
        "infirmary",
        "general",
        "university",
        "royal",
        "district",
        "community",
        "county",
        "city",
        "memorial",
        "teaching",
        "the",
        "st",
        "of",
        "and",
    ];
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let entities = &doc.extraction.entities;
    let trusts: Vec<(EntityId, Vec<String>)> = (0..entities.len())
        .filter(|&e| entities[e].sub == Some(SubKind::Trust))
        .map(|e| (e, words(&entities[e].name)))
        .collect();
    let mut found = Vec::new();
    for h in (0..entities.len()).filter(|&e| entities[e].kind == EntityKind::Hospital) {
        let own: Vec<String> = words(&entities[h].name)
            .into_iter()
            .filter(|w| !COMMON.contains(&w.as_str()))
            .collect();
        if own.is_empty() {
            continue;
        }
        let parents: Vec<EntityId> = trusts
            .iter()
            .filter(|(_, name)| own.iter().all(|w| name.contains(w)))
            .map(|&(t, _)| t)
            .collect();
        if let [trust] = parents[..] {
            let evidence = entities[trust]
                .mentions
                .first()
                .copied()
                .unwrap_or_default();
            found.push((h, trust, evidence));
        }
    }
    for (h, trust, evidence) in found {
        doc.add_fact(
            Subject::Entity(h),
            Property::ParentOrganization,
            Value::Entity(trust),
            "trust-named-for-hospital",
            evidence,
        );
    }
}

/// "Dayton, Ohio", "Nelson, New Zealand": a place, then the state or country it
/// lies in.
fn place_in_region(doc: &mut Annotated<'_>) {
    let mut found = Vec::new();
    for pair in doc.mentions.windows(2) {
        let ((a, place), (b, region)) = (pair[0], pair[1]);
        let (p, r) = (doc.entity(place), doc.entity(region));
        let regional = matches!(r.sub, Some(SubKind::Region | SubKind::Country));
        if place != region
            && p.kind == EntityKind::Place
            && r.kind == EntityKind::Place
            && regional
            && !matches!(p.sub, Some(SubKind::Country))
            && doc.text.get(a.end..b.start) == Some(", ")
        {
            found.push((place, region, a.join(b)));
        }
    }
    for (place, region, evidence) in found {
        doc.add_fact(
            Subject::Entity(place),
            Property::Location,
            Value::Entity(region),
            "place-in-region",
            evidence,
        );
    }
}

/// "the hospital" and "the infirmary", found in one pass.
static THE_HOSPITAL: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(["the hospital", "the infirmary"]).expect("valid patterns")
    });

/// A stem that every cue of [`runs_hospitals`] holds.
static RUN_STEMS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    // Leftmost-first: the search skips ahead with its prefilter, and as no stem holds
    // another it finds what the standard semantics would.
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(["run", "manage", "operate", "part of", "belonging"])
        .expect("valid patterns")
});

/// "X Trust, which runs A Hospital and B Hospital", "A Hospital, run by X Trust": the
/// trust is the hospitals' parent organisation.
fn runs_hospitals(doc: &mut Annotated<'_>) {
    // Every cue holds one of these stems; most sentences hold none. Found once in the whole
    // text: no stem overlaps another, so a search without overlaps misses none.
    let stems: Vec<usize> = RUN_STEMS.find_iter(doc.text).map(|m| m.start()).collect();
    for s in 0..doc.layout.sentences.len() {
        let sentence = doc.layout.sentences[s].span;
        let text = doc.slice(sentence);
        if !sentence.holds_any(&stems) {
            continue;
        }
        for cue in [
            "which runs ",
            "which manages ",
            "which operates ",
            " runs ",
            "run by ",
            "managed by ",
            "operated by ",
            "part of ",
            "belonging to ",
        ] {
            let Some(i) = text.find(cue) else { continue };
            let at = sentence.start + i;
            let passive = cue.ends_with("by ") || cue.ends_with("of ") || cue.ends_with("to ");
            let mentions: Vec<(Span, EntityId)> = doc.mentions_in(sentence).collect();
            // Anything "runs" a hospital; only a health body has one as "part of" it.
            let loose = cue.starts_with("part") || cue.starts_with("belonging");
            let is_trust = |e: EntityId| {
                let entity = doc.entity(e);
                entity.kind == EntityKind::Organization
                    && (!loose || entity.sub == Some(SubKind::Trust))
            };
            let is_hospital = |e: EntityId| doc.entity(e).kind == EntityKind::Hospital;
            let (trust, hospitals): (Option<EntityId>, Vec<EntityId>) = if passive {
                (
                    mentions
                        .iter()
                        .find(|(m, e)| m.start >= at && is_trust(*e))
                        .map(|&(_, e)| e),
                    mentions
                        .iter()
                        .filter(|(m, e)| m.end <= at && is_hospital(*e))
                        .map(|&(_, e)| e)
                        .collect(),
                )
            } else {
                (
                    mentions
                        .iter()
                        .rev()
                        .find(|(m, e)| m.end <= at && is_trust(*e))
                        .map(|&(_, e)| e),
                    mentions
                        .iter()
                        .filter(|(m, e)| m.start >= at && is_hospital(*e))
                        .map(|&(_, e)| e)
                        .collect(),
                )
            };
            // "The trust, which runs X Hospital": the trust named before, or the article's
            // only trust when it is named later.
            let trust = trust.or_else(|| {
                let lead = text[..i].trim_end().trim_end_matches(',').to_lowercase();
                if passive || !(lead.ends_with("the trust") || lead.ends_with("the board")) {
                    return None;
                }
                definite_reference(doc, at, "trust").or_else(|| only_trust(doc))
            });
            if let Some(trust) = trust {
                for h in hospitals {
                    doc.add_fact(
                        Subject::Entity(h),
                        Property::ParentOrganization,
                        Value::Entity(trust),
                        "trust-runs",
                        sentence,
                    );
                }
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Context, Gazetteer, Property, Subject, Value};

    fn facts(text: &str) -> Vec<(String, &'static str, String)> {
        let gazetteer = Gazetteer::builtin();
        let ex = extract(text, &Context::default(), &gazetteer);
        ex.facts
            .iter()
            .filter_map(|f| match (f.subject, &f.object) {
                (Subject::Entity(s), Value::Entity(o)) => Some((
                    ex.entities[s].name.clone(),
                    f.property.local_name(),
                    ex.entities[*o].name.clone(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_hospitals_trust_and_a_places_region() {
        let f = facts("Pickets stood outside Eastvale General Hospital, part of Eastvale and Dale NHS Trust. Staff at Northvale NHS Trust's Westbury Hospital joined them.");
        assert!(
            f.contains(&(
                "Eastvale General Hospital".into(),
                "parentOrganization",
                "Eastvale and Dale NHS Trust".into()
            )),
            "{f:?}"
        );
        assert!(
            f.contains(&(
                "Westbury Hospital".into(),
                "parentOrganization",
                "Northvale NHS Trust".into()
            )),
            "{f:?}"
        );
        let f = facts("Workers picketed in Dayton, Ohio.");
        assert!(
            f.contains(&(
                "Dayton".into(),
                Property::Location.local_name(),
                "Ohio".into()
            )),
            "{f:?}"
        );
    }

    #[test]
    fn a_hospital_run_by_a_trust() {
        let f = facts("Staff at Southmead Hospital, run by North Bristol NHS Trust, walked out.");
        assert!(
            f.contains(&(
                "Southmead Hospital".into(),
                "parentOrganization",
                "North Bristol NHS Trust".into()
            )),
            "{f:?}"
        );
    }

    #[test]
    fn the_trust_which_runs_hospitals_is_the_one_trust_named() {
        let f = facts(
            "The trust, which runs Westbury Hospital and Eastvale Infirmary, hopes to cope. \
             Ann Cole, of Northvale NHS Trust, said so. Westbury Hospital in Leeds and \
             Eastvale Infirmary in York stay open.",
        );
        for (hospital, town) in [
            ("Westbury Hospital", "Leeds"),
            ("Eastvale Infirmary", "York"),
        ] {
            assert!(
                f.contains(&(hospital.into(), "location", town.into())),
                "{f:?}"
            );
        }
        for hospital in ["Westbury Hospital", "Eastvale Infirmary"] {
            assert!(
                f.contains(&(
                    hospital.into(),
                    "parentOrganization",
                    "Northvale NHS Trust".into()
                )),
                "{f:?}"
            );
        }
        // Two trusts: "the trust" says which of them only when one was named before.
        let f = facts(
            "The trust, which runs Westbury Hospital, hopes to cope. Northvale NHS Trust and \
             Southvale NHS Trust agreed.",
        );
        assert!(
            !f.iter().any(|(_, p, _)| *p == "parentOrganization"),
            "{f:?}"
        );
    }
}
