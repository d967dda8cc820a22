//! The ratings as CSV with a header row. What a kiosk sent (ids, days, times,
//! moments, groups) is text from elsewhere and is never read as a formula; scores and
//! scales are plain numbers.

use super::RATING_COLUMNS;
use crate::db::ExportedRating;
use std::io::Write;
use welkom_core::csv::{cell, number};

/// The ratings as CSV bytes (UTF-8, `,`-separated, a header row).
pub fn ratings(ratings: &[ExportedRating]) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(&mut out, ratings);
    out
}

/// Writes the ratings as CSV to `out`.
pub fn write(out: &mut impl Write, ratings: &[ExportedRating]) -> std::io::Result<()> {
    writeln!(out, "{}", RATING_COLUMNS.join(","))?;
    for r in ratings {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            cell(&r.id),
            cell(&r.local_date),
            cell(&r.time),
            cell(&r.moment),
            number(r.score),
            number(r.scale),
            r.superseded,
            r.misuse,
            cell(&r.groups.join("|"))
        )?;
    }
    Ok(())
}
