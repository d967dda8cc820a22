//! Writing CSV rows for the exports: a header row, then one line per record. Each
//! cell is made by [`welkom_core::csv`]: text with `cell` (quoted when it has to be,
//! never read as a formula), numbers the program wrote with `number`.

use std::io::Write;
use welkom_core::csv::cell;

/// Writes one CSV line of cells already made, separated by commas.
pub fn write_row<S: AsRef<str>>(out: &mut impl Write, cells: &[S]) -> std::io::Result<()> {
    let line: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    writeln!(out, "{}", line.join(","))
}

/// Writes the header row.
pub fn write_header(out: &mut impl Write, names: &[&str]) -> std::io::Result<()> {
    let cells: Vec<_> = names.iter().map(|n| cell(n)).collect();
    write_row(out, &cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_one_line() {
        let mut out = Vec::new();
        write_row(&mut out, &["1", &cell("a,b"), &cell("=1+1"), ""]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "1,\"a,b\",'=1+1,\n");
    }
}
