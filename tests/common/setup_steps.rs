//! Driving the first start's set-up through the screen, as the person who hangs the
//! tablet would.

use super::{MONDAY_MORNING, TestKiosk};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::build_app;
use welkom::setup::{Setup, SetupNotice, Step};

/// The manager's PIN chosen in these tests.
pub const PIN: &str = "280461";

/// A kiosk started on an empty data directory (or on `dir` as it is), its "USB
/// sticks" mounted under `dir/media`.
pub fn started(dir: tempfile::TempDir, size: egui::Vec2) -> (TestKiosk, PathBuf) {
    let clock = ManualClock::new(MONDAY_MORNING.parse().unwrap());
    let mut app = build_app(dir.path(), false, Arc::new(clock.clone())).unwrap();
    let media = dir.path().join("media");
    let stick = media.join("STICK");
    std::fs::create_dir_all(&stick).unwrap();
    app.kiosk.set_media_roots(vec![media]);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut WelkomApp| app.show(ui), app);
    harness.run();
    (
        TestKiosk {
            harness,
            clock,
            dir,
        },
        stick,
    )
}

/// A kiosk started on an empty data directory at 1280×800.
pub fn fresh() -> (TestKiosk, PathBuf) {
    started(tempfile::tempdir().unwrap(), egui::vec2(1280.0, 800.0))
}

/// The set-up shown (it fails the test when none is).
pub fn setup(k: &TestKiosk) -> &Setup {
    k.harness.state().setup().expect("the set-up is shown")
}

/// The step shown.
pub fn step(k: &TestKiosk) -> Step {
    setup(k).step
}

/// The notice shown.
pub fn notice(k: &TestKiosk) -> Option<SetupNotice> {
    setup(k).notice.clone()
}

/// Types on the on-screen keyboard as a person would: the shift key for a capital
/// (or to leave capitals), the accents' layer for an accented letter.
pub fn type_text(k: &mut TestKiosk, text: &str) {
    for c in text.chars() {
        if c == ' ' {
            k.tap("spatie");
            continue;
        }
        let accented = !c.is_ascii();
        if accented {
            k.tap("Letters met accenten");
        }
        if c.is_alphabetic() && setup(k).shift != c.is_uppercase() {
            k.tap("Hoofdletter");
        }
        k.tap(&c.to_string());
        if accented {
            k.tap("Gewone letters");
        }
    }
}

/// Types a PIN on the set-up's PIN pad and taps OK.
pub fn type_pin(k: &mut TestKiosk, pin: &str) {
    for digit in pin.chars() {
        k.tap(&digit.to_string());
    }
    k.tap("OK");
}

/// Name and PIN done: at the choice.
pub fn through_name_and_pin(k: &mut TestKiosk) {
    type_text(k, "De Boomhut");
    k.tap("Volgende");
    type_pin(k, PIN);
    type_pin(k, PIN);
    assert_eq!(step(k), Step::Choice);
}

/// Taps a button that starts work on another thread (a spinner turns meanwhile) and
/// waits for it.
pub fn tap_and_wait(k: &mut TestKiosk, label: &str) {
    k.harness.get_by_label(label).click();
    settle(k);
}

/// Waits (in real time) for work on the set-up's threads.
pub fn settle(k: &mut TestKiosk) {
    for _ in 0..1000 {
        k.harness.step();
        if k.harness.state().setup().is_none_or(|s| !s.busy()) {
            k.harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the set-up's work did not finish");
}
