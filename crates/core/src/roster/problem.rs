//! What can be wrong with a roster file, and how to say it in plain English.

use super::header::COLUMNS;
use jiff::civil::Date;
use std::fmt;

/// At most this many problems are listed; the rest are counted in a final
/// [`ProblemKind::TooManyProblems`].
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// Whether a problem is about a guardian or a child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Person {
    /// A guardian (`guardian_id`).
    Guardian,
    /// A child (`child_id`).
    Child,
}

impl fmt::Display for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Guardian => "guardian",
            Self::Child => "child",
        })
    }
}

/// What a problem's numbers (its own and those it refers to) count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Numbering {
    /// Lines of a text file (CSV); 1 is the first line.
    #[default]
    Lines,
    /// Rows of a spreadsheet, as Excel and LibreOffice number them (1 is the top row).
    Rows,
}

impl Numbering {
    /// The English word for one of the numbered things: `line` or `row`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Lines => "line",
            Self::Rows => "row",
        }
    }
}

/// What is wrong, with the data a translated message needs. Where the problem is (line
/// and column) lives in [`RosterProblem`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is larger than [`super::MAX_ROSTER_BYTES`]; it was not parsed.
    TooLarge {
        /// The size of the file in bytes.
        bytes: usize,
        /// The largest size accepted, in bytes.
        limit: usize,
    },
    /// The file is empty, or holds only white space.
    Empty,
    /// The file is not text (NUL bytes or many control characters).
    Binary,
    /// The file starts with a byte order mark but its bytes do not match it.
    BadEncoding {
        /// The encoding the byte order mark announces (`UTF-8`, `UTF-16`).
        encoding: &'static str,
    },
    /// The file is a spreadsheet of a kind Welkom does not read (an old `.xls`, an
    /// `.xlsb`), or a zip archive that is no spreadsheet.
    UnsupportedSpreadsheet {
        /// What the file is: `xls`, `xlsb` or `zip`.
        format: &'static str,
    },
    /// The file is an `.xlsx` or `.ods` spreadsheet that could not be read (damaged,
    /// protected with a password, or cut off).
    BadSpreadsheet {
        /// The reader's own description.
        detail: String,
    },
    /// The spreadsheet's roster sheet spans more cells than Welkom reads.
    SheetTooLarge {
        /// How many cells it spans, as far as counted.
        cells: usize,
        /// The most cells read.
        limit: usize,
    },
    /// A spreadsheet cell holds an error (`#DIV/0!`, `#N/A`, …) instead of a value,
    /// usually from a formula.
    CellError {
        /// The error as the spreadsheet shows it.
        value: String,
    },
    /// The CSV reader failed; should not happen with decoded text.
    Unreadable {
        /// The reader's own description.
        detail: String,
    },
    /// The header line is there but no rows follow.
    NoRows,
    /// A required column is not in the header line (the column names it).
    MissingColumn,
    /// A header names a column Welkom does not know (the column holds the header as
    /// written).
    UnknownColumn,
    /// A column appears twice in the header line.
    DuplicateColumn {
        /// The position (1 = leftmost) of the first occurrence.
        first: usize,
        /// The position of this occurrence.
        second: usize,
    },
    /// A row has a value in a column whose header is empty.
    ValueInUnnamedColumn {
        /// The position of the column (1 = leftmost).
        position: usize,
        /// The value found there.
        value: String,
    },
    /// A row has a different number of fields than the header line.
    WrongFieldCount {
        /// The number of columns in the header line.
        expected: usize,
        /// The number of fields in this row.
        found: usize,
    },
    /// A required value (an id or a first name) is empty.
    MissingValue,
    /// A value is longer than allowed.
    TooLong {
        /// Its length in characters.
        length: usize,
        /// The most characters allowed.
        max: usize,
    },
    /// A value contains control characters (other than line breaks and tabs in names).
    ControlCharacter {
        /// The value as found.
        value: String,
    },
    /// A PIN is not 4 to 6 digits.
    BadPin {
        /// The value as found.
        value: String,
    },
    /// A `pin_hash` is not a PIN verifier as the hub writes it.
    BadPinHash {
        /// The value as found.
        value: String,
    },
    /// A `pin_hash` has another salt or cost than the first one: every verifier of a
    /// roster comes from one location's key.
    PinHashKeyDiffers {
        /// The line of the first `pin_hash`.
        other_line: usize,
    },
    /// Two guardians have the same `pin_hash`, so the same PIN.
    DuplicatePinHash {
        /// The guardian on this line.
        guardian_id: String,
        /// The guardian who had it first.
        other_guardian_id: String,
        /// The line where the other guardian got it.
        other_line: usize,
    },
    /// A badge code contains spaces or invisible characters.
    BadBadge {
        /// The value as found.
        value: String,
    },
    /// A language is not a language tag.
    BadLanguage {
        /// The value as found.
        value: String,
    },
    /// A date is not `YYYY-MM-DD`, `DD-MM-YYYY` or `DD/MM/YYYY` (or a date cell).
    BadDate {
        /// The value as found.
        value: String,
    },
    /// A child's end date is before their start date.
    EndBeforeStart {
        /// The start date.
        start: Date,
        /// The end date.
        end: Date,
    },
    /// Two rows of the same person give different values for the same column.
    Conflict {
        /// Guardian or child.
        person: Person,
        /// The person's id.
        id: String,
        /// The value on this line.
        value: String,
        /// The value on the other line.
        other_value: String,
        /// The line that first gave a value.
        other_line: usize,
    },
    /// The same guardian and child are paired on two rows.
    DuplicatePair {
        /// The guardian's id.
        guardian_id: String,
        /// The child's id.
        child_id: String,
        /// The line that first paired them.
        other_line: usize,
    },
    /// Two guardians have the same PIN.
    DuplicatePin {
        /// The PIN.
        pin: String,
        /// The guardian on this line.
        guardian_id: String,
        /// The guardian who had the PIN first.
        other_guardian_id: String,
        /// The line where the other guardian got it.
        other_line: usize,
    },
    /// Two guardians have the same badge code.
    DuplicateBadge {
        /// The badge code.
        badge: String,
        /// The guardian on this line.
        guardian_id: String,
        /// The guardian who had the badge first.
        other_guardian_id: String,
        /// The line where the other guardian got it.
        other_line: usize,
    },
    /// The list was cut off at [`MAX_LISTED_PROBLEMS`].
    TooManyProblems {
        /// How many more problems there were.
        more: usize,
    },
}

/// One thing wrong with a roster file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterProblem {
    /// The line in the file (1 is the header), when the problem has one; in a
    /// spreadsheet the row (see `numbering`).
    pub line: Option<usize>,
    /// Whether `line` and the lines the problem refers to count lines or rows.
    pub numbering: Numbering,
    /// The column the problem is in, when it has one.
    pub column: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl RosterProblem {
    /// A problem that belongs to no line, such as an empty file.
    pub fn whole_file(kind: ProblemKind) -> Self {
        Self {
            line: None,
            numbering: Numbering::Lines,
            column: None,
            kind,
        }
    }
}

impl fmt::Display for RosterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.numbering.word();
        match (self.line, &self.column) {
            (Some(line), Some(column)) => write!(f, "{unit} {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "{unit} {line}: ")?,
            (None, Some(column)) => write!(f, "column {column}: ")?,
            (None, None) => {}
        }
        let column = self.column.as_deref().unwrap_or("this column");
        describe(&self.kind, column, unit, f)
    }
}

/// Writes the English sentence for a problem in `column`; `unit` is `line` or `row`.
fn describe(
    kind: &ProblemKind,
    column: &str,
    unit: &str,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    const EXPORT: &str = "save the roster from Excel or LibreOffice as .xlsx, .ods or CSV";
    match kind {
        ProblemKind::TooLarge { bytes, limit } => write!(
            f,
            "the file is {} MB, larger than the limit of {} MB; check that this is the roster file",
            megabytes(*bytes),
            megabytes(*limit)
        ),
        ProblemKind::Empty => write!(
            f,
            "the file is empty; {EXPORT}, with a header line and one row per guardian and child"
        ),
        ProblemKind::Binary => write!(
            f,
            "this is not a CSV text file (it looks like binary data); {EXPORT}"
        ),
        ProblemKind::BadEncoding { encoding } => write!(
            f,
            "the file says it is {encoding} text but is not; export the roster from Excel again as CSV UTF-8"
        ),
        ProblemKind::UnsupportedSpreadsheet { format } => write!(
            f,
            "this file is {}, which Welkom does not read; open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV",
            match *format {
                "xls" => "an old Excel workbook (.xls)",
                "xlsb" => "a binary Excel workbook (.xlsb)",
                _ => "a zip archive but no .xlsx or .ods spreadsheet",
            }
        ),
        ProblemKind::BadSpreadsheet { detail } => write!(
            f,
            "the spreadsheet could not be read ({detail}); open it in Excel or LibreOffice, remove any password and save it again"
        ),
        ProblemKind::SheetTooLarge { cells, limit } => write!(
            f,
            "the roster's sheet spans {cells} cells, more than the {limit} Welkom reads; delete the empty rows and columns after the roster, or copy the roster to a new sheet"
        ),
        ProblemKind::CellError { value } => write!(
            f,
            "the cell shows the error {value} instead of a value; correct the formula or type the value"
        ),
        ProblemKind::Unreadable { detail } => {
            write!(f, "the file could not be read as CSV ({detail}); {EXPORT}")
        }
        ProblemKind::NoRows => write!(
            f,
            "the file has a header line but no rows; add one row per guardian and child"
        ),
        ProblemKind::MissingColumn => write!(
            f,
            "the required column {column} is missing from the header line; add it"
        ),
        ProblemKind::UnknownColumn => write!(
            f,
            "\"{column}\" is not a known column; rename or remove it (the known columns are {})",
            COLUMNS.join(", ")
        ),
        ProblemKind::DuplicateColumn { first, second } => write!(
            f,
            "the column {column} appears twice in the header line (columns {first} and {second}); keep one"
        ),
        ProblemKind::ValueInUnnamedColumn { position, value } => write!(
            f,
            "\"{value}\" is in column {position}, which has no name in the header line; name the column or remove the value"
        ),
        ProblemKind::WrongFieldCount { expected, found } => write!(
            f,
            "this row has {found} fields but the header line has {expected}; look for a missing or extra separator or an unclosed quote"
        ),
        ProblemKind::MissingValue => write!(
            f,
            "{column} is empty; every row needs guardian_id, guardian_first_name, child_id and child_first_name"
        ),
        ProblemKind::TooLong { length, max } => write!(
            f,
            "the value is {length} characters long; at most {max} are allowed, so shorten it"
        ),
        ProblemKind::ControlCharacter { value } => write!(
            f,
            "{value:?} contains invisible control characters; retype the value"
        ),
        ProblemKind::BadPin { value } => {
            write!(
                f,
                "\"{value}\" is not a PIN; a PIN is 4 to 6 digits, or leave it empty and Welkom issues one"
            )?;
            if !value.is_empty() && value.len() < 4 && value.bytes().all(|b| b.is_ascii_digit()) {
                f.write_str(
                    " (if the PIN started with 0, Excel may have dropped it: format the column as text)",
                )?;
            }
            Ok(())
        }
        ProblemKind::BadPinHash { value } => write!(
            f,
            "\"{value}\" is not a PIN verifier from welkom-hub; leave pin_hash empty and give a pin, or let the kiosk fetch the roster from the hub"
        ),
        ProblemKind::PinHashKeyDiffers { other_line } => write!(
            f,
            "this pin_hash has another salt or cost than the one on {unit} {other_line}; all of a roster's pin_hash values come from one hub location, so let the kiosk fetch the roster from the hub"
        ),
        ProblemKind::DuplicatePinHash {
            guardian_id,
            other_guardian_id,
            other_line,
        } => write!(
            f,
            "guardian {guardian_id} has the same pin_hash (so the same PIN) as guardian {other_guardian_id} on {unit} {other_line}; every guardian needs their own PIN, so let the hub issue the roster's PINs"
        ),
        ProblemKind::BadBadge { value } => write!(
            f,
            "\"{value}\" is not a badge code; a badge code is printable text without spaces, or leave it empty"
        ),
        ProblemKind::BadLanguage { value } => write!(
            f,
            "\"{value}\" is not a language; use a code such as nl, en, tr, pl or uk, or leave it empty for the location's language"
        ),
        ProblemKind::BadDate { value } => write!(
            f,
            "\"{value}\" is not a date; write dates as YYYY-MM-DD or DD-MM-YYYY, for example 2021-03-14 or 14-03-2021, or leave it empty"
        ),
        ProblemKind::EndBeforeStart { start, end } => write!(
            f,
            "the end date {end} is before the start date {start}; correct one of them"
        ),
        ProblemKind::Conflict {
            person,
            id,
            value,
            other_value,
            other_line,
        } => write!(
            f,
            "{person} {id} has \"{value}\" here but \"{other_value}\" on {unit} {other_line}; rows of the same {person} must agree, so correct one or leave it empty"
        ),
        ProblemKind::DuplicatePair {
            guardian_id,
            child_id,
            other_line,
        } => write!(
            f,
            "guardian {guardian_id} and child {child_id} are already paired on {unit} {other_line}; remove one of the two rows"
        ),
        ProblemKind::DuplicatePin {
            pin,
            guardian_id,
            other_guardian_id,
            other_line,
        } => write!(
            f,
            "guardian {guardian_id} has PIN {pin}, which guardian {other_guardian_id} already has on {unit} {other_line}; give every guardian their own PIN, or leave it empty and Welkom issues one"
        ),
        ProblemKind::DuplicateBadge {
            badge,
            guardian_id,
            other_guardian_id,
            other_line,
        } => write!(
            f,
            "guardian {guardian_id} has badge {badge}, which guardian {other_guardian_id} already has on {unit} {other_line}; give every guardian their own badge"
        ),
        ProblemKind::TooManyProblems { more } => write!(
            f,
            "{more} more problem(s) were not listed; fix the ones above and load the file again"
        ),
    }
}

/// A size in bytes as megabytes with one decimal.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u128 * 10 + 512 * 1024) / (1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// Everything wrong with a roster file. Nothing of a file with problems is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterError {
    /// Every problem found, in file order, cut off after [`MAX_LISTED_PROBLEMS`].
    pub problems: Vec<RosterProblem>,
}

impl RosterError {
    /// The number of problems found, including those not listed.
    pub fn count(&self) -> usize {
        self.problems
            .iter()
            .map(|p| match p.kind {
                ProblemKind::TooManyProblems { more } => more,
                _ => 1,
            })
            .sum()
    }

    /// Every problem, one per line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for problem in &self.problems {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&problem.to_string());
        }
        out
    }
}

impl fmt::Display for RosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.count(), self.problems.first()) {
            (_, None) => write!(f, "the roster was not loaded"),
            (1, Some(first)) => write!(f, "the roster was not loaded: {first}"),
            (n, Some(first)) => write!(
                f,
                "the roster was not loaded: it has {n} problems; the first is {first}"
            ),
        }
    }
}

impl std::error::Error for RosterError {}

/// Collects problems, keeping the first [`MAX_LISTED_PROBLEMS`] and counting the rest.
#[derive(Debug, Default)]
pub(super) struct Problems {
    listed: Vec<RosterProblem>,
    more: usize,
}

impl Problems {
    /// Adds a problem.
    pub(super) fn push(&mut self, problem: RosterProblem) {
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// Whether no problem was found.
    pub(super) fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// The error holding every problem.
    pub(super) fn into_error(mut self) -> RosterError {
        if self.more > 0 {
            self.listed
                .push(RosterProblem::whole_file(ProblemKind::TooManyProblems {
                    more: self.more,
                }));
        }
        RosterError {
            problems: self.listed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_are_rounded_to_one_decimal() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20");
        assert_eq!(megabytes(50 * 1024 * 1024 + 300 * 1024), "50.3");
    }

    #[test]
    fn a_bad_pin_says_where_what_and_what_to_do() {
        let problem = RosterProblem {
            line: Some(7),
            numbering: Numbering::Lines,
            column: Some("pin".into()),
            kind: ProblemKind::BadPin {
                value: "12a4".into(),
            },
        };
        assert_eq!(
            problem.to_string(),
            "line 7, column pin: \"12a4\" is not a PIN; a PIN is 4 to 6 digits, or leave it empty and Welkom issues one"
        );
    }

    #[test]
    fn the_cap_counts_what_it_leaves_out() {
        let mut problems = Problems::default();
        for _ in 0..MAX_LISTED_PROBLEMS + 5 {
            problems.push(RosterProblem::whole_file(ProblemKind::MissingValue));
        }
        let error = problems.into_error();
        assert_eq!(error.problems.len(), MAX_LISTED_PROBLEMS + 1);
        assert_eq!(error.count(), MAX_LISTED_PROBLEMS + 5);
        assert_eq!(error.report().lines().count(), MAX_LISTED_PROBLEMS + 1);
    }
}
