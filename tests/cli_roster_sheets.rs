//! `welkom import-roster` reads Excel and LibreOffice rosters as it reads CSV, told
//! apart by content; a bad sheet changes nothing and names its rows and headings.
//! The files are `tests/fixtures/roster*.{xlsx,ods}` (invented families).

mod common;

use common::welkom;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn names(data: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    let mut statement = conn
        .prepare("SELECT first_name FROM guardians ORDER BY first_name")
        .unwrap();
    statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn xlsx_and_ods_import_and_a_bad_sheet_changes_nothing() {
    for name in ["roster.xlsx", "roster.ods"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        // Saved without an extension: the bytes say what it is.
        let file = dir.path().join("rooster");
        std::fs::copy(fixture(name), &file).unwrap();
        let out = welkom(&data, &["import-roster", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("2 guardians added"), "{name}: {stdout}");
        assert_eq!(names(&data), ["Ayşe", "Sanne"], "{name}");

        let bad = fixture("roster-bad-rows.xlsx");
        let out = welkom(&data, &["import-roster", bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        for expected in [
            "row 6, column Pincode",
            "row 6, column Roepnaam kind",
            "row 7, column Voornaam ouder",
            "Nothing was changed",
        ] {
            assert!(stderr.contains(expected), "'{expected}' in:\n{stderr}");
        }
        assert_eq!(names(&data), ["Ayşe", "Sanne"], "nothing changed");
    }
}
