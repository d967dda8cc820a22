//! Shared set-up of the benchmarks: a kiosk with a roster of invented families on a
//! real SQLite file (on disk, not in memory).
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::{build_app, import_roster_file};

/// A roster of `families` invented families, one or two children each; guardian `i`
/// has PIN `pin(i)`.
pub fn roster_csv(families: usize) -> String {
    let mut csv = String::from(
        "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;child_id;child_first_name;group;birth_date\n",
    );
    for i in 0..families {
        csv.push_str(&format!(
            "G{i};Ouder{i};Achternaam{i};nl;{};C{i};Kind{i};Groep{};2023-0{}-1{}\n",
            pin(i),
            i % 6,
            1 + i % 9,
            i % 10
        ));
        if i % 3 == 0 {
            csv.push_str(&format!(
                "G{i};Ouder{i};Achternaam{i};nl;{};D{i};Broer{i};Groep{};2021-05-05\n",
                pin(i),
                (i + 1) % 6
            ));
        }
    }
    csv
}

/// The PIN of guardian `i`.
pub fn pin(i: usize) -> String {
    format!("{}", 100_000 + i * 7)
}

/// An app on a fresh data directory under `dir`, with `families` imported.
pub fn app(dir: &Path, families: usize, clock: &ManualClock) -> WelkomApp {
    std::fs::write(
        dir.join("welkom.toml"),
        "[opening_hours]\nopen = \"00:00\"\nclose = \"23:59\"\ndays = [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]\n",
    )
    .unwrap();
    let mut app = build_app(dir, false, Arc::new(clock.clone())).unwrap();
    let roster = dir.join("roster.csv");
    std::fs::write(&roster, roster_csv(families)).unwrap();
    let lang = app.kiosk.config.location.language.clone();
    import_roster_file(&mut app.kiosk.store, &roster, &lang)
        .unwrap()
        .unwrap();
    app
}

/// The p-th percentile (0–100) of sorted samples.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A scratch directory on the disk the benchmark runs from (not a tmpfs).
pub fn scratch(name: &str) -> tempfile::TempDir {
    let base = std::env::current_dir()
        .unwrap()
        .join("target")
        .join("bench-scratch");
    std::fs::create_dir_all(&base).unwrap();
    tempfile::Builder::new()
        .prefix(name)
        .tempdir_in(base)
        .unwrap()
}
