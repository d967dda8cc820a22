//! `welkom export ratings`.

use super::csv::write_row;
use crate::cli::Format;
use jiff::civil::Date;
use std::io::Write;
use std::path::Path;
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

/// The ratings as CSV with a header row.
pub fn write_csv(out: &mut impl Write, rows: &[RatingRow]) -> std::io::Result<()> {
    write_row(out, &HEADER)?;
    for r in rows {
        let fields = [
            r.id.to_string(),
            r.at.to_string(),
            r.local_date.to_string(),
            r.moment.key().to_owned(),
            r.score.to_string(),
            r.scale.to_string(),
            r.guardian_id
                .as_ref()
                .map(|g| g.0.clone())
                .unwrap_or_default(),
            r.guardian_name.clone().unwrap_or_default(),
            r.children.join("|"),
            r.groups.join("|"),
            r.superseded.to_string(),
            r.misuse.to_string(),
            r.reasons.join("|"),
            r.talk_request.to_string(),
        ];
        write_row(out, &fields)?;
    }
    Ok(())
}
