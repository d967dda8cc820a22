//! Kill the kiosk with SIGKILL at random moments: while it migrates a database from
//! the first schema, while it starts, and while ratings are being recorded. After
//! every kill the file passes SQLite's integrity check, nothing is half-written (no
//! rating without its visit, no visit without its children, nothing without its
//! outbox event), the old rows are all there, and every rating whose thank-you was
//! shown is stored exactly once with its visit and that visit's children. A rating
//! the kiosk could not save fails the test.
//!
//! The parent test starts this same test binary as a child running `crash_child`,
//! which drives the real app (store on a real file). In the mode `rate` it prints
//! `SHOWN <rating> <visit> <children>` once a thank-you frame has been drawn; in the
//! mode `start` it prints `READY` once the app is built.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::{build_app, import_roster_file};
use welkom::kiosk::{Action, Notice, Screen};

/// Kills while the first schema is migrated.
const MIGRATION_KILLS: usize = 12;
/// Kills while the kiosk starts on a current database.
const START_KILLS: usize = 12;
/// Kills while ratings are recorded.
const RATING_KILLS: usize = 24;
/// Rows of each kind in the database at the first schema.
const OLD_ROWS: usize = 20_000;

/// A rating whose thank-you was shown: its id, its visit and the visit's children.
#[derive(Debug, Clone)]
struct Shown {
    rating: String,
    visit: String,
    children: BTreeSet<String>,
}

/// What a child printed before it was killed.
struct Run {
    shown: Vec<Shown>,
    ready: bool,
}

/// A small xorshift, so each run kills at the same moments.
struct Delays(u64);

impl Delays {
    fn next_ms(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

/// Starts a child in `mode`; kills it `delay` after it started (`after_first_shown`:
/// after its first thank-you), or lets it reach `READY` when `delay` is `None`.
/// A child that ends on its own (it panics when a save fails) fails the test.
fn run_child(
    dir: &Path,
    mode: &str,
    round: usize,
    delay: Option<Duration>,
    after_first_shown: bool,
) -> Run {
    let exe = std::env::current_exe().unwrap();
    let stderr_file = dir.join(format!("child-{mode}-{round}.stderr"));
    let mut child = Command::new(&exe)
        .args([
            "crash_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("WELKOM_CRASH_DIR", dir)
        .env("WELKOM_CRASH_MODE", mode)
        .env("WELKOM_CRASH_ROUND", round.to_string())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_file).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    let failed = |lines: &[String], what: &str| -> ! {
        panic!(
            "the kiosk ({mode}, round {round}) {what}; it printed {lines:?} and said:\n{}",
            std::fs::read_to_string(&stderr_file).unwrap_or_default()
        )
    };
    let deadline = started + Duration::from_secs(90);
    let kill_at = match (delay, after_first_shown) {
        (None, _) => None,
        (Some(delay), false) => Some(started + delay),
        (Some(delay), true) => loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    let first = line.contains("SHOWN ");
                    lines.push(line);
                    if first {
                        break Some(Instant::now() + delay);
                    }
                }
                Err(_) if Instant::now() > deadline => failed(&lines, "recorded no rating"),
                Err(_) => {
                    if let Ok(Some(status)) = child.try_wait() {
                        failed(&lines, &format!("ended on its own ({status})"));
                    }
                }
            }
        },
    };
    loop {
        if let Some(at) = kill_at
            && Instant::now() >= at
        {
            break;
        }
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(1)) {
            let ready = line.ends_with("READY");
            lines.push(line);
            if ready && kill_at.is_none() {
                break;
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            lines.extend(rx.try_iter());
            failed(&lines, &format!("ended on its own ({status})"));
        }
        assert!(Instant::now() < deadline, "round {round} took too long");
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let _ = child.wait();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    if lines.iter().any(|l| l.contains("FAILED ")) {
        failed(&lines, "could not save");
    }
    Run {
        ready: lines.iter().any(|l| l.ends_with("READY")),
        // libtest may print "test crash_child ... " before the child's first line.
        shown: lines
            .iter()
            .filter_map(|l| l.split_once("SHOWN ").map(|(_, rest)| rest))
            .map(|rest| {
                let mut parts = rest.split(' ');
                Shown {
                    rating: parts.next().unwrap_or_default().to_owned(),
                    visit: parts.next().unwrap_or_default().to_owned(),
                    children: parts
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned)
                        .collect(),
                }
            })
            .collect(),
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The schema version this build's store produces: one per migration file.
fn latest_schema() -> i64 {
    std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/store/migrations"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".sql"))
        .count() as i64
}

/// The file after a kill: intact, the old rows all there, nothing half-written, and
/// every shown rating stored once with its visit and children.
fn check_file(dir: &Path, shown: &[Shown], when: &str) {
    let conn = Connection::open(dir.join("welkom.sqlite")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{when}");
    let version = count(&conn, "PRAGMA user_version");
    assert!(
        (1..=latest_schema()).contains(&version),
        "{when}: {version}"
    );
    for table in ["visits", "ratings", "visit_children"] {
        let old = count(
            &conn,
            &format!("SELECT count(*) FROM {table} WHERE {}", old_row(table)),
        );
        assert_eq!(old, OLD_ROWS as i64, "{when}: the old {table} rows");
    }
    let orphans = [
        (
            "a rating without its visit",
            "SELECT count(*) FROM ratings r WHERE r.visit_id IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = r.visit_id)",
        ),
        (
            "a visit without children",
            "SELECT count(*) FROM visits v \
             WHERE NOT EXISTS (SELECT 1 FROM visit_children c WHERE c.visit_id = v.id)",
        ),
        (
            "a child of no visit",
            "SELECT count(*) FROM visit_children c \
             WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = c.visit_id)",
        ),
        (
            "a new visit without its outbox event",
            "SELECT count(*) FROM visits v WHERE v.id NOT LIKE 'old-%' \
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = v.id)",
        ),
        (
            "a new rating without its outbox event",
            "SELECT count(*) FROM ratings r WHERE r.id NOT LIKE 'old-%' \
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = r.id)",
        ),
    ];
    for (what, sql) in orphans {
        assert_eq!(count(&conn, sql), 0, "{when}: {what}");
    }
    for s in shown {
        let (n, visit): (i64, Option<String>) = conn
            .query_row(
                "SELECT count(*), max(visit_id) FROM ratings WHERE id = ?1",
                [&s.rating],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(n, 1, "{when}: rating {} shown, stored {n} times", s.rating);
        assert_eq!(
            visit.as_deref(),
            Some(s.visit.as_str()),
            "{when}: its visit"
        );
        let children: BTreeSet<String> = conn
            .prepare("SELECT child_id FROM visit_children WHERE visit_id = ?1")
            .unwrap()
            .query_map([&s.visit], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(children, s.children, "{when}: the children of {}", s.visit);
        assert!(!children.is_empty(), "{when}: a visit covers a child");
        for event in [&s.rating, &s.visit] {
            let queued: i64 = conn
                .query_row(
                    "SELECT count(*) FROM outbox WHERE event_id = ?1",
                    [event],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(queued, 1, "{when}: {event} has its outbox event");
        }
    }
}

/// Which rows of a table were written at the first schema.
fn old_row(table: &str) -> &'static str {
    match table {
        "visit_children" => "visit_id LIKE 'old-%'",
        _ => "id LIKE 'old-%'",
    }
}

/// A database at schema version 1 with `OLD_ROWS` visits, each with a child and a
/// rating: what a kiosk of the first release left behind.
fn first_schema_database(dir: &Path) {
    let mut conn = Connection::open(dir.join("welkom.sqlite")).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute_batch(include_str!("../crates/store/migrations/0001_initial.sql"))
        .unwrap();
    tx.pragma_update(None, "user_version", 1).unwrap();
    {
        let mut visit = tx
            .prepare(
                "INSERT INTO visits (id, guardian_id, moment, at_unix_ms, local_date) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .unwrap();
        let mut child = tx
            .prepare("INSERT INTO visit_children (visit_id, child_id) VALUES (?1, ?2)")
            .unwrap();
        let mut rating = tx
            .prepare(
                "INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, \
                 local_date, score, scale) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 4)",
            )
            .unwrap();
        let start: i64 = 1_769_932_800_000; // 2026-02-01
        for i in 0..OLD_ROWS {
            let id = format!("old-visit-{i}");
            let guardian = format!("G{}", 1 + i % 6);
            let moment = if i % 2 == 0 { "drop_off" } else { "pick_up" };
            let at = start + (i as i64) * 60_000;
            let day = format!("2026-02-{:02}", 1 + (i / 1000) % 28);
            visit
                .execute(rusqlite::params![id, guardian, moment, at, day])
                .unwrap();
            child
                .execute(rusqlite::params![id, format!("C{}", 1 + i % 7)])
                .unwrap();
            rating
                .execute(rusqlite::params![
                    format!("old-rating-{i}"),
                    id,
                    guardian,
                    moment,
                    at + 30_000,
                    day,
                    1 + (i % 4) as i64
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// How long a child takes from its start to `READY`.
fn time_to_ready(dir: &Path, round: usize) -> Duration {
    let started = Instant::now();
    let run = run_child(dir, "start", round, None, false);
    assert!(run.ready);
    started.elapsed()
}

#[test]
fn kills_in_migration_start_up_and_rating_lose_and_half_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut delays = Delays(0x5eed_1234);

    // The first schema, migrated by a kiosk that is killed at random moments.
    first_schema_database(data);
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(
        data.join("welkom.sqlite"),
        scratch.path().join("welkom.sqlite"),
    )
    .unwrap();
    let migrating = time_to_ready(scratch.path(), 0);
    let mut versions = BTreeSet::new();
    for round in 0..MIGRATION_KILLS {
        let delay = Duration::from_millis(delays.next_ms(migrating.as_millis() as u64));
        run_child(data, "start", round, Some(delay), false);
        check_file(
            data,
            &[],
            &format!("killed {delay:?} into migration {round}"),
        );
        let conn = Connection::open(data.join("welkom.sqlite")).unwrap();
        versions.insert(count(&conn, "PRAGMA user_version"));
    }
    eprintln!("migration kills left schema versions {versions:?}");
    assert!(time_to_ready(data, 0) < Duration::from_secs(60));
    let conn = Connection::open(data.join("welkom.sqlite")).unwrap();
    assert_eq!(count(&conn, "PRAGMA user_version"), latest_schema());
    drop(conn);
    check_file(data, &[], "after the migration finished");

    // The roster, then kills while the kiosk starts.
    let roster = data.join("roster.csv");
    std::fs::write(&roster, common::ROSTER).unwrap();
    {
        let clock = ManualClock::new(common::MONDAY_MORNING.parse().unwrap());
        let mut app = build_app(data, false, Arc::new(clock)).unwrap();
        let lang = app.kiosk.config.location.language.clone();
        import_roster_file(&mut app.kiosk.store, &roster, &lang)
            .unwrap()
            .unwrap();
    }
    let starting = time_to_ready(data, 0);
    let mut shown: Vec<Shown> = Vec::new();
    for round in 0..START_KILLS {
        // Rate mode: a kill late enough catches the first ratings too.
        let delay = Duration::from_millis(delays.next_ms(2 * starting.as_millis() as u64));
        let run = run_child(data, "rate", round, Some(delay), false);
        shown.extend(run.shown);
        check_file(
            data,
            &shown,
            &format!("killed {delay:?} into start {round}"),
        );
    }

    // Kills while ratings are recorded.
    let before = shown.len();
    for round in START_KILLS..START_KILLS + RATING_KILLS {
        let delay = Duration::from_millis(5 + delays.next_ms(250));
        let run = run_child(data, "rate", round, Some(delay), true);
        assert!(!run.shown.is_empty());
        shown.extend(run.shown);
        check_file(
            data,
            &shown,
            &format!("killed {delay:?} into rating {round}"),
        );
    }
    assert!(
        shown.len() - before > RATING_KILLS,
        "ratings were recorded between kills"
    );
    eprintln!(
        "{} ratings shown across {} kills, all stored once with their visits and children; \
         migration took {migrating:?}, start {starting:?}",
        shown.len(),
        MIGRATION_KILLS + START_KILLS + RATING_KILLS
    );
}

/// The child: builds the app on the data directory, and in the mode `rate` records
/// ratings in a loop until killed. A PIN that does not lead to the faces, or a face
/// that does not lead to the thank-you, ends it with `FAILED` and a panic.
#[test]
#[ignore = "run by kills_in_migration_start_up_and_rating_lose_and_half_write_nothing"]
fn crash_child() {
    let Some(dir) = std::env::var_os("WELKOM_CRASH_DIR") else {
        return;
    };
    let mode = std::env::var("WELKOM_CRASH_MODE").unwrap_or_default();
    let round: i64 = std::env::var("WELKOM_CRASH_ROUND")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let start: jiff::Timestamp = common::MONDAY_MORNING.parse().unwrap();
    let clock = ManualClock::new(start + jiff::SignedDuration::from_hours(round * 24));
    let app = build_app(std::path::Path::new(&dir), false, Arc::new(clock.clone())).unwrap();
    let mut stdout = std::io::stdout();
    if mode == "start" {
        let _ = writeln!(stdout, "READY");
        let _ = stdout.flush();
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut WelkomApp| app.show(ui), app);
    harness.run();
    let pins = ["4826", "7391", "3917", "6048", "5173", "8152"];
    let faces = ["Top", "Goed", "Matig", "Niet goed"];
    for i in 0.. {
        let pin = pins[i % pins.len()];
        for d in pin.chars() {
            harness.state_mut().kiosk.handle(Action::Digit(d));
        }
        harness.state_mut().kiosk.handle(Action::SubmitPin);
        harness.run();
        let score = 4 - (i % 4) as u8;
        let face = faces[(4 - score) as usize];
        // The tap goes through the screen, as a parent's would.
        let label = match harness.state().kiosk.screen() {
            Screen::Rate(v) if v.family.guardian.language.as_str() == "nl" => face.to_owned(),
            Screen::Rate(_) => {
                harness.state_mut().kiosk.handle(Action::Rate(score));
                String::new()
            }
            other => fail(format!("PIN {pin} led to {other:?}, not the faces")),
        };
        if !label.is_empty() {
            harness.get_by_label(&label).click();
        }
        harness.run();
        match harness.state().kiosk.screen() {
            Screen::ThankYou(t) => {
                // The thank-you frame has been drawn: say so.
                let children: Vec<&str> = t
                    .visit
                    .visit
                    .children
                    .iter()
                    .map(|c| c.0.as_str())
                    .collect();
                let _ = writeln!(
                    stdout,
                    "SHOWN {} {} {}",
                    t.rating_id,
                    t.visit.visit.id,
                    children.join(",")
                );
                let _ = stdout.flush();
            }
            Screen::Welcome(w) if w.notice == Some(Notice::SaveFailed) => {
                fail(format!("the rating of PIN {pin} could not be saved"))
            }
            other => fail(format!("a face led to {other:?}, not the thank-you")),
        }
        clock.advance(Duration::from_secs(2));
        harness.state_mut().kiosk.handle(Action::Done);
        harness.run();
    }
}

/// Says on standard output that the child failed (the parent reads it), then panics.
fn fail(what: String) -> ! {
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "FAILED {what}");
    let _ = stdout.flush();
    panic!("{what}");
}
