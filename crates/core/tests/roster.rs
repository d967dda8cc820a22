//! The roster format, end to end. All names and ids are invented.

use jiff::civil::date;
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use welkom_core::LanguageTag;
use welkom_core::roster::{
    self, MAX_LISTED_PROBLEMS, MAX_ROSTER_BYTES, Person, ProblemKind, Roster, RosterError,
};

const HEADER: &str = "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group;birth_date;start_date;end_date";

fn nl() -> LanguageTag {
    LanguageTag::dutch()
}

fn parse_ok(text: &str) -> Roster {
    match roster::parse(text.as_bytes(), &nl()) {
        Ok(roster) => roster,
        Err(error) => panic!("expected a roster, got:\n{}", error.report()),
    }
}

fn parse_err(bytes: &[u8]) -> RosterError {
    match roster::parse(bytes, &nl()) {
        Ok(roster) => panic!("expected problems, got {roster:?}"),
        Err(error) => error,
    }
}

/// The problems as (line, column, kind), for exact comparison.
fn problems(bytes: &[u8]) -> Vec<(Option<usize>, Option<String>, ProblemKind)> {
    parse_err(bytes)
        .problems
        .into_iter()
        .map(|p| (p.line, p.column, p.kind))
        .collect()
}

fn at(
    line: usize,
    column: &str,
    kind: ProblemKind,
) -> (Option<usize>, Option<String>, ProblemKind) {
    (Some(line), Some(column.to_owned()), kind)
}

fn file(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push_str("\r\n");
        text.push_str(row);
    }
    text.push_str("\r\n");
    text
}

#[test]
fn a_good_semicolon_file() {
    let roster = parse_ok(&file(&[
        "G-1;Sanne;de Vries;;0482;BADGE-01;K-1;Bram;de Vries;Vlinders;2021-03-14;2022-01-03;2025-03-13",
        "G-2;Mehmet;Yıldız;TR;;;K-2;Elif;Yıldız;Egeltjes;2022-07-01;;",
    ]));
    assert_eq!(roster.guardians.len(), 2);
    assert_eq!(roster.children.len(), 2);
    assert_eq!(roster.links, vec![(0, 0), (1, 1)]);

    let sanne = &roster.guardians[0];
    assert_eq!(sanne.guardian.id.0, "G-1");
    assert_eq!(sanne.guardian.first_name, "Sanne");
    assert_eq!(sanne.guardian.last_name, "de Vries");
    assert_eq!(sanne.guardian.language.as_str(), "nl");
    assert_eq!(sanne.pin.as_deref(), Some("0482"));
    assert_eq!(sanne.badge.as_deref(), Some("BADGE-01"));

    let mehmet = &roster.guardians[1];
    assert_eq!(mehmet.guardian.language.as_str(), "tr");
    assert_eq!(mehmet.pin, None);
    assert_eq!(mehmet.badge, None);

    let bram = &roster.children[0];
    assert_eq!(bram.first_name, "Bram");
    assert_eq!(bram.group, "Vlinders");
    assert_eq!(bram.birth_date, Some(date(2021, 3, 14)));
    assert_eq!(bram.start_date, Some(date(2022, 1, 3)));
    assert_eq!(bram.end_date, Some(date(2025, 3, 13)));
    let elif = &roster.children[1];
    assert_eq!(elif.start_date, None);
    assert_eq!(elif.end_date, None);
}

#[test]
fn a_good_comma_file_with_quotes() {
    let text = "guardian_id,guardian_first_name,guardian_last_name,child_id,child_first_name,group\n\
                G-7,Fleur,\"Jansen, van\",K-9,Noor,\"Groep; boven\"\n";
    let roster = parse_ok(text);
    assert_eq!(roster.guardians[0].guardian.last_name, "Jansen, van");
    assert_eq!(roster.children[0].group, "Groep; boven");
    assert_eq!(roster.children[0].first_name, "Noor");
}

#[test]
fn the_default_language_applies_when_the_column_is_absent() {
    let text = "guardian_id;guardian_first_name;child_id;child_first_name\nG-1;Lotte;K-1;Sem\n";
    let english = LanguageTag::parse("en").unwrap();
    let roster = roster::parse(text.as_bytes(), &english).unwrap();
    assert_eq!(roster.guardians[0].guardian.language, english);
}

#[test]
fn a_utf8_bom_is_not_part_of_the_first_column() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(file(&["G-1;Zoë;Bakker;;;;K-1;Ümit;Bakker;;;;"]).as_bytes());
    let roster = roster::parse(&bytes, &nl()).unwrap();
    assert_eq!(roster.guardians[0].guardian.id.0, "G-1");
    assert_eq!(roster.guardians[0].guardian.first_name, "Zoë");
    assert_eq!(roster.children[0].first_name, "Ümit");
}

#[test]
fn windows_1252_and_utf8_give_the_same_names() {
    let text = file(&["G-1;Zoë;Çelik;;;;K-1;Ümit;Çelik;Zeeëgels;;;"]);
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(cp1252.contains(&0xEB) && cp1252.contains(&0xDC));
    assert!(std::str::from_utf8(&cp1252).is_err());

    let from_cp1252 = roster::parse(&cp1252, &nl()).unwrap();
    let from_utf8 = parse_ok(&text);
    assert_eq!(from_cp1252, from_utf8);
    assert_eq!(from_cp1252.guardians[0].guardian.first_name, "Zoë");
    assert_eq!(from_cp1252.guardians[0].guardian.last_name, "Çelik");
    assert_eq!(from_cp1252.children[0].first_name, "Ümit");
    assert_eq!(from_cp1252.children[0].group, "Zeeëgels");
}

#[test]
fn raw_windows_1252_bytes() {
    let bytes =
        b"guardian_id;guardian_first_name;child_id;child_first_name\r\nG-1;Zo\xEB;K-1;\xDCmit\r\n";
    let roster = roster::parse(bytes, &nl()).unwrap();
    assert_eq!(roster.guardians[0].guardian.first_name, "Zoë");
    assert_eq!(roster.children[0].first_name, "Ümit");
}

#[test]
fn utf16_unicode_text_from_excel_is_read() {
    let text =
        "guardian_id\tguardian_first_name\tchild_id\tchild_first_name\r\nG-1\tZoë\tK-1\tÜmit\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let roster = roster::parse(&bytes, &nl()).unwrap();
    assert_eq!(roster.guardians[0].guardian.first_name, "Zoë");
    assert_eq!(roster.children[0].first_name, "Ümit");
}

#[test]
fn two_children_for_one_guardian_and_a_child_with_two_homes() {
    let roster = parse_ok(&file(&[
        "G-1;Sanne;de Vries;;;;K-1;Bram;de Vries;Vlinders;;;",
        "G-1;Sanne;;;;;K-2;Roos;de Vries;Egeltjes;;;",
        "G-2;Pieter;Smit;;;;K-1;Bram;;;;;",
        "G-2;Pieter;;en;;;K-3;Jip;Smit;Vlinders;;;",
    ]));
    let ids: Vec<_> = roster
        .guardians
        .iter()
        .map(|g| g.guardian.id.0.as_str())
        .collect();
    assert_eq!(ids, ["G-1", "G-2"]);
    let ids: Vec<_> = roster.children.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, ["K-1", "K-2", "K-3"]);
    assert_eq!(roster.links, vec![(0, 0), (0, 1), (1, 0), (1, 2)]);
    // Values given on one row only are merged.
    assert_eq!(roster.guardians[1].guardian.last_name, "Smit");
    assert_eq!(roster.guardians[1].guardian.language.as_str(), "en");
    assert_eq!(roster.children[0].group, "Vlinders");
}

#[test]
fn headers_ignore_case_spaces_and_order() {
    let text = " Child_First_Name ; GUARDIAN_ID;child_id ;Guardian_First_Name\nDaan;G-1;K-1;Eva\n";
    let roster = parse_ok(text);
    assert_eq!(roster.guardians[0].guardian.first_name, "Eva");
    assert_eq!(roster.children[0].first_name, "Daan");
    assert_eq!(roster.children[0].id.0, "K-1");
}

#[test]
fn a_missing_required_column_is_named() {
    let text = "guardian_id;guardian_first_name;child_id\nG-1;Eva;K-1\n";
    assert_eq!(
        problems(text.as_bytes()),
        vec![at(1, "child_first_name", ProblemKind::MissingColumn)]
    );
    let report = parse_err(text.as_bytes()).report();
    assert!(
        report.contains("line 1") && report.contains("child_first_name"),
        "{report}"
    );
}

#[test]
fn an_unknown_or_duplicated_column_is_a_problem() {
    let text = "guardian_id;guardian_first_name;schoenmaat;child_id;child_first_name;Child_ID\n\
                G-1;Eva;28;K-1;Daan;K-1\n";
    assert_eq!(
        problems(text.as_bytes()),
        vec![
            at(1, "schoenmaat", ProblemKind::UnknownColumn),
            at(
                1,
                "child_id",
                ProblemKind::DuplicateColumn {
                    first: 4,
                    second: 6
                }
            ),
        ]
    );
    let report = parse_err(text.as_bytes()).report();
    assert!(
        report.contains("\"schoenmaat\" is not a known column"),
        "{report}"
    );
    assert!(
        report.contains("guardian_language") && report.contains("end_date"),
        "{report}"
    );
}

#[test]
fn malformed_rows_report_every_problem_on_its_line() {
    let text = file(&[
        "G-1;Sanne;de Vries;;;;K-1;Bram;de Vries;Vlinders;;;", // 2: good
        "G-2;Pieter;Smit;;;;K-2;Jip",                          // 3: too few fields
        "G-3;Anouk;Visser;;;;K-3;Lieke;;;31-02-2021;;",        // 4: bad date
        "G-4;Joris;Mulder;;12a4;;K-4;Finn;;;;;",               // 5: bad pin
        "G-5;Ilse;Bos;;;;K-5;;;;;;",                           // 6: empty first name
        ";Kees;;klingon;123;two words;K-6;Tess;;;;2024-01-01;2023-12-31", // 7: several
    ]);
    assert_eq!(
        problems(text.as_bytes()),
        vec![
            (
                Some(3),
                None,
                ProblemKind::WrongFieldCount {
                    expected: 13,
                    found: 8
                }
            ),
            at(
                4,
                "birth_date",
                ProblemKind::BadDate {
                    value: "31-02-2021".into()
                }
            ),
            at(
                5,
                "pin",
                ProblemKind::BadPin {
                    value: "12a4".into()
                }
            ),
            at(6, "child_first_name", ProblemKind::MissingValue),
            at(7, "guardian_id", ProblemKind::MissingValue),
            at(
                7,
                "guardian_language",
                ProblemKind::BadLanguage {
                    value: "klingon".into()
                }
            ),
            at(
                7,
                "pin",
                ProblemKind::BadPin {
                    value: "123".into()
                }
            ),
            at(
                7,
                "badge",
                ProblemKind::BadBadge {
                    value: "two words".into()
                }
            ),
            at(
                7,
                "end_date",
                ProblemKind::EndBeforeStart {
                    start: date(2024, 1, 1),
                    end: date(2023, 12, 31)
                }
            ),
        ]
    );
    let error = parse_err(text.as_bytes());
    let report = error.report();
    assert_eq!(report.lines().count(), 9);
    assert!(report.contains(
        "line 5, column pin: \"12a4\" is not a PIN; a PIN is 4 to 6 digits, or leave it empty and Welkom issues one"
    ));
    assert!(report.contains("line 4, column birth_date:") && report.contains("YYYY-MM-DD"));
    assert!(report.contains("Excel may have dropped"), "{report}");
    assert!(error.to_string().contains("9 problems"), "{error}");
}

#[test]
fn rows_of_one_person_must_agree() {
    let text = file(&[
        "G-1;Sanne;de Vries;nl;1357;;K-1;Bram;;Vlinders;2021-03-14;;", // 2
        "G-1;Sanna;;;;;K-2;Roos;;;;;",                                 // 3: other first name
        "G-1;Sanne;;en;2468;;K-3;Jip;;;;;",                            // 4: language, pin
        "G-2;Pieter;;;;;K-1;Bram;;Egeltjes;2021-03-15;;",              // 5: group, birth date
        "G-2;Pieter;;;;;K-1;Bram;;;;;",                                // 6: same pair again
    ]);
    let conflict =
        |person, id: &str, value: &str, other_value: &str, other_line| ProblemKind::Conflict {
            person,
            id: id.into(),
            value: value.into(),
            other_value: other_value.into(),
            other_line,
        };
    assert_eq!(
        problems(text.as_bytes()),
        vec![
            at(
                3,
                "guardian_first_name",
                conflict(Person::Guardian, "G-1", "Sanna", "Sanne", 2)
            ),
            at(
                4,
                "guardian_language",
                conflict(Person::Guardian, "G-1", "en", "nl", 2)
            ),
            at(
                4,
                "pin",
                conflict(Person::Guardian, "G-1", "2468", "1357", 2)
            ),
            at(
                5,
                "group",
                conflict(Person::Child, "K-1", "Egeltjes", "Vlinders", 2)
            ),
            at(
                5,
                "birth_date",
                conflict(Person::Child, "K-1", "2021-03-15", "2021-03-14", 2)
            ),
            (
                Some(6),
                None,
                ProblemKind::DuplicatePair {
                    guardian_id: "G-2".into(),
                    child_id: "K-1".into(),
                    other_line: 5
                }
            ),
        ]
    );
    let report = parse_err(text.as_bytes()).report();
    assert!(
        report.contains("line 3, column guardian_first_name: guardian G-1 has \"Sanna\" here but \"Sanne\" on line 2"),
        "{report}"
    );
}

#[test]
fn two_guardians_may_not_share_a_pin_or_badge() {
    let text = file(&[
        "G-1;Sanne;;;4826;TAG-1;K-1;Bram;;;;;", // 2
        "G-1;Sanne;;;4826;TAG-1;K-2;Roos;;;;;", // 3: same guardian again: fine
        "G-2;Pieter;;;4826;;K-3;Jip;;;;;",      // 4: same pin
        "G-3;Anouk;;;;TAG-1;K-4;Lieke;;;;;",    // 5: same badge
        "G-4;Joris;;;1111;TAG-4;K-5;Finn;;;;;", // 6: trivial pin from the roster: fine
    ]);
    assert_eq!(
        problems(text.as_bytes()),
        vec![
            at(
                4,
                "pin",
                ProblemKind::DuplicatePin {
                    pin: "4826".into(),
                    guardian_id: "G-2".into(),
                    other_guardian_id: "G-1".into(),
                    other_line: 2
                }
            ),
            at(
                5,
                "badge",
                ProblemKind::DuplicateBadge {
                    badge: "TAG-1".into(),
                    guardian_id: "G-3".into(),
                    other_guardian_id: "G-1".into(),
                    other_line: 2
                }
            ),
        ]
    );
}

#[test]
fn an_empty_file() {
    for bytes in [
        &b""[..],
        b"   \r\n\r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF\r\n",
    ] {
        assert_eq!(
            problems(bytes),
            vec![(None, None, ProblemKind::Empty)],
            "{bytes:?}"
        );
    }
    assert_eq!(
        parse_err(b"").report(),
        "the file is empty; save the roster from Excel or LibreOffice as .xlsx, .ods or CSV, with a header line and one row per guardian and child"
    );
}

#[test]
fn a_header_without_rows() {
    for text in [
        HEADER.to_owned(),
        format!("{HEADER}\r\n"),
        format!("{HEADER}\r\n\r\n;;;;;;;;;;;;\r\n;;;;;;;;;;;;\r\n\r\n"),
    ] {
        assert_eq!(
            problems(text.as_bytes()),
            vec![(None, None, ProblemKind::NoRows)],
            "{text:?}"
        );
    }
}

#[test]
fn blank_lines_and_separator_lines_are_skipped_without_shifting_lines() {
    let text = format!(
        "{HEADER}\r\n\r\nG-1;Sanne;;;;;K-1;Bram;;;;;\r\n;;;;;;;;;;;;\r\nG-2;Pieter;;;12;;K-2;Jip;;;;;\r\n;;;;;;;;;;;;\r\n\r\n"
    );
    assert_eq!(
        problems(text.as_bytes()),
        vec![at(5, "pin", ProblemKind::BadPin { value: "12".into() })]
    );
}

#[test]
fn a_file_over_the_limit_is_refused_unread() {
    let bytes = vec![b'a'; 50 * 1024 * 1024];
    let error = parse_err(&bytes);
    assert_eq!(
        error.problems.iter().map(|p| &p.kind).collect::<Vec<_>>(),
        vec![&ProblemKind::TooLarge {
            bytes: bytes.len(),
            limit: MAX_ROSTER_BYTES
        }]
    );
    let report = error.report();
    assert!(
        report.contains("50 MB") && report.contains("20 MB"),
        "{report}"
    );
}

#[test]
fn binary_garbage_is_not_a_csv_file() {
    let mut rng = StdRng::seed_from_u64(20240901);
    let mut bytes = vec![0u8; 4096];
    rng.fill_bytes(&mut bytes);
    bytes[100] = 0;
    assert_eq!(problems(&bytes), vec![(None, None, ProblemKind::Binary)]);
    assert!(parse_err(&bytes).report().contains(
        "this is not a CSV text file (it looks like binary data); save the roster from Excel or LibreOffice as .xlsx, .ods or CSV"
    ));

    // Control characters without NUL bytes.
    let mut bytes: Vec<u8> = (0..4096).map(|i| [1u8, 2, 3, b'x', b';'][i % 5]).collect();
    bytes.extend(b"\r\n");
    assert_eq!(problems(&bytes), vec![(None, None, ProblemKind::Binary)]);
}

#[test]
fn a_quoted_line_break_keeps_later_line_numbers_right() {
    let text = format!(
        "{HEADER}\r\nG-1;Sanne;;;;;K-1;Bram;;\"Vlinders\r\nboven\";;;\r\nG-2;\"Pieter\";;;;;K-2;Jip;;;;;\r\nG-3;Anouk;;;99;;K-3;Lieke;;;;;\r\n"
    );
    assert_eq!(
        problems(text.as_bytes()),
        vec![at(5, "pin", ProblemKind::BadPin { value: "99".into() })]
    );
    let fixed = text.replace(";99;", ";;");
    let roster = parse_ok(&fixed);
    assert_eq!(roster.children[0].group, "Vlinders boven");
    assert_eq!(roster.guardians[1].guardian.first_name, "Pieter");
}

#[test]
fn names_are_trimmed_and_limited() {
    let long = "a".repeat(101);
    let text = file(&[
        &format!("  G-1 ;  Sanne  ; de  Vries ;;;;K-1;{long};;;;;"),
        &format!("G-2;Pieter;;;;;K-2;{};;;;;", "b".repeat(100)),
    ]);
    assert_eq!(
        problems(text.as_bytes()),
        vec![at(
            2,
            "child_first_name",
            ProblemKind::TooLong {
                length: 101,
                max: 100
            }
        )]
    );
    let roster = parse_ok(&text.replace(&long, "Bram"));
    assert_eq!(roster.guardians[0].guardian.id.0, "G-1");
    assert_eq!(roster.guardians[0].guardian.first_name, "Sanne");
    assert_eq!(roster.guardians[0].guardian.last_name, "de Vries");
}

#[test]
fn the_problem_list_is_capped() {
    let rows: Vec<String> = (0..1500)
        .map(|i| format!("G-{i};Sanne;;;x{i};;K-{i};Bram;;;;;"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let error = parse_err(file(&rows).as_bytes());
    assert_eq!(error.problems.len(), MAX_LISTED_PROBLEMS + 1);
    assert_eq!(error.problems[0].line, Some(2));
    assert_eq!(
        error.problems[MAX_LISTED_PROBLEMS - 1].line,
        Some(MAX_LISTED_PROBLEMS + 1)
    );
    assert_eq!(
        error.problems[MAX_LISTED_PROBLEMS].kind,
        ProblemKind::TooManyProblems { more: 500 }
    );
    assert_eq!(error.count(), 1500);
    let report = error.report();
    assert_eq!(report.lines().count(), MAX_LISTED_PROBLEMS + 1);
    assert!(report.ends_with(
        "500 more problem(s) were not listed; fix the ones above and load the file again"
    ));
}

#[test]
fn a_value_under_an_unnamed_column_is_a_problem_but_an_empty_one_is_not() {
    let text = "guardian_id;guardian_first_name;child_id;child_first_name;\nG-1;Eva;K-1;Daan;\n";
    assert_eq!(parse_ok(text).guardians.len(), 1);
    let text =
        "guardian_id;guardian_first_name;child_id;child_first_name;\nG-1;Eva;K-1;Daan;oeps\n";
    assert_eq!(
        problems(text.as_bytes()),
        vec![(
            Some(2),
            None,
            ProblemKind::ValueInUnnamedColumn {
                position: 5,
                value: "oeps".into()
            }
        )]
    );
}

#[test]
fn ten_thousand_rows_are_quick() {
    let rows: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                "G-{};Sanne;de Vries;nl;;TAG-{};K-{i};Bram;de Vries;Vlinders;2021-03-14;2022-01-03;",
                i / 2,
                i / 2
            )
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let text = file(&rows);
    let roster = parse_ok(&text);
    assert_eq!(roster.guardians.len(), 5_000);
    assert_eq!(roster.children.len(), 10_000);
    assert_eq!(roster.links.len(), 10_000);
}

#[test]
fn line_numbers_are_right_with_lf_cr_and_crlf_line_ends() {
    let rows = [
        "G-1;Sanne;;;;;K-1;Bram;;\"Vlinders",
        "boven\";;;",
        "",
        "G-2;Pieter;;;77;;K-2;Jip;;;;;",
    ];
    for end in ["\n", "\r", "\r\n"] {
        let mut text = String::from(HEADER);
        for row in rows {
            text.push_str(end);
            text.push_str(row);
        }
        assert_eq!(
            problems(text.as_bytes()),
            vec![at(5, "pin", ProblemKind::BadPin { value: "77".into() })],
            "{end:?}"
        );
    }
}

#[test]
fn pin_verifiers_from_the_hub_are_read_and_checked() {
    use welkom_core::pin_verifier::PinKey;
    let key = PinKey::generate(&mut StdRng::seed_from_u64(11)).unwrap();
    let other = PinKey::generate(&mut StdRng::seed_from_u64(12)).unwrap();
    let (a, b) = (
        key.verifier("58213").unwrap(),
        key.verifier("70395").unwrap(),
    );
    // The cost's commas need quotes in a comma-separated file.
    let text = format!(
        "guardian_id,guardian_first_name,pin_hash,child_id,child_first_name\n\
         G1,Sanne,\"{a}\",C1,Daan\nG1,Sanne,\"{a}\",C2,Mila\nG2,Joost,\"{b}\",C3,Noah\nG3,Emma,,C4,Finn\n"
    );
    let parsed = parse_ok(&text);
    assert_eq!(parsed.guardians[0].pin_hash.as_deref(), Some(a.as_str()));
    assert_eq!(parsed.guardians[1].pin_hash.as_deref(), Some(b.as_str()));
    assert_eq!(parsed.guardians[2].pin_hash, None);
    assert_eq!(parsed.guardians[0].pin, None);
    assert_eq!(
        roster::parse(&roster::write(&parsed), &nl()).unwrap(),
        parsed
    );

    let c = other.verifier("58213").unwrap();
    let bad = format!(
        "guardian_id,guardian_first_name,pin_hash,child_id,child_first_name\n\
         G1,Sanne,\"{a}\",C1,Daan\nG2,Joost,\"{c}\",C3,Noah\nG3,Emma,58213,C4,Finn\n"
    );
    assert_eq!(
        problems(bad.as_bytes()),
        vec![
            at(
                3,
                "pin_hash",
                ProblemKind::PinHashKeyDiffers { other_line: 2 }
            ),
            at(
                4,
                "pin_hash",
                ProblemKind::BadPinHash {
                    value: "58213".into()
                }
            ),
        ]
    );
}

#[test]
fn two_guardians_with_one_pin_hash_are_refused_with_both_lines() {
    use welkom_core::pin_verifier::PinKey;
    let key = PinKey::generate(&mut StdRng::seed_from_u64(13)).unwrap();
    let (a, b) = (
        key.verifier("58213").unwrap(),
        key.verifier("70395").unwrap(),
    );
    // One guardian on two rows shares nothing with anybody; G3 copies G1's verifier.
    let text = format!(
        "guardian_id,guardian_first_name,pin_hash,child_id,child_first_name\n\
         G1,Sanne,\"{a}\",C1,Daan\nG1,Sanne,\"{a}\",C2,Mila\nG2,Joost,\"{b}\",C3,Noah\nG3,Emma,\"{a}\",C4,Finn\n"
    );
    assert_eq!(
        problems(text.as_bytes()),
        vec![at(
            5,
            "pin_hash",
            ProblemKind::DuplicatePinHash {
                guardian_id: "G3".into(),
                other_guardian_id: "G1".into(),
                other_line: 2,
            }
        )]
    );
}
