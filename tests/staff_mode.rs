//! Staff mode, driven through the screen as a staff member would, on a real store
//! with a pinned clock.

mod common;

use common::{
    MANAGER_PIN, MONDAY_MORNING, STAFF_PIN, TestKiosk, kiosk, settle_staff_check, sign_in, staffed,
};
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use welkom::kiosk::{Action, Screen, StaffView};

fn staff_view(k: &TestKiosk) -> Option<StaffView> {
    match k.screen() {
        Screen::Staff(session) => Some(session.view),
        _ => None,
    }
}

/// Sanne rates the drop-off with the lowest face and asks to talk.
fn low_rating_with_talk_request(k: &mut TestKiosk) {
    k.type_pin("4826");
    k.tap("Niet goed");
    k.wait(Duration::from_secs(2));
    k.tap("Ik wil graag even praten");
    k.tap("Klaar");
    assert!(k.on_welcome());
}

#[test]
fn a_low_rating_is_followed_up_with_a_note_and_the_name_of_who_talked() {
    let mut k = staffed("", MONDAY_MORNING);
    assert!(
        k.shows("Medewerkers"),
        "the staff button is on the welcome screen"
    );
    low_rating_with_talk_request(&mut k);
    assert!(
        k.shows("Medewerkers · 1 open"),
        "the staff button counts open follow-ups"
    );
    assert!(!k.shows("Sanne"), "the welcome screen never names a parent");

    sign_in(&mut k, STAFF_PIN);
    assert_eq!(staff_view(&k), Some(StaffView::Today));
    k.tap("Opvolgen (1)");
    assert_eq!(staff_view(&k), Some(StaffView::FollowUp));
    assert!(k.shows("Sanne de Vries"));
    assert!(k.shows("Wil graag even praten"));
    assert!(k.shows("Laag cijfer"));
    assert!(k.shows("Opvolgen (1)"));

    k.tap("Gesproken");
    k.harness.get_by_label("Korte notitie (mag leeg)").focus();
    k.harness.run();
    k.harness
        .get_by_label("Korte notitie (mag leeg)")
        .type_text("Besproken bij het ophalen; afspraak gemaakt");
    k.harness.run();
    k.tap("Opslaan als gesproken");
    assert_eq!(
        k.query_i64("SELECT count(*) FROM follow_up_notes WHERE staff_name = 'Bram' AND note = 'Besproken bij het ophalen; afspraak gemaakt'"),
        1
    );
    assert!(
        k.shows("Opvolgen"),
        "no open follow-ups are counted any more"
    );
    assert!(
        k.harness
            .query_by_label_contains("Gesproken door Bram")
            .is_some(),
        "today's handled item stays visible, with who talked"
    );
    k.tap("Sluiten");
    assert!(k.on_welcome());
    assert!(k.shows("Medewerkers"));
}

#[test]
fn a_wrong_staff_pin_is_refused_and_five_start_a_cooldown_that_survives_a_restart() {
    let mut k = staffed("", MONDAY_MORNING);
    k.tap("Medewerkers");
    k.type_pin("111111");
    settle_staff_check(&mut k);
    assert!(k.shows("Code niet herkend"));
    assert!(matches!(k.screen(), Screen::StaffPin(_)));
    for pin in ["123987", "123988", "123989", "123990"] {
        k.type_pin(pin);
        settle_staff_check(&mut k);
    }
    assert!(
        k.harness
            .query_by_label_contains("Te vaak een verkeerde code")
            .is_some()
    );
    // During the cooldown even the right PIN does nothing.
    k.type_pin(STAFF_PIN);
    settle_staff_check(&mut k);
    assert!(matches!(k.screen(), Screen::StaffPin(_)));
    // Five wrong PINs owe five times 15 minutes.
    let clears_at = k.query_i64("SELECT debt_clears_at FROM pin_budget WHERE pad = 'staff'");
    let now = k.harness.state().kiosk.now().as_millisecond();
    assert_eq!(clears_at - now, 5 * 15 * 60 * 1000);
    // A kiosk started again on the same data keeps the cooldown.
    let restarted =
        welkom::commands::build_app(k.dir.path(), false, std::sync::Arc::new(k.clock.clone()))
            .unwrap();
    assert!(restarted.kiosk.staff_cooldown().is_some());
    assert!(
        restarted.kiosk.cooldown().is_none(),
        "the guardians' keypad is free"
    );
    // The guardians' keypad is not affected.
    k.tap("Terug");
    k.type_pin("4826");
    assert!(matches!(k.screen(), Screen::Rate(_)));
}

#[test]
fn staff_mode_closes_after_a_minute_untouched() {
    let mut k = staffed("", MONDAY_MORNING);
    sign_in(&mut k, STAFF_PIN);
    assert!(staff_view(&k).is_some());
    k.wait(Duration::from_secs(59));
    assert!(staff_view(&k).is_some(), "still open after 59 s");
    k.tap("Aanwezig");
    k.wait(Duration::from_secs(59));
    assert!(staff_view(&k).is_some(), "a tap keeps it open");
    k.wait(Duration::from_secs(2));
    assert!(k.on_welcome(), "closed after 60 s without a touch");
}

#[test]
fn present_lists_children_in_until_picked_up_and_flags_them_after_closing() {
    let mut k = staffed("", MONDAY_MORNING);
    // Sanne brings Daan and Fleur; Joost brings Mila and picks her up later.
    k.type_pin("4826");
    k.tap("Overslaan");
    k.type_pin("8152");
    k.tap("Overslaan");
    k.wait(Duration::from_secs(8 * 3600));
    k.type_pin("8152");
    k.tap("Overslaan");
    sign_in(&mut k, STAFF_PIN);
    k.tap("Aanwezig");
    assert_eq!(staff_view(&k), Some(StaffView::Present));
    assert!(k.shows("2 kinderen aanwezig"));
    assert!(k.shows("Daan de Vries"));
    assert!(k.shows("Fleur de Vries"));
    assert!(!k.shows("Mila Visser"), "picked up");
    assert!(!k.shows("Na sluitingstijd nog aanwezig"));
    // 18:45 in Amsterdam, after the 18:30 closing time.
    k.wait(Duration::from_secs(2 * 3600 + 29 * 60));
    assert!(k.on_welcome());
    sign_in(&mut k, STAFF_PIN);
    k.tap("Aanwezig");
    assert!(k.shows("Na sluitingstijd nog aanwezig"));
}

#[test]
fn sync_shows_what_waits_in_plain_words() {
    let mut k = staffed("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    sign_in(&mut k, STAFF_PIN);
    k.tap("Synchronisatie");
    assert_eq!(staff_view(&k), Some(StaffView::Sync));
    // A visit and a rating.
    assert!(k.shows("2 gebeurtenissen wachten op verzending."));
    assert!(k.shows("Nog nooit verstuurd."));
}

#[test]
fn only_a_manager_sees_settings_and_closing_the_kiosk_takes_two_taps() {
    let mut k = staffed("", MONDAY_MORNING);
    sign_in(&mut k, STAFF_PIN);
    assert!(!k.shows("Instellingen"), "not for staff");
    k.tap("Sluiten");
    sign_in(&mut k, MANAGER_PIN);
    assert!(k.shows("Anouk"));
    k.tap("Instellingen");
    k.tap("Kiosk");
    assert_eq!(staff_view(&k), Some(StaffView::Settings));
    k.tap("Kiosk afsluiten");
    assert!(!k.harness.state().kiosk.exit_requested());
    assert!(k.shows("Weet je het zeker? Tik nog een keer om af te sluiten."));
    k.tap("Kiosk afsluiten");
    assert!(k.harness.state().kiosk.exit_requested());
}

#[test]
fn a_parents_badge_ends_staff_mode_and_greets_the_parent() {
    let mut k = staffed("", MONDAY_MORNING);
    sign_in(&mut k, STAFF_PIN);
    assert!(staff_view(&k).is_some());
    k.harness
        .state_mut()
        .kiosk
        .handle(welkom::kiosk::Action::Badge("BADGE0001".into()));
    k.harness.run();
    assert!(matches!(k.screen(), Screen::Rate(_)));
    assert!(!k.shows("Opvolgen"));
}

#[test]
fn without_staff_members_the_pad_says_how_to_add_them() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.tap("Medewerkers");
    k.type_pin("280461");
    assert!(
        k.harness
            .query_by_label_contains("welkom staff add")
            .is_some()
    );
}

#[test]
fn today_counts_the_faces_and_shows_counts_only_under_five_answers() {
    let mut k = staffed("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    k.type_pin("8152");
    k.tap("Overslaan");
    sign_in(&mut k, STAFF_PIN);
    assert_eq!(staff_view(&k), Some(StaffView::Today));
    let Screen::Staff(session) = k.screen() else {
        panic!("not in staff mode");
    };
    let welkom::kiosk::StaffData::Today(tally) = &session.data else {
        panic!("Today shows no tally");
    };
    assert_eq!(tally.drop_off.total.answers, 1);
    assert_eq!(tally.drop_off.total.visits, 2);
    assert_eq!(tally.drop_off.total.enthusiastic_percent, None);
    assert!(k.shows("1 antwoord bij 2 bezoeken"));
    assert!(k.shows("Minder dan 5 antwoorden: alleen de aantallen."));
    k.tap("Trend");
    assert_eq!(staff_view(&k), Some(StaffView::Trend));
    assert!(k.shows("Brengen: nog te weinig antwoorden om twee weken te vergelijken"));
    assert!(k.shows("Halen: nog te weinig antwoorden om twee weken te vergelijken"));
}

#[test]
fn the_today_view_shows_the_same_numbers_as_welkom_tally() {
    let mut k = staffed("", MONDAY_MORNING);
    // Six families at drop-off: a percentage needs five answers. Sanne changes her
    // face (the first one is superseded), Joost leaves without rating. Sanne comes
    // back at pick-up.
    // Each guardian reads the faces in their own language; the score is what counts.
    for (pin, score) in [
        ("4826", 4),
        ("7391", 3),
        ("3917", 4),
        ("6048", 1),
        ("5173", 4),
    ] {
        k.type_pin(pin);
        assert!(matches!(k.screen(), Screen::Rate(_)));
        k.harness.state_mut().kiosk.handle(Action::Rate(score));
        k.wait(Duration::from_secs(2));
        if pin == "4826" {
            k.harness.state_mut().kiosk.handle(Action::ChangeRating);
            k.harness.state_mut().kiosk.handle(Action::Rate(1));
            k.wait(Duration::from_secs(2));
        }
        k.harness.state_mut().kiosk.handle(Action::Done);
        k.harness.run();
        assert!(k.on_welcome());
    }
    k.type_pin("4826");
    k.tap("Niet goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    k.type_pin("8152");
    k.tap("Overslaan");

    sign_in(&mut k, STAFF_PIN);
    let Screen::Staff(session) = k.screen() else {
        panic!("not in staff mode");
    };
    let welkom::kiosk::StaffData::Today(shown) = &session.data else {
        panic!("Today shows no tally");
    };
    let shown = (**shown).clone();
    assert_eq!(
        shown.drop_off.total.answers, 5,
        "the superseded face is not counted"
    );
    assert_eq!(shown.drop_off.total.visits, 6);
    assert!(k.shows("5 antwoorden bij 6 bezoeken"));
    assert!(k.shows("Enthousiast 40 %"), "2 of 5 gave the top face");
    assert!(k.shows("Laag 40 %"), "Piotr, and Sanne after her change");
    assert_eq!(shown.pick_up.total.answers, 1);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_welkom"))
        .args(["tally", "--date", "2026-03-02", "--format", "json"])
        .env("WELKOM_DATA_DIR", k.dir.path())
        .env("WELKOM_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: welkom_core::tally::DayTally = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, shown);
}
