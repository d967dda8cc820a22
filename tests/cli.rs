//! The command line as an installer uses it: bad input gives a clear error that says
//! what and where, and changes nothing.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn welkom(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_welkom"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("WELKOM_LOG", "warn")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn guardians(data: &Path) -> i64 {
    let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    conn.query_row("SELECT count(*) FROM guardians", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn import_issues_pins_once_and_bad_files_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good.csv");
    // Joost has no PIN: one is issued and written to a file for staff.
    std::fs::write(&good, common::ROSTER.replace(";8152;;C7;", ";;;C7;")).unwrap();
    let out = welkom(&data, &["import-roster", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("6 guardians added"), "{stdout}");
    let issued: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("issued-pins-"))
        .collect();
    assert_eq!(issued.len(), 1);
    let pins = std::fs::read_to_string(issued[0].path()).unwrap();
    let line = pins.lines().nth(1).unwrap();
    assert!(line.starts_with("G6;Joost;Visser;"), "{pins}");
    let pin = line.rsplit(';').next().unwrap();
    assert!(!welkom_core::pin::is_trivial(pin));
    assert_eq!(guardians(&data), 6);

    let cases: [(&str, Vec<u8>, &str); 6] = [
        ("empty.csv", Vec::new(), "empty"),
        (
            "missing.csv",
            b"guardian_id;guardian_first_name;child_first_name\nX;Y;Z\n".to_vec(),
            "child_id",
        ),
        (
            "malformed.csv",
            format!("{}G9;;;;12a4;;C9;Kees;;;2020-13-01;;\n", common::ROSTER).into_bytes(),
            "line 9",
        ),
        (
            "garbage.bin",
            (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect(),
            "binary",
        ),
        ("huge.csv", vec![b'a'; 50 * 1024 * 1024], "MB"),
        (
            "header-only.csv",
            common::ROSTER.lines().next().unwrap().as_bytes().to_vec(),
            "no rows",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = welkom(&data, &["import-roster", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(name), "{name}: the file is named: {err}");
        assert!(
            err.contains(expected),
            "{name}: expected '{expected}' in: {err}"
        );
        assert!(err.contains("Nothing was changed"), "{err}");
        assert_eq!(guardians(&data), 6, "{name} changed nothing");
    }
}

#[test]
fn windows_1252_names_import_correctly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("excel.csv");
    let mut bytes = b"guardian_id;guardian_first_name;child_id;child_first_name\nG1;".to_vec();
    bytes.extend([0xDC, b'm', b'i', b't']); // Ümit in Windows-1252
    bytes.extend(b";C1;Zo");
    bytes.push(0xEB); // ë
    bytes.extend(b"\r\n");
    std::fs::write(&file, bytes).unwrap();
    let out = welkom(&data, &["import-roster", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    let names: (String, String) = conn
        .query_row(
            "SELECT g.first_name, c.first_name FROM guardians g, children c",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(names, ("Ümit".to_owned(), "Zoë".to_owned()));
}

#[test]
fn a_broken_config_is_reported_with_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("welkom.toml"),
        "[location]\nname = \"De Vlinder\"\n\n[timeouts]\nidle_secs = \"twintig\"\n",
    )
    .unwrap();
    let out = welkom(dir.path(), &["check-config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("welkom.toml, line 5, key timeouts.idle_secs"),
        "{err}"
    );
    // The kiosk does not start on it either, and says the same.
    let out = welkom(dir.path(), &["export", "ratings", "--format", "json"]);
    assert!(
        out.status.success(),
        "export does not need the configuration"
    );
    let out = welkom(dir.path(), &["import-roster", "/nonexistent.csv"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("line 5"), "{}", stderr(&out));

    std::fs::write(
        dir.path().join("welkom.toml"),
        "[location]\nname = \"De Vlinder\"\n",
    )
    .unwrap();
    let out = welkom(dir.path(), &["check-config"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("De Vlinder"));
}

#[test]
fn export_json_and_csv_with_date_range() {
    let dir = tempfile::tempdir().unwrap();
    let out = welkom(
        dir.path(),
        &[
            "export",
            "ratings",
            "--format",
            "json",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows, serde_json::json!([]));
    let out = welkom(
        dir.path(),
        &[
            "export",
            "ratings",
            "--format",
            "csv",
            "--from",
            "not-a-date",
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not-a-date"));
}
