//! Writing CSV rows for the exports: a header row, then one line per record, each
//! field quoted only when it has to be.

use std::io::Write;

/// Writes one CSV line: the fields separated by commas, each quoted as
/// [`field`] says.
pub fn write_row<S: AsRef<str>>(out: &mut impl Write, fields: &[S]) -> std::io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f.as_ref())).collect();
    writeln!(out, "{}", line.join(","))
}

/// A field as CSV writes it: in double quotes, with quotes doubled, when it holds a
/// comma, a quote or a line break (RFC 4180); otherwise as it is.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fields_that_need_it_are_quoted() {
        assert_eq!(field("Vlinders"), "Vlinders");
        assert_eq!(field(""), "");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("zei \"prima\""), "\"zei \"\"prima\"\"\"");
        assert_eq!(field("twee\nregels"), "\"twee\nregels\"");
        assert_eq!(field("twee\r\nregels"), "\"twee\r\nregels\"");
    }

    #[test]
    fn a_row_is_one_line() {
        let mut out = Vec::new();
        write_row(&mut out, &["1", "a,b", ""]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "1,\"a,b\",\n");
    }
}
