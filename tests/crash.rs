//! Kill the kiosk with SIGKILL at random moments while ratings are being recorded:
//! every rating whose thank-you was shown must be in the database exactly once, and
//! the file must pass SQLite's integrity check.
//!
//! The parent test starts this same test binary as a child running `crash_child`,
//! which drives the real app (store on a real file) and prints the id of each rating
//! once its thank-you frame has been drawn.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::{build_app, import_roster_file};
use welkom::kiosk::{Action, Screen};

const KILLS: usize = 24;

#[test]
fn ratings_shown_survive_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, common::ROSTER).unwrap();
    {
        let clock = ManualClock::new(common::MONDAY_MORNING.parse().unwrap());
        let mut app = build_app(dir.path(), false, Arc::new(clock)).unwrap();
        let lang = app.kiosk.config.location.language.clone();
        import_roster_file(&mut app.kiosk.store, &roster, &lang)
            .unwrap()
            .unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    let mut shown: Vec<String> = Vec::new();
    let mut seed: u64 = 0x5eed_1234;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "crash_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("WELKOM_CRASH_DIR", dir.path())
            .env("WELKOM_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("SHOWN ") {
                    let _ = tx.send(id.to_owned());
                }
            }
        });
        // Wait until the child is recording, then kill it after a random moment.
        let started = Instant::now();
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("child records ratings");
        shown.push(first);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 250));
        child.kill().unwrap(); // SIGKILL on Unix
        let _ = child.wait();
        reader.join().unwrap();
        shown.extend(rx.try_iter());
        assert!(started.elapsed() < Duration::from_secs(90));
    }
    assert!(shown.len() > KILLS, "ratings were recorded between kills");
    let conn = rusqlite::Connection::open(dir.path().join("welkom.sqlite")).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    for id in &shown {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM ratings WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "rating {id} shown but stored {n} times");
        let queued: i64 = conn
            .query_row(
                "SELECT count(*) FROM outbox WHERE event_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(queued, 1, "rating {id} has its outbox event");
    }
    eprintln!(
        "{} ratings shown across {KILLS} kills, all stored once",
        shown.len()
    );
}

/// The child: records ratings in a loop until killed.
#[test]
#[ignore = "run by ratings_shown_survive_sigkill_exactly_once"]
fn crash_child() {
    let Some(dir) = std::env::var_os("WELKOM_CRASH_DIR") else {
        return;
    };
    let round: i64 = std::env::var("WELKOM_CRASH_ROUND")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let start: jiff::Timestamp = common::MONDAY_MORNING.parse().unwrap();
    let clock = ManualClock::new(start + jiff::SignedDuration::from_hours(round * 24));
    let app = build_app(std::path::Path::new(&dir), false, Arc::new(clock.clone())).unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut WelkomApp| app.show(ui), app);
    harness.run();
    let pins = ["4826", "7391", "3917", "6048", "5173", "8152"];
    let faces = ["Top", "Goed", "Matig", "Niet goed"];
    let mut stdout = std::io::stdout();
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
            _ => continue,
        };
        if !label.is_empty() {
            harness.get_by_label(&label).click();
        }
        harness.run();
        if let Screen::ThankYou(t) = harness.state().kiosk.screen() {
            // The thank-you frame has been drawn: say so.
            let _ = writeln!(stdout, "SHOWN {}", t.rating_id);
            let _ = stdout.flush();
        }
        clock.advance(Duration::from_secs(2));
        harness.state_mut().kiosk.handle(Action::Done);
        harness.run();
    }
}
