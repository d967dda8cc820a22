//! The roster import's report in staff mode's language: one sentence per problem,
//! saying where it is (line, column) and what to do, a heading for a refused file,
//! and a summary of what an accepted import changed. The settings screen shows it
//! after a manager loads a roster.

use crate::i18n::Texts;
use fluent_bundle::FluentValue;
use welkom_core::LanguageTag;
use welkom_core::roster::{COLUMNS, Numbering, Person, ProblemKind, RosterError, RosterProblem};
use welkom_store::ImportSummary;

/// Values from the file are shown up to this many characters, then cut with "…", so
/// a stray paragraph in a PIN column does not fill the screen.
const MAX_SHOWN_CHARS: usize = 40;

/// Fluent arguments with owned values.
type OwnedArgs = Vec<(&'static str, FluentValue<'static>)>;

/// One problem as a sentence: "Regel 12, kolom pin: de pincode '12a4' is geen 4 tot 6
/// cijfers; …".
pub fn problem_text(texts: &Texts, language: &LanguageTag, problem: &RosterProblem) -> String {
    let column = problem.column.as_deref().map(shown);
    let (id, mut args) = message(&problem.kind);
    let rows = problem.numbering == Numbering::Rows;
    args.push(("unit", FluentValue::from(if rows { "row" } else { "line" })));
    let column_arg = column
        .clone()
        .unwrap_or_else(|| texts.plain(language, "roster-this-column"));
    args.push(("column", FluentValue::from(column_arg)));
    let body = texts.get(language, id, &args);
    let whole = |id: &str, mut args: OwnedArgs| {
        args.push(("problem", FluentValue::from(body.clone())));
        texts.get(language, id, &args)
    };
    match (problem.line, column) {
        (Some(line), Some(column)) => whole(
            if rows {
                "roster-problem-at-row-column"
            } else {
                "roster-problem-at-line-column"
            },
            vec![
                ("line", FluentValue::from(line)),
                ("column", FluentValue::from(column)),
            ],
        ),
        (Some(line), None) => whole(
            if rows {
                "roster-problem-at-row"
            } else {
                "roster-problem-at-line"
            },
            vec![("line", FluentValue::from(line))],
        ),
        (None, Some(column)) => whole(
            "roster-problem-at-column",
            vec![("column", FluentValue::from(column))],
        ),
        (None, None) => capitalised(&body),
    }
}

/// The heading above a refused file's problems: how many there are (those not
/// listed included) and that nothing changed.
pub fn rejected_text(texts: &Texts, language: &LanguageTag, error: &RosterError) -> String {
    let count = [("count", FluentValue::from(error.count()))];
    texts.get(language, "roster-rejected", &count)
}

/// What an accepted import changed: guardians and children added, updated and made
/// inactive, and how many guardians got a new PIN.
pub fn summary_text(texts: &Texts, language: &LanguageTag, summary: &ImportSummary) -> String {
    let args = [
        (
            "guardians-added",
            FluentValue::from(summary.guardians_added),
        ),
        (
            "guardians-updated",
            FluentValue::from(summary.guardians_updated),
        ),
        (
            "guardians-deactivated",
            FluentValue::from(summary.guardians_deactivated),
        ),
        ("children-added", FluentValue::from(summary.children_added)),
        (
            "children-updated",
            FluentValue::from(summary.children_updated),
        ),
        (
            "children-deactivated",
            FluentValue::from(summary.children_deactivated),
        ),
        ("new-pins", FluentValue::from(summary.issued_pins.len())),
    ];
    texts.get(language, "roster-summary", &args)
}

/// The Fluent message for a kind of problem, with its fields as arguments. The match
/// is exhaustive: a new kind does not compile until it has its text.
fn message(kind: &ProblemKind) -> (&'static str, OwnedArgs) {
    let text = |value: &str| FluentValue::from(shown(value));
    let number = |n: usize| FluentValue::from(n);
    match kind {
        ProblemKind::TooLarge { bytes, limit } => (
            "roster-problem-too-large",
            vec![
                // Whole megabytes, the size rounded up and the limit down, so a file
                // just over the limit never reads as "20 MB, larger than 20 MB".
                ("size", number(bytes.div_ceil(MEGABYTE))),
                ("limit", number(limit / MEGABYTE)),
            ],
        ),
        ProblemKind::Empty => ("roster-problem-empty", vec![]),
        ProblemKind::Binary => ("roster-problem-binary", vec![]),
        ProblemKind::BadEncoding { encoding } => (
            "roster-problem-bad-encoding",
            vec![("encoding", FluentValue::from(*encoding))],
        ),
        ProblemKind::UnsupportedSpreadsheet { format } => (
            "roster-problem-unsupported-spreadsheet",
            vec![("format", FluentValue::from(*format))],
        ),
        ProblemKind::BadSpreadsheet { detail } => (
            "roster-problem-bad-spreadsheet",
            vec![("detail", text(detail))],
        ),
        ProblemKind::SheetTooLarge { cells, limit } => (
            "roster-problem-sheet-too-large",
            vec![("cells", number(*cells)), ("limit", number(*limit))],
        ),
        ProblemKind::CellError { value } => {
            ("roster-problem-cell-error", vec![("value", text(value))])
        }
        ProblemKind::Unreadable { detail } => {
            ("roster-problem-unreadable", vec![("detail", text(detail))])
        }
        ProblemKind::NoRows => ("roster-problem-no-rows", vec![]),
        ProblemKind::MissingColumn => ("roster-problem-missing-column", vec![]),
        ProblemKind::UnknownColumn => (
            "roster-problem-unknown-column",
            vec![("known", FluentValue::from(COLUMNS.join(", ")))],
        ),
        ProblemKind::DuplicateColumn { first, second } => (
            "roster-problem-duplicate-column",
            vec![("first", number(*first)), ("second", number(*second))],
        ),
        ProblemKind::ValueInUnnamedColumn { position, value } => (
            "roster-problem-value-in-unnamed-column",
            vec![("position", number(*position)), ("value", text(value))],
        ),
        ProblemKind::WrongFieldCount { expected, found } => (
            "roster-problem-wrong-field-count",
            vec![("expected", number(*expected)), ("found", number(*found))],
        ),
        ProblemKind::MissingValue => ("roster-problem-missing-value", vec![]),
        ProblemKind::TooLong { length, max } => (
            "roster-problem-too-long",
            vec![("length", number(*length)), ("max", number(*max))],
        ),
        ProblemKind::ControlCharacter { value } => (
            "roster-problem-control-character",
            vec![("value", text(value))],
        ),
        ProblemKind::BadPin { value } => {
            // A short all-digit PIN most likely lost its leading zero in Excel.
            let lost_zero =
                !value.is_empty() && value.len() < 4 && value.bytes().all(|b| b.is_ascii_digit());
            (
                "roster-problem-bad-pin",
                vec![
                    ("value", text(value)),
                    (
                        "lost-zero",
                        FluentValue::from(if lost_zero { "yes" } else { "no" }),
                    ),
                ],
            )
        }
        ProblemKind::BadPinHash { value } => {
            ("roster-problem-bad-pin-hash", vec![("value", text(value))])
        }
        ProblemKind::PinHashKeyDiffers { other_line } => (
            "roster-problem-pin-hash-key-differs",
            vec![("other-line", number(*other_line))],
        ),
        ProblemKind::DuplicatePinHash {
            guardian_id,
            other_guardian_id,
            other_line,
        } => (
            "roster-problem-duplicate-pin-hash",
            vec![
                ("guardian", text(guardian_id)),
                ("other-guardian", text(other_guardian_id)),
                ("other-line", number(*other_line)),
            ],
        ),
        ProblemKind::BadBadge { value } => {
            ("roster-problem-bad-badge", vec![("value", text(value))])
        }
        ProblemKind::BadLanguage { value } => {
            ("roster-problem-bad-language", vec![("value", text(value))])
        }
        ProblemKind::BadDate { value } => ("roster-problem-bad-date", vec![("value", text(value))]),
        ProblemKind::EndBeforeStart { start, end } => (
            "roster-problem-end-before-start",
            vec![
                ("start", FluentValue::from(start.to_string())),
                ("end", FluentValue::from(end.to_string())),
            ],
        ),
        ProblemKind::Conflict {
            person,
            id,
            value,
            other_value,
            other_line,
        } => (
            "roster-problem-conflict",
            vec![
                ("person", FluentValue::from(person_key(*person))),
                ("id", text(id)),
                ("value", text(value)),
                ("other-value", text(other_value)),
                ("other-line", number(*other_line)),
            ],
        ),
        ProblemKind::DuplicatePair {
            guardian_id,
            child_id,
            other_line,
        } => (
            "roster-problem-duplicate-pair",
            vec![
                ("guardian", text(guardian_id)),
                ("child", text(child_id)),
                ("other-line", number(*other_line)),
            ],
        ),
        ProblemKind::DuplicatePin {
            pin,
            guardian_id,
            other_guardian_id,
            other_line,
        } => (
            "roster-problem-duplicate-pin",
            vec![
                ("pin", text(pin)),
                ("guardian", text(guardian_id)),
                ("other-guardian", text(other_guardian_id)),
                ("other-line", number(*other_line)),
            ],
        ),
        ProblemKind::DuplicateBadge {
            badge,
            guardian_id,
            other_guardian_id,
            other_line,
        } => (
            "roster-problem-duplicate-badge",
            vec![
                ("badge", text(badge)),
                ("guardian", text(guardian_id)),
                ("other-guardian", text(other_guardian_id)),
                ("other-line", number(*other_line)),
            ],
        ),
        ProblemKind::TooManyProblems { more } => {
            ("roster-problem-too-many", vec![("more", number(*more))])
        }
    }
}

/// Bytes in a megabyte, as the roster's size limit counts them.
const MEGABYTE: usize = 1024 * 1024;

/// The key a Fluent selector chooses the person's word by.
fn person_key(person: Person) -> &'static str {
    match person {
        Person::Guardian => "guardian",
        Person::Child => "child",
    }
}

/// A value from the file as it can be shown: control characters (which would show as
/// boxes or break the line) as "�", and cut after [`MAX_SHOWN_CHARS`].
fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(MAX_SHOWN_CHARS)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if value.chars().nth(MAX_SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A sentence part that opens the sentence: its first letter as a capital (Dutch and
/// English both start a sentence so).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The line every row problem is put on, and the other line some name.
    const LINE: usize = 37;
    const OTHER_LINE: usize = 23;

    /// Which kind this is, by an exhaustive match: a new kind fails to compile here
    /// until the test below constructs it.
    fn index(kind: &ProblemKind) -> usize {
        match kind {
            ProblemKind::TooLarge { .. } => 0,
            ProblemKind::Empty => 1,
            ProblemKind::Binary => 2,
            ProblemKind::BadEncoding { .. } => 3,
            ProblemKind::Unreadable { .. } => 4,
            ProblemKind::NoRows => 5,
            ProblemKind::MissingColumn => 6,
            ProblemKind::UnknownColumn => 7,
            ProblemKind::DuplicateColumn { .. } => 8,
            ProblemKind::ValueInUnnamedColumn { .. } => 9,
            ProblemKind::WrongFieldCount { .. } => 10,
            ProblemKind::MissingValue => 11,
            ProblemKind::TooLong { .. } => 12,
            ProblemKind::ControlCharacter { .. } => 13,
            ProblemKind::BadPin { .. } => 14,
            ProblemKind::BadBadge { .. } => 15,
            ProblemKind::BadLanguage { .. } => 16,
            ProblemKind::BadDate { .. } => 17,
            ProblemKind::EndBeforeStart { .. } => 18,
            ProblemKind::Conflict { .. } => 19,
            ProblemKind::DuplicatePair { .. } => 20,
            ProblemKind::DuplicatePin { .. } => 21,
            ProblemKind::DuplicateBadge { .. } => 22,
            ProblemKind::TooManyProblems { .. } => 23,
            ProblemKind::BadPinHash { .. } => 24,
            ProblemKind::PinHashKeyDiffers { .. } => 25,
            ProblemKind::DuplicatePinHash { .. } => 26,
            ProblemKind::UnsupportedSpreadsheet { .. } => 27,
            ProblemKind::BadSpreadsheet { .. } => 28,
            ProblemKind::SheetTooLarge { .. } => 29,
            ProblemKind::CellError { .. } => 30,
        }
    }
    const KINDS: usize = 31;

    fn whole_file(kind: ProblemKind) -> RosterProblem {
        RosterProblem::whole_file(kind)
    }

    fn at(column: Option<&str>, kind: ProblemKind) -> RosterProblem {
        RosterProblem {
            line: Some(LINE),
            numbering: Numbering::Lines,
            column: column.map(str::to_owned),
            kind,
        }
    }

    /// One problem of every kind, where the parser puts it (invented values).
    fn every_problem() -> Vec<RosterProblem> {
        let text = |s: &str| s.to_owned();
        vec![
            whole_file(ProblemKind::TooLarge {
                bytes: 21 * MEGABYTE + 5,
                limit: 20 * MEGABYTE,
            }),
            whole_file(ProblemKind::Empty),
            whole_file(ProblemKind::Binary),
            whole_file(ProblemKind::BadEncoding { encoding: "UTF-16" }),
            whole_file(ProblemKind::Unreadable {
                detail: text("invalid record"),
            }),
            whole_file(ProblemKind::NoRows),
            at(Some("child_id"), ProblemKind::MissingColumn),
            at(Some("telefoon"), ProblemKind::UnknownColumn),
            at(
                Some("pin"),
                ProblemKind::DuplicateColumn {
                    first: 5,
                    second: 9,
                },
            ),
            at(
                None,
                ProblemKind::ValueInUnnamedColumn {
                    position: 14,
                    value: text("Vlinders"),
                },
            ),
            at(
                None,
                ProblemKind::WrongFieldCount {
                    expected: 7,
                    found: 6,
                },
            ),
            at(Some("child_first_name"), ProblemKind::MissingValue),
            at(
                Some("guardian_last_name"),
                ProblemKind::TooLong {
                    length: 130,
                    max: 100,
                },
            ),
            at(
                Some("guardian_first_name"),
                ProblemKind::ControlCharacter {
                    value: text("Fen\u{7}ne"),
                },
            ),
            at(
                Some("pin"),
                ProblemKind::BadPin {
                    value: text("12a4"),
                },
            ),
            at(
                Some("pin_hash"),
                ProblemKind::BadPinHash {
                    value: text("58213"),
                },
            ),
            at(
                Some("pin_hash"),
                ProblemKind::PinHashKeyDiffers {
                    other_line: OTHER_LINE,
                },
            ),
            at(
                Some("pin_hash"),
                ProblemKind::DuplicatePinHash {
                    guardian_id: text("G7"),
                    other_guardian_id: text("G2"),
                    other_line: OTHER_LINE,
                },
            ),
            at(
                Some("badge"),
                ProblemKind::BadBadge {
                    value: text("AB 12"),
                },
            ),
            at(
                Some("guardian_language"),
                ProblemKind::BadLanguage {
                    value: text("Nederlands!"),
                },
            ),
            at(
                Some("birth_date"),
                ProblemKind::BadDate {
                    value: text("14-03-2021"),
                },
            ),
            at(
                Some("end_date"),
                ProblemKind::EndBeforeStart {
                    start: date(2026, 3, 2),
                    end: date(2026, 2, 27),
                },
            ),
            at(
                Some("guardian_last_name"),
                ProblemKind::Conflict {
                    person: Person::Guardian,
                    id: text("G7"),
                    value: text("Veenstra"),
                    other_value: text("Veenstra-Bos"),
                    other_line: OTHER_LINE,
                },
            ),
            at(
                None,
                ProblemKind::DuplicatePair {
                    guardian_id: text("G7"),
                    child_id: text("C9"),
                    other_line: OTHER_LINE,
                },
            ),
            at(
                Some("pin"),
                ProblemKind::DuplicatePin {
                    pin: text("4826"),
                    guardian_id: text("G7"),
                    other_guardian_id: text("G2"),
                    other_line: OTHER_LINE,
                },
            ),
            at(
                Some("badge"),
                ProblemKind::DuplicateBadge {
                    badge: text("BADGE0042"),
                    guardian_id: text("G7"),
                    other_guardian_id: text("G2"),
                    other_line: OTHER_LINE,
                },
            ),
            whole_file(ProblemKind::TooManyProblems { more: 12 }),
            whole_file(ProblemKind::UnsupportedSpreadsheet { format: "xls" }),
            whole_file(ProblemKind::UnsupportedSpreadsheet { format: "zip" }),
            whole_file(ProblemKind::BadSpreadsheet {
                detail: text("invalid Zip archive"),
            }),
            whole_file(ProblemKind::SheetTooLarge {
                cells: 2_000_000,
                limit: 1_000_000,
            }),
            at(
                Some("Groep"),
                ProblemKind::CellError {
                    value: text("#DIV/0!"),
                },
            ),
        ]
    }

    fn texts() -> Texts {
        Texts::load(&LanguageTag::dutch()).unwrap()
    }

    fn english() -> LanguageTag {
        LanguageTag::parse("en").unwrap()
    }

    /// Fluent shows an unresolved argument or message as `{…}`; `Texts` gives the id
    /// itself when no file has the message.
    fn assert_resolved(text: &str) {
        assert!(!text.trim().is_empty(), "empty text");
        for mark in ['{', '}', '$'] {
            assert!(!text.contains(mark), "unresolved Fluent in: {text}");
        }
        assert!(!text.contains("roster-"), "a message id in: {text}");
    }

    #[test]
    fn every_kind_of_problem_is_tested() {
        let mut seen = [false; KINDS];
        for problem in every_problem() {
            seen[index(&problem.kind)] = true;
        }
        let missing: Vec<usize> = (0..KINDS).filter(|&i| !seen[i]).collect();
        assert!(missing.is_empty(), "no problem of kind {missing:?}");
    }

    #[test]
    fn every_problem_has_a_dutch_and_an_english_sentence_saying_where() {
        let texts = texts();
        let (nl, en) = (LanguageTag::dutch(), english());
        for problem in every_problem() {
            let dutch = problem_text(&texts, &nl, &problem);
            let english = problem_text(&texts, &en, &problem);
            for text in [&dutch, &english] {
                assert_resolved(text);
                assert!(!text.starts_with(char::is_lowercase), "{text}");
                assert!(text.ends_with('.'), "{text}");
            }
            assert_ne!(dutch, english, "not translated: {dutch}");
            if let Some(line) = problem.line {
                assert!(dutch.starts_with(&format!("Regel {line}")), "{dutch}");
                assert!(english.starts_with(&format!("Line {line}")), "{english}");
            }
            if let Some(column) = &problem.column {
                assert!(dutch.contains(&format!("kolom {column}")), "{dutch}");
                assert!(english.contains(&format!("column {column}")), "{english}");
            }
            let other_line = match &problem.kind {
                ProblemKind::Conflict { other_line, .. }
                | ProblemKind::DuplicatePair { other_line, .. }
                | ProblemKind::DuplicatePin { other_line, .. }
                | ProblemKind::DuplicatePinHash { other_line, .. }
                | ProblemKind::DuplicateBadge { other_line, .. } => Some(*other_line),
                _ => None,
            };
            if let Some(other) = other_line {
                assert!(dutch.contains(&format!("regel {other}")), "{dutch}");
                assert!(english.contains(&format!("line {other}")), "{english}");
            }
        }
    }

    #[test]
    fn a_spreadsheets_problems_name_rows_in_both_languages() {
        let texts = texts();
        for problem in every_problem() {
            let Some(line) = problem.line else { continue };
            let problem = RosterProblem {
                numbering: Numbering::Rows,
                ..problem
            };
            let dutch = problem_text(&texts, &LanguageTag::dutch(), &problem);
            let english = problem_text(&texts, &english(), &problem);
            assert_resolved(&dutch);
            assert_resolved(&english);
            assert!(dutch.starts_with(&format!("Rij {line}")), "{dutch}");
            assert!(english.starts_with(&format!("Row {line}")), "{english}");
            assert!(!dutch.contains(&format!("regel {OTHER_LINE}")), "{dutch}");
            if dutch.contains(&OTHER_LINE.to_string()) {
                assert!(dutch.contains(&format!("in rij {OTHER_LINE}")), "{dutch}");
                assert!(english.contains(&format!("row {OTHER_LINE}")), "{english}");
            }
        }
    }

    #[test]
    fn a_bad_pin_reads_as_the_team_expects() {
        let texts = texts();
        let problem = RosterProblem {
            line: Some(12),
            numbering: Numbering::Lines,
            column: Some("pin".into()),
            kind: ProblemKind::BadPin {
                value: "12a4".into(),
            },
        };
        let dutch = problem_text(&texts, &LanguageTag::dutch(), &problem);
        assert!(
            dutch.starts_with(
                "Regel 12, kolom pin: de pincode '12a4' is geen 4 tot 6 cijfers; vul cijfers in of laat het vak leeg"
            ),
            "{dutch}"
        );
        // Three digits: Excel probably dropped a leading zero.
        let short = RosterProblem {
            kind: ProblemKind::BadPin {
                value: "482".into(),
            },
            ..problem
        };
        let dutch = problem_text(&texts, &LanguageTag::dutch(), &short);
        assert!(dutch.contains("Excel"), "{dutch}");
        let english = problem_text(&texts, &english(), &short);
        assert!(english.contains("Excel"), "{english}");
    }

    #[test]
    fn values_are_shown_without_control_characters_and_cut_when_long() {
        let texts = texts();
        let problem = at(
            Some("guardian_first_name"),
            ProblemKind::ControlCharacter {
                value: "Fen\u{7}ne\nX".into(),
            },
        );
        let dutch = problem_text(&texts, &LanguageTag::dutch(), &problem);
        assert!(dutch.contains("'Fen\u{FFFD}ne\u{FFFD}X'"), "{dutch}");
        let long = at(
            Some("pin"),
            ProblemKind::BadPin {
                value: "9".repeat(500),
            },
        );
        let dutch = problem_text(&texts, &LanguageTag::dutch(), &long);
        assert!(dutch.contains(&format!("'{}…'", "9".repeat(MAX_SHOWN_CHARS))));
        assert!(!dutch.contains(&"9".repeat(MAX_SHOWN_CHARS + 1)), "{dutch}");
    }

    #[test]
    fn a_file_just_over_the_limit_is_larger_than_the_limit() {
        let texts = texts();
        let problem = whole_file(ProblemKind::TooLarge {
            bytes: 20 * MEGABYTE + 1,
            limit: 20 * MEGABYTE,
        });
        let dutch = problem_text(&texts, &LanguageTag::dutch(), &problem);
        assert!(
            dutch.contains("21 MB") && dutch.contains("20 MB"),
            "{dutch}"
        );
    }

    #[test]
    fn the_heading_counts_every_problem() {
        let texts = texts();
        let error = RosterError {
            problems: vec![
                at(Some("pin"), ProblemKind::MissingValue),
                whole_file(ProblemKind::TooManyProblems { more: 40 }),
            ],
        };
        let dutch = rejected_text(&texts, &LanguageTag::dutch(), &error);
        let english = rejected_text(&texts, &english(), &error);
        assert_resolved(&dutch);
        assert_resolved(&english);
        assert!(dutch.contains("41 problemen"), "{dutch}");
        assert!(english.contains("41 problems"), "{english}");
        let one = RosterError {
            problems: vec![at(Some("pin"), ProblemKind::MissingValue)],
        };
        let dutch = rejected_text(&texts, &LanguageTag::dutch(), &one);
        assert!(dutch.contains("1 probleem"), "{dutch}");
    }

    #[test]
    fn the_summary_says_what_changed_in_both_languages() {
        let texts = texts();
        let summary = ImportSummary {
            guardians_added: 3,
            guardians_updated: 41,
            guardians_deactivated: 2,
            children_added: 5,
            children_updated: 52,
            children_deactivated: 1,
            issued_pins: Vec::new(),
        };
        let dutch = summary_text(&texts, &LanguageTag::dutch(), &summary);
        let english = summary_text(&texts, &english(), &summary);
        for text in [&dutch, &english] {
            assert_resolved(text);
            for n in ["3", "41", "2", "5", "52", "1"] {
                assert!(text.contains(n), "{n} missing in {text}");
            }
        }
        assert_ne!(dutch, english);
        assert!(dutch.contains("geen nieuwe pincodes"), "{dutch}");
        let with_pins = ImportSummary {
            issued_pins: vec![
                welkom_store::IssuedPin {
                    guardian_id: welkom_core::GuardianId("G7".into()),
                    first_name: "Fenne".into(),
                    last_name: "Veenstra".into(),
                    pin: "58213".into(),
                };
                2
            ],
            ..summary
        };
        let dutch = summary_text(&texts, &LanguageTag::dutch(), &with_pins);
        assert!(dutch.contains("2 ouders"), "{dutch}");
        // The summary names no one and shows no PIN.
        assert!(
            !dutch.contains("Fenne") && !dutch.contains("58213"),
            "{dutch}"
        );
    }
}
