//! A parent chooses their own language on the rating screen, through the real app:
//! the texts switch at once, the rating is stored, the next visit greets in the
//! chosen language, a roster import keeps the choice unless it changes the
//! guardian's language, and a manager chooses which languages are offered.

mod common;

use common::{
    MANAGER_PIN, MONDAY_MORNING, ROSTER, TestKiosk, kiosk, kiosk_sized, sign_in, staffed, welkom,
};
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use welkom::commands::import_roster_file;
use welkom::kiosk::{Screen, SettingsMessage};

/// Imports a roster file as `welkom import-roster` and Settings do.
fn import(k: &mut TestKiosk, roster: &str) {
    let file = k.dir.path().join("roster-again.csv");
    std::fs::write(&file, roster).unwrap();
    let kiosk = &mut k.harness.state_mut().kiosk;
    let language = kiosk.config.location.language.clone();
    import_roster_file(&mut kiosk.store, &file, &language)
        .unwrap()
        .unwrap();
}

/// Leaves the thank-you screen after the tap guard.
fn done(k: &mut TestKiosk, word: &str) {
    k.wait(Duration::from_secs(2));
    k.tap(word);
    assert!(k.on_welcome());
}

fn picking(k: &TestKiosk) -> bool {
    matches!(k.screen(), Screen::Rate(v) if v.picking_language)
}

#[test]
fn a_parent_chooses_german_rates_and_is_greeted_in_german_next_time() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("6048");
    assert!(k.shows("Dzień dobry, Piotr!"), "the roster's Polish first");
    assert!(!picking(&k));

    k.tap("Wybierz język: Polski");
    assert!(picking(&k), "the button opens the languages");
    for own_name in [
        "Nederlands",
        "English",
        "Türkçe",
        "Polski",
        "Українська",
        "Deutsch",
        "Français",
        "Español",
    ] {
        assert!(k.shows(own_name), "{own_name} offered in its own name");
    }
    // Every language is a large target (at least 60 px high at 1280×800).
    let deutsch = k.harness.get_by_label("Deutsch").rect();
    assert!(deutsch.height() >= 60.0, "{deutsch:?}");
    assert!(deutsch.width() >= 60.0, "{deutsch:?}");

    k.tap("Deutsch");
    assert!(!picking(&k), "a choice closes the list");
    for german in [
        "Guten Morgen, Piotr!",
        "Wie war das Bringen heute für dich?",
        "Heute ist der letzte Tag von Zofia. Wir werden euch vermissen!",
        "Bringen",
        "Abholen",
        "Super",
        "Mäßig",
        "Überspringen",
        "Wähle deine Sprache: Deutsch",
    ] {
        assert!(k.shows(german), "{german}: {:#?}", k.harness.root());
    }
    assert!(!k.shows("Dzień dobry, Piotr!"));
    assert_eq!(
        k.query_i64(
            "SELECT count(*) FROM guardian_language_choice
             WHERE guardian_id = 'G4' AND language = 'de' AND roster_language = 'pl'"
        ),
        1,
        "the choice is kept for Piotr"
    );

    k.tap("Mäßig");
    assert!(k.shows("Danke, Piotr!"));
    assert!(k.shows("Was können wir besser machen?"));
    k.wait(Duration::from_secs(2));
    k.tap("Die Übergabe");
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 1, "the rating is stored");
    assert_eq!(ratings[0].score, 2);
    assert_eq!(
        ratings[0].guardian_id.as_ref().map(|g| g.0.as_str()),
        Some("G4")
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM rating_followups WHERE reasons LIKE '%handover%'"),
        1
    );
    done(&mut k, "Fertig");

    // The next visit greets in German at once.
    k.type_pin("6048");
    assert!(k.shows("Guten Morgen, Piotr!"));
    k.tap("Überspringen");

    // The same roster again: the choice stays.
    import(&mut k, ROSTER);
    k.type_pin("6048");
    assert!(k.shows("Guten Morgen, Piotr!"), "kept across the import");
    k.tap("Überspringen");

    // The roster now says English for Piotr: the roster's word wins.
    import(
        &mut k,
        &ROSTER.replace("G4;Piotr;Nowak;pl;", "G4;Piotr;Nowak;en;"),
    );
    k.type_pin("6048");
    assert!(k.shows("Good morning, Piotr!"), "{:#?}", k.harness.root());
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardian_language_choice"),
        0
    );
}

#[test]
fn the_list_closes_without_a_choice_and_choosing_the_roster_language_forgets() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Kies je taal: Nederlands");
    assert!(picking(&k));
    k.tap("Terug");
    assert!(!picking(&k));
    assert!(k.shows("Goedemorgen, Sanne!"));
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardian_language_choice"),
        0,
        "nothing chosen, nothing kept"
    );

    k.tap("Kies je taal: Nederlands");
    k.tap("Español");
    assert!(k.shows("¡Buenos días, Sanne!"));
    assert!(k.shows("¡Hurra, Daan cumple hoy 3 años!"));
    k.tap("Elige tu idioma: Español");
    k.tap("Nederlands");
    assert!(k.shows("Goedemorgen, Sanne!"));
    assert_eq!(
        k.query_i64("SELECT count(*) FROM guardian_language_choice"),
        0,
        "back to the roster's language: nothing to remember"
    );
}

#[test]
fn only_the_location_s_languages_are_offered_and_a_disabled_choice_falls_back() {
    let mut k = kiosk("[location]\nlanguages = [\"pl\", \"de\"]\n", MONDAY_MORNING);
    k.type_pin("6048");
    k.tap("Wybierz język: Polski");
    for offered in ["Nederlands", "Polski", "Deutsch"] {
        assert!(k.shows(offered), "{offered}");
    }
    for not_offered in ["English", "Français", "Español", "Türkçe"] {
        assert!(!k.shows(not_offered), "{not_offered} is not offered");
    }
    k.tap("Deutsch");
    assert!(k.shows("Guten Morgen, Piotr!"));
    k.tap("Überspringen");

    // The location stops offering German: Piotr is greeted in the roster's Polish.
    let file = k.dir.path().join("welkom.toml");
    std::fs::write(&file, "[location]\nlanguages = [\"pl\"]\n").unwrap();
    k.harness.state_mut().kiosk.config = welkom::config::load(&file).unwrap();
    k.type_pin("6048");
    assert!(k.shows("Dzień dobry, Piotr!"), "{:#?}", k.harness.root());

    // A guardian whose language is the only one offered sees no button.
    k.tap("Pomiń");
    std::fs::write(&file, "[location]\nlanguages = []\n").unwrap();
    k.harness.state_mut().kiosk.config = welkom::config::load(&file).unwrap();
    k.type_pin("4826");
    assert!(k.shows("Goedemorgen, Sanne!"));
    assert!(k.harness.query_by_label_contains("Kies je taal").is_none());
}

#[test]
fn a_manager_switches_languages_off_and_on_in_the_settings() {
    let mut k = staffed("", MONDAY_MORNING);
    sign_in(&mut k, MANAGER_PIN);
    k.tap("Instellingen");
    k.tap("Talen");
    assert!(k.shows("Talen die ouders kunnen kiezen"));
    for off in ["Français", "Español", "Türkçe"] {
        k.harness.get_by_label(off).scroll_to_me();
        k.harness.run();
        assert!(
            k.harness.get_by_label(off).rect().right() <= 1280.0,
            "{off} on screen"
        );
        k.tap(off);
    }
    // The location's own language cannot be switched off.
    k.harness.get_by_label("Nederlands").scroll_to_me();
    k.harness.run();
    k.tap("Nederlands");
    k.tap("Opslaan");
    let message = k
        .harness
        .state()
        .kiosk
        .settings()
        .and_then(|s| s.message.clone());
    assert_eq!(message, Some(SettingsMessage::Saved));
    let file = k.dir.path().join("welkom.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("languages = [\"nl\", \"en\", \"pl\", \"uk\", \"de\""),
        "{text}"
    );
    let offered: Vec<String> = k
        .harness
        .state()
        .kiosk
        .config
        .enabled_languages()
        .iter()
        .map(ToString::to_string)
        .collect();
    let expected: Vec<String> = welkom::config::shipped_languages()
        .iter()
        .map(ToString::to_string)
        .filter(|code| !["fr", "es", "tr"].contains(&code.as_str()))
        .collect();
    assert_eq!(offered, expected, "applied at once");
    assert_eq!(
        welkom::config::load(&file).unwrap(),
        k.harness.state().kiosk.config
    );

    // All on again: the key goes, so a language added later is offered too.
    for on in ["Français", "Español", "Türkçe"] {
        k.harness.get_by_label(on).scroll_to_me();
        k.harness.run();
        k.tap(on);
    }
    k.tap("Opslaan");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("languages ="), "{text}");
    assert_eq!(k.harness.state().kiosk.config.location.languages, None);
}

#[test]
fn check_config_lists_the_languages_and_names_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("welkom.toml");
    std::fs::write(
        &file,
        "[location]\nlanguage = \"en\"\nlanguages = [\"pl\", \"de\"]\n",
    )
    .unwrap();
    let out = welkom(dir.path(), &["check-config"]);
    assert!(out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("languages parents can choose: en, pl, de"),
        "{printed}"
    );
    std::fs::write(&file, "[location]\nlanguages = [\"nl\", \"fy\"]\n").unwrap();
    let out = welkom(dir.path(), &["check-config"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("welkom.toml, line 2, key location.languages: Welkom has no texts in 'fy'"),
        "{said}"
    );
}

#[test]
fn the_button_and_every_language_fit_a_small_tablet_as_large_targets() {
    for (w, h, least) in [
        (1280.0, 800.0, 60.0),
        (1024.0, 600.0, 48.0),
        (800.0, 1280.0, 60.0),
    ] {
        let mut k = kiosk_sized("", MONDAY_MORNING, egui::vec2(w, h));
        k.type_pin("6048");
        let button = k.harness.get_by_label("Wybierz język: Polski").rect();
        assert!(button.height() >= least, "{w}×{h}: {button:?}");
        // Beside or above the greeting, never on it, and it pushes nothing off screen.
        let greeting = k.harness.get_by_label("Dzień dobry, Piotr!").rect();
        assert!(
            !button.intersects(greeting),
            "{w}×{h}: {button:?} {greeting:?}"
        );
        let skip = k.harness.get_by_label("Pomiń").rect();
        assert!(skip.bottom() <= h, "{w}×{h}: {skip:?}");
        k.tap("Wybierz język: Polski");
        for own_name in ["Nederlands", "Українська", "Deutsch", "Français", "Español"] {
            let chip = k.harness.get_by_label(own_name).rect();
            assert!(chip.height() >= least, "{w}×{h} {own_name}: {chip:?}");
            assert!(
                chip.left() >= 0.0 && chip.right() <= w && chip.top() >= 0.0 && chip.bottom() <= h,
                "{w}×{h} {own_name} on screen: {chip:?}"
            );
        }
        k.tap("Українська");
        assert!(k.shows("Доброго ранку, Piotr!"), "{w}×{h}");
    }
}
