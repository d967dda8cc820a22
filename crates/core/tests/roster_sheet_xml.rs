//! Sheets of random cells, rows and repeats (the shapes the readers spread out),
//! in well-formed `.ods` and `.xlsx` files: a roster or problems, quickly, never a
//! panic. The fuzz target `roster_sheet` does the same with any bytes.

#[path = "../../../fuzz/sheet_zip.rs"]
mod sheet_zip;

use proptest::prelude::*;
use std::time::{Duration, Instant};
use welkom_core::LanguageTag;

/// Parses the file the fuzz wrapper makes and checks the outcome.
fn check(choice: u8, xml: &str) {
    let mut data = vec![choice];
    data.extend_from_slice(xml.as_bytes());
    let file = sheet_zip::sheet_file(&data).unwrap();
    let started = Instant::now();
    match welkom_core::roster::parse(&file, &LanguageTag::dutch()) {
        Ok(roster) => assert!(!roster.links.is_empty()),
        Err(error) => {
            assert!(!error.problems.is_empty());
            let _ = error.report();
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?} for {xml}",
        started.elapsed()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_ods_tables_never_panic(
        rows in proptest::collection::vec(
            (
                0u32..2_000_000,
                proptest::collection::vec(
                    (0u32..20_000, prop_oneof![
                        Just(String::new()),
                        "[a-z=+@#0-9 -]{1,6}".prop_map(|t| format!(
                            r#" office:value-type="string"><text:p>{t}</text:p></table:table-cell"#
                        )),
                        "-?[0-9]{1,6}(\\.[0-9]{1,3})?".prop_map(|n| format!(
                            r#" office:value-type="float" office:value="{n}"/"#
                        )),
                        Just(r#" office:value-type="date" office:date-value="2021-03-14T00:00:00"/"#.to_owned()),
                    ]),
                    0..6,
                ),
            ),
            0..8,
        )
    ) {
        let mut xml = String::from(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="R">"#,
        );
        xml.push_str(r#"<table:table-row><table:table-cell office:value-type="string"><text:p>ouder id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>voornaam ouder</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>kind id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>roepnaam kind</text:p></table:table-cell></table:table-row>"#);
        for (repeat, cells) in &rows {
            xml.push_str(&format!(r#"<table:table-row table:number-rows-repeated="{repeat}">"#));
            for (span, body) in cells {
                if body.is_empty() {
                    xml.push_str(&format!(r#"<table:table-cell table:number-columns-repeated="{span}"/>"#));
                } else {
                    xml.push_str(&format!(r#"<table:table-cell table:number-columns-repeated="{span}"{body}>"#));
                }
            }
            xml.push_str("</table:table-row>");
        }
        xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
        check(0, &xml);
    }

    #[test]
    fn random_xlsx_sheets_never_panic(
        cells in proptest::collection::vec(
            (0u32..1_048_577, 0u32..16_385, prop_oneof![
                "[a-z=+@#0-9 -]{0,6}".prop_map(|t| format!(r#" t="inlineStr"><is><t>{t}</t></is>"#)),
                "-?[0-9]{1,7}(\\.[0-9]{1,3})?(E[0-9]{1,3})?".prop_map(|n| format!("><v>{n}</v>")),
                Just(r#" t="e"><v>#DIV/0!</v>"#.to_owned()),
                Just(r#" t="b"><v>1</v>"#.to_owned()),
                Just(r#" t="str"><f>1+1</f><v>2</v>"#.to_owned()),
            ]),
            0..40,
        ),
        dimension in "[A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7}",
    ) {
        let column = |mut c: u32| {
            let mut name = String::new();
            loop {
                name.insert(0, char::from(b'A' + (c % 26) as u8));
                if c < 26 { break name; }
                c = c / 26 - 1;
            }
        };
        let mut xml = format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ouder id</t></is></c><c r="B1" t="inlineStr"><is><t>voornaam ouder</t></is></c><c r="C1" t="inlineStr"><is><t>kind id</t></is></c><c r="D1" t="inlineStr"><is><t>roepnaam kind</t></is></c></row>"#
        );
        for (row, col, body) in &cells {
            let r = row + 2;
            xml.push_str(&format!(r#"<row r="{r}"><c r="{}{r}"{body}</c></row>"#, column(*col)));
        }
        xml.push_str("</sheetData></worksheet>");
        check(1, &xml);
    }
}

/// A worksheet whose declared dimension runs backwards (`B5:A1`): calamine
/// subtracts the corners, which overflows; the import says the file is damaged or
/// reads it, and the process goes on.
#[test]
fn a_backwards_dimension_is_no_crash() {
    let xml = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="B5:A1"></dimension><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ouder id</t></is></c></row></sheetData></worksheet>"#;
    check(1, xml);
}

/// A fuzzing finding: a cell whose reference lies far beyond column XFD (here
/// "XFE1", one past it; the fuzzer's was billions of columns out) made the header
/// row a field per column up to it, gigabytes for a crafted file. Such a file is
/// refused as damaged, by row and column.
#[test]
fn a_cell_beyond_the_last_column_is_refused() {
    let xml = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ouder id</t></is></c><c r="XFE1" t="inlineStr"><is><t>kind id</t></is></c></row></sheetData></worksheet>"#;
    let mut data = vec![1u8];
    data.extend_from_slice(xml.as_bytes());
    let file = sheet_zip::sheet_file(&data).unwrap();
    let error = welkom_core::roster::parse(&file, &LanguageTag::dutch()).unwrap_err();
    let report = error.report();
    assert!(
        report.contains("row 1, column 16385") && report.contains("beyond"),
        "{report}"
    );
    check(1, xml);
}
