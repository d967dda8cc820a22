//! A kiosk on a real SQLite file in a temporary directory, with a pinned clock.
#![allow(dead_code)]

pub mod display;
pub mod rated_visits;
pub mod screen_words;
pub mod setup_steps;
pub mod tls_hub;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::Timestamp;
use std::sync::Arc;
use std::time::Duration;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::{build_app, import_roster_file};
use welkom::kiosk::Screen;
use welkom_store::{RatingRow, StaffRole};

/// An invented roster: a family with two children (Daan's birthday is 2 March), a
/// first day, a last day, and guardians in five languages.
pub const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;badge;child_id;child_first_name;child_last_name;group;birth_date;start_date;end_date
G1;Sanne;de Vries;nl;4826;BADGE0001;C1;Daan;de Vries;Vlinders;2023-03-02;2024-01-08;
G1;Sanne;de Vries;nl;4826;BADGE0001;C2;Fleur;de Vries;Rupsen;2025-01-10;2025-06-01;
G2;Ümit;Yılmaz;tr;7391;;C3;Elif;Yılmaz;Rupsen;2025-02-01;2026-03-02;
G3;Emma;Bakker;en;3917;;C4;Noah;Bakker;Kikkers;2022-05-05;2024-01-01;
G4;Piotr;Nowak;pl;6048;;C5;Zofia;Nowak;Kikkers;2021-07-07;2023-01-01;2026-03-02
G5;Olena;Kovalenko;uk;5173;;C6;Sofiia;Kovalenko;Vlinders;2023-09-09;2024-01-01;
G6;Joost;Visser;nl;8152;;C7;Mila;Visser;Vlinders;2023-11-11;2024-01-01;
";

/// Monday 2 March 2026, 08:15 in Amsterdam.
pub const MONDAY_MORNING: &str = "2026-03-02T07:15:00Z";

/// A running kiosk for a test.
pub struct TestKiosk {
    /// The harness around the app.
    pub harness: Harness<'static, WelkomApp>,
    /// The pinned clock.
    pub clock: ManualClock,
    /// The data directory (kept alive for the test).
    pub dir: tempfile::TempDir,
}

/// A kiosk with the test roster, an extra configuration, at a time, 1280×800.
pub fn kiosk(config: &str, now: &str) -> TestKiosk {
    kiosk_sized(config, now, egui::vec2(1280.0, 800.0))
}

/// The same at a given screen size.
pub fn kiosk_sized(config: &str, now: &str, size: egui::Vec2) -> TestKiosk {
    kiosk_in(tempfile::tempdir().unwrap(), config, now, size)
}

/// The same with this data directory.
pub fn kiosk_in(dir: tempfile::TempDir, config: &str, now: &str, size: egui::Vec2) -> TestKiosk {
    kiosk_with_roster(dir, config, ROSTER, now, size)
}

/// A kiosk in this data directory with this configuration and a roster of the
/// test's own (CSV), imported, at a time and a screen size.
pub fn kiosk_with_roster(
    dir: tempfile::TempDir,
    config: &str,
    roster: &str,
    now: &str,
    size: egui::Vec2,
) -> TestKiosk {
    std::fs::write(dir.path().join("welkom.toml"), config).unwrap();
    let roster_file = dir.path().join("roster.csv");
    std::fs::write(&roster_file, roster).unwrap();
    let clock = ManualClock::new(now.parse::<Timestamp>().unwrap());
    let mut app = build_app(dir.path(), false, Arc::new(clock.clone())).unwrap();
    let lang = app.kiosk.config.location.language.clone();
    import_roster_file(&mut app.kiosk.store, &roster_file, &lang)
        .unwrap()
        .unwrap();
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut WelkomApp| app.show(ui), app);
    harness.run();
    TestKiosk {
        harness,
        clock,
        dir,
    }
}

/// Identifies Sanne (Dutch) and taps the top face; whether the thank-you came. Back
/// on the welcome screen either way.
pub fn rate_once(k: &mut TestKiosk) -> bool {
    k.type_pin("4826");
    assert!(matches!(k.screen(), Screen::Rate(_)), "identified");
    k.tap("Top");
    let thanked = matches!(k.screen(), Screen::ThankYou(_));
    if thanked {
        k.wait(Duration::from_secs(2));
        k.tap("Klaar");
    }
    assert!(k.on_welcome());
    thanked
}

/// The kiosk started again on a data directory it used before (after a restart),
/// nothing written to it first.
pub fn kiosk_reopened(dir: tempfile::TempDir, now: &str, size: egui::Vec2) -> TestKiosk {
    let clock = ManualClock::new(now.parse::<Timestamp>().unwrap());
    let app = build_app(dir.path(), false, Arc::new(clock.clone())).unwrap();
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut WelkomApp| app.show(ui), app);
    harness.run();
    TestKiosk {
        harness,
        clock,
        dir,
    }
}

impl TestKiosk {
    /// Taps the widget with this accessible name.
    pub fn tap(&mut self, label: &str) {
        self.harness.get_by_label(label).click();
        self.harness.run();
    }

    /// Taps the widget whose accessible name contains these words.
    pub fn tap_contains(&mut self, words: &str) {
        self.harness.get_by_label_contains(words).click();
        self.harness.run();
    }

    /// Types a PIN on the on-screen keypad and taps OK.
    pub fn type_pin(&mut self, pin: &str) {
        for digit in pin.chars() {
            self.tap(&digit.to_string());
        }
        self.tap("OK");
    }

    /// Whether a widget with this accessible name is on screen.
    pub fn shows(&self, label: &str) -> bool {
        self.harness.query_by_label(label).is_some()
    }

    /// Moves the clock on and lets the kiosk notice.
    pub fn wait(&mut self, by: Duration) {
        self.clock.advance(by);
        self.harness.step();
        self.harness.run();
    }

    /// The kiosk's screen.
    pub fn screen(&self) -> &Screen {
        self.harness.state().kiosk.screen()
    }

    /// Whether the welcome screen is shown.
    pub fn on_welcome(&self) -> bool {
        matches!(self.screen(), Screen::Welcome(_))
    }

    /// Every stored rating.
    pub fn ratings(&self) -> Vec<RatingRow> {
        self.harness
            .state()
            .kiosk
            .store
            .ratings_between(None, None)
            .unwrap()
    }

    /// Runs a query on the store's file through a second connection.
    pub fn query_i64(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.dir.path().join("welkom.sqlite")).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

/// The manager's PIN in [`staffed`].
pub const MANAGER_PIN: &str = "280461";
/// The other staff member's PIN in [`staffed`].
pub const STAFF_PIN: &str = "519273";

/// A kiosk with two staff members: Anouk (manager) and Bram.
pub fn staffed(config: &str, now: &str) -> TestKiosk {
    let mut k = kiosk(config, now);
    let at = k.harness.state().kiosk.now();
    let store = &mut k.harness.state_mut().kiosk.store;
    store
        .add_staff("Anouk", StaffRole::Manager, MANAGER_PIN, at)
        .unwrap();
    store
        .add_staff("Bram", StaffRole::Staff, STAFF_PIN, at)
        .unwrap();
    k
}

/// Waits (in real time) for the staff PIN check that runs on its own thread.
pub fn settle_staff_check(k: &mut TestKiosk) {
    for _ in 0..400 {
        k.harness.run();
        if !k.harness.state().kiosk.staff_checking() {
            k.harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the staff PIN check did not finish");
}

/// A touch in the middle of the screen, on no button (it wakes a dark screen).
pub fn touch_screen(k: &mut TestKiosk) {
    let pos = egui::pos2(640.0, 400.0);
    for pressed in [true, false] {
        k.harness
            .input_mut()
            .events
            .push(egui::Event::PointerMoved(pos));
        k.harness
            .input_mut()
            .events
            .push(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        k.harness.run();
    }
}

/// Opens staff mode with a PIN (after closing time, a touch first wakes the screen).
pub fn sign_in(k: &mut TestKiosk, pin: &str) {
    if k.harness.state().kiosk.is_dark() {
        touch_screen(k);
    }
    // "Medewerkers", or "Medewerkers · 2 open".
    k.harness.get_by_label_contains("Medewerkers").click();
    k.harness.run();
    assert!(matches!(k.screen(), Screen::StaffPin(_)));
    k.type_pin(pin);
    settle_staff_check(k);
}

/// A location key of the hub's, fixed so tests need no randomness: argon2id at this
/// memory (KiB) and these passes.
pub fn hub_key(memory_kib: u32, passes: u32) -> welkom_core::pin_verifier::PinKey {
    welkom_core::pin_verifier::PinKey::parse(&format!(
        "$argon2id$v=19$m={memory_kib},t={passes},p=1$c2FsdHNhbHRzYWx0c2FsdA"
    ))
    .unwrap()
}

/// Replaces the roster with one from the hub: Sanne (with Daan) holds `pin` as a
/// verifier under `key`, so no guardian has a PIN of the kiosk's own.
pub fn hub_roster(k: &mut TestKiosk, key: &welkom_core::pin_verifier::PinKey, pin: &str) {
    let csv = format!(
        "guardian_id;guardian_first_name;guardian_last_name;guardian_language;pin;pin_hash;child_id;child_first_name;child_last_name;group;birth_date\n\
         G1;Sanne;de Vries;nl;;{};C1;Daan;de Vries;Vlinders;2023-03-02\n",
        key.verifier(pin).unwrap()
    );
    let roster =
        welkom_core::roster::parse(csv.as_bytes(), &welkom_core::LanguageTag::dutch()).unwrap();
    let at = k.harness.state().kiosk.now();
    let store = &mut k.harness.state_mut().kiosk.store;
    let summary = store.import_roster(&roster, at).unwrap();
    assert!(summary.issued_pins.is_empty());
    assert!(store.has_hub_pin_keys().unwrap());
}

/// Waits (in real time) for the guardian PIN check that runs on its own thread.
pub fn settle_pin_check(k: &mut TestKiosk) {
    for _ in 0..1000 {
        k.harness.run();
        if !k.harness.state().kiosk.guardian_checking() {
            k.harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the PIN check did not finish");
}

/// Runs the `welkom` binary with `args` on the data directory `data` (warnings only
/// in its log); what it printed and how it ended.
pub fn welkom(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_welkom"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("WELKOM_LOG", "warn")
        .output()
        .unwrap()
}
