//! What kind of file a roster is, from its bytes (not its name): a zip archive with
//! the content types of an `.xlsx` or an `.ods`, an old binary Excel file, or text.

use super::sheet::Format;

/// What the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    /// Text: read as CSV.
    Text,
    /// A spreadsheet Welkom reads.
    Spreadsheet(Format),
    /// Something Welkom does not read: `xls` (an OLE compound file: an old Excel
    /// workbook, or one protected with a password), `xlsb`, or another `zip`.
    Unsupported(&'static str),
}

/// The first bytes of a zip archive's local file header.
const ZIP: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file (`.xls`, and encrypted `.xlsx`).
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// An OpenDocument spreadsheet's `mimetype` entry, stored first and uncompressed.
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Tells the kind from the bytes. A zip archive is an `.ods` when its `mimetype`
/// says so, an `.xlsx` when `[Content_Types].xml` names a worksheet main part
/// (`spreadsheetml.sheet.main` or the macro-enabled `sheet.macroEnabled.main`),
/// an `.xlsb` when it names the binary one.
pub(super) fn detect(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(OLE) {
        return FileKind::Unsupported("xls");
    }
    if !bytes.starts_with(ZIP) {
        return FileKind::Text;
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // A damaged archive: say so in the words of the kind its name-less
        // bytes most likely are.
        return FileKind::Spreadsheet(Format::Xlsx);
    };
    if let Some(mime) = entry_start(&mut zip, "mimetype", ODS_MIME.len() + 16) {
        return if mime.trim_ascii() == ODS_MIME {
            FileKind::Spreadsheet(Format::Ods)
        } else {
            FileKind::Unsupported("zip")
        };
    }
    match entry_start(&mut zip, "[Content_Types].xml", 64 * 1024) {
        Some(types) if contains(&types, b"sheet.binary.macroEnabled.main") => {
            FileKind::Unsupported("xlsb")
        }
        Some(types)
            if contains(&types, b"spreadsheetml.sheet.main")
                || contains(&types, b"sheet.macroEnabled.main")
                || contains(&types, b"spreadsheetml.template.main") =>
        {
            FileKind::Spreadsheet(Format::Xlsx)
        }
        _ => FileKind::Unsupported("zip"),
    }
}

/// The first `limit` bytes of an entry, if it exists and can be read.
fn entry_start<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limit: usize,
) -> Option<Vec<u8>> {
    use std::io::Read;
    let entry = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(limit as u64).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
