//! End to end: the real binary in a virtual display, started on an empty data
//! directory. The set-up opens; the location's name and the manager's PIN are typed
//! (on a keyboard, as an installer with a USB keyboard would; the on-screen keys are
//! covered by tests/setup.rs), the roster comes from a folder standing in for a USB
//! stick (`WELKOM_MEDIA_ROOTS`), then the welcome screen greets a parent by PIN, a face
//! is tapped, and `welkom export` shows the rating stored.
//!
//! Needs Xvfb, xdotool, ImageMagick's `import` and tesseract (`.ci/run` installs
//! them), so it is ignored by a plain `cargo test`; run it with
//! `cargo test --test setup_e2e -- --include-ignored`, where a missing tool fails it
//! with the install hint.

mod common;

use common::display;
use common::screen_words::{wait_for_word, xdotool};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Debian packages the test needs.
const INSTALL: &str = "xvfb xdotool imagemagick tesseract-ocr tesseract-ocr-eng";

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_welkom"))
}

fn click(display: &str, (x, y): (i32, i32)) {
    xdotool(
        display,
        &["mousemove", &x.to_string(), &y.to_string(), "click", "1"],
    );
}

fn type_keys(display: &str, text: &str) {
    xdotool(display, &["type", "--delay", "120", text]);
}

fn enter(display: &str) {
    xdotool(display, &["key", "Return"]);
}

#[test]
#[ignore = "needs Xvfb, xdotool, ImageMagick and tesseract: apt-get install xvfb xdotool imagemagick tesseract-ocr tesseract-ocr-eng"]
fn from_an_empty_data_directory_through_the_setup_to_a_stored_rating() {
    for tool in ["Xvfb", "xdotool", "import", "tesseract"] {
        display::need(tool, "set-up's end-to-end test", INSTALL);
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let media = dir.path().join("media");
    let stick = media.join("STICK");
    std::fs::create_dir_all(&stick).unwrap();
    std::fs::write(stick.join("rooster.csv"), common::ROSTER).unwrap();

    let (display, mut running) = display::start_xvfb();
    running.0.push(
        Command::new(binary())
            .args(["--data-dir", data.to_str().unwrap(), "--windowed"])
            .env("DISPLAY", &display)
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("WELKOM_LOG", "info")
            .env("WELKOM_MEDIA_ROOTS", &media)
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

    // Step 1: the name. There is no window manager: give the kiosk the focus.
    wait_for_word(&display, &shot, "Volgende");
    xdotool(&display, &["mousemove", "640", "780"]);
    xdotool(&display, &["windowfocus", &window]);
    type_keys(&display, "De Boomhut");
    enter(&display);

    // Step 2: the manager's PIN, twice.
    wait_for_word(&display, &shot, "beheerder");
    type_keys(&display, "280461");
    enter(&display);
    wait_for_word(&display, &shot, "dezelfde");
    type_keys(&display, "280461");
    enter(&display);

    // Step 3: the roster from the "USB stick"; the only file is chosen.
    let usb = wait_for_word(&display, &shot, "USB-stick");
    click(&display, usb);
    let import = wait_for_word(&display, &shot, "importeren");
    click(&display, import);
    wait_for_word(&display, &shot, "Ouders");
    enter(&display);
    let done = wait_for_word(&display, &shot, "welkomstscherm");
    click(&display, done);

    // The welcome screen greets a parent of the roster; a face is tapped.
    wait_for_word(&display, &shot, "Boomhut");
    wait_for_word(&display, &shot, "Wissen");
    type_keys(&display, "4826");
    enter(&display);
    wait_for_word(&display, &shot, "Sanne");
    let (x, y) = wait_for_word(&display, &shot, "Goed");
    click(&display, (x, y - 60));
    wait_for_word(&display, &shot, "Dank");

    let out = Command::new(binary())
        .args([
            "--data-dir",
            data.to_str().unwrap(),
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
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains(",3,4,G1,Sanne de Vries,"), "{csv}");
    assert!(!data.join("setup-unfinished").exists());
    let config = std::fs::read_to_string(data.join("welkom.toml")).unwrap();
    assert!(config.contains("name = \"De Boomhut\""), "{config}");
}
