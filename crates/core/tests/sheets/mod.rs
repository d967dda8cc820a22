//! Spreadsheets written for the tests: `.xlsx` with rust_xlsxwriter, `.ods` with a
//! small writer of its own (an OpenDocument file is a zip of XML). Invented data.

#![allow(dead_code)]

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::io::Write;

/// A cell of a test sheet.
#[derive(Clone, Debug)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// A text cell.
    Text(&'static str),
    /// A number cell.
    Number(f64),
    /// A date cell (year, month, day), shown as dd-mm-yyyy.
    Date(u16, u8, u8),
    /// A formula with its cached result (text).
    Formula(&'static str, &'static str),
}

/// An `.xlsx` workbook with one sheet per entry (name, rows from row 1).
pub fn xlsx(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    Cell::Date(y, m, d) => {
                        let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &date, &date_format)
                            .unwrap();
                    }
                    Cell::Formula(f, result) => {
                        sheet
                            .write_formula(r, c, Formula::new(*f).set_result(*result))
                            .unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// An `.ods` document with one sheet per entry; `extra_rows` is XML added after a
/// sheet's rows (for repeated rows).
pub fn ods(sheets: &[(&str, Vec<Vec<Cell>>)], extra_rows: &str) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{name}">"#));
        for row in rows {
            content.push_str("<table:table-row>");
            for cell in row {
                content.push_str(&match cell {
                    Cell::Empty => "<table:table-cell/>".to_owned(),
                    Cell::Text(t) => format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        escape(t)
                    ),
                    Cell::Number(n) => format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    ),
                    Cell::Date(y, m, d) => format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}-{m:02}-{y:04}</text:p></table:table-cell>"#
                    ),
                    Cell::Formula(f, result) => format!(
                        r#"<table:table-cell table:formula="of:{}" office:value-type="string" office:string-value="{}"><text:p>{}</text:p></table:table-cell>"#,
                        escape(f),
                        escape(result),
                        escape(result)
                    ),
                });
            }
            content.push_str("</table:table-row>");
        }
        content.push_str(extra_rows);
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    )
    .unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Text as XML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
