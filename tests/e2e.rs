//! End to end: the real binary in a virtual display. A roster is imported, a PIN is
//! typed on the keyboard, the greeting with the guardian's name appears (read back
//! from a screenshot), a face is tapped, `welkom export` shows the rating, and a
//! second visit of the same family is a pick-up, and a badge typed by a reader (a fast
//! burst ending in Enter) greets its guardian and stores the visit.
//!
//! Needs Xvfb, xdotool, ImageMagick's `import` and tesseract (`.ci/run` installs
//! them), so it is ignored by a plain `cargo test`; run it with
//! `cargo test --test e2e -- --include-ignored`, where a missing tool fails it with
//! the install hint.

mod common;

use common::display;
use common::screen_words::{wait_for_word, xdotool};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn need(tool: &str) {
    display::need(tool, "end-to-end test", INSTALL);
}

/// The Debian packages the test needs.
const INSTALL: &str = "xvfb xdotool imagemagick tesseract-ocr tesseract-ocr-eng";

/// Emma's badge, as the demo's badge reader types it.
const BADGE: &str = "04A7F2C1";

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_welkom"))
}

fn export(data_dir: &Path) -> String {
    let out = Command::new(binary())
        .args([
            "--data-dir",
            data_dir.to_str().unwrap(),
            "export",
            "ratings",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs Xvfb, xdotool, ImageMagick and tesseract: apt-get install xvfb xdotool imagemagick tesseract-ocr tesseract-ocr-eng"]
fn pin_greeting_face_export_a_second_visit_and_a_badge() {
    for tool in ["Xvfb", "xdotool", "import", "tesseract"] {
        need(tool);
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // Pin the moment windows so the test does not depend on the hour it runs at.
    std::fs::write(
        data.join("welkom.toml"),
        "[moments]\npick_up_from = \"23:59\"\n[timeouts]\nthank_you_secs = 10\n\
         [opening_hours]\nopen = \"00:00\"\nclose = \"23:59\"\n\
         days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n",
    )
    .unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        common::ROSTER.replace(";3917;;C4;", &format!(";3917;{BADGE};C4;")),
    )
    .unwrap();
    let import = Command::new(binary())
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "import-roster",
            roster.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    let (display, mut running) = display::start_xvfb();
    running.0.push(
        Command::new(binary())
            .args(["--data-dir", data.to_str().unwrap(), "--windowed"])
            .env("DISPLAY", &display)
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("WELKOM_LOG", "info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("kiosk.log")).unwrap())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let window = loop {
        let found = xdotool(&display, &["search", "--name", "Welkom"]);
        if let Some(id) = found.lines().next() {
            break id.to_owned();
        }
        assert!(Instant::now() < deadline, "the kiosk window did not appear");
        std::thread::sleep(Duration::from_millis(200));
    };
    xdotool(&display, &["windowmove", &window, "0", "0"]);
    let shot = dir.path().join("screen.png");
    wait_for_word(&display, &shot, "Wissen");
    // There is no window manager: give the kiosk the keyboard focus ourselves.
    xdotool(&display, &["mousemove", "640", "400"]);
    xdotool(&display, &["windowfocus", &window]);

    // First visit: type the PIN on the keyboard, as at a hardware keypad.
    xdotool(&display, &["type", "--delay", "250", "4826"]);
    xdotool(&display, &["key", "Return"]);
    wait_for_word(&display, &shot, "Sanne");
    let (x, y) = wait_for_word(&display, &shot, "Goed");
    xdotool(
        &display,
        &[
            "mousemove",
            &x.to_string(),
            &(y - 60).to_string(),
            "click",
            "1",
        ],
    );
    wait_for_word(&display, &shot, "Dank");

    let csv = export(&data);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(
        rows[0].contains(",drop_off,3,4,G1,Sanne de Vries,"),
        "{csv}"
    );

    // Second visit, after the thank-you has gone: a pick-up.
    wait_for_word(&display, &shot, "Wissen");
    xdotool(&display, &["type", "--delay", "250", "4826"]);
    xdotool(&display, &["key", "Return"]);
    wait_for_word(&display, &shot, "ophalen");
    let (x, y) = wait_for_word(&display, &shot, "Matig");
    xdotool(
        &display,
        &[
            "mousemove",
            &x.to_string(),
            &(y - 60).to_string(),
            "click",
            "1",
        ],
    );
    wait_for_word(&display, &shot, "Dank");
    let csv = export(&data);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].contains(",pick_up,2,4,G1,Sanne de Vries,"), "{csv}");

    // A badge reader types the code in one fast burst and ends with Enter.
    wait_for_word(&display, &shot, "Wissen");
    // One xdotool command for the whole burst: characters 1 ms apart, then Enter.
    let mut burst = vec!["key", "--delay", "1"];
    let keys: Vec<String> = BADGE.chars().map(String::from).collect();
    burst.extend(keys.iter().map(String::as_str));
    burst.push("Return");
    // A reader is hardware and never pauses mid-burst; xdotool is a process that a
    // busy machine may pause for longer than a burst allows, so it runs first in line.
    let status = Command::new("nice")
        .args(["-n", "-15", "xdotool"])
        .args(&burst)
        .env("DISPLAY", &display)
        .status()
        .unwrap();
    assert!(status.success(), "xdotool: {status}");
    if std::panic::catch_unwind(|| wait_for_word(&display, &shot, "Emma")).is_err() {
        let log = std::fs::read_to_string(dir.path().join("kiosk.log")).unwrap_or_default();
        let kiosk: Vec<&str> = log.lines().filter(|l| l.contains("welkom")).collect();
        panic!(
            "the badge did not greet Emma; the kiosk logged:\n{}",
            kiosk.join("\n")
        );
    }
    // "Great", not "Good": the greeting says "Good morning".
    let (x, y) = wait_for_word(&display, &shot, "Great");
    xdotool(
        &display,
        &[
            "mousemove",
            &x.to_string(),
            &(y - 60).to_string(),
            "click",
            "1",
        ],
    );
    // The thank-you may come and go between two screenshots: read the store.
    let deadline = Instant::now() + Duration::from_secs(30);
    let csv = loop {
        let csv = export(&data);
        if csv.lines().count() > 3 || Instant::now() > deadline {
            break csv;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[2].contains(",drop_off,4,4,G3,Emma Bakker,Noah,"),
        "{csv}"
    );
    let conn = rusqlite::Connection::open(data.join("welkom.sqlite")).unwrap();
    let visits: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits v JOIN visit_children c ON c.visit_id = v.id \
             WHERE v.guardian_id = 'G3' AND c.child_id = 'C4'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(visits, 1, "the badge's visit is stored with Noah");
}
