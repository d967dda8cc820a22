//! Dates as a roster writes them: ISO `2021-03-14`, or the Dutch `14-03-2021`,
//! `14-3-2021` and `14/03/2021` (day first, a four-digit year). A spreadsheet's date
//! cell becomes the ISO text before it gets here (see `sheet::cell`).

use jiff::civil::Date;

/// Parses `YYYY-MM-DD`, or `D-M-YYYY` / `D/M/YYYY` with one or two digits for day
/// and month and the same separator twice. Nothing else: no times, no two-digit
/// years, no month names, no dates that do not exist.
pub(super) fn parse(value: &str) -> Option<Date> {
    iso(value).or_else(|| day_first(value))
}

/// `YYYY-MM-DD`, strictly.
fn iso(value: &str) -> Option<Date> {
    let b = value.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    value.parse::<Date>().ok()
}

/// `D-M-YYYY` or `D/M/YYYY`.
fn day_first(value: &str) -> Option<Date> {
    let separator = if value.contains('-') { '-' } else { '/' };
    let mut parts = value.split(separator);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 4..=4)) {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_and_day_first_dates() {
        for (text, expected) in [
            ("2021-03-14", date(2021, 3, 14)),
            ("14-03-2021", date(2021, 3, 14)),
            ("14-3-2021", date(2021, 3, 14)),
            ("4-3-2021", date(2021, 3, 4)),
            ("14/03/2021", date(2021, 3, 14)),
            ("29-02-2024", date(2024, 2, 29)),
        ] {
            assert_eq!(parse(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for bad in [
            "2021-3-14",
            "20210314",
            "2021-02-30",
            "30-02-2021",
            "2021-03-14T00:00",
            "2021/03/14",
            "14-03-21",
            "14/03-2021",
            "14-03-2021-1",
            "-03-2021",
            "1900-02-29",
            "14 maart 2021",
            "",
            "+1-+3-2021",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
