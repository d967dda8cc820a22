//! The header line: which separator, and which column is where.

use super::problem::{ProblemKind, Problems, RosterProblem};

/// Every column Welkom knows, in the order of the product brief.
pub const COLUMNS: [&str; 14] = [
    "guardian_id",
    "guardian_first_name",
    "guardian_last_name",
    "guardian_language",
    "pin",
    "pin_hash",
    "badge",
    "child_id",
    "child_first_name",
    "child_last_name",
    "group",
    "birth_date",
    "start_date",
    "end_date",
];

/// A known column; the discriminant is its index in [`COLUMNS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    GuardianId,
    GuardianFirstName,
    GuardianLastName,
    GuardianLanguage,
    Pin,
    PinHash,
    Badge,
    ChildId,
    ChildFirstName,
    ChildLastName,
    Group,
    BirthDate,
    StartDate,
    EndDate,
}

impl Column {
    /// Every column, in the order of [`COLUMNS`].
    pub(super) const ALL: [Column; 14] = [
        Column::GuardianId,
        Column::GuardianFirstName,
        Column::GuardianLastName,
        Column::GuardianLanguage,
        Column::Pin,
        Column::PinHash,
        Column::Badge,
        Column::ChildId,
        Column::ChildFirstName,
        Column::ChildLastName,
        Column::Group,
        Column::BirthDate,
        Column::StartDate,
        Column::EndDate,
    ];

    /// The columns every roster must have.
    const REQUIRED: [Column; 4] = [
        Column::GuardianId,
        Column::GuardianFirstName,
        Column::ChildId,
        Column::ChildFirstName,
    ];

    /// The column's name in the header line.
    pub(super) fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }

    /// The column a header names: its English name or a Dutch heading, ignoring case
    /// and spaces (see `aliases`).
    fn from_header(header: &str) -> Option<Self> {
        super::aliases::column_of(header)
    }
}

/// Picks the separator from the first line: whichever of `;`, `,` and tab occurs most
/// outside quotes (`;` on a tie, as Dutch Excel writes it).
pub(super) fn detect_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut started = false;
    for b in text.bytes() {
        match b {
            b'\n' | b'\r' if !quoted && started => break,
            b'\n' | b'\r' | b' ' => {}
            b'"' => quoted = !quoted,
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
        started |= !matches!(b, b'\n' | b'\r' | b' ');
    }
    let separators = [b';', b',', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    separators[best]
}

/// The meaning of each column of the file.
#[derive(Clone, Debug)]
pub(super) struct Header {
    /// Where each known column is, by [`Column`] index.
    positions: [Option<usize>; 14],
    /// Which columns have an empty header (0-based).
    unnamed: Vec<usize>,
    /// The heading of each known column as the file writes it, when that is not
    /// the English name; problems name the column so.
    headings: [Option<String>; 14],
    /// The number of columns.
    width: usize,
}

impl Header {
    /// Reads the header fields, reporting unknown, duplicated and missing columns.
    pub(super) fn read<'a>(
        fields: impl IntoIterator<Item = &'a str>,
        line: usize,
        problems: &mut Problems,
    ) -> Self {
        let mut header = Header {
            positions: [None; 14],
            unnamed: Vec::new(),
            headings: Default::default(),
            width: 0,
        };
        let problem = |column: &str, kind| RosterProblem {
            line: Some(line),
            numbering: Default::default(),
            column: Some(column.to_owned()),
            kind,
        };
        for (index, field) in fields.into_iter().enumerate() {
            header.width += 1;
            let name = field.trim();
            if name.is_empty() {
                header.unnamed.push(index);
                continue;
            }
            match Column::from_header(name) {
                None => problems.push(problem(name, ProblemKind::UnknownColumn)),
                Some(column) => match header.positions[column as usize] {
                    Some(first) => problems.push(problem(
                        column.name(),
                        ProblemKind::DuplicateColumn {
                            first: first + 1,
                            second: index + 1,
                        },
                    )),
                    None => {
                        header.positions[column as usize] = Some(index);
                        if !name.eq_ignore_ascii_case(column.name()) {
                            header.headings[column as usize] = Some(name.to_owned());
                        }
                    }
                },
            }
        }
        for column in Column::REQUIRED {
            if header.position(column).is_none() {
                problems.push(problem(column.name(), ProblemKind::MissingColumn));
            }
        }
        header
    }

    /// Whether every required column is there.
    pub(super) fn has_required_columns(&self) -> bool {
        Column::REQUIRED
            .into_iter()
            .all(|c| self.position(c).is_some())
    }

    /// Where a column is (0-based), if the file has it.
    pub(super) fn position(&self, column: Column) -> Option<usize> {
        self.positions[column as usize]
    }

    /// How problems name a column: its heading in the file (`Voornaam ouder`), or
    /// its English name when the file uses that or lacks the column.
    pub(super) fn heading(&self, column: Column) -> &str {
        self.headings[column as usize]
            .as_deref()
            .unwrap_or(column.name())
    }

    /// The known column at a position (0-based), if any.
    pub(super) fn column_at(&self, position: usize) -> Option<Column> {
        Column::ALL
            .into_iter()
            .find(|&c| self.position(c) == Some(position))
    }

    /// The columns with an empty header (0-based).
    pub(super) fn unnamed(&self) -> &[usize] {
        &self.unnamed
    }

    /// The number of columns in the header line.
    pub(super) fn width(&self) -> usize {
        self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect_separator("a;b;c\n1,2,3,4,5"), b';');
        assert_eq!(detect_separator("a,b,c\n"), b',');
        assert_eq!(detect_separator("\"a;b;c\",d,e\n"), b',');
        assert_eq!(detect_separator("a\tb\tc"), b'\t');
        assert_eq!(detect_separator("a"), b';');
        assert_eq!(detect_separator("\n\na,b"), b',');
    }

    #[test]
    fn columns_by_name_in_any_order_and_case() {
        let mut problems = Problems::default();
        let header = Header::read(
            [
                " Child_ID ",
                "GUARDIAN_ID",
                "child_first_name",
                "guardian_first_name",
                "",
            ],
            1,
            &mut problems,
        );
        assert!(problems.is_empty());
        assert_eq!(header.position(Column::ChildId), Some(0));
        assert_eq!(header.position(Column::GuardianId), Some(1));
        assert_eq!(header.position(Column::Pin), None);
        assert_eq!(header.unnamed(), &[4]);
        assert_eq!(header.width(), 5);
    }
}
