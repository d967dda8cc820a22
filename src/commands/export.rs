//! `welkom export ratings`.

use super::csv::{write_header, write_row};
use crate::cli::Format;
use jiff::civil::Date;
use std::io::Write;
use std::path::Path;
use welkom_core::csv::{cell, number};
use welkom_store::RatingRow;

/// Writes the ratings between two days to standard output.
pub fn ratings(
    data_dir: &Path,
    format: Format,
    from: Option<Date>,
    to: Option<Date>,
) -> anyhow::Result<()> {
    let store = super::open_store(data_dir)?;
    let rows = store.ratings_between(from, to)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&mut out, &rows)?,
    }
    Ok(())
}

/// The columns of the ratings CSV.
const HEADER: [&str; 14] = [
    "id",
    "at",
    "local_date",
    "moment",
    "score",
    "scale",
    "guardian_id",
    "guardian_name",
    "children",
    "groups",
    "superseded",
    "misuse",
    "reasons",
    "talk_request",
];

/// The ratings as CSV with a header row. Text from people (ids, names, groups,
/// reasons) is never read as a formula; scores and scales are plain numbers.
pub fn write_csv(out: &mut impl Write, rows: &[RatingRow]) -> std::io::Result<()> {
    write_header(out, &HEADER)?;
    for r in rows {
        let fields = [
            cell(&r.id.to_string()).into_owned(),
            cell(&r.at.to_string()).into_owned(),
            cell(&r.local_date.to_string()).into_owned(),
            cell(r.moment.key()).into_owned(),
            number(r.score),
            number(r.scale),
            cell(r.guardian_id.as_ref().map_or("", |g| g.0.as_str())).into_owned(),
            cell(r.guardian_name.as_deref().unwrap_or_default()).into_owned(),
            cell(&r.children.join("|")).into_owned(),
            cell(&r.groups.join("|")).into_owned(),
            cell(&r.superseded.to_string()).into_owned(),
            cell(&r.misuse.to_string()).into_owned(),
            cell(&r.reasons.join("|")).into_owned(),
            cell(&r.talk_request.to_string()).into_owned(),
        ];
        write_row(out, &fields)?;
    }
    Ok(())
}
