//! The manager's settings, driven through the screen: PINs issued, revoked and
//! exported once, a badge linked by scanning it, a roster imported from a "USB
//! stick" (a folder given as media root), and settings saved into `welkom.toml`.

mod common;

use common::{MANAGER_PIN, MONDAY_MORNING, STAFF_PIN, TestKiosk, sign_in, staffed};
use egui::{Event, Key};
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::Duration;
use welkom::kiosk::{Screen, SettingsMessage, SettingsPane, StaffView};

/// A staffed kiosk whose "USB sticks" are mounted under a folder of the test.
fn manager_kiosk() -> (TestKiosk, PathBuf) {
    let mut k = staffed("", MONDAY_MORNING);
    let media = k.dir.path().join("media");
    std::fs::create_dir_all(media.join("STICK")).unwrap();
    k.harness
        .state_mut()
        .kiosk
        .set_media_roots(vec![media.clone()]);
    sign_in(&mut k, MANAGER_PIN);
    k.tap("Instellingen");
    (k, media.join("STICK"))
}

fn message(k: &TestKiosk) -> Option<SettingsMessage> {
    k.harness.state().kiosk.settings()?.message.clone()
}

fn scan(k: &mut TestKiosk, badge: &str) {
    k.harness.event(Event::Text(badge.into()));
    k.harness.key_press(Key::Enter);
    k.harness.run();
}

fn leave_staff_mode(k: &mut TestKiosk) {
    k.tap("Sluiten");
    assert!(k.on_welcome());
}

#[test]
fn only_a_manager_sees_the_settings() {
    let mut k = staffed("", MONDAY_MORNING);
    sign_in(&mut k, STAFF_PIN);
    assert!(!k.shows("Instellingen"));
    leave_staff_mode(&mut k);
    sign_in(&mut k, MANAGER_PIN);
    k.tap("Instellingen");
    assert!(matches!(k.screen(), Screen::Staff(s) if s.view == StaffView::Settings));
    assert!(k.shows("Sanne de Vries"), "the guardians are listed");
}

#[test]
fn a_new_pin_is_shown_once_works_at_once_and_is_exported_once() {
    let (mut k, stick) = manager_kiosk();
    k.tap("Nieuwe code voor Sanne de Vries");
    let pin = k
        .harness
        .state()
        .kiosk
        .settings()
        .and_then(|s| s.shown_pin.clone())
        .expect("the new PIN is shown")
        .pin;
    assert!(k.shows(&pin), "the PIN is on screen");
    assert_ne!(pin, "4826");
    assert!(welkom_core::pin::is_well_formed(&pin) && !welkom_core::pin::is_trivial(&pin));

    k.tap("1 nieuwe code exporteren");
    let Some(SettingsMessage::PinsExported { count: 1, path }) = message(&k) else {
        panic!("exported: {:?}", message(&k));
    };
    assert!(path.starts_with(&stick), "written to the USB stick");
    let csv = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        csv,
        format!(
            "guardian_id;guardian_first_name;guardian_last_name;pin\nG1;Sanne;de Vries;{pin}\n"
        )
    );
    assert!(!k.shows(&pin), "the PIN is not shown again");
    assert_eq!(k.harness.state().kiosk.pins_to_export(), 0, "exported once");
    assert!(
        k.harness
            .query_by_label_contains("nieuwe code exporteren")
            .is_none()
    );

    leave_staff_mode(&mut k);
    k.type_pin("4826");
    assert!(k.shows("Code niet herkend"), "the old PIN no longer works");
    k.wait(Duration::from_secs(1));
    k.type_pin(&pin);
    assert!(k.shows("Goedemorgen, Sanne!"), "the new PIN works");
}

/// Closes the kiosk and starts it again on the same data directory and clock, as a
/// restart or a crash would; signs the manager in and opens the settings again.
fn restart(k: TestKiosk, media: &Path) -> TestKiosk {
    let TestKiosk {
        harness,
        clock,
        dir,
    } = k;
    drop(harness);
    let mut app =
        welkom::commands::build_app(dir.path(), false, std::sync::Arc::new(clock.clone())).unwrap();
    app.kiosk.set_media_roots(vec![media.to_owned()]);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut welkom::app::WelkomApp| app.show(ui), app);
    harness.run();
    let mut k = TestKiosk {
        harness,
        clock,
        dir,
    };
    sign_in(&mut k, MANAGER_PIN);
    k.tap("Instellingen");
    k
}

#[test]
fn a_new_pin_survives_a_restart_until_it_is_exported_and_not_after() {
    let (mut k, stick) = manager_kiosk();
    let media = stick.parent().unwrap().to_owned();
    k.tap("Nieuwe code voor Joost Visser");
    let pin = k
        .harness
        .state()
        .kiosk
        .settings()
        .and_then(|s| s.shown_pin.clone())
        .expect("the new PIN is shown")
        .pin;
    assert_eq!(k.harness.state().kiosk.pins_to_export(), 1);

    let mut k = restart(k, &media);
    assert_eq!(
        k.harness.state().kiosk.pins_to_export(),
        1,
        "the new PIN is still to be exported after a restart"
    );
    assert!(!k.shows(&pin), "it is not shown again");
    k.tap("1 nieuwe code exporteren");
    let Some(SettingsMessage::PinsExported { count: 1, path }) = message(&k) else {
        panic!("exported: {:?}", message(&k));
    };
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("guardian_id;guardian_first_name;guardian_last_name;pin\nG6;Joost;Visser;{pin}\n")
    );
    assert_eq!(k.harness.state().kiosk.pins_to_export(), 0);

    let k = restart(k, &media);
    assert_eq!(
        k.harness.state().kiosk.pins_to_export(),
        0,
        "after the export a restart offers nothing"
    );
    assert!(
        k.harness
            .query_by_label_contains("nieuwe code exporteren")
            .is_none()
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM pins_to_export"),
        0,
        "the store keeps no PIN in clear"
    );
    let files: Vec<_> = std::fs::read_dir(&stick).unwrap().collect();
    assert_eq!(files.len(), 1, "written once");
}

#[test]
fn revoking_takes_two_taps_and_the_pin_stops_working() {
    let (mut k, _) = manager_kiosk();
    k.tap("Code intrekken van Emma Bakker");
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardians WHERE id = 'G3' AND pin_hash IS NULL"),
        0,
        "one tap only arms it"
    );
    k.tap("Code intrekken van Emma Bakker");
    assert_eq!(
        message(&k),
        Some(SettingsMessage::PinRevoked("Emma Bakker".into()))
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardians WHERE id = 'G3' AND pin_hash IS NULL"),
        1
    );
    leave_staff_mode(&mut k);
    k.type_pin("3917");
    assert!(k.shows("Code niet herkend"));
}

#[test]
fn a_badge_is_linked_by_scanning_it_and_a_taken_badge_is_refused() {
    let (mut k, _) = manager_kiosk();
    k.tap("Pas koppelen aan Emma Bakker");
    assert!(
        k.harness
            .query_by_label_contains("Houd nu de pas van Emma Bakker")
            .is_some()
    );
    scan(&mut k, "BADGE0001");
    assert_eq!(
        message(&k),
        Some(SettingsMessage::BadgeTaken),
        "Sanne has it"
    );
    assert!(
        matches!(k.screen(), Screen::Staff(_)),
        "the scan did not end staff mode"
    );
    k.tap("Pas koppelen aan Emma Bakker");
    scan(&mut k, "FOB-7731");
    assert_eq!(
        message(&k),
        Some(SettingsMessage::BadgeLinked("Emma Bakker".into()))
    );
    leave_staff_mode(&mut k);
    scan(&mut k, "FOB-7731");
    assert!(k.shows("Good morning, Emma!"), "the badge identifies Emma");
}

/// Scrolls a widget into view (as a finger would), then taps it.
fn tap_scrolled(k: &mut TestKiosk, label: &str) {
    k.harness.get_by_label(label).scroll_to_me();
    k.harness.run();
    k.tap(label);
}

/// Types into the text field with this name (its visible label has the same words).
fn type_into(k: &mut TestKiosk, field: &str, text: &str) {
    let role = egui::accesskit::Role::TextInput;
    k.harness.get_by_role_and_label(role, field).scroll_to_me();
    k.harness.run();
    k.harness.get_by_role_and_label(role, field).focus();
    k.harness.run();
    k.harness.get_by_role_and_label(role, field).type_text(text);
    k.harness.run();
}

/// Starts the import (the screen shows a spinner meanwhile) and waits for it.
fn start_import(k: &mut TestKiosk) {
    k.harness.get_by_label("Dit rooster inlezen").click();
    wait_for_import(k);
}

fn wait_for_import(k: &mut TestKiosk) {
    for _ in 0..500 {
        k.harness.step();
        if !k.harness.state().kiosk.importing() {
            k.harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

fn import(k: &mut TestKiosk, file: &Path) {
    k.tap("Rooster inlezen");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    k.harness.get_by_label_contains(&name).click();
    k.harness.run();
    start_import(k);
}

#[test]
fn a_roster_from_a_usb_stick_is_imported_or_refused_with_its_problems_on_screen() {
    let (mut k, stick) = manager_kiosk();
    let bad = stick.join("rooster-fout.csv");
    std::fs::write(
        &bad,
        format!(
            "{}G7;Lotte;Jansen;nl;12a4;;C8;Ties;Jansen;Kikkers;2024-01-01;2025-01-01;\n",
            common::ROSTER
        ),
    )
    .unwrap();
    import(&mut k, &bad);
    let Some(SettingsMessage::ImportRefused(error)) = message(&k) else {
        panic!("refused: {:?}", message(&k));
    };
    assert_eq!(error.count(), 1);
    assert!(
        k.harness
            .query_by_label_contains("niet ingelezen: er is 1 probleem")
            .is_some()
    );
    assert_eq!(error.problems[0].line, Some(9));
    assert_eq!(error.problems[0].column.as_deref(), Some("pin"));
    assert!(
        k.harness
            .query_by_label_contains("Regel 9, kolom pin")
            .is_some(),
        "the problem is on screen, in Dutch, with its line and column"
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardians WHERE id = 'G7'"),
        0,
        "nothing changed"
    );

    let good = stick.join("rooster.csv");
    std::fs::write(
        &good,
        format!(
            "{}G7;Lotte;Jansen;nl;;;C8;Ties;Jansen;Kikkers;2024-01-01;2025-01-01;\n",
            common::ROSTER
        ),
    )
    .unwrap();
    k.tap("Opnieuw zoeken");
    k.harness.get_by_label_contains("rooster.csv").click();
    k.harness.run();
    start_import(&mut k);
    let Some(SettingsMessage::Imported(summary)) = message(&k) else {
        panic!("imported: {:?}", message(&k));
    };
    assert_eq!(summary.guardians_added, 1);
    assert_eq!(summary.issued_pins.len(), 1, "Lotte had no PIN");
    assert!(
        k.harness
            .query_by_label_contains("Ouders: 1 nieuw")
            .is_some()
    );
    assert_eq!(k.harness.state().kiosk.pins_to_export(), 1);
    k.tap("Ouders en codes");
    assert!(k.shows("Lotte Jansen"));
    k.tap("1 nieuwe code exporteren");
    assert!(matches!(
        message(&k),
        Some(SettingsMessage::PinsExported { count: 1, .. })
    ));
}

#[test]
fn a_spreadsheet_roster_from_a_usb_stick_is_refused_by_row_or_imported() {
    let (mut k, stick) = manager_kiosk();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bad = stick.join("rooster-fout.xlsx");
    std::fs::copy(fixtures.join("roster-bad-rows.xlsx"), &bad).unwrap();
    import(&mut k, &bad);
    let Some(SettingsMessage::ImportRefused(error)) = message(&k) else {
        panic!("refused: {:?}", message(&k));
    };
    assert_eq!(error.count(), 5);
    assert!(
        k.harness
            .query_by_label_contains("Rij 6, kolom Pincode")
            .is_some(),
        "the problem is on screen, in Dutch, with the sheet's row and heading"
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardians WHERE id = '1001'"),
        0,
        "nothing changed"
    );

    std::fs::copy(fixtures.join("roster.ods"), stick.join("rooster.ods")).unwrap();
    k.tap("Opnieuw zoeken");
    k.harness.get_by_label_contains("rooster.ods").click();
    k.harness.run();
    start_import(&mut k);
    let Some(SettingsMessage::Imported(summary)) = message(&k) else {
        panic!("imported: {:?}", message(&k));
    };
    assert_eq!(summary.guardians_added, 2);
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardians WHERE id = '1001'"),
        1
    );
}

#[test]
fn settings_are_saved_into_the_file_keep_its_comments_and_apply_at_once() {
    let (mut k, _) = manager_kiosk();
    let file = k.dir.path().join("welkom.toml");
    std::fs::write(
        &file,
        "# Set up by the installer.\n[location]\nname = \"De Boomhut\"\n",
    )
    .unwrap();
    k.tap("Kiosk");
    k.tap("Meer: Terug naar het begin na");
    assert!(k.shows("25 s"), "{:#?}", k.harness.root());
    k.tap("Meer: Terug naar het begin na");
    assert!(k.shows("30 s"), "second");
    k.tap("Minder: Dicht om");
    assert!(k.shows("30 s"), "after close");
    assert!(k.shows("18:15"), "close");
    k.tap("5 gezichtjes");
    assert!(k.shows("30 s"), "after faces");
    k.tap("Beoordelingen anoniem bewaren");
    assert!(k.shows("Nog niet opgeslagen"));
    k.tap("Opslaan");
    assert_eq!(message(&k), Some(SettingsMessage::Saved));
    let config = &k.harness.state().kiosk.config;
    assert_eq!(
        config.timeouts.idle_secs,
        30,
        "{}",
        std::fs::read_to_string(&file).unwrap()
    );
    assert_eq!(config.opening_hours.close.to_string(), "18:15");
    assert_eq!(config.rating.scale, welkom_core::Scale::Five);
    assert!(config.privacy.anonymous);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Set up by the installer.\n[location]\nname = \"De Boomhut\"\n"));
    assert_eq!(welkom::config::load(&file).unwrap(), *config);

    // The next rating is anonymous, on five faces.
    leave_staff_mode(&mut k);
    k.type_pin("3917");
    k.tap("Great");
    assert_eq!(
        k.query_i64("SELECT count(*) FROM ratings WHERE guardian_id IS NULL AND scale = 5"),
        1
    );
}

#[test]
fn a_question_and_a_reason_are_changed_per_language() {
    let (mut k, _) = manager_kiosk();
    k.tap("Vragen en redenen");
    type_into(&mut k, "Vraag bij het brengen", "Hoe ging het afscheid?");
    tap_scrolled(&mut k, "Reden 6 verwijderen");
    tap_scrolled(&mut k, "Reden toevoegen");
    assert!(
        k.harness
            .query_by_label_contains("Reden 6 heeft nog geen tekst in het Nederlands")
            .is_some()
    );
    k.tap("Opslaan");
    assert_eq!(
        message(&k),
        None,
        "not offered for saving without Dutch words"
    );
    type_into(&mut k, "Reden 6", "Parkeren");
    k.tap("English");
    type_into(&mut k, "Reden 6", "Parking");
    k.tap("Opslaan");
    assert_eq!(message(&k), Some(SettingsMessage::Saved));
    assert!(matches!(
        k.harness.state().kiosk.settings().map(|s| s.pane),
        Some(SettingsPane::Questions)
    ));

    leave_staff_mode(&mut k);
    k.type_pin("4826");
    assert!(k.shows("Hoe ging het afscheid?"));
    k.tap("Niet goed");
    k.wait(Duration::from_secs(2));
    assert!(k.shows("Parkeren"));
    assert!(!k.shows("Iets anders"), "the removed reason is gone");
    k.tap("Klaar");
    k.type_pin("3917");
    k.tap("Bad");
    k.wait(Duration::from_secs(2));
    assert!(k.shows("Parking"), "Emma reads the reason in English");
}
