//! The ratings as an Excel workbook (`.xlsx`): one sheet with the CSV's columns, a
//! bold, frozen header row with an autofilter, days and times as Excel dates in the
//! location's time zone, scores and scales as numbers, flags as booleans, and text
//! as text. A text cell in a workbook is never run as a formula; it still gets the
//! CSV's `'` before a formula's first character ([`welkom_core::csv::as_text`]), so
//! both exports show the same.

use super::RATING_COLUMNS;
use crate::db::ExportedRating;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use welkom_core::csv::as_text;

/// The sheet's name.
pub const SHEET: &str = "ratings";

/// The widths of the columns, in characters.
const WIDTHS: [f64; 9] = [38.0, 12.0, 20.0, 10.0, 7.0, 7.0, 11.0, 8.0, 30.0];

/// The most characters a cell holds (Excel's limit is 32,767).
const MAX_TEXT: usize = 32_000;

/// Why a workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum XlsxExportError {
    /// The location's time zone is not known to this hub.
    #[error("the time zone '{0}' is not known; the location's time zone must be an IANA name")]
    TimeZone(String),
    /// The workbook writer refused.
    #[error("the workbook could not be written: {0}")]
    Writer(#[from] XlsxError),
}

/// The ratings as the bytes of an `.xlsx` file, days and times in `time_zone`.
pub fn ratings(ratings: &[ExportedRating], time_zone: &str) -> Result<Vec<u8>, XlsxExportError> {
    let zone =
        TimeZone::get(time_zone).map_err(|_| XlsxExportError::TimeZone(time_zone.to_owned()))?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let formats = Formats::new();
    for (col, (name, width)) in RATING_COLUMNS.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *name, &formats.header)?;
        sheet.set_column_width(col, width)?;
    }
    for (i, rating) in ratings.iter().enumerate() {
        write_row(sheet, i as u32 + 1, rating, &zone, &formats)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, ratings.len() as u32, RATING_COLUMNS.len() as u16 - 1)?;
    Ok(workbook.save_to_buffer()?)
}

/// The cell formats used.
struct Formats {
    header: Format,
    date: Format,
    time: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        }
    }
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    r: &ExportedRating,
    zone: &TimeZone,
    formats: &Formats,
) -> Result<(), XlsxError> {
    text(sheet, row, 0, &r.id)?;
    match r
        .local_date
        .parse::<Date>()
        .ok()
        .and_then(|d| excel_date(d).ok())
    {
        Some(day) => {
            sheet.write_datetime_with_format(row, 1, &day, &formats.date)?;
        }
        None => text(sheet, row, 1, &r.local_date)?,
    }
    let local = r
        .time
        .parse::<Timestamp>()
        .ok()
        .and_then(|at| excel_time(at.to_zoned(zone.clone()).datetime()).ok());
    match local {
        Some(at) => {
            sheet.write_datetime_with_format(row, 2, &at, &formats.time)?;
        }
        None => text(sheet, row, 2, &r.time)?,
    }
    text(sheet, row, 3, &r.moment)?;
    sheet.write_number(row, 4, r.score as f64)?;
    sheet.write_number(row, 5, r.scale as f64)?;
    sheet.write_boolean(row, 6, r.superseded)?;
    sheet.write_boolean(row, 7, r.misuse)?;
    text(sheet, row, 8, &r.groups.join("|"))?;
    Ok(())
}

/// A text cell, as the CSV shows it (a formula's first character after a `'`).
fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str) -> Result<(), XlsxError> {
    let shown = as_text(value);
    let kept: String = shown.chars().take(MAX_TEXT).collect();
    sheet.write_string(row, col, kept)?;
    Ok(())
}

fn excel_date(day: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(day.year()).unwrap_or(0),
        day.month() as u8,
        day.day() as u8,
    )
}

fn excel_time(at: DateTime) -> Result<ExcelDateTime, XlsxError> {
    excel_date(at.date())?.and_hms_milli(
        at.hour() as u16,
        at.minute() as u8,
        at.second() as u8,
        at.millisecond() as u16,
    )
}
