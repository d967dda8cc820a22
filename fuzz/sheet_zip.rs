//! Spreadsheet files around arbitrary XML, for the `roster_sheet` fuzz target and
//! its corpus replay (`tests/fuzz_corpus.rs`): the input's first byte chooses an
//! `.ods` (even) or an `.xlsx` (odd), the rest becomes the `.ods`'s `content.xml` or
//! the `.xlsx`'s first worksheet, in a well-formed zip, so the fuzzer reaches the
//! reading of cells instead of stopping at the archive's checksums.

use std::io::Write;

/// The workbook parts of an `.xlsx` with one sheet, `xl/worksheets/sheet1.xml`.
const XLSX_PARTS: [(&str, &str); 4] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Rooster" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
];

/// The `.ods` manifest.
const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;

/// The spreadsheet file for a fuzz input; `None` for an empty input.
pub fn sheet_file(data: &[u8]) -> Option<Vec<u8>> {
    let (&choice, xml) = data.split_first()?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    if choice % 2 == 0 {
        zip.start_file("mimetype", stored).ok()?;
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .ok()?;
        zip.start_file("META-INF/manifest.xml", stored).ok()?;
        zip.write_all(ODS_MANIFEST.as_bytes()).ok()?;
        zip.start_file("content.xml", stored).ok()?;
    } else {
        for (name, text) in XLSX_PARTS {
            zip.start_file(name, stored).ok()?;
            zip.write_all(text.as_bytes()).ok()?;
        }
        zip.start_file("xl/worksheets/sheet1.xml", stored).ok()?;
    }
    zip.write_all(xml).ok()?;
    Some(zip.finish().ok()?.into_inner())
}
