//! A spreadsheet cell as the text a CSV export would hold, so the row checks are the
//! CSV's: numbers without a trailing `.0`, date cells as ISO dates, error cells kept
//! apart (they are a problem of their own).

use calamine::{DataRef, ExcelDateTime};

/// What a cell gives the row checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CellText {
    /// The cell's value as text (never empty).
    Text(String),
    /// The cell shows an error (`#DIV/0!`, `#N/A`, …) instead of a value.
    Error(String),
}

/// The text of a cell; `None` for an empty cell (or one holding only white space,
/// which a CSV row treats as empty too).
pub(super) fn text(value: &DataRef<'_>) -> Option<CellText> {
    let text = match value {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => excel_date_time(d),
        DataRef::DateTimeIso(s) => iso_date_time(s),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => return Some(CellText::Error(e.to_string())),
    };
    (!text.trim().is_empty()).then_some(CellText::Text(text))
}

/// A number as a person typed it: whole numbers without a decimal point (a PIN
/// 4826 stored as 4826.0 reads `4826`), others in the shortest form that reads back
/// as the same number.
pub(super) fn number(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A date cell as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time of day, which no
/// date column accepts). Excel's serial numbers count days from 1900 with its
/// fictitious 29 February 1900 (serial 60), or from 1904; calamine knows which the
/// workbook uses. Serial 60 gives `1900-02-29`, which the date check refuses as it
/// refuses the text. A serial outside Excel's range (before 1900, after 9999) is
/// shown as the number it is.
fn excel_date_time(value: &ExcelDateTime) -> String {
    let serial = value.as_f64();
    if value.is_duration() || !(0.0..2_958_466.0).contains(&serial) {
        return number(serial);
    }
    let (year, month, day, hour, minute, second, milli) = value.to_ymd_hms_milli();
    if (hour, minute, second, milli) == (0, 0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}

/// An OpenDocument date value (`2021-03-14` or `2021-03-14T00:00:00`): midnight is
/// dropped, so a date cell reads as the date.
fn iso_date_time(value: &str) -> String {
    match value.split_once('T') {
        Some((date, time)) if time.trim_start_matches(['0', ':', '.']).is_empty() => {
            date.to_owned()
        }
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn date(serial: f64, is_1904: bool) -> String {
        excel_date_time(&ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            is_1904,
        ))
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number(4826.0), "4826");
        assert_eq!(number(482.0), "482");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(4826.5), "4826.5");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn serial_dates_in_the_1900_system_with_its_leap_year_bug() {
        assert_eq!(date(1.0, false), "1900-01-01");
        assert_eq!(date(59.0, false), "1900-02-28");
        // Excel's 29 February 1900 does not exist: the date check refuses it.
        assert_eq!(date(60.0, false), "1900-02-29");
        assert_eq!(date(61.0, false), "1900-03-01");
        assert_eq!(date(44269.0, false), "2021-03-14");
        assert_eq!(date(46082.0, false), "2026-03-01");
        assert_eq!(date(44269.5, false), "2021-03-14 12:00:00");
    }

    #[test]
    fn serial_dates_in_the_1904_system_and_out_of_range() {
        assert_eq!(date(0.0, true), "1904-01-01");
        assert_eq!(date(42807.0, true), "2021-03-14");
        assert_eq!(date(-1.0, false), "-1");
        assert_eq!(date(3e6, false), "3000000");
        assert_eq!(date(f64::INFINITY, false), "inf");
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(text(&DataRef::Empty), None);
        assert_eq!(text(&DataRef::String("  ".into())), None);
        assert_eq!(
            text(&DataRef::String("=Sanne".into())),
            Some(CellText::Text("=Sanne".into()))
        );
        assert_eq!(
            text(&DataRef::Float(4826.0)),
            Some(CellText::Text("4826".into()))
        );
        assert_eq!(
            text(&DataRef::DateTimeIso("2021-03-14T00:00:00".into())),
            Some(CellText::Text("2021-03-14".into()))
        );
        assert_eq!(
            text(&DataRef::Error(CellErrorType::Div0)),
            Some(CellText::Error("#DIV/0!".into()))
        );
    }
}
