//! Extraction on hostile texts (`cargo bench --bench hostile`): each pathological text at
//! 0.25, 0.5, 1, 2 and 4 MB, one process a case, with the time the extractors take and the
//! process's peak memory. Work that grows with the text alone shows as a flat seconds-per-MB
//! column. Run without `--bench` (as `cargo test` does), it extracts one small case.

use std::process::Command;
use std::time::Instant;
use strikegraph::extract::try_extract;
use strikegraph::{Context, Gazetteer};

/// Each text: a unit repeated to size. The first five defeated earlier extractors: speech
/// verbs against every mention, titles and capitalised runs without end, a text with no
/// sentence break, quotes, dates; the last is real news (the seeds) over and over.
const CASES: &[(&str, &str)] = &[
    ("speech", "Unite said the strike is on. "),
    ("titles", "Dr "),
    (
        "capitalised",
        "Westbury Ashgrove Fernley Hospital Trust Union ",
    ),
    (
        "no-sentences",
        "Unite and the GMB and Dr Ann Lee of Leeds said on Monday that ",
    ),
    (
        "quotes",
        "\"We will strike,\" said Ann Lee. She added: \"On Monday.\" ",
    ),
    (
        "dates",
        "The strike on Monday 4 March, 5 March and 6 March 2024 goes ahead. ",
    ),
    ("seeds", ""),
];

const SIZES_MB: &[f64] = &[0.25, 0.5, 1.0, 2.0, 4.0];

fn text(case: &str, bytes: usize) -> String {
    let unit = match CASES.iter().find(|(name, _)| *name == case) {
        Some((_, "")) | None => seeds(),
        Some((_, unit)) => (*unit).to_owned(),
    };
    let mut text = unit.repeat(bytes / unit.len().max(1) + 1);
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn seeds() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The process's peak resident memory so far, in KiB (Linux).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Extracts one case and prints "seconds peak_kib outcome".
fn one(case: &str, mb: f64) {
    let gazetteer = Gazetteer::builtin();
    let text = text(case, (mb * 1_048_576.0) as usize);
    let context = Context::default();
    let started = Instant::now();
    let outcome = match try_extract(&text, &context, &gazetteer) {
        Ok(ex) => format!("{} entities", ex.entities.len()),
        Err(err) => err.to_string(),
    };
    println!(
        "{:.3} {} {outcome}",
        started.elapsed().as_secs_f64(),
        peak_kib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        let case = args.get(i + 1).map_or("seeds", String::as_str);
        let mb = args.get(i + 2).and_then(|m| m.parse().ok()).unwrap_or(0.25);
        one(case, mb);
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        one("speech", 0.05);
        return;
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("hostile: cannot find this benchmark's executable");
        return;
    };
    println!(
        "{:<13} {:>5} {:>8} {:>8} {:>9}  outcome",
        "text", "MB", "seconds", "s/MB", "peak MiB"
    );
    for (case, _) in CASES {
        for &mb in SIZES_MB {
            let out = Command::new(&me)
                .args(["--case", case, &mb.to_string()])
                .output();
            let line = out
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_default();
            let mut parts = line.splitn(3, ' ');
            let secs: f64 = parts
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(f64::NAN);
            let peak: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let outcome = parts.next().unwrap_or("failed");
            println!(
                "{case:<13} {mb:>5} {secs:>8.3} {:>8.3} {:>9}  {outcome}",
                secs / mb,
                peak / 1024
            );
        }
    }
}
