//! The command line as an installer uses it: bad input gives a clear error that says
//! what and where, and changes nothing.

mod common;

use common::welkom;
use std::path::Path;
use std::process::Output;

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

/// Rates once per visit: (UTC time, the location's day, guardian, children, score).
/// Returns the rating ids in order.
fn rate_days(data: &Path, visits: &[(&str, &str, &str, &[&str], u8)]) -> Vec<String> {
    use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
    use welkom_store::{NewRating, NewVisit, Privacy, Store};
    let mut store = Store::open(&data.join("welkom.sqlite")).unwrap();
    let mut ids = Vec::new();
    for &(at, day, guardian, children, score) in visits {
        let at: jiff::Timestamp = at.parse().unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(guardian.into()),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: children.iter().map(|&c| ChildId(c.into())).collect(),
            at,
            local_date: day.parse().unwrap(),
        };
        store.record_visit(&visit).unwrap();
        let rating = NewRating {
            id: EventId::new(),
            score,
            scale: Scale::Four,
            at: at + jiff::SignedDuration::from_secs(30),
            misuse: false,
            privacy: Privacy::Linked,
            replaces: None,
        };
        store.record_rating(&visit, &rating).unwrap();
        ids.push(rating.id.to_string());
    }
    ids
}

/// The ids and days of an export, as CSV and as JSON; both must agree.
fn exported(data: &Path, range: &[&str]) -> Vec<(String, String)> {
    let run = |format: &str| {
        let mut args = vec!["export", "ratings", "--format", format];
        args.extend_from_slice(range);
        let out = welkom(data, &args);
        assert!(out.status.success(), "{range:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (id, day) = (column("id"), column("local_date"));
    let from_csv: Vec<(String, String)> = lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[id].to_owned(), cells[day].to_owned())
        })
        .collect();
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let from_json: Vec<(String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["local_date"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(from_csv, from_json, "{range:?}: CSV and JSON differ");
    from_csv
}

#[test]
fn export_ratings_from_and_to_are_inclusive_days_of_the_location() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, common::ROSTER).unwrap();
    let out = welkom(&data, &["import-roster", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Amsterdam is UTC+1 in March: the last two are the evening of the 4th and, in
    // UTC still the 4th, the first minutes of the 5th.
    let ids = rate_days(
        &data,
        &[
            ("2026-02-28T23:30:00Z", "2026-03-01", "G3", &["C4"], 2),
            ("2026-03-02T07:15:00Z", "2026-03-02", "G1", &["C1", "C2"], 4),
            ("2026-03-03T07:20:00Z", "2026-03-03", "G2", &["C3"], 3),
            ("2026-03-03T16:40:00Z", "2026-03-03", "G5", &["C6"], 1),
            ("2026-03-04T22:30:00Z", "2026-03-04", "G4", &["C5"], 4),
            ("2026-03-04T23:10:00Z", "2026-03-05", "G6", &["C7"], 3),
        ],
    );
    let days = [
        "2026-03-01",
        "2026-03-02",
        "2026-03-03",
        "2026-03-03",
        "2026-03-04",
        "2026-03-05",
    ];
    let expect = |range: std::ops::Range<usize>| -> Vec<(String, String)> {
        range
            .map(|i| (ids[i].clone(), days[i].to_owned()))
            .collect()
    };
    assert_eq!(exported(&data, &[]), expect(0..6), "everything");
    assert_eq!(
        exported(&data, &["--from", "2026-03-02", "--to", "2026-03-04"]),
        expect(1..5),
        "both bounds inclusive, by the location's day"
    );
    assert_eq!(
        exported(&data, &["--from", "2026-03-03"]),
        expect(2..6),
        "from a day on"
    );
    assert_eq!(
        exported(&data, &["--to", "2026-03-01"]),
        expect(0..1),
        "up to a day"
    );
    assert_eq!(
        exported(&data, &["--from", "2026-03-03", "--to", "2026-03-03"]),
        expect(2..4),
        "one day"
    );
    assert_eq!(exported(&data, &["--from", "2026-03-06"]), expect(0..0));
    assert_eq!(
        exported(&data, &["--from", "2026-03-04", "--to", "2026-03-02"]),
        expect(0..0),
        "an empty range"
    );
}
