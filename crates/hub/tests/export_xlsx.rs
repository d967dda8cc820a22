//! `welkom-hub export ratings --format xlsx`: the Excel workbook holds, cell for
//! cell, what the CSV export of the same data holds, with days and times as Excel
//! dates in the location's time zone, numbers as numbers, and a group that looks like
//! a formula as inert text.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::{BackEnd, Hub, rating, send};
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;
use std::io::{Cursor, Read};
use std::process::Command;
use welkom_hub::db::Location;
use welkom_hub::export::{self, RATING_COLUMNS};

const FORMULA_GROUP: &str = "=HYPERLINK(\"http://x\",\"y\")";

/// A location in Amsterdam with four ratings: one on a winter day, one in summer
/// time, one the next day, one a week later; groups that look like formulas.
fn rated_location(hub: &Hub) -> Location {
    let location = hub.location("De Vlinders");
    let device = hub.device(&location);
    let batch = Value::Array(vec![
        rating(&device, 2, "2026-03-02T07:15:00Z", &[FORMULA_GROUP]),
        rating(
            &device,
            4,
            "2026-03-03T07:16:30.250Z",
            &["+31 6 12345678", "Rupsen"],
        ),
        rating(&device, 3, "2026-07-01T22:30:00Z", &["Vlinders"]),
        rating(&device, 1, "2026-03-10T16:05:00Z", &["@SUM(A1:A9)"]),
    ]);
    let (status, answer) = send(hub, &device.token, &batch);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["accepted"], 4, "{answer}");
    location
}

/// The CSV's rows, header first, as a CSV reader reads them.
fn csv_rows(csv: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The workbook's one sheet, and the formulas in it.
fn workbook_rows(xlsx: &[u8]) -> (Vec<Vec<Data>>, usize) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap();
    assert_eq!(book.sheet_names(), [export::xlsx::SHEET]);
    let range = book.worksheet_range(export::xlsx::SHEET).unwrap();
    let formulas = book
        .worksheet_formula(export::xlsx::SHEET)
        .unwrap()
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .count();
    (range.rows().map(<[Data]>::to_vec).collect(), formulas)
}

/// The Excel serial number of a civil date and time (days since 1899-12-30).
fn serial(at: jiff::civil::DateTime) -> f64 {
    let epoch = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
    let span = at.duration_since(epoch);
    span.as_secs_f64() / 86_400.0
}

fn same_instant(a: f64, b: f64) -> bool {
    ((a - b) * 86_400_000.0).abs() < 1.0
}

/// Compares every cell of the workbook with the CSV of the same ratings; the days
/// and times of the CSV are read in `zone`.
fn assert_same_cells(csv: &[u8], xlsx: &[u8], zone: &str) {
    let zone = jiff::tz::TimeZone::get(zone).unwrap();
    let csv = csv_rows(csv);
    let (book, formulas) = workbook_rows(xlsx);
    assert_eq!(formulas, 0, "no cell of the workbook is a formula");
    assert_eq!(book.len(), csv.len(), "as many rows as the CSV");
    let header: Vec<String> = book[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, csv[0]);
    assert_eq!(header, RATING_COLUMNS);
    for (row, (cells, fields)) in book.iter().zip(&csv).enumerate().skip(1) {
        assert_eq!(cells.len(), fields.len());
        for (col, (cell, field)) in cells.iter().zip(fields).enumerate() {
            let what = format!(
                "row {row}, {}: {cell:?} against {field:?}",
                RATING_COLUMNS[col]
            );
            match (RATING_COLUMNS[col], cell) {
                ("id" | "moment" | "groups", Data::String(text)) => {
                    assert_eq!(text, field, "{what}")
                }
                ("local_date", Data::DateTime(day)) => {
                    let expected: Date = field.parse().unwrap();
                    assert!(day.is_datetime(), "{what}");
                    assert!(
                        same_instant(day.as_f64(), serial(expected.at(0, 0, 0, 0))),
                        "{what}"
                    );
                }
                ("time", Data::DateTime(at)) => {
                    let expected: Timestamp = field.parse().unwrap();
                    let local = expected.to_zoned(zone.clone()).datetime();
                    assert!(same_instant(at.as_f64(), serial(local)), "{what}");
                }
                ("score" | "scale", Data::Float(n)) => {
                    assert_eq!(*n, field.parse::<f64>().unwrap(), "{what}")
                }
                ("superseded" | "misuse", Data::Bool(b)) => {
                    assert_eq!(b.to_string(), *field, "{what}")
                }
                _ => panic!("a cell of the wrong kind: {what}"),
            }
        }
    }
}

fn the_workbook_holds_what_the_csv_holds(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = rated_location(hub);
        let ratings = hub.runtime.block_on(hub.db.ratings(&location.id)).unwrap();
        assert_eq!(ratings.len(), 4);
        let csv = export::csv::ratings(&ratings);
        let xlsx = export::xlsx::ratings(&ratings, &location.time_zone).unwrap();
        assert_same_cells(&csv, &xlsx, &location.time_zone);

        let (book, _) = workbook_rows(&xlsx);
        let groups: Vec<String> = book[1..].iter().map(|r| r[8].to_string()).collect();
        assert!(
            groups.contains(&format!("'{FORMULA_GROUP}")),
            "the formula-like group is text, as in the CSV: {groups:?}"
        );
        assert!(
            groups.contains(&"'+31 6 12345678|Rupsen".to_owned()),
            "{groups:?}"
        );
        // 22:30 UTC on 1 July is 00:30 on 2 July in Amsterdam (summer time).
        let summer = book[1..]
            .iter()
            .find(|r| r[8] == Data::String("Vlinders".into()))
            .unwrap();
        let Data::DateTime(at) = &summer[2] else {
            panic!("{summer:?}")
        };
        assert!(same_instant(
            at.as_f64(),
            serial(jiff::civil::date(2026, 7, 2).at(0, 30, 0, 0))
        ));

        // No ratings: the header alone.
        let empty = export::xlsx::ratings(&[], &location.time_zone).unwrap();
        assert_eq!(workbook_rows(&empty).0.len(), 1);
        assert!(export::xlsx::ratings(&ratings, "Mars/Olympus").is_err());
    });
}

on_both_back_ends!(the_workbook_holds_what_the_csv_holds);

/// A part of the workbook's zip, as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_command_writes_a_workbook_of_the_period_with_a_bold_frozen_filtered_header() {
    let hub = common::start();
    let database = format!("sqlite:{}", hub.sqlite.as_ref().unwrap().display());
    let location = rated_location(&hub);
    let dir = tempfile::tempdir().unwrap();
    let export = |format: &str, out: &std::path::Path, period: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
            .args([
                "--database",
                &database,
                "export",
                "ratings",
                "--location",
                &location.id,
            ])
            .args(["--format", format, "--out"])
            .arg(out)
            .args(period)
            .env("WELKOM_HUB_LOG", "warn")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::read(out).unwrap()
    };
    let march = ["--from", "2026-03-01", "--to", "2026-03-03"];
    let csv = export("csv", &dir.path().join("march.csv"), &march);
    let xlsx = export("xlsx", &dir.path().join("march.xlsx"), &march);
    assert_eq!(
        csv_rows(&csv).len(),
        3,
        "two days of March: {}",
        String::from_utf8_lossy(&csv)
    );
    assert_same_cells(&csv, &xlsx, "Europe/Amsterdam");
    let all = export("xlsx", &dir.path().join("all.xlsx"), &[]);
    assert_eq!(workbook_rows(&all).0.len(), 5);

    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<autoFilter ref="A1:I3"/>"#), "{sheet}");
    assert!(
        sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#),
        "{sheet}"
    );
    assert!(sheet.contains("<cols>"), "column widths are set: {sheet}");
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "the header is bold: {styles}");

    let swapped = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args([
            "--database",
            &database,
            "export",
            "ratings",
            "--location",
            &location.id,
        ])
        .args([
            "--format",
            "xlsx",
            "--from",
            "2026-03-03",
            "--to",
            "2026-03-01",
        ])
        .env("WELKOM_HUB_LOG", "warn")
        .output()
        .unwrap();
    assert_eq!(swapped.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&swapped.stderr).contains("swap them"));
}
