//! `welkom-hub roster import` reads Excel and LibreOffice rosters as it reads CSV:
//! told apart by content, not by name, and a bad sheet changes nothing and names its
//! rows. The files are `tests/fixtures/roster*.{xlsx,ods}` (invented families,
//! written by `welkom-core`'s `roster_sheets` test).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn import(database: &str, location: &str, file: &Path, pins_out: &Path) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args([
            "--database",
            database,
            "roster",
            "import",
            "--location",
            location,
        ])
        .arg("--pins-out")
        .arg(pins_out)
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn xlsx_and_ods_rosters_import_and_a_bad_sheet_changes_nothing() {
    let hub = common::start();
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", hub.sqlite.as_ref().unwrap().display());
    // The .xlsx under a name without extension: the content says what it is.
    let unnamed = dir.path().join("export-from-the-administration");
    std::fs::copy(fixture("roster.xlsx"), &unnamed).unwrap();
    for (n, file) in [unnamed, fixture("roster.ods")].iter().enumerate() {
        let location = hub.location(&format!("Locatie {n}"));
        let output = import(&database, &location.id, file, &dir.path().join("pins.csv"));
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{}: {output:?}", file.display());
        assert!(
            stdout.contains("2 guardians (2 PINs from the file"),
            "{stdout}"
        );
        let served = hub.runtime.block_on(hub.db.roster(&location.id)).unwrap();
        let (_, csv) = served.expect("the roster is served");
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Ayşe") && csv.contains("2021-03-14"), "{csv}");
    }

    let location = hub.location("De Boomhut");
    let output = import(
        &database,
        &location.id,
        &fixture("roster-bad-rows.xlsx"),
        &dir.path().join("pins.csv"),
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "row 6, column Pincode: \"12a4\" is not a PIN",
        "row 6, column Geboortedatum: \"31-02-2021\" is not a date",
        "row 7, column Voornaam ouder",
        "on row 2",
        "Nothing was changed",
    ] {
        assert!(stderr.contains(expected), "'{expected}' in:\n{stderr}");
    }
    let roster = hub.runtime.block_on(hub.db.roster(&location.id)).unwrap();
    assert!(roster.is_none(), "{roster:?}");
}
