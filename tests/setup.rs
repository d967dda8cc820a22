//! The first start on a tablet, driven through the screen: an empty data directory
//! opens the set-up; the location's name typed on the on-screen keyboard, the
//! manager's PIN twice, a roster from a "USB stick" (a folder given as media root),
//! then the welcome screen; and every wrong entry on the way.

mod common;

use common::setup_steps::{
    PIN, fresh, notice, setup, started, step, tap_and_wait, through_name_and_pin, type_pin,
    type_text,
};
use common::{MONDAY_MORNING, ROSTER, TestKiosk, kiosk_reopened, settle_staff_check};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::build_app;
use welkom::config::NameProblem;
use welkom::kiosk::{Screen, SettingsMessage};
use welkom::setup::{HubField, HubProblem, PinStage, SetupNotice, Step};

fn guardians(k: &TestKiosk) -> usize {
    k.harness
        .state()
        .kiosk
        .store
        .active_guardian_count()
        .unwrap()
}

fn config_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("welkom.toml")).unwrap()
}

#[test]
fn an_empty_data_directory_opens_the_setup_and_a_set_up_one_does_not() {
    let (k, _) = fresh();
    assert_eq!(step(&k), Step::Name);
    assert!(k.shows("Welkom! We stellen dit tablet in"));
    assert!(!k.shows("Medewerkers"), "no welcome screen behind it");

    // The demo never asks.
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(MONDAY_MORNING.parse().unwrap());
    let app = build_app(dir.path(), true, Arc::new(clock)).unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut WelkomApp| app.show(ui), app);
    harness.run();
    assert!(harness.state().setup().is_none());

    // A manager and no roster (the roster was emptied later): no set-up again.
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(MONDAY_MORNING.parse().unwrap());
    let mut app = build_app(dir.path(), false, Arc::new(clock.clone())).unwrap();
    let now = app.kiosk.now();
    app.kiosk
        .store
        .add_staff("Anouk", welkom_store::StaffRole::Manager, PIN, now)
        .unwrap();
    drop(app);
    let k = kiosk_reopened(dir, MONDAY_MORNING, egui::vec2(1280.0, 800.0));
    assert!(k.harness.state().setup().is_none());
    assert!(k.on_welcome());
}

#[test]
fn the_name_takes_capitals_an_apostrophe_and_accents_and_is_saved_through_the_loader() {
    let (mut k, _) = fresh();
    assert!(setup(&k).shift, "the first letter is a capital");
    type_text(&mut k, "'t Kindernesx");
    k.tap("Wissen");
    type_text(&mut k, "t Crèche Zoë-Ann");
    assert_eq!(setup(&k).name, "'t Kindernest Crèche Zoë-Ann");
    assert!(k.shows("Naam van de locatie: 't Kindernest Crèche Zoë-Ann"));
    k.tap("Volgende");
    assert_eq!(step(&k), Step::Pin);
    let config = welkom::config::load(&k.dir.path().join("welkom.toml")).unwrap();
    assert_eq!(config.location.name, "'t Kindernest Crèche Zoë-Ann");
    assert_eq!(k.harness.state().kiosk.config, config, "applied at once");
    assert!(
        config_text(k.dir.path()).contains("# "),
        "the annotated file kept its comments"
    );
}

#[test]
fn an_empty_name_is_refused_and_nothing_is_written() {
    let (mut k, _) = fresh();
    let before = config_text(k.dir.path());
    k.tap("Volgende");
    assert_eq!(notice(&k), Some(SetupNotice::Name(NameProblem::Empty)));
    assert!(k.shows("Typ eerst de naam van de locatie."));
    type_text(&mut k, "  ");
    k.tap("Volgende");
    assert_eq!(notice(&k), Some(SetupNotice::Name(NameProblem::Empty)));
    assert_eq!(step(&k), Step::Name);
    assert_eq!(config_text(k.dir.path()), before);
}

#[test]
fn the_language_switch_speaks_english_and_becomes_the_location_language() {
    let (mut k, _) = fresh();
    k.tap("English");
    assert!(k.shows("Welcome! Let's set up this tablet"));
    k.tap("Accented letters");
    assert!(k.shows("É"), "the accents, as capitals at the start");
    k.tap("Plain letters");
    k.tap("D");
    k.tap("e");
    k.tap("Next");
    assert_eq!(step(&k), Step::Pin);
    assert!(k.shows("Choose a PIN of 4 to 6 digits. It opens Staff and Settings later."));
    let config = welkom::config::load(&k.dir.path().join("welkom.toml")).unwrap();
    assert_eq!(config.location.language.as_str(), "en");
    assert_eq!(config.location.name, "De");
}

#[test]
fn a_short_or_weak_pin_is_refused_and_a_second_pin_that_differs_is_asked_again() {
    let (mut k, _) = fresh();
    type_text(&mut k, "De Boomhut");
    k.tap("Volgende");
    type_pin(&mut k, "12");
    assert_eq!(notice(&k), Some(SetupNotice::PinLength));
    assert!(k.shows("Een pincode heeft 4 tot 6 cijfers."));
    for weak in ["1234", "0000", "1987"] {
        type_pin(&mut k, weak);
        assert_eq!(notice(&k), Some(SetupNotice::PinWeak), "{weak}");
        assert_eq!(setup(&k).pin_stage, PinStage::First);
    }
    assert!(k.shows(
        "Deze pincode is te makkelijk te raden (een reeks, een herhaling of een jaartal). Kies een andere."
    ));
    type_pin(&mut k, PIN);
    assert_eq!(setup(&k).pin_stage, PinStage::Second);
    type_pin(&mut k, "280462");
    assert_eq!(notice(&k), Some(SetupNotice::PinsDiffer));
    assert!(k.shows("De twee pincodes zijn niet gelijk. Typ de pincode nog een keer."));
    assert_eq!(
        setup(&k).pin_stage,
        PinStage::Second,
        "the second entry again"
    );
    assert!(
        k.harness
            .state()
            .kiosk
            .store
            .staff_members()
            .unwrap()
            .is_empty()
    );
    type_pin(&mut k, PIN);
    assert_eq!(step(&k), Step::Choice);
    let staff = k.harness.state().kiosk.store.staff_members().unwrap();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].role, welkom_store::StaffRole::Manager);
    assert_eq!(staff[0].name, "Beheerder");
}

#[test]
fn no_roster_on_the_stick_says_so_and_search_again_finds_it() {
    let (mut k, stick) = fresh();
    through_name_and_pin(&mut k);
    assert!(
        !k.harness
            .state()
            .setup()
            .unwrap()
            .can_finish(&k.harness.state().kiosk)
    );
    k.tap("Rooster van een USB-stick");
    assert_eq!(step(&k), Step::Roster);
    assert!(k.shows("Geen rooster gevonden. Steek de USB-stick in en tik op Opnieuw zoeken."));
    std::fs::write(stick.join("rooster.csv"), ROSTER).unwrap();
    k.tap("Opnieuw zoeken");
    assert!(k.shows("rooster.csv"));
    assert_eq!(
        setup(&k).roster.chosen.as_deref(),
        Some(stick.join("rooster.csv").as_path()),
        "the only file is chosen"
    );
}

#[test]
fn a_roster_with_a_bad_line_shows_the_report_imports_nothing_and_another_file_can_be_chosen() {
    let (mut k, stick) = fresh();
    std::fs::write(stick.join("rooster.csv"), ROSTER).unwrap();
    std::fs::write(stick.join("fout.csv"), ROSTER.replace(";7391;", ";73a1;")).unwrap();
    through_name_and_pin(&mut k);
    k.tap("Rooster van een USB-stick");
    k.tap("fout.csv");
    tap_and_wait(&mut k, "Dit rooster importeren");
    assert!(matches!(
        setup(&k).roster.outcome,
        Some(SettingsMessage::ImportRefused(_))
    ));
    assert!(
        k.harness
            .query_by_label_contains("Regel 4, kolom pin")
            .is_some(),
        "the problem is shown with its line"
    );
    assert!(k.shows("Verbeter het bestand op een computer, of kies een ander bestand."));
    assert_eq!(guardians(&k), 0, "nothing imported");
    k.tap("rooster.csv");
    tap_and_wait(&mut k, "Dit rooster importeren");
    assert!(k.shows("Het rooster is geïmporteerd"));
    assert_eq!(guardians(&k), 6);
}

#[test]
fn through_the_setup_to_the_welcome_screen_and_never_again() {
    let (mut k, stick) = fresh();
    // A roster without PINs for two guardians: their new PINs go onto the stick.
    let roster = ROSTER.replace(";4826;", ";;").replace(";7391;", ";;");
    std::fs::write(stick.join("rooster.csv"), roster).unwrap();
    through_name_and_pin(&mut k);
    k.tap("Rooster van een USB-stick");
    tap_and_wait(&mut k, "Dit rooster importeren");
    let pins_file = setup(&k).roster.pins_file.clone().expect("PINs written");
    assert!(pins_file.starts_with(&stick));
    assert_eq!(
        std::fs::read_to_string(&pins_file).unwrap().lines().count(),
        3,
        "a heading and two PINs"
    );
    assert_eq!(k.harness.state().kiosk.pins_to_export(), 0);
    k.tap("Volgende");
    assert_eq!(step(&k), Step::Choice);
    assert!(k.shows("Rooster: 6 ouders"));
    k.tap("Klaar: naar het welkomstscherm");
    assert!(k.harness.state().setup().is_none());
    assert!(k.on_welcome());
    assert!(k.shows("De Boomhut"));
    assert!(!k.dir.path().join("setup-unfinished").exists());

    // The manager's PIN opens the settings.
    k.harness.get_by_label_contains("Medewerkers").click();
    k.harness.run();
    k.type_pin(PIN);
    settle_staff_check(&mut k);
    assert!(matches!(k.screen(), Screen::Staff(_)));
    assert!(k.shows("Instellingen"));

    // Started again: the welcome screen.
    let TestKiosk { harness, dir, .. } = k;
    drop(harness);
    let k = kiosk_reopened(dir, MONDAY_MORNING, egui::vec2(1280.0, 800.0));
    assert!(k.harness.state().setup().is_none());
    assert!(k.on_welcome());
}

#[test]
fn an_interrupted_setup_resumes_where_it_was_after_the_managers_pin() {
    // The power went off after the name.
    let (mut k, _) = fresh();
    type_text(&mut k, "De Boomhut");
    k.tap("Volgende");
    let TestKiosk { harness, dir, .. } = k;
    drop(harness);
    let (k, _) = started(dir, egui::vec2(1280.0, 800.0));
    assert_eq!(step(&k), Step::Name);
    assert_eq!(
        setup(&k).name,
        "De Boomhut",
        "the name saved is offered again"
    );

    // The power went off after the PIN: the manager exists, the roster does not.
    let mut k = k;
    k.tap("Volgende");
    type_pin(&mut k, PIN);
    type_pin(&mut k, PIN);
    let TestKiosk { harness, dir, .. } = k;
    drop(harness);
    let (mut k, _) = started(dir, egui::vec2(1280.0, 800.0));
    assert_eq!(step(&k), Step::Unlock, "the manager's PIN first");
    assert!(k.shows("Verder met de set-up"));
    type_pin(&mut k, "135792");
    assert_eq!(notice(&k), Some(SetupNotice::PinNotRecognised));
    assert!(k.shows("Deze pincode is niet bekend."));
    assert_eq!(step(&k), Step::Unlock);
    type_pin(&mut k, PIN);
    assert_eq!(step(&k), Step::Choice, "on at the choice, not at the start");
    assert!(k.shows("Rooster: nog geen"));
}

#[test]
fn the_hub_step_asks_for_both_fields_and_shows_a_pairing_problem_in_words() {
    let (mut k, _) = fresh();
    through_name_and_pin(&mut k);
    k.tap("Verbinden met de hub");
    assert_eq!(step(&k), Step::Hub);
    assert_eq!(setup(&k).hub.field, Some(HubField::Address));
    k.tap("Verbinden");
    assert_eq!(notice(&k), Some(SetupNotice::HubFieldsEmpty));
    assert!(k.shows("Typ het adres van de hub en de koppelcode."));
    // Nothing listens on port 9 of this machine.
    for c in "127.0.0.1:9".chars() {
        k.tap(&c.to_string());
    }
    k.tap("Koppelcode: ");
    assert_eq!(setup(&k).hub.field, Some(HubField::Code));
    type_text(&mut k, "ABCD-EFGH");
    assert_eq!(setup(&k).hub.address, "https://127.0.0.1:9");
    assert_eq!(setup(&k).hub.code, "ABCD-EFGH");
    tap_and_wait(&mut k, "Verbinden");
    assert_eq!(setup(&k).hub.problem, Some(HubProblem::Unreachable));
    assert!(
        k.shows("De hub antwoordt niet. Controleer het adres en of het tablet internet heeft.")
    );
    assert!(!k.harness.state().kiosk.config.upstream.is_set());
    assert_eq!(step(&k), Step::Hub);
}

#[test]
fn resuming_wrong_pins_spend_the_staff_pads_budget() {
    let (mut k, _) = fresh();
    through_name_and_pin(&mut k);
    let TestKiosk { harness, dir, .. } = k;
    drop(harness);
    let (mut k, _) = started(dir, egui::vec2(1280.0, 800.0));
    for wrong in ["135792", "135793", "135794", "135795", "135796", "135797"] {
        type_pin(&mut k, wrong);
    }
    let now = k.harness.state().kiosk.now();
    assert!(setup(&k).cooldown(now).is_some(), "a wait after the budget");
    assert!(
        k.harness
            .query_by_label_contains("Te veel verkeerde pincodes")
            .is_some()
    );
    type_pin(&mut k, PIN);
    assert_eq!(
        step(&k),
        Step::Unlock,
        "not even the right PIN during the wait"
    );
    // The budget is kept in the store: a restart does not refill it.
    let TestKiosk { harness, dir, .. } = k;
    drop(harness);
    let (k, _) = started(dir, egui::vec2(1280.0, 800.0));
    assert!(setup(&k).cooldown(now).is_some());
}
