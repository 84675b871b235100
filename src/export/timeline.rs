//! The timeline picture: strikes on a time axis, as `strikegraph timeline --format svg`
//! draws them.

use crate::events::StrikeStory;
use crate::site::html::esc;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// Draws strikes on a time axis: one bar a strike from its start to its (latest) end, in
/// the colour of its status, crossed out where it was called off, its claims in the bar's
/// tooltip. A standalone SVG document.
pub fn timeline_svg(stories: &[StrikeStory], title: &str) -> String {
    const LEFT: f64 = 330.0;
    const WIDTH: f64 = 600.0;
    const ROW: f64 = 24.0;
    const TOP: f64 = 56.0;
    let day = |s: &str| NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok();
    let spans: Vec<(NaiveDate, NaiveDate)> = stories
        .iter()
        .filter_map(|s| {
            let start = day(&s.start)?;
            let end = s.ends.iter().filter_map(|e| day(e)).max().unwrap_or(start);
            Some((start, end.max(start)))
        })
        .collect();
    let first = spans.iter().map(|s| s.0).min();
    let last = spans.iter().map(|s| s.1).max();
    let height = TOP + ROW * spans.len().max(1) as f64 + 40.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" viewBox="0 0 {w} {height}" font-family="sans-serif" font-size="12"><title>{t}</title><text x="10" y="22" font-size="15" font-weight="bold">{t}</text>"#,
        w = LEFT + WIDTH + 30.0,
        t = esc(title),
    );
    let (Some(first), Some(last)) = (first, last) else {
        svg.push_str(r#"<text x="10" y="60">No strikes.</text></svg>"#);
        return svg;
    };
    let days = ((last - first).num_days() + 1).max(1) as f64;
    let x = |d: NaiveDate| LEFT + WIDTH * (d - first).num_days() as f64 / days;
    // The axis: the first and last day, and the first of each month between when few.
    let axis_y = TOP + ROW * spans.len() as f64 + 8.0;
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#444"/>"##,
        LEFT + WIDTH
    );
    let mut ticks = vec![first, last];
    let mut month = first
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
    while let Some(m) = month.filter(|m| *m < last) {
        ticks.push(m);
        month = m.checked_add_months(chrono::Months::new(1));
    }
    ticks.sort();
    ticks.dedup();
    let every = ticks.len().div_ceil(12).max(1);
    for (i, t) in ticks.iter().enumerate() {
        if i % every != 0 && *t != last {
            continue;
        }
        let tx = x(*t);
        let _ = write!(
            svg,
            r##"<line x1="{tx:.1}" y1="{axis_y}" x2="{tx:.1}" y2="{}" stroke="#444"/><text x="{tx:.1}" y="{}" text-anchor="middle" font-size="10">{t}</text>"##,
            axis_y + 4.0,
            axis_y + 16.0,
        );
    }
    for (row, (story, (start, end))) in stories.iter().zip(&spans).enumerate() {
        let y = TOP + ROW * row as f64;
        let (x1, x2) = (x(*start), x(*end + chrono::Days::new(1)));
        let status = story.status.as_deref().unwrap_or("EventScheduled");
        let colour = match status {
            "EventCancelled" => "#9e9e9e",
            "EventPostponed" | "EventRescheduled" => "#f0a030",
            _ => "#3b6fb6",
        };
        let mut tip = format!("{} – {}, {}", story.start, end, status);
        for claim in &story.claims {
            let _ = write!(
                tip,
                "\n{}: {} ({})",
                claim.published.as_deref().unwrap_or("undated"),
                claim.phase,
                claim.article
            );
        }
        let label = if story.organisers.is_empty() {
            story.start.clone()
        } else {
            format!("{} {}", story.start, story.organisers.join(", "))
        };
        let _ = write!(
            svg,
            r#"<g class="strike"><title>{tip}</title><text x="{lx}" y="{ty:.1}" text-anchor="end">{label}</text><rect x="{x1:.1}" y="{y:.1}" width="{bw:.1}" height="{bh}" fill="{colour}" rx="2"/>"#,
            tip = esc(&tip),
            lx = LEFT - 8.0,
            ty = y + 14.0,
            label = esc(&label),
            bw = (x2 - x1).max(2.0),
            bh = ROW - 8.0,
        );
        if status == "EventCancelled" {
            let _ = write!(
                svg,
                r##"<line x1="{x1:.1}" y1="{y:.1}" x2="{:.1}" y2="{:.1}" stroke="#c62828" stroke-width="2"/>"##,
                x1 + (x2 - x1).max(2.0),
                y + ROW - 8.0,
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>\n");
    svg
}
