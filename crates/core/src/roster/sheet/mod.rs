//! Rosters from spreadsheets (`.xlsx` from Excel, `.ods` from LibreOffice), read with
//! calamine. The cells become the text a CSV export would hold (`cell`), the rows
//! then go through the same checks as a CSV's (`super::check`). Problems name the
//! sheet's row numbers as Excel and LibreOffice show them.
//!
//! Which sheet: the first whose first filled row names every required column; when
//! none does, the first sheet, whose problems are then reported.

mod archive;
mod cell;

pub use archive::{MAX_SHEET_CELLS, MAX_UNPACKED_BYTES};

use super::header::Header;
use super::problem::{Numbering, ProblemKind, Problems, RosterError, RosterProblem};
use super::{Roster, SourceRow};
use crate::LanguageTag;
use calamine::{Data, DataRef, Ods, Reader, Xlsx};
use cell::CellText;
use std::collections::BTreeMap;
use std::io::Cursor;

/// The two spreadsheet formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// Office Open XML (`.xlsx`, Excel 2007 and later).
    Xlsx,
    /// OpenDocument (`.ods`, LibreOffice).
    Ods,
}

/// A sheet's filled cells: row → column → text, both 0-based.
type Grid = BTreeMap<u32, BTreeMap<u32, CellText>>;

/// Parses a spreadsheet roster (the bytes are within the size limit).
pub(super) fn parse(
    bytes: &[u8],
    format: Format,
    default_language: &LanguageTag,
) -> Result<Roster, RosterError> {
    let whole_file = |kind| RosterError {
        problems: vec![RosterProblem::whole_file(kind)],
    };
    // calamine checks its input less than this module does; should it panic all
    // the same on a damaged file, that is a damaged file, not a crash.
    let grid = std::panic::catch_unwind(|| roster_sheet(bytes, format)).unwrap_or_else(|_| {
        Err(ProblemKind::BadSpreadsheet {
            detail: "the reader stopped on damaged contents".into(),
        })
    });
    let grid = grid.map_err(whole_file)?;
    let mut rows = grid.into_iter();
    let Some((header_row, header_cells)) = rows.next() else {
        return Err(whole_file(ProblemKind::Empty));
    };
    let mut problems = Problems::default();
    let header_fields = fields(&header_cells, usize::MAX);
    let header = Header::read(
        header_fields.iter().map(String::as_str),
        line(header_row),
        &mut problems,
    );
    let width = header.width();
    let data_rows = rows.len();
    if data_rows.saturating_mul(width) > MAX_SHEET_CELLS {
        return Err(whole_file(ProblemKind::SheetTooLarge {
            cells: data_rows.saturating_mul(width),
            limit: MAX_SHEET_CELLS,
        }));
    }
    let result = super::check(header, problems, default_language, |_| {
        rows.next()
            .map(|(row, cells)| source_row(row, &cells, width))
    });
    result.map_err(|mut error| {
        for problem in &mut error.problems {
            problem.numbering = Numbering::Rows;
        }
        error
    })
}

/// The row number Excel shows for a 0-based row.
fn line(row: u32) -> usize {
    row as usize + 1
}

/// A row's cells as `width` fields (empty where no cell is), error cells as empty
/// fields; `usize::MAX` for as many as the row has.
fn fields(cells: &BTreeMap<u32, CellText>, width: usize) -> Vec<String> {
    let used = cells
        .keys()
        .next_back()
        .map_or(0, |&c| c as usize + 1)
        .min(width);
    let mut out = vec![String::new(); used];
    for (&column, cell) in cells {
        if let (Some(slot), CellText::Text(text) | CellText::Error(text)) =
            (out.get_mut(column as usize), cell)
        {
            slot.clone_from(text);
        }
    }
    if width != usize::MAX {
        out.resize(width, String::new());
    }
    out
}

/// A data row for the checks: the header's width of fields, its error cells and the
/// values right of the header.
fn source_row(row: u32, cells: &BTreeMap<u32, CellText>, width: usize) -> SourceRow {
    let mut fields = fields(cells, width);
    let mut errors = Vec::new();
    let mut outside = Vec::new();
    for (&column, cell) in cells {
        let position = column as usize;
        match cell {
            CellText::Error(value) if position < width => {
                fields[position].clear();
                errors.push((position, value.clone()));
            }
            CellText::Text(value) | CellText::Error(value) if position >= width => {
                outside.push((position, value.clone()));
            }
            CellText::Text(_) | CellText::Error(_) => {}
        }
    }
    SourceRow {
        line: line(row),
        record: csv::StringRecord::from(fields),
        errors,
        outside,
    }
}

/// The sheet holding the roster, read into a grid.
fn roster_sheet(bytes: &[u8], format: Format) -> Result<Grid, ProblemKind> {
    let content = archive::check(bytes)?;
    let bad = |e: &dyn std::fmt::Display| ProblemKind::BadSpreadsheet {
        detail: e.to_string(),
    };
    let mut first = None;
    match format {
        Format::Xlsx => {
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            for name in book.sheet_names() {
                let mut reader = book.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
                let mut grid = Grid::new();
                let mut filled = 0usize;
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    let (row, column) = cell.get_position();
                    add(&mut grid, &mut filled, row, column, cell.get_value())?;
                }
                if let Some(grid) = pick(grid, &mut first) {
                    return Ok(grid);
                }
            }
        }
        Format::Ods => {
            let cells = archive::ods_cells(content.as_deref().unwrap_or_default())?;
            if cells > MAX_SHEET_CELLS {
                return Err(ProblemKind::SheetTooLarge {
                    cells,
                    limit: MAX_SHEET_CELLS,
                });
            }
            let mut book: Ods<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
                let mut grid = Grid::new();
                let mut filled = 0usize;
                for (row, column, value) in range.used_cells() {
                    let (top, left) = range.start().unwrap_or_default();
                    let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
                    let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
                    add(&mut grid, &mut filled, row, column, &data_ref(value))?;
                }
                if let Some(grid) = pick(grid, &mut first) {
                    return Ok(grid);
                }
            }
        }
    }
    first.ok_or(ProblemKind::Empty)
}

/// The most columns a sheet has in Excel and LibreOffice (A to XFD).
const MAX_COLUMNS: u32 = 16_384;

/// The most rows a sheet has in Excel and LibreOffice.
const MAX_ROWS: u32 = 1_048_576;

/// Adds a cell to the grid unless empty; fails past [`MAX_SHEET_CELLS`] filled cells
/// and on a cell beyond the largest sheet Excel and LibreOffice make (a damaged or
/// crafted file: a row is later laid out as one field per column up to its last
/// cell, so a cell at column four billion would ask for gigabytes).
fn add(
    grid: &mut Grid,
    filled: &mut usize,
    row: u32,
    column: u32,
    value: &DataRef<'_>,
) -> Result<(), ProblemKind> {
    let Some(text) = cell::text(value) else {
        return Ok(());
    };
    if column >= MAX_COLUMNS || row >= MAX_ROWS {
        return Err(ProblemKind::BadSpreadsheet {
            detail: format!(
                "a cell at row {}, column {} lies beyond the {MAX_ROWS} rows × {MAX_COLUMNS} \
                 columns a spreadsheet program makes",
                u64::from(row) + 1,
                u64::from(column) + 1
            ),
        });
    }
    *filled += 1;
    if *filled > MAX_SHEET_CELLS {
        return Err(ProblemKind::SheetTooLarge {
            cells: *filled,
            limit: MAX_SHEET_CELLS,
        });
    }
    grid.entry(row).or_default().insert(column, text);
    Ok(())
}

/// The grid when its first row is a roster header; otherwise `None`, keeping the
/// first sheet with anything in it in `first` for its problems.
fn pick(grid: Grid, first: &mut Option<Grid>) -> Option<Grid> {
    let recognised = grid.values().next().is_some_and(|cells| {
        let fields = fields(cells, usize::MAX);
        let mut problems = Problems::default();
        let header = Header::read(fields.iter().map(String::as_str), 1, &mut problems);
        header.has_required_columns()
    });
    if recognised {
        return Some(grid);
    }
    if first.is_none() && !grid.is_empty() {
        *first = Some(grid);
    }
    None
}

/// An owned cell value as the borrowed kind the xlsx reader gives.
fn data_ref(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}
