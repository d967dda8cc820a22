//! Rosters from `.xlsx` and `.ods` files written here: the same roster and the same
//! problems as from the CSV, with the sheet's row numbers. All names are invented.

mod sheets;

use jiff::civil::date;
use sheets::Cell::{self, Date, Empty, Formula, Number, Text};
use welkom_core::LanguageTag;
use welkom_core::roster::{self, Numbering, ProblemKind, Roster, RosterError};

fn parse(bytes: &[u8]) -> Result<Roster, RosterError> {
    roster::parse(bytes, &LanguageTag::dutch())
}

fn parse_ok(bytes: &[u8]) -> Roster {
    parse(bytes).unwrap_or_else(|e| panic!("expected a roster, got:\n{}", e.report()))
}

fn parse_err(bytes: &[u8]) -> RosterError {
    match parse(bytes) {
        Ok(roster) => panic!("expected problems, got {roster:?}"),
        Err(error) => error,
    }
}

/// The problems as (row, column, kind).
fn problems(bytes: &[u8]) -> Vec<(Option<usize>, Option<String>, ProblemKind)> {
    let error = parse_err(bytes);
    for problem in &error.problems {
        assert_eq!(problem.numbering, Numbering::Rows, "{problem}");
    }
    error
        .problems
        .into_iter()
        .map(|p| (p.line, p.column, p.kind))
        .collect()
}

fn at(row: usize, column: &str, kind: ProblemKind) -> (Option<usize>, Option<String>, ProblemKind) {
    (Some(row), Some(column.to_owned()), kind)
}

/// The headings a Dutch administration's export has.
fn dutch_header() -> Vec<Cell> {
    [
        "Ouder ID",
        "Voornaam ouder",
        "Achternaam ouder",
        "Taal",
        "Pincode",
        "Pas",
        "Kind ID",
        "Roepnaam kind",
        "Achternaam kind",
        "Groep",
        "Geboortedatum",
        "Startdatum",
        "Einddatum",
    ]
    .into_iter()
    .map(Text)
    .collect()
}

/// Two guardians, one with two children; ids and PINs as numbers, dates as date
/// cells and as day-first text, as Excel keeps them.
fn good_rows() -> Vec<Vec<Cell>> {
    vec![
        dutch_header(),
        vec![
            Number(1001.0),
            Text("Sanne"),
            Text("de Vries"),
            Text("nl"),
            Number(4826.0),
            Text("BADGE-7"),
            Number(2001.0),
            Text("Daan"),
            Text("de Vries"),
            Text("Vlinders"),
            Date(2021, 3, 14),
            Text("01-03-2024"),
            Empty,
        ],
        vec![
            Number(1001.0),
            Text("Sanne"),
            Empty,
            Empty,
            Empty,
            Empty,
            Number(2002.0),
            Text("Noor"),
            Text("de Vries"),
            Text("Rupsjes"),
            Text("2023-06-01"),
            Date(2024, 9, 2),
            Text("31/12/2026"),
        ],
        vec![
            Text("G-3"),
            Text("Ayşe"),
            Text("Yılmaz"),
            Text("tr"),
            Text("0582"),
            Empty,
            Number(2002.0),
            Text("Noor"),
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
        ],
    ]
}

/// The same roster as a CSV with the English headings.
const GOOD_CSV: &str = "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group;birth_date;start_date;end_date\n\
1001;Sanne;de Vries;nl;4826;BADGE-7;2001;Daan;de Vries;Vlinders;2021-03-14;2024-03-01;\n\
1001;Sanne;;;;;2002;Noor;de Vries;Rupsjes;2023-06-01;2024-09-02;2026-12-31\n\
G-3;Ayşe;Yılmaz;tr;0582;;2002;Noor;;;;;\n";

#[test]
fn an_xlsx_with_dutch_headings_and_date_cells_gives_the_csvs_roster() {
    let from_sheet = parse_ok(&sheets::xlsx(&[("Rooster", good_rows())]));
    let from_csv = parse_ok(GOOD_CSV.as_bytes());
    assert_eq!(from_sheet, from_csv);
    assert_eq!(from_sheet.guardians.len(), 2);
    assert_eq!(from_sheet.guardians[0].guardian.id.0, "1001");
    assert_eq!(from_sheet.guardians[0].pin.as_deref(), Some("4826"));
    assert_eq!(from_sheet.guardians[1].pin.as_deref(), Some("0582"));
    let daan = &from_sheet.children[0];
    assert_eq!(daan.birth_date, Some(date(2021, 3, 14)));
    assert_eq!(daan.start_date, Some(date(2024, 3, 1)));
    assert_eq!(from_sheet.children[1].end_date, Some(date(2026, 12, 31)));
    assert_eq!(from_sheet.links, vec![(0, 0), (0, 1), (1, 1)]);
}

#[test]
fn an_ods_with_dutch_headings_and_date_cells_gives_the_csvs_roster() {
    // LibreOffice ends a sheet with its empty rows as one repeated row.
    let trailing = r#"<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
    let bytes = sheets::ods(&[("Rooster", good_rows())], trailing);
    assert_eq!(parse_ok(&bytes), parse_ok(GOOD_CSV.as_bytes()));
}

#[test]
fn dutch_headings_and_day_first_dates_in_a_csv_too() {
    let csv = "Ouder ID;Voornaam ouder;Kind ID;Roepnaam kind;Geboortedatum;Startdatum\n\
               1001;Sanne;2001;Daan;14-3-2021;01/03/2024\n";
    let roster = parse_ok(csv.as_bytes());
    assert_eq!(roster.children[0].birth_date, Some(date(2021, 3, 14)));
    assert_eq!(roster.children[0].start_date, Some(date(2024, 3, 1)));
}

#[test]
fn a_bad_sheet_changes_nothing_and_names_every_problem_by_row_and_heading() {
    let bytes = sheets::xlsx(&[("Rooster", bad_rows())]);
    let expected = vec![
        at(
            6,
            "Taal",
            ProblemKind::BadLanguage {
                value: "klingon".into(),
            },
        ),
        at(
            6,
            "Pincode",
            ProblemKind::BadPin {
                value: "12a4".into(),
            },
        ),
        at(6, "Roepnaam kind", ProblemKind::MissingValue),
        at(
            6,
            "Geboortedatum",
            ProblemKind::BadDate {
                value: "31-02-2021".into(),
            },
        ),
        at(
            7,
            "Voornaam ouder",
            ProblemKind::Conflict {
                person: roster::Person::Guardian,
                id: "1001".into(),
                value: "Sanna".into(),
                other_value: "Sanne".into(),
                other_line: 2,
            },
        ),
    ];
    assert_eq!(problems(&bytes), expected);
    let report = parse_err(&bytes).report();
    assert!(
        report.contains("row 6, column Pincode: \"12a4\" is not a PIN"),
        "{report}"
    );
    assert!(report.contains("on row 2"), "{report}");
    assert!(!report.contains("line"), "{report}");
    // The same rows as an .ods give the same problems.
    let ods = sheets::ods(&[("Rooster", bad_rows())], "");
    assert_eq!(problems(&ods), expected);
}

/// The good rows, an empty row 5, a row 6 with four problems and a row 7 that
/// disagrees with row 2.
fn bad_rows() -> Vec<Vec<Cell>> {
    let mut rows = good_rows();
    rows.push(vec![]);
    rows.push(vec![
        Number(1004.0),
        Text("Fenne"),
        Empty,
        Text("klingon"),
        Text("12a4"),
        Empty,
        Number(2004.0),
        Empty,
        Empty,
        Empty,
        Text("31-02-2021"),
        Empty,
        Empty,
    ]);
    rows.push(vec![
        Number(1001.0),
        Text("Sanna"),
        Empty,
        Empty,
        Empty,
        Empty,
        Number(2005.0),
        Text("Mees"),
    ]);
    rows
}

#[test]
fn a_pin_that_lost_its_leading_zero_is_a_problem_not_a_guess() {
    // "0482" typed into a number cell: Excel keeps 482.
    let rows = vec![
        vec![
            Text("ouder id"),
            Text("voornaam ouder"),
            Text("pincode"),
            Text("kind id"),
            Text("roepnaam kind"),
        ],
        vec![
            Number(1.0),
            Text("Sanne"),
            Number(482.0),
            Number(2.0),
            Text("Daan"),
        ],
        vec![
            Number(3.0),
            Text("Bram"),
            Number(5820.5),
            Number(4.0),
            Text("Mila"),
        ],
    ];
    let bytes = sheets::xlsx(&[("Blad1", rows)]);
    assert_eq!(
        problems(&bytes),
        vec![
            at(
                2,
                "pincode",
                ProblemKind::BadPin {
                    value: "482".into()
                }
            ),
            at(
                3,
                "pincode",
                ProblemKind::BadPin {
                    value: "5820.5".into()
                }
            ),
        ]
    );
    let report = parse_err(&bytes).report();
    assert!(report.contains("Excel may have dropped it"), "{report}");
}

#[test]
fn formulas_give_their_value_an_error_cell_is_a_problem_and_names_are_just_text() {
    let rows = vec![
        vec![
            Text("guardian_id"),
            Text("guardian_first_name"),
            Text("guardian_last_name"),
            Text("child_id"),
            Text("child_first_name"),
            Text("group"),
        ],
        vec![
            Text("G1"),
            Text("=Sanne"),
            Text("+31 Jansen"),
            Text("C1"),
            Text("@Daan"),
            Formula("=\"Vlin\"&\"ders\"", "Vlinders"),
        ],
        vec![
            Text("G2"),
            Text("-Bram"),
            Empty,
            Text("C2"),
            Formula("=1/0", "#DIV/0!"),
            Formula("=VLOOKUP(1,A1:A2,3)", "#N/A"),
        ],
    ];
    let bytes = sheets::xlsx(&[("Blad1", rows.clone())]);
    assert_eq!(
        problems(&bytes),
        vec![
            at(
                3,
                "child_first_name",
                ProblemKind::CellError {
                    value: "#DIV/0!".into()
                }
            ),
            at(
                3,
                "group",
                ProblemKind::CellError {
                    value: "#N/A".into()
                }
            ),
        ]
    );
    let mut good = rows;
    good.pop();
    let roster = parse_ok(&sheets::xlsx(&[("Blad1", good)]));
    let guardian = &roster.guardians[0].guardian;
    assert_eq!(guardian.first_name, "=Sanne");
    assert_eq!(guardian.last_name, "+31 Jansen");
    assert_eq!(roster.children[0].first_name, "@Daan");
    assert_eq!(roster.children[0].group, "Vlinders");
}

#[test]
fn the_first_sheet_with_a_roster_header_is_read() {
    let notes = vec![vec![Text("Exportinstructies")], vec![Text("Niet wijzigen")]];
    let bytes = sheets::xlsx(&[("Uitleg", notes.clone()), ("Rooster", good_rows())]);
    assert_eq!(parse_ok(&bytes), parse_ok(GOOD_CSV.as_bytes()));
    // No sheet has one: the first sheet's problems are reported.
    let bytes = sheets::xlsx(&[("Uitleg", notes)]);
    let found = problems(&bytes);
    assert!(
        found.contains(&at(1, "Exportinstructies", ProblemKind::UnknownColumn)),
        "{found:?}"
    );
    assert!(found.contains(&at(1, "guardian_id", ProblemKind::MissingColumn)));
}

#[test]
fn a_value_right_of_the_header_is_a_problem_with_its_column_number() {
    let mut rows = good_rows();
    rows[1].push(Empty);
    rows[1].push(Text("vergeten"));
    let bytes = sheets::xlsx(&[("Rooster", rows)]);
    assert_eq!(
        problems(&bytes),
        vec![(
            Some(2),
            None,
            ProblemKind::ValueInUnnamedColumn {
                position: 15,
                value: "vergeten".into()
            }
        )]
    );
}

#[test]
fn an_empty_cell_far_away_costs_nothing() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in good_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Text(t) = cell {
                sheet.write_string(r as u32, c as u16, *t).unwrap();
            }
        }
    }
    let format = rust_xlsxwriter::Format::new().set_bold();
    sheet.write_blank(1_048_575, 16_383, &format).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let started = std::time::Instant::now();
    // Ids are numbers in good_rows and left out here, so rows lack them: problems,
    // but read at once, not a sheet of 17 billion cells.
    let error = parse_err(&bytes);
    assert!(error.count() > 0);
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

#[test]
fn an_ods_whose_repeated_cells_spread_out_too_far_is_refused() {
    let repeated = r#"<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="50" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
    let bytes = sheets::ods(&[("Rooster", good_rows())], repeated);
    let error = parse_err(&bytes);
    assert!(
        matches!(
            error.problems[..],
            [roster::RosterProblem {
                kind: ProblemKind::SheetTooLarge { .. },
                line: None,
                ..
            }]
        ),
        "{error:?}"
    );
}

#[test]
fn a_damaged_or_foreign_file_is_a_problem_never_a_panic() {
    let good = sheets::xlsx(&[("Rooster", good_rows())]);
    let ods = sheets::ods(&[("Rooster", good_rows())], "");
    let mut cases: Vec<Vec<u8>> = Vec::new();
    for bytes in [&good, &ods] {
        for cut in [30, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            cases.push(bytes[..cut].to_vec());
        }
        let mut flipped = bytes.clone();
        for i in (100..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5A;
        }
        cases.push(flipped);
    }
    cases.push(b"PK\x03\x04 not really a zip".to_vec());
    for bytes in &cases {
        let error = parse_err(bytes);
        assert!(!error.problems.is_empty());
        let _ = error.report();
    }
    assert!(matches!(
        parse_err(&good[..good.len() / 2]).problems[0].kind,
        ProblemKind::BadSpreadsheet { .. }
    ));
    // An old .xls (an OLE compound file) and a zip that is no spreadsheet.
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.extend([0u8; 504]);
    assert_eq!(
        parse_err(&xls).problems[0].kind,
        ProblemKind::UnsupportedSpreadsheet { format: "xls" }
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, b"<w:document/>").unwrap();
    let docx = zip.finish().unwrap().into_inner();
    assert_eq!(
        parse_err(&docx).problems[0].kind,
        ProblemKind::UnsupportedSpreadsheet { format: "zip" }
    );
}

#[test]
fn a_zip_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    std::io::Write::write_all(
        &mut zip,
        br#"<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    )
    .unwrap();
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let block = vec![b' '; 1024 * 1024];
    for _ in 0..=roster::MAX_UNPACKED_BYTES / block.len() {
        std::io::Write::write_all(&mut zip, &block).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    assert!(matches!(
        parse_err(&bomb).problems[0].kind,
        ProblemKind::TooLarge { .. }
    ));
}

/// Writes the spreadsheets the kiosk's and the hub's command tests and the fuzz
/// corpus read (`tests/fixtures/roster.{xlsx,ods}`, `fuzz/corpus/roster/seed-*`):
/// `cargo test -p welkom-core --test roster_sheets -- --ignored` after a change here.
#[test]
#[ignore = "writes the committed fixtures"]
fn write_the_committed_fixtures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let xlsx = sheets::xlsx(&[("Rooster", good_rows())]);
    let ods = sheets::ods(&[("Rooster", good_rows())], "");
    let bad = sheets::xlsx(&[("Rooster", bad_rows())]);
    std::fs::create_dir_all(root.join("tests/fixtures")).unwrap();
    for (path, bytes) in [
        ("tests/fixtures/roster.xlsx", &xlsx),
        ("tests/fixtures/roster.ods", &ods),
        ("tests/fixtures/roster-bad-rows.xlsx", &bad),
        ("fuzz/corpus/roster/seed-dutch-headings.xlsx", &xlsx),
        ("fuzz/corpus/roster/seed-dutch-headings.ods", &ods),
    ] {
        std::fs::write(root.join(path), bytes).unwrap();
    }
}
