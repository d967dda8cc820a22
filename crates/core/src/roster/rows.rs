//! One row: its fields checked and turned into values.

use super::header::{Column, Header};
use super::problem::{ProblemKind, Problems, RosterProblem};
use crate::LanguageTag;
use crate::pin;
use crate::pin_verifier::PinKey;
use jiff::civil::Date;

/// The longest name (or group) in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest badge code in characters.
pub const MAX_BADGE_CHARS: usize = 64;

/// The values of one row; `None` where the row gives nothing (or nothing valid).
#[derive(Clone, Debug, Default)]
pub(super) struct RowValues {
    pub guardian_id: Option<String>,
    pub guardian_first_name: Option<String>,
    pub guardian_last_name: Option<String>,
    pub language: Option<LanguageTag>,
    pub pin: Option<String>,
    pub pin_hash: Option<String>,
    pub badge: Option<String>,
    pub child_id: Option<String>,
    pub child_first_name: Option<String>,
    pub child_last_name: Option<String>,
    pub group: Option<String>,
    pub birth_date: Option<Date>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
}

/// The problems of one row, put in column order before they join the others.
pub(super) struct RowProblems<'h> {
    header: &'h Header,
    line: usize,
    items: Vec<(usize, RosterProblem)>,
    /// Positions whose cell already has a problem (an error cell): the row checks
    /// treat them as empty and do not report them again.
    reported: Vec<usize>,
}

impl<'h> RowProblems<'h> {
    /// An empty list for the row on `line`.
    pub(super) fn new(header: &'h Header, line: usize) -> Self {
        Self {
            header,
            line,
            items: Vec::new(),
            reported: Vec::new(),
        }
    }

    /// Adds a problem with the cell at `position` (0-based) of this row, such as an
    /// error cell; the row's checks then skip the cell.
    pub(super) fn add_cell(&mut self, position: usize, kind: ProblemKind) {
        let column = self
            .header
            .column_at(position)
            .map(|column| self.header.heading(column).to_owned());
        self.reported.push(position);
        self.add_at(position, column, kind);
    }

    /// Adds a value found right of the header's last column (a spreadsheet row
    /// has no field count, so this is what a CSV's extra field is).
    pub(super) fn add_outside(&mut self, position: usize, value: String) {
        self.add_at(
            position,
            None,
            ProblemKind::ValueInUnnamedColumn {
                position: position + 1,
                value,
            },
        );
    }

    /// Whether a column's cell already has a problem of its own.
    fn already_reported(&self, column: Column) -> bool {
        self.header
            .position(column)
            .is_some_and(|p| self.reported.contains(&p))
    }

    /// The line of the row.
    pub(super) fn line(&self) -> usize {
        self.line
    }

    /// Adds a problem in a known column.
    pub(super) fn add(&mut self, column: Column, kind: ProblemKind) {
        let position = self.header.position(column).unwrap_or(usize::MAX);
        self.add_at(position, Some(self.header.heading(column).to_owned()), kind);
    }

    /// Adds a problem about the row as a whole; it comes after the column problems.
    pub(super) fn add_row(&mut self, kind: ProblemKind) {
        self.add_at(usize::MAX, None, kind);
    }

    /// Adds a problem at a column position (0-based) with an optional column name.
    fn add_at(&mut self, position: usize, column: Option<String>, kind: ProblemKind) {
        let problem = RosterProblem {
            line: Some(self.line),
            numbering: Default::default(),
            column,
            kind,
        };
        self.items.push((position, problem));
    }

    /// Moves the problems, in column order, to `problems`.
    pub(super) fn flush(mut self, problems: &mut Problems) {
        self.items.sort_by_key(|(position, _)| *position);
        for (_, problem) in self.items {
            problems.push(problem);
        }
    }
}

/// Whether every field is empty or white space (a blank line, or `;;;;` from Excel).
pub(super) fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|field| field.trim().is_empty())
}

/// Checks a row's fields and returns its values; the row has as many fields as the
/// header.
pub(super) fn read(
    record: &csv::StringRecord,
    header: &Header,
    out: &mut RowProblems<'_>,
) -> RowValues {
    let reported = out.reported.clone();
    let raw = |column: Column| {
        header
            .position(column)
            .filter(|i| !reported.contains(i))
            .and_then(|i| record.get(i))
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    for &position in header.unnamed() {
        if let Some(value) = record.get(position).map(str::trim)
            && !value.is_empty()
        {
            out.add_at(
                position,
                None,
                ProblemKind::ValueInUnnamedColumn {
                    position: position + 1,
                    value: value.to_owned(),
                },
            );
        }
    }
    RowValues {
        guardian_id: id(raw(Column::GuardianId), Column::GuardianId, out),
        guardian_first_name: name(
            raw(Column::GuardianFirstName),
            Column::GuardianFirstName,
            true,
            out,
        ),
        guardian_last_name: name(
            raw(Column::GuardianLastName),
            Column::GuardianLastName,
            false,
            out,
        ),
        language: raw(Column::GuardianLanguage).and_then(|value| {
            LanguageTag::parse(value)
                .map_err(|_| {
                    out.add(
                        Column::GuardianLanguage,
                        ProblemKind::BadLanguage {
                            value: value.to_owned(),
                        },
                    );
                })
                .ok()
        }),
        pin: raw(Column::Pin).and_then(|value| {
            if pin::is_well_formed(value) {
                Some(value.to_owned())
            } else {
                out.add(
                    Column::Pin,
                    ProblemKind::BadPin {
                        value: value.to_owned(),
                    },
                );
                None
            }
        }),
        pin_hash: raw(Column::PinHash).and_then(|value| {
            if PinKey::of_verifier(value).is_ok() {
                Some(value.to_owned())
            } else {
                out.add(
                    Column::PinHash,
                    ProblemKind::BadPinHash {
                        value: value.to_owned(),
                    },
                );
                None
            }
        }),
        badge: raw(Column::Badge).and_then(|value| badge(value, out)),
        child_id: id(raw(Column::ChildId), Column::ChildId, out),
        child_first_name: name(
            raw(Column::ChildFirstName),
            Column::ChildFirstName,
            true,
            out,
        ),
        child_last_name: name(
            raw(Column::ChildLastName),
            Column::ChildLastName,
            false,
            out,
        ),
        group: name(raw(Column::Group), Column::Group, false, out),
        birth_date: date(raw(Column::BirthDate), Column::BirthDate, out),
        start_date: date(raw(Column::StartDate), Column::StartDate, out),
        end_date: date(raw(Column::EndDate), Column::EndDate, out),
    }
}

/// A required key: present when the column exists, without control characters.
fn id(value: Option<&str>, column: Column, out: &mut RowProblems<'_>) -> Option<String> {
    match value {
        None => {
            if out.header.position(column).is_some() && !out.already_reported(column) {
                out.add(column, ProblemKind::MissingValue);
            }
            None
        }
        Some(value) if value.chars().any(char::is_control) => {
            out.add(
                column,
                ProblemKind::ControlCharacter {
                    value: value.to_owned(),
                },
            );
            None
        }
        Some(value) => Some(value.to_owned()),
    }
}

/// A name or group: runs of white space (line breaks too) become one space; at most
/// [`MAX_NAME_CHARS`] characters.
fn name(
    value: Option<&str>,
    column: Column,
    required: bool,
    out: &mut RowProblems<'_>,
) -> Option<String> {
    let Some(value) = value else {
        if required && out.header.position(column).is_some() && !out.already_reported(column) {
            out.add(column, ProblemKind::MissingValue);
        }
        return None;
    };
    let mut text = String::with_capacity(value.len());
    for (i, word) in value.split_whitespace().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(word);
    }
    if text.chars().any(char::is_control) {
        out.add(column, ProblemKind::ControlCharacter { value: text });
        return None;
    }
    let length = text.chars().count();
    if length > MAX_NAME_CHARS {
        out.add(
            column,
            ProblemKind::TooLong {
                length,
                max: MAX_NAME_CHARS,
            },
        );
        return None;
    }
    Some(text)
}

/// A badge code: printable, no white space, at most [`MAX_BADGE_CHARS`] characters.
fn badge(value: &str, out: &mut RowProblems<'_>) -> Option<String> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        out.add(
            Column::Badge,
            ProblemKind::BadBadge {
                value: value.to_owned(),
            },
        );
        return None;
    }
    let length = value.chars().count();
    if length > MAX_BADGE_CHARS {
        out.add(
            Column::Badge,
            ProblemKind::TooLong {
                length,
                max: MAX_BADGE_CHARS,
            },
        );
        return None;
    }
    Some(value.to_owned())
}

/// A date: ISO or day first (see `dates`).
fn date(value: Option<&str>, column: Column, out: &mut RowProblems<'_>) -> Option<Date> {
    let value = value?;
    match super::dates::parse(value) {
        Some(date) => Some(date),
        None => {
            out.add(
                column,
                ProblemKind::BadDate {
                    value: value.to_owned(),
                },
            );
            None
        }
    }
}
