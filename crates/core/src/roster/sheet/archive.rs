//! What a zip archive may hold before a spreadsheet reader opens it: every entry is
//! unpacked once, counting, so a small file that unpacks to gigabytes (a "zip
//! bomb") is refused before any reader holds it in memory; and an OpenDocument
//! sheet's repeated rows and columns are counted before calamine spreads them out.

use super::super::problem::ProblemKind;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// The most bytes all entries of a spreadsheet may unpack to together.
pub const MAX_UNPACKED_BYTES: usize = 100 * 1024 * 1024;

/// The most cells a roster sheet may span (rows × columns of its used area, as
/// far as a reader spreads them out), and the most filled cells read from a sheet.
pub const MAX_SHEET_CELLS: usize = 1_000_000;

/// Unpacks every entry, failing when together they exceed [`MAX_UNPACKED_BYTES`] or
/// one cannot be unpacked. Returns `content.xml` when there is one (for
/// [`ods_cells`]).
pub(super) fn check(bytes: &[u8]) -> Result<Option<Vec<u8>>, ProblemKind> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut total = 0usize;
    let mut content = None;
    let mut buffer = Vec::new();
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).map_err(damaged)?;
        let keep = entry.name().is_ok_and(|name| name == "content.xml");
        buffer.clear();
        let room = (MAX_UNPACKED_BYTES - total) as u64 + 1;
        if keep {
            (&mut entry).take(room).read_to_end(&mut buffer)
        } else {
            std::io::copy(&mut (&mut entry).take(room), &mut std::io::sink())
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        }
        .map(|n| total = total.saturating_add(n))
        .map_err(|e| ProblemKind::BadSpreadsheet {
            detail: e.to_string(),
        })?;
        if total > MAX_UNPACKED_BYTES {
            return Err(ProblemKind::TooLarge {
                bytes: total,
                limit: MAX_UNPACKED_BYTES,
            });
        }
        if keep {
            content = Some(std::mem::take(&mut buffer));
        }
    }
    Ok(content)
}

/// A zip error as a problem.
fn damaged(error: zip::result::ZipError) -> ProblemKind {
    ProblemKind::BadSpreadsheet {
        detail: error.to_string(),
    }
}

/// An upper bound of the cells calamine spreads an OpenDocument file's tables out
/// to: per table, its rows up to the last one with a filled cell (repeated rows
/// counted as often as repeated) times its widest such row (repeated cells counted
/// likewise). Fails on XML a reader cannot follow, and on XML that ends before
/// every element is closed: calamine's OpenDocument reader waits for the end of a
/// table or row that never comes and reads on for ever (found by fuzzing).
pub(super) fn ods_cells(content: &[u8]) -> Result<usize, ProblemKind> {
    const MAX_ROWS: usize = 1_048_576;
    const MAX_COLUMNS: usize = 16_384;
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut total = 0usize;
    // Per table: rows so far, rows up to the last filled one, widest filled row.
    let (mut rows, mut used_rows, mut width) = (0usize, 0usize, 0usize);
    // Per row: its repeat count, columns so far, columns up to the last filled cell.
    let (mut repeat, mut columns, mut used_columns) = (1usize, 0usize, 0usize);
    // Elements open (quick-xml checks that each end tag closes the latest one).
    let mut open = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ProblemKind::BadSpreadsheet {
                detail: e.to_string(),
            })?;
        match &event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        match &event {
            Event::Eof if open > 0 => {
                return Err(ProblemKind::BadSpreadsheet {
                    detail: format!("the sheet ends with {open} element(s) not closed"),
                });
            }
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                (rows, used_rows, width) = (0, 0, 0);
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                total = total.saturating_add(used_rows.saturating_mul(width));
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                repeat = repeats(e, "table:number-rows-repeated").min(MAX_ROWS);
                (columns, used_columns) = (0, 0);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                let repeat = repeats(e, "table:number-rows-repeated");
                rows = rows.saturating_add(repeat).min(MAX_ROWS);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(repeat).min(MAX_ROWS);
                if used_columns > 0 {
                    used_rows = rows;
                    width = width.max(used_columns);
                }
            }
            Event::Start(e) | Event::Empty(e) if is_cell(e) => {
                let span = repeats(e, "table:number-columns-repeated");
                columns = columns.saturating_add(span).min(MAX_COLUMNS);
                // A cell with content or a value counts as filled; an empty one
                // only widens the row when a filled one follows.
                let filled = matches!(event, Event::Start(_))
                    || has(e, "office:value-type")
                    || has(e, "table:formula");
                if filled {
                    used_columns = columns;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(total)
}

/// Whether an element is a table cell.
fn is_cell(e: &BytesStart<'_>) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

/// Whether an element has an attribute.
fn has(e: &BytesStart<'_>, name: &str) -> bool {
    e.attributes().flatten().any(|a| a.key.as_ref() == name)
}

/// A repeat count attribute: 1 when absent or unreadable, at most `u32::MAX`.
fn repeats(e: &BytesStart<'_>, name: &str) -> usize {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u32>().ok())
        .map_or(1, |n| n.max(1) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> String {
        format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"A\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        )
    }

    #[test]
    fn trailing_empty_rows_and_cells_count_for_nothing() {
        let content = table(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
        );
        assert_eq!(ods_cells(content.as_bytes()), Ok(1));
    }

    #[test]
    fn repeated_filled_rows_and_cells_are_counted_spread_out() {
        let content = table(
            "<table:table-row table:number-rows-repeated=\"1000\">\
             <table:table-cell table:number-columns-repeated=\"2000\" office:value-type=\"float\" office:value=\"1\"/>\
             </table:table-row>",
        );
        assert_eq!(ods_cells(content.as_bytes()), Ok(2_000_000));
    }

    /// The fuzzer's finding: a table whose end never comes kept calamine reading
    /// for ever; it is refused before calamine sees it.
    #[test]
    fn a_table_that_is_never_closed_is_a_problem() {
        let content = "<office:document-content><office:body><office:spreadsheet>\
                       <table:table table:name=\"A\"><table:table-row>\
                       <table:table-cell office:value-type=\"string\"><text:p>a</text:p></table:table-cell>";
        let problem = ods_cells(content.as_bytes()).unwrap_err();
        assert!(
            matches!(&problem, ProblemKind::BadSpreadsheet { detail } if detail.contains("not closed")),
            "{problem:?}"
        );
    }

    #[test]
    fn broken_xml_is_a_problem() {
        assert!(matches!(
            ods_cells(b"<a><b></a>"),
            Err(ProblemKind::BadSpreadsheet { .. })
        ));
    }
}
