//! Privacy on the command line: retention, a family's export, and an erasure that
//! leaves no trace of the family's names in the database files.

use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
use welkom_store::{NewFollowUp, NewRating, NewVisit, Privacy, Store};

/// Invented families. Xandrijn brings Yzolde alone, and Wout together with Ruud;
/// Femke has no PIN yet, so the import writes an issued-PIN file.
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;child_last_name;group
GX1;Xandrijn;Quobelaar;4826;CX1;Yzolde;Quobelaar;Vlinders
GX1;Xandrijn;Quobelaar;4826;CX2;Wout;Tielemans;Rupsen
GX2;Ruud;Tielemans;7391;CX2;Wout;Tielemans;Rupsen
GX3;Femke;Dijkhuis;;CX3;Lotte;Dijkhuis;Kikkers
";

/// The names that must leave no trace.
const ERASED_NAMES: [&str; 3] = ["Xandrijn", "Yzolde", "Quobelaar"];

fn welkom(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_welkom"))
        .args(args)
        .env("WELKOM_DATA_DIR", data)
        .env("WELKOM_LOG", "info")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn import(dir: &Path, data: &Path) {
    let roster = dir.join("roster.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    let out = welkom(data, &["import-roster", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Records what guardians give, as the kiosk would.
struct Recorder {
    store: Store,
    taps: i64,
}

impl Recorder {
    fn open(data: &Path) -> Self {
        Self {
            store: Store::open(&data.join("welkom.sqlite")).unwrap(),
            taps: 0,
        }
    }

    fn rate(
        &mut self,
        guardian: &str,
        children: &[&str],
        date: Date,
        score: u8,
        privacy: Privacy,
    ) -> EventId {
        self.taps += 1;
        let at: Timestamp = format!("{date}T07:00:00Z").parse().unwrap();
        let at = at
            .checked_add(jiff::SignedDuration::from_secs(self.taps))
            .unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(guardian.into()),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: children.iter().map(|c| ChildId((*c).into())).collect(),
            at,
            local_date: date,
        };
        let rating = NewRating {
            id: EventId::new(),
            score,
            scale: Scale::Four,
            at,
            misuse: false,
            privacy,
            replaces: None,
        };
        self.store.record_rating(&visit, &rating).unwrap().id
    }

    fn talk(&mut self, rating: EventId, guardian: &str) {
        self.store
            .record_follow_up(&NewFollowUp {
                id: EventId::new(),
                rating_id: rating,
                reasons: vec!["handover".into()],
                talk_request: true,
                guardian_id: Some(GuardianId(guardian.into())),
                at: Timestamp::now(),
            })
            .unwrap();
    }
}

fn query_i64(data: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The anonymous statistic: ratings per day, moment, groups and face.
fn statistic(data: &Path) -> Vec<(String, String, String, i64, i64)> {
    let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT local_date, moment, groups, score, count(*) FROM ratings
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The raw bytes of every database file (the file, its -wal and -shm), by name.
fn database_files(data: &Path) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(data)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("welkom.sqlite"))
        .map(|name| {
            let bytes = std::fs::read(data.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Every id string anywhere in an export.
fn ids_in(value: &serde_json::Value, into: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            into.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| ids_in(v, into)),
        serde_json::Value::Object(members) => members.values().for_each(|v| ids_in(v, into)),
        _ => {}
    }
}

#[test]
fn erase_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(dir.path(), &data);
    let monday: Date = "2026-03-02".parse().unwrap();
    let tuesday: Date = "2026-03-03".parse().unwrap();
    {
        let mut r = Recorder::open(&data);
        r.rate("GX1", &["CX1", "CX2"], monday, 4, Privacy::Linked);
        let low = r.rate("GX1", &["CX1"], tuesday, 1, Privacy::Linked);
        r.talk(low, "GX1");
        let anonymous = r.rate("GX1", &["CX1"], tuesday, 2, Privacy::Anonymous);
        r.talk(anonymous, "GX1");
        r.rate("GX2", &["CX2"], monday, 3, Privacy::Linked);
        r.rate("GX3", &["CX3"], monday, 4, Privacy::Linked);
        drop(r);
        // Staff notes are written by staff mode, not by the store's API: SQL it is.
        let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
        conn.execute(
            "INSERT INTO follow_up_notes (id, rating_id, staff_id, staff_name, note, at_unix_ms)
             VALUES (?1, ?2, NULL, 'Team Vlinders', ?3, 1)",
            (
                EventId::new().to_string(),
                low.to_string(),
                "Gesprek met Xandrijn Quobelaar over Yzolde: opgelost",
            ),
        )
        .unwrap();
        // Half of the events went upstream already.
        conn.execute(
            "UPDATE outbox SET sent_at = 1 WHERE seq <= (SELECT max(seq) / 2 FROM outbox)",
            [],
        )
        .unwrap();
    }
    let all_bytes: Vec<u8> = database_files(&data)
        .into_iter()
        .flat_map(|(_, b)| b)
        .collect();
    for name in ERASED_NAMES {
        assert!(
            holds(&all_bytes, name),
            "the test needs {name} stored first"
        );
    }
    let statistic_before = statistic(&data);
    let ratings_before = query_i64(&data, "SELECT count(*) FROM ratings");

    // The export lists everything held about the family, with names; never a PIN hash.
    let out = welkom(&data, &["family", "export", "--guardian-id", "GX1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(export["guardian"]["first_name"], "Xandrijn");
    assert_eq!(export["guardian"]["pin_set"], true);
    assert!(!text(&out.stdout).contains("pin_hash"));
    assert_eq!(export["ratings"].as_array().unwrap().len(), 3);
    assert_eq!(export["staff_notes"].as_array().unwrap().len(), 1);
    assert!(!export["outbox"].as_array().unwrap().is_empty());
    let mut exported = BTreeSet::new();
    ids_in(&export, &mut exported);

    // Without --yes nothing changes.
    let out = welkom(&data, &["family", "erase", "--guardian-id", "GX1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("--yes"), "{}", text(&out.stdout));
    assert_eq!(
        query_i64(&data, "SELECT count(*) FROM guardians WHERE id = 'GX1'"),
        1
    );

    // Another connection stays open (as the kiosk's would), so the -wal and -shm files
    // stay on disk to be read after the erasure.
    let watcher = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    let _: i64 = watcher
        .query_row("SELECT count(*) FROM guardians", [], |r| r.get(0))
        .unwrap();

    let out = welkom(&data, &["family", "erase", "--guardian-id", "GX1", "--yes"]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    for name in ERASED_NAMES {
        assert!(!stdout.contains(name), "no name in the output: {stdout}");
        assert!(!stderr.contains(name), "no name in the logs: {stderr}");
    }
    assert!(stdout.contains("roster"), "{stdout}");
    assert!(
        stdout.contains("children kept, because another guardian still brings them: 1"),
        "{stdout}"
    );

    // Everything the erasure lists by id, the export listed before.
    let kinds = ["child", "visit", "rating", "follow-up", "note", "event"];
    let mut listed = 0;
    for line in stdout.lines() {
        let mut words = line.split_whitespace();
        if let (Some(kind), Some(id), None) = (words.next(), words.next(), words.next())
            && line.starts_with("    ")
            && kinds.contains(&kind)
        {
            assert!(exported.contains(id), "{kind} {id} erased but not exported");
            listed += 1;
        }
    }
    assert!(listed >= 10, "the erasure lists what it removed: {stdout}");

    for (file, bytes) in database_files(&data) {
        for name in ERASED_NAMES {
            assert!(!holds(&bytes, name), "{name} is still in {file}");
        }
    }
    assert!(
        database_files(&data).len() >= 2,
        "the -wal and -shm files were checked too"
    );
    drop(watcher);

    assert_eq!(
        statistic(&data),
        statistic_before,
        "the statistic is unchanged"
    );
    assert_eq!(
        query_i64(&data, "SELECT count(*) FROM ratings"),
        ratings_before
    );
    assert_eq!(
        query_i64(&data, "SELECT count(*) FROM children WHERE id = 'CX2'"),
        1,
        "the shared child stays"
    );
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM ratings WHERE guardian_id IN ('GX2', 'GX3')"
        ),
        2,
        "other families keep their ratings"
    );
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM outbox WHERE type = 'nl.welkom.family.erased.v1'
             AND json_extract(data, '$.guardian_id') = 'GX1'
             AND json_extract(data, '$.child_ids') = json('[\"CX1\"]')"
        ),
        1,
        "the upstream is asked to erase too"
    );

    // Afterwards the family is unknown.
    let out = welkom(&data, &["family", "export", "--guardian-id", "GX1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unknown_guardian_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(dir.path(), &data);
    for args in [
        vec!["family", "export", "--guardian-id", "GX404"],
        vec!["family", "erase", "--guardian-id", "GX404", "--yes"],
    ] {
        let out = welkom(&data, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("'GX404'"), "the id is named: {err}");
        assert!(err.contains("guardian_id"), "says what to use: {err}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(query_i64(&data, "SELECT count(*) FROM guardians"), 3);
}

#[test]
fn retention_drops_old_links_and_keeps_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(dir.path(), &data);
    let long_ago: Date = "2020-01-06".parse().unwrap();
    let today = jiff::Zoned::now().date();
    {
        let mut r = Recorder::open(&data);
        let old = r.rate("GX2", &["CX2"], long_ago, 2, Privacy::Linked);
        r.talk(old, "GX2");
        r.rate("GX3", &["CX3"], long_ago, 4, Privacy::Linked);
        r.rate("GX3", &["CX3"], today, 3, Privacy::Linked);
    }
    let before = statistic(&data);

    let out = welkom(&data, &["retention", "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("ratings unlinked: 2"), "{stdout}");
    assert!(stdout.contains("Nothing was changed"), "{stdout}");
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM ratings WHERE guardian_id IS NOT NULL"
        ),
        3
    );

    let out = welkom(&data, &["retention"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("ratings unlinked: 2"), "{stdout}");
    assert!(stdout.contains("talk requests unlinked: 1"), "{stdout}");
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM ratings
             WHERE local_date = '2020-01-06' AND (guardian_id IS NOT NULL OR visit_id IS NOT NULL)"
        ),
        0,
        "past the limit: no link"
    );
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM ratings WHERE guardian_id = 'GX3' AND visit_id IS NOT NULL"
        ),
        1,
        "a newer rating keeps its link"
    );
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM visits WHERE local_date = '2020-01-06' AND guardian_id IS NOT NULL"
        ),
        0
    );
    assert_eq!(statistic(&data), before, "the counts per day are unchanged");
}

/// Invented families for the whole-directory check. Xandrijn has no PIN yet (so the
/// import issues one and writes it to an issued-PIN file), and neither has Femke, so
/// that file names both families.
const ROSTER_1252: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;child_last_name;group
GX1;Xandrijn;Quobelaar;;CX1;Yzold\u{eb};Quobelaar;Vlinders
GX1;Xandrijn;Quobelaar;;CX4;Ottoline;Quobelaar;Rupsen
GX2;Ruud;Tielemans;7391;CX2;Wout;Tielemans;Rupsen
GX3;Femke;Dijkhuis;;CX3;Lotte;Dijkhuis;Kikkers
";

/// Text as Windows-1252 (the names here are all in Latin-1).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 name"))
        .collect()
}

/// The ways a name can be written to a file: UTF-8, UTF-16 (both byte orders) and
/// Windows-1252.
fn encodings(name: &str) -> Vec<Vec<u8>> {
    vec![
        name.as_bytes().to_vec(),
        name.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        name.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        windows_1252(name),
    ]
}

/// Every file under a folder, at any depth, with its bytes.
fn every_file(folder: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(every_file(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            files.push((path, bytes));
        }
    }
    files
}

fn holds_bytes(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn erase_leaves_no_byte_of_the_family_names_anywhere_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // The roster lies in the data directory's import folder, as Dutch Excel saves it.
    let import = data.join("import");
    std::fs::create_dir_all(&import).unwrap();
    let roster = import.join("rooster.csv");
    std::fs::write(&roster, windows_1252(ROSTER_1252)).unwrap();
    let out = welkom(&data, &["import-roster", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let monday: Date = "2026-03-02".parse().unwrap();
    {
        let mut r = Recorder::open(&data);
        let low = r.rate("GX1", &["CX1", "CX4"], monday, 1, Privacy::Linked);
        r.talk(low, "GX1");
        let anonymous = r.rate("GX1", &["CX1"], monday, 2, Privacy::Anonymous);
        r.talk(anonymous, "GX1");
        let other = r.rate("GX2", &["CX2"], monday, 1, Privacy::Linked);
        r.rate("GX3", &["CX3"], monday, 4, Privacy::Linked);
        let at: Timestamp = "2026-03-02T15:00:00Z".parse().unwrap();
        let staff = r
            .store
            .add_staff("Anouk", welkom_store::StaffRole::Manager, "280461", at)
            .unwrap();
        r.store
            .mark_talked(
                low,
                &staff,
                "Gesprek met Xandrijn Quobelaar over Yzold\u{eb}",
                at,
            )
            .unwrap();
        r.store
            .mark_talked(other, &staff, "Ruud Tielemans gebeld", at)
            .unwrap();
        // A manager issued new PINs on the tablet and exported them into the data
        // directory (no USB stick was in).
        r.store.issue_pin(&GuardianId("GX1".into())).unwrap();
        r.store.issue_pin(&GuardianId("GX3".into())).unwrap();
        let pins = r.store.pins_to_export().unwrap();
        welkom::files::issued_pins::write_in(&data, &pins).unwrap();
        r.store.pins_exported(&pins).unwrap();
        // Xandrijn's PIN is issued once more and waits for the next export.
        r.store.issue_pin(&GuardianId("GX1".into())).unwrap();
        assert_eq!(r.store.pins_to_export_count().unwrap(), 1);
        // Some of the events went upstream already.
        r.store
            .mark_sent(&[1, 2, 3, 4, 5], Timestamp::now())
            .unwrap();
    }
    let pin_files = every_file(&data)
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("issued-pins-"))
        .count();
    assert_eq!(pin_files, 2, "the import's file and the tablet's export");

    let erased = ["Xandrijn", "Quobelaar", "Yzold\u{eb}", "Ottoline"];
    let kept = ["Ruud", "Tielemans", "Femke", "Dijkhuis", "Lotte", "Wout"];
    let everything: Vec<u8> = every_file(&data).into_iter().flat_map(|(_, b)| b).collect();
    for name in erased.iter().chain(&kept) {
        assert!(
            holds_bytes(&everything, name.as_bytes()),
            "the test needs {name} stored first"
        );
    }

    // Another connection stays open (as the kiosk's would), so the -wal and -shm files
    // stay on disk to be read after the erasure.
    let watcher = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    let _: i64 = watcher
        .query_row("SELECT count(*) FROM guardians", [], |r| r.get(0))
        .unwrap();
    let out = welkom(&data, &["family", "erase", "--guardian-id", "GX1", "--yes"]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("rooster.csv: 2 row(s) removed"), "{stdout}");
    assert!(stdout.contains("issued-pins-"), "{stdout}");

    let files = every_file(&data);
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.strip_prefix(&data).unwrap().display().to_string())
        .collect();
    assert!(
        names.iter().any(|n| n == "welkom.sqlite-wal")
            && names.iter().any(|n| n == "welkom.sqlite-shm"),
        "the -wal and -shm files were checked too: {names:?}"
    );
    for (path, bytes) in &files {
        for name in erased {
            for encoded in encodings(name) {
                assert!(
                    !holds_bytes(bytes, &encoded),
                    "{name} is still in {} ({encoded:?})",
                    path.display()
                );
            }
        }
    }
    drop(watcher);

    // The other families are still there, in the database and in the files.
    let everything: Vec<u8> = files.iter().flat_map(|(_, b)| b.clone()).collect();
    for name in kept {
        assert!(holds_bytes(&everything, name.as_bytes()), "{name} was kept");
    }
    let pin_files: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains("issued-pins-"))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    assert_eq!(
        pin_files.len(),
        2,
        "both files still name Femke: {pin_files:?}"
    );
    for file in &pin_files {
        assert!(file.contains("GX3;Femke;Dijkhuis;"), "{file}");
        assert!(!file.contains("GX1"), "{file}");
    }
    assert_eq!(
        std::fs::read(&roster).unwrap(),
        windows_1252(
            "guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;child_last_name;group\n\
             GX2;Ruud;Tielemans;7391;CX2;Wout;Tielemans;Rupsen\n\
             GX3;Femke;Dijkhuis;;CX3;Lotte;Dijkhuis;Kikkers\n"
        ),
        "the roster keeps the other families byte for byte"
    );
    assert_eq!(
        query_i64(&data, "SELECT count(*) FROM pins_to_export"),
        0,
        "the PIN waiting for export went with the family"
    );
    assert_eq!(
        query_i64(
            &data,
            "SELECT count(*) FROM follow_up_notes WHERE note = 'Ruud Tielemans gebeld'"
        ),
        1
    );
}
