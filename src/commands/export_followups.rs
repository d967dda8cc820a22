//! `welkom export followups`: the team's follow-up list, every low rating and talk
//! request ever, open and handled, newest first.

use super::csv::{write_header, write_row};
use crate::cli::Format;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use welkom_core::csv::{cell, number};
use welkom_store::{FollowUpItem, FollowUpScope};

/// Writes every follow-up to standard output.
pub fn followups(data_dir: &Path, format: Format) -> anyhow::Result<()> {
    let store = super::open_store(data_dir)?;
    let items = store.follow_ups(FollowUpScope::All)?;
    let rows: Vec<FollowUpRow<'_>> = items.iter().map(FollowUpRow::from).collect();
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

/// Whether someone has talked with the guardian yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    /// Nobody has yet.
    Open,
    /// A staff member marked it "talked".
    Handled,
}

impl Status {
    fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Handled => "handled",
        }
    }
}

/// One follow-up as the export shows it: flat, so CSV and JSON have the same fields.
/// What is not known (the guardian in anonymous mode, the note of an open one) is
/// `null` in JSON and empty in CSV.
#[derive(Debug, Serialize)]
struct FollowUpRow<'a> {
    rating_id: String,
    date: Date,
    time: Timestamp,
    moment: &'static str,
    score: u8,
    scale: u8,
    guardian_id: Option<&'a str>,
    guardian_name: Option<&'a str>,
    children: &'a [String],
    groups: &'a [String],
    reasons: &'a [String],
    talk_request: bool,
    low: bool,
    status: Status,
    handled_by: Option<&'a str>,
    handled_at: Option<Timestamp>,
    note: Option<&'a str>,
}

impl<'a> From<&'a FollowUpItem> for FollowUpRow<'a> {
    fn from(item: &'a FollowUpItem) -> Self {
        let handled = item.handled.as_ref();
        Self {
            rating_id: item.rating_id.to_string(),
            date: item.local_date,
            time: item.at,
            moment: item.moment.key(),
            score: item.score,
            scale: item.scale,
            guardian_id: item.guardian_id.as_ref().map(|g| g.0.as_str()),
            guardian_name: item.guardian_name.as_deref(),
            children: &item.children,
            groups: &item.groups,
            reasons: &item.reasons,
            talk_request: item.talk_request,
            low: item.low,
            status: if handled.is_some() {
                Status::Handled
            } else {
                Status::Open
            },
            handled_by: handled.map(|h| h.staff_name.as_str()),
            handled_at: handled.map(|h| h.at),
            note: handled.map(|h| h.note.as_str()),
        }
    }
}

/// The columns of the CSV, in the order of [`FollowUpRow`]'s fields.
const HEADER: [&str; 17] = [
    "rating_id",
    "date",
    "time",
    "moment",
    "score",
    "scale",
    "guardian_id",
    "guardian_name",
    "children",
    "groups",
    "reasons",
    "talk_request",
    "low",
    "status",
    "handled_by",
    "handled_at",
    "note",
];

/// The follow-ups as CSV with a header row; lists are joined with `|`. Text from
/// people (names, reasons, notes, who handled it) is never read as a formula; scores
/// and scales are plain numbers.
fn write_csv(out: &mut impl Write, rows: &[FollowUpRow<'_>]) -> std::io::Result<()> {
    write_header(out, &HEADER)?;
    for r in rows {
        let fields: [String; 17] = [
            cell(&r.rating_id).into_owned(),
            cell(&r.date.to_string()).into_owned(),
            cell(&r.time.to_string()).into_owned(),
            cell(r.moment).into_owned(),
            number(r.score),
            number(r.scale),
            cell(r.guardian_id.unwrap_or_default()).into_owned(),
            cell(r.guardian_name.unwrap_or_default()).into_owned(),
            cell(&r.children.join("|")).into_owned(),
            cell(&r.groups.join("|")).into_owned(),
            cell(&r.reasons.join("|")).into_owned(),
            cell(&r.talk_request.to_string()).into_owned(),
            cell(&r.low.to_string()).into_owned(),
            cell(r.status.key()).into_owned(),
            cell(r.handled_by.unwrap_or_default()).into_owned(),
            cell(&r.handled_at.map(|t| t.to_string()).unwrap_or_default()).into_owned(),
            cell(r.note.unwrap_or_default()).into_owned(),
        ];
        write_row(out, &fields)?;
    }
    Ok(())
}
