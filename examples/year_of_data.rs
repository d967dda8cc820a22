//! Writes a data directory holding a year of invented history, for the start-up
//! benchmark (`scripts/bench-start.sh`): a location's settings, 200 invented
//! families, a manager, and a year of visits, ratings, follow-ups and staff notes,
//! all written through the kiosk's own store.
//!
//!   cargo run --example year_of_data -- DIR [DAYS]

use anyhow::Context;
use std::path::PathBuf;

#[path = "../benches/common/mod.rs"]
mod common;

/// The location's name, which the benchmark waits for on the screen.
const CONFIG: &str = r#"# A year of invented data (written by examples/year_of_data.rs).
[location]
name = "Kinderopvang Het Klaverblad"
time_zone = "Europe/Amsterdam"
language = "nl"

[opening_hours]
open = "00:00"
close = "23:59"
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
"#;

const FAMILIES: usize = 200;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let dir = PathBuf::from(args.next().context("usage: year_of_data DIR [DAYS]")?);
    let days: i64 = match args.next() {
        Some(d) => d
            .to_str()
            .and_then(|d| d.parse().ok())
            .context("DAYS is a whole number")?,
        None => 365,
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(welkom::commands::config_path(&dir), CONFIG)?;
    let config = welkom::commands::load_config(&dir)?;
    let zone = config.location.time_zone.zone();
    let mut store = welkom::commands::open_store(&dir)?;
    let now = jiff::Timestamp::now();
    let roster = welkom_core::roster::parse(
        common::roster_csv(FAMILIES).as_bytes(),
        &config.location.language,
    )
    .map_err(|e| anyhow::anyhow!("the invented roster does not parse: {e}"))?;
    let start = now
        .checked_sub(jiff::SignedDuration::from_hours(24 * (days + 1)))
        .unwrap_or(now);
    store.import_roster(&roster, start)?;
    if store.staff_members()?.is_empty() {
        store.add_staff("Beheer", welkom_store::StaffRole::Manager, "280461", start)?;
    }
    let staff = store.staff_members()?;
    welkom::demo::history::install_days(&mut store, &roster, zone, now, &staff, days)?;
    println!(
        "{}: {} families, {days} days of history",
        dir.display(),
        store.active_guardian_count()?
    );
    Ok(())
}
