//! The roster: one row per (guardian, child) pair, columns by header name, from a
//! CSV file or a spreadsheet (`.xlsx`, `.ods`).
//!
//! Parsing is all-or-nothing: a file with any problem yields every problem, each with
//! its line number (a spreadsheet's row number), and no roster.
//!
//! The steps each have their own module: `kind` tells CSV from spreadsheet by the
//! bytes, `decode` turns a CSV's bytes into text, `sheet` turns a spreadsheet's cells
//! into the same text, `header` finds the separator and the columns (`aliases`: their
//! Dutch headings), `rows` checks each row's fields (`dates`: the date forms), and
//! `consistency` merges the rows of one person and checks that they agree. From the
//! header on, CSV and spreadsheet rows take one path (`check`).

mod aliases;
mod consistency;
mod dates;
mod decode;
mod header;
mod kind;
mod lines;
mod problem;
mod rows;
mod sheet;
mod write;

pub use aliases::dutch_headings;
pub use header::COLUMNS;
pub use problem::{
    MAX_LISTED_PROBLEMS, Numbering, Person, ProblemKind, RosterError, RosterProblem,
};
pub use rows::{MAX_BADGE_CHARS, MAX_NAME_CHARS};
pub use sheet::{MAX_SHEET_CELLS, MAX_UNPACKED_BYTES};
pub use write::write;

use crate::{Child, Guardian, LanguageTag};
use consistency::Merger;
use header::Header;
use lines::LineCounter;
use problem::Problems;
use rows::RowProblems;

/// The largest roster file accepted, in bytes; larger files are refused unread.
pub const MAX_ROSTER_BYTES: usize = 20 * 1024 * 1024;

/// A guardian as the roster describes them, with the ways they identify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterGuardian {
    /// Name, language and key.
    pub guardian: Guardian,
    /// A PIN of 4 to 6 digits, or `None` when the kiosk should issue one.
    pub pin: Option<String>,
    /// The PIN's verifier from the hub (see [`crate::pin_verifier`]), if any: the PIN
    /// was issued by the hub and only its argon2id hash travels.
    pub pin_hash: Option<String>,
    /// The code a badge, key fob or QR code types, if any.
    pub badge: Option<String>,
}

/// A parsed, consistent roster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    /// Every guardian once, in the order of first appearance.
    pub guardians: Vec<RosterGuardian>,
    /// Every child once, in the order of first appearance.
    pub children: Vec<Child>,
    /// Which guardian brings which child: (index into `guardians`, index into `children`).
    pub links: Vec<(usize, usize)>,
}

/// Parses a roster file's bytes: a spreadsheet (`.xlsx` or `.ods`, told from the
/// bytes, see `sheet`) or CSV text.
///
/// A CSV's encoding (UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1252)
/// and the separator (`;`, `,` or tab, whichever the header line has most) are
/// detected. Guardians without a `guardian_language` get `default_language`.
pub fn parse(bytes: &[u8], default_language: &LanguageTag) -> Result<Roster, RosterError> {
    let whole_file = |kind| RosterError {
        problems: vec![RosterProblem::whole_file(kind)],
    };
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(whole_file(ProblemKind::TooLarge {
            bytes: bytes.len(),
            limit: MAX_ROSTER_BYTES,
        }));
    }
    match kind::detect(bytes) {
        kind::FileKind::Text => parse_text(bytes, default_language),
        kind::FileKind::Spreadsheet(format) => sheet::parse(bytes, format, default_language),
        kind::FileKind::Unsupported(format) => {
            Err(whole_file(ProblemKind::UnsupportedSpreadsheet { format }))
        }
    }
}

/// One row on its way to the checks, from a CSV line or a spreadsheet row.
struct SourceRow {
    /// Its line (a spreadsheet's row number).
    line: usize,
    /// Its fields, as text.
    record: csv::StringRecord,
    /// Spreadsheet cells (position, 0-based) showing an error instead of a value.
    errors: Vec<(usize, String)>,
    /// Spreadsheet values (position, 0-based) right of the header's last column.
    outside: Vec<(usize, String)>,
}

/// Parses CSV text.
fn parse_text(bytes: &[u8], default_language: &LanguageTag) -> Result<Roster, RosterError> {
    let text = decode::decode(bytes).map_err(|kind| RosterError {
        problems: vec![RosterProblem::whole_file(kind)],
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(header::detect_separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Problems::default();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text.as_bytes());

    let Some(line) = next_record(&mut reader, &mut record, &mut lines, &mut problems) else {
        if problems.is_empty() {
            problems.push(RosterProblem::whole_file(problem::ProblemKind::Empty));
        }
        return Err(problems.into_error());
    };
    let header = Header::read(record.iter(), line, &mut problems);
    check(header, problems, default_language, |problems| {
        let line = next_record(&mut reader, &mut record, &mut lines, problems)?;
        Some(SourceRow {
            line,
            record: record.clone(),
            errors: Vec::new(),
            outside: Vec::new(),
        })
    })
}

/// The checks every roster takes once it is header and rows of text: each row's
/// fields, then the merge of each person's rows. `next_row` gives the rows that are
/// not blank, and may report problems of its own.
fn check(
    header: Header,
    mut problems: Problems,
    default_language: &LanguageTag,
    mut next_row: impl FnMut(&mut Problems) -> Option<SourceRow>,
) -> Result<Roster, RosterError> {
    let mut merger = Merger::default();
    let mut row_count = 0usize;
    while let Some(row) = next_row(&mut problems) {
        row_count += 1;
        let mut out = RowProblems::new(&header, row.line);
        for (position, value) in row.errors {
            out.add_cell(position, ProblemKind::CellError { value });
        }
        for (position, value) in row.outside {
            out.add_outside(position, value);
        }
        if row.record.len() == header.width() {
            let values = rows::read(&row.record, &header, &mut out);
            merger.add(values, &mut out);
        } else {
            out.add_row(ProblemKind::WrongFieldCount {
                expected: header.width(),
                found: row.record.len(),
            });
        }
        out.flush(&mut problems);
    }
    if row_count == 0 {
        problems.push(RosterProblem::whole_file(ProblemKind::NoRows));
    }
    if problems.is_empty() {
        Ok(merger.finish(default_language))
    } else {
        Err(problems.into_error())
    }
}

/// Reads the next record that is not blank and returns its line; `None` at the end
/// (or after a reader error, which is reported).
fn next_record(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::StringRecord,
    lines: &mut LineCounter<'_>,
    problems: &mut Problems,
) -> Option<usize> {
    loop {
        match reader.read_record(record) {
            Ok(false) => return None,
            Ok(true) if rows::is_blank(record) => {}
            Ok(true) => return Some(lines.line_at(offset_of(record.position()))),
            Err(error) => {
                problems.push(RosterProblem {
                    numbering: Numbering::Lines,
                    line: error.position().map(|p| lines.line_at(offset_of(Some(p)))),
                    column: None,
                    kind: ProblemKind::Unreadable {
                        detail: error.to_string(),
                    },
                });
                return None;
            }
        }
    }
}

/// The byte offset where reading a record started.
fn offset_of(position: Option<&csv::Position>) -> usize {
    position
        .and_then(|p| usize::try_from(p.byte()).ok())
        .unwrap_or(0)
}
