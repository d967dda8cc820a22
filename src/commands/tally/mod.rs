//! `welkom tally`: a day's tally for a manager, as a table or as JSON. It shows
//! counts and percentages only, never a guardian or child.

mod table;

use crate::cli::TallyFormat;
use crate::clock::{Clock, SystemClock};
use jiff::civil::Date;
use std::io::Write;
use std::path::Path;

/// Writes the tally of `date` (default: today in the location's time zone) to
/// standard output.
pub fn run(data_dir: &Path, date: Option<Date>, format: TallyFormat) -> anyhow::Result<()> {
    let config = super::load_config(data_dir)?;
    let zone = &config.location.time_zone;
    let date = date.unwrap_or_else(|| SystemClock.now().to_zoned(zone.zone().clone()).date());
    let store = super::open_store(data_dir)?;
    let tally = store.day_tally(date, zone.zone())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        TallyFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &tally)?;
            writeln!(out)?;
        }
        TallyFormat::Text => table::write(&mut out, &tally, zone.name())?,
    }
    Ok(())
}
