//! CSV cells that a spreadsheet reads as what they are.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, when it
//! imports, a tab or carriage return) as a formula: a roster name such as
//! `=HYPERLINK("http://…","…")` would become a link, a note `+31 6 …` a sum. Every
//! CSV Welkom writes (the kiosk's exports, the issued-PIN files, the hub's export)
//! makes each text cell with [`cell`], which puts a `'` before such a first
//! character, as OWASP's guidance on CSV injection advises; a spreadsheet shows the
//! text as it was given.
//!
//! Numbers the program writes itself (scores, scales, counts) are made with
//! [`number`] and never get the `'`: `-5` in a numeric column is the number −5 to a
//! spreadsheet, not a formula, and a prefix would stop it adding them up. Text that
//! comes from people (names, notes, reasons, groups, ids from the organisation's own
//! system) always goes through [`cell`], even when it looks like a number.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV cell holding text: with a `'` before it when it would otherwise start a
/// formula, and in double quotes (quotes doubled) when it holds a quote, a line
/// break, a tab or a separator (`,` or `;`, so it reads the same whichever of the
/// two a spreadsheet splits on).
pub fn cell(text: &str) -> Cow<'_, str> {
    let text = as_text(text);
    if text.contains([',', ';', '"', '\n', '\r', '\t']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

/// A number the program wrote itself, as a CSV cell: as it is, never prefixed.
pub fn number<N: Number>(n: N) -> String {
    n.to_string()
}

/// The text as a spreadsheet must show it, before quoting: with a `'` before a
/// formula's first character. This is what a CSV reader gets back from [`cell`].
pub fn as_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The kinds of numbers [`number`] writes: integers and floating point.
pub trait Number: std::fmt::Display + sealed::Sealed {}

mod sealed {
    /// Only the number types below.
    pub trait Sealed {}
}

macro_rules! numbers {
    ($($t:ty),*) => {
        $(impl sealed::Sealed for $t {}
          impl Number for $t {})*
    };
}
numbers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(cell("+31 6 12345678"), "'+31 6 12345678");
        assert_eq!(cell("-5 minuten te laat"), "'-5 minuten te laat");
        assert_eq!(cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(cell("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
    }

    #[test]
    fn ordinary_text_stays_as_it_is() {
        assert_eq!(cell("Vlinders"), "Vlinders");
        assert_eq!(cell(""), "");
        assert_eq!(cell("de Vries"), "de Vries");
        assert_eq!(cell("2026-03-02T07:15:00Z"), "2026-03-02T07:15:00Z");
        assert_eq!(cell("a=b"), "a=b", "only the first character counts");
        assert!(matches!(cell("Sanne"), Cow::Borrowed(_)));
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("a;=1+1"), "\"a;=1+1\"");
        assert_eq!(cell("zei \"prima\""), "\"zei \"\"prima\"\"\"");
        assert_eq!(cell("twee\nregels"), "\"twee\nregels\"");
        assert_eq!(cell("twee\r\nregels"), "\"twee\r\nregels\"");
    }

    #[test]
    fn numbers_the_program_writes_are_never_prefixed() {
        assert_eq!(number(-5i64), "-5");
        assert_eq!(number(4u8), "4");
        assert_eq!(number(-0.5f64), "-0.5");
    }

    #[test]
    fn a_csv_reader_gets_back_the_text_as_shown() {
        for text in [
            "=1+1",
            "+31 6",
            "-5",
            "@x",
            "Sanne",
            "a;b",
            "zei \"ja\"",
            "",
        ] {
            let written = cell(text);
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(written.as_bytes());
            let read = reader
                .records()
                .next()
                .map(|r| r.unwrap().get(0).unwrap_or_default().to_owned())
                .unwrap_or_default();
            assert_eq!(read, as_text(text), "{written}");
        }
    }
}
