//! The parent's flow, driven through the screen as a parent would, with a pinned
//! clock, asserting on what the screen shows and on the stored rows.

mod common;

use common::{MONDAY_MORNING, kiosk, kiosk_sized};
use egui::{Event, Key};
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use welkom::kiosk::Screen;
use welkom_core::Moment;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn pin_greets_by_name_and_a_tap_stores_the_rating() {
    let mut k = kiosk("", MONDAY_MORNING);
    assert!(
        k.shows("Kinderopvang"),
        "location name on the welcome screen"
    );
    assert!(k.shows("08:15"), "the clock in the location's time zone");
    assert!(k.shows("Tik je code in of scan je pas"));
    assert!(!k.shows("Sanne"), "no family's name before identifying");

    k.type_pin("4826");
    assert!(k.shows("Goedemorgen, Sanne!"));
    assert!(k.shows("Hoe voelde het brengen vandaag?"));
    assert!(k.ratings().is_empty(), "nothing stored before the tap");

    k.tap("Top");
    assert!(k.shows("Dank je wel, Sanne!"));
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 1);
    let r = &ratings[0];
    assert_eq!((r.score, r.scale), (4, 4));
    assert_eq!(r.moment, Moment::DropOff);
    assert_eq!(r.guardian_id.as_ref().map(|g| g.0.as_str()), Some("G1"));
    assert_eq!(r.children, vec!["Daan", "Fleur"]);
    assert!(!r.superseded && !r.misuse);
    // The rating and its visit wait in the outbox.
    assert_eq!(
        k.query_i64("SELECT count(*) FROM outbox WHERE sent_at IS NULL"),
        2
    );
}

#[test]
fn hardware_digits_and_enter_work_too() {
    let mut k = kiosk("", MONDAY_MORNING);
    for digit in "7391".chars() {
        k.harness.event(Event::Text(digit.to_string()));
        k.wait(ms(350));
    }
    k.harness.key_press(Key::Enter);
    k.harness.run();
    assert!(
        matches!(k.screen(), Screen::Rate(_)),
        "typed PIN identifies"
    );
    assert!(k.shows("Günaydın, Ümit!"), "greeted in Turkish");
}

#[test]
fn a_badge_burst_identifies_on_any_screen() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.harness.event(Event::Text("BADGE0001".into()));
    k.harness.key_press(Key::Enter);
    k.harness.run();
    assert!(k.shows("Goedemorgen, Sanne!"));

    // Mid-flow (another guardian on the rating screen) a badge takes over.
    k.tap("Top");
    k.wait(ms(2000));
    k.tap("Klaar");
    k.type_pin("3917");
    assert!(k.shows("Good morning, Emma!"));
    k.harness.event(Event::Text("BADGE0001".into()));
    k.harness.key_press(Key::Enter);
    k.harness.run();
    assert!(k.shows("Goedemiddag, Sanne!") || k.shows("Goedemorgen, Sanne!"));
    // Emma identified and left without rating: her visit is kept, no rating.
    assert_eq!(
        k.query_i64("SELECT count(*) FROM visits WHERE guardian_id = 'G3'"),
        1
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM ratings WHERE guardian_id = 'G3'"),
        0
    );

    // An unknown badge says only that.
    k.tap("Overslaan");
    k.harness.event(Event::Text("UNKNOWN99".into()));
    k.harness.key_press(Key::Enter);
    k.harness.run();
    assert!(k.shows("Pas niet herkend"));
}

#[test]
fn wrong_pins_say_only_not_recognised_and_then_cool_down() {
    let mut k = kiosk("", MONDAY_MORNING);
    for pin in ["5801", "5802", "5803", "5804"] {
        k.type_pin(pin);
        assert!(k.shows("Code niet herkend"));
    }
    k.type_pin("5805");
    assert!(k.shows("Te vaak een verkeerde code. Probeer het over 4:00 opnieuw."));
    // During the cooldown even the right PIN is not taken.
    k.type_pin("4826");
    assert!(k.on_welcome());
    k.wait(Duration::from_secs(10));
    assert!(k.shows("Te vaak een verkeerde code. Probeer het over 3:50 opnieuw."));
    k.wait(Duration::from_secs(231));
    k.type_pin("4826");
    assert!(k.shows("Goedemorgen, Sanne!"));
}

#[test]
fn moments_that_matter_have_their_own_words() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    assert!(k.shows("Hoera, Daan wordt vandaag 3!"), "birthday");
    k.tap("Overslaan");
    k.type_pin("7391");
    let first_day = k.harness.query_by_label_contains("Elif").is_some();
    assert!(first_day, "first day in Turkish names the child");
    k.tap("Atla");
    k.type_pin("6048");
    assert!(
        k.harness.query_by_label_contains("Zofia").is_some(),
        "last day"
    );
}

#[test]
fn welcome_back_after_two_weeks_away() {
    let mut k = kiosk("", "2026-02-10T07:15:00Z");
    k.type_pin("3917");
    k.tap("Great");
    assert!(!k.shows("Lovely to see you again!"));
    k.clock.set("2026-03-02T07:15:00Z".parse().unwrap());
    k.wait(Duration::from_secs(30));
    k.type_pin("3917");
    assert!(k.shows("Lovely to see you again!"));
}

#[test]
fn greetings_follow_the_time_of_day_and_each_language() {
    // Open late, so the evening screen is lit (closed, it goes dark untouched).
    let mut k = kiosk(
        "[opening_hours]\nclose = \"23:00\"\n",
        "2026-03-02T13:30:00Z",
    );
    k.type_pin("5173");
    assert!(
        k.shows("Добрий день, Olena!"),
        "Ukrainian afternoon greeting"
    );
    k.tap("Пропустити");
    k.type_pin("6048");
    assert!(
        k.harness.query_by_label_contains("Dzień dobry").is_some(),
        "Polish"
    );
    k.clock.set("2026-03-02T18:30:00Z".parse().unwrap());
    k.wait(Duration::from_secs(30));
    k.type_pin("4826");
    assert!(k.shows("Goedenavond, Sanne!"));
}

#[test]
fn second_visit_is_a_pick_up_and_one_tap_corrects_the_moment() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Goed");
    k.tap("Klaar");
    k.wait(ms(2000));
    k.tap("Klaar");
    k.clock.set("2026-03-02T16:00:00Z".parse().unwrap());
    k.wait(Duration::from_secs(1));
    k.type_pin("8152");
    let Screen::Rate(v) = k.screen() else {
        panic!("rate screen")
    };
    assert_eq!(
        v.visit.moment,
        Moment::PickUp,
        "a first visit after noon is a pick-up"
    );
    k.tap("Overslaan");

    k.type_pin("4826");
    assert!(
        k.shows("Hoe was het ophalen vandaag?"),
        "the second visit is a pick-up"
    );
    k.tap("Brengen");
    assert!(
        k.shows("Hoe voelde het brengen vandaag?"),
        "one tap corrects it"
    );
    k.tap("Halen");
    k.tap("Brengen");
    k.tap("Top");
    assert_eq!(
        k.query_i64("SELECT count(*) FROM visits WHERE guardian_id='G1' AND moment='drop_off' AND moment_corrected=1"),
        1
    );
    // Corrected to drop-off again: it supersedes the morning's drop-off rating.
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 2);
    assert!(ratings[0].superseded && !ratings[1].superseded);
}

#[test]
fn a_sibling_can_be_left_out_of_the_visit() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Fleur");
    let Screen::Rate(v) = k.screen() else {
        panic!("rate screen")
    };
    assert_eq!(v.visit.children.len(), 1);
    k.tap("Daan");
    let Screen::Rate(v) = k.screen() else {
        panic!("rate screen")
    };
    assert_eq!(v.visit.children.len(), 1, "at least one child stays");
    k.tap("Top");
    assert_eq!(k.ratings()[0].children, vec!["Daan"]);
    assert_eq!(k.query_i64("SELECT count(*) FROM visit_children"), 1);
}

#[test]
fn each_scale_shows_its_faces() {
    for (size, words) in [
        (3, vec!["Top", "Gaat wel", "Niet goed"]),
        (4, vec!["Top", "Goed", "Matig", "Niet goed"]),
        (5, vec!["Top", "Goed", "Gaat wel", "Matig", "Niet goed"]),
    ] {
        let mut k = kiosk(&format!("[rating]\nscale = {size}\n"), MONDAY_MORNING);
        k.type_pin("4826");
        for word in &words {
            assert!(k.shows(word), "scale {size} shows {word}");
        }
        let absent = ["Top", "Goed", "Gaat wel", "Matig", "Niet goed"]
            .iter()
            .filter(|w| !words.contains(w))
            .count();
        assert_eq!(absent, 5 - size, "scale {size} shows exactly {size} faces");
        k.tap("Niet goed");
        let r = &k.ratings()[0];
        assert_eq!((r.score, r.scale), (1, size as u8));
        assert!(
            k.shows("Wat kan beter?"),
            "a low face asks what could be better"
        );
    }
}

#[test]
fn low_rating_offers_reasons_and_a_talk_request_none_required() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Matig");
    assert!(k.shows("Wat kan beter?"));
    // A toddler's taps right after the rating are ignored.
    k.tap("De overdracht");
    assert!(k.ratings()[0].reasons.is_empty());
    k.wait(ms(1600));
    k.tap("De overdracht");
    k.tap("Eten en drinken");
    k.tap("Eten en drinken");
    k.tap("Ik wil graag even praten");
    assert!(k.shows("We komen bij je terug"));
    let r = &k.ratings()[0];
    assert_eq!(r.reasons, vec!["handover"]);
    assert!(r.talk_request);
    // Back to the welcome screen by itself, keeping what was given.
    k.wait(Duration::from_secs(9));
    assert!(k.on_welcome());
    assert!(k.ratings()[0].talk_request);

    // A good rating asks nothing more.
    k.type_pin("3917");
    k.tap("Great");
    assert!(!k.shows("What could be better?"));
}

#[test]
fn thank_you_returns_by_itself_and_idle_screens_return_without_recording() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Top");
    k.wait(Duration::from_secs(7));
    assert!(matches!(k.screen(), Screen::ThankYou(_)));
    k.wait(Duration::from_secs(2));
    assert!(k.on_welcome(), "thank-you leaves after 8 s");

    k.type_pin("3917");
    k.wait(Duration::from_secs(19));
    assert!(matches!(k.screen(), Screen::Rate(_)));
    k.wait(Duration::from_secs(2));
    assert!(k.on_welcome(), "idle for 20 s returns");
    assert_eq!(
        k.query_i64("SELECT count(*) FROM ratings WHERE guardian_id = 'G3'"),
        0
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM visits WHERE guardian_id = 'G3'"),
        1
    );

    // Digits typed and left are cleared after idle.
    k.tap("4");
    k.tap("8");
    k.wait(Duration::from_secs(21));
    let Screen::Welcome(w) = k.screen() else {
        panic!("welcome")
    };
    assert!(w.pin.is_empty());
}

#[test]
fn changing_the_face_supersedes_and_a_burst_is_misuse() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Matig");
    k.wait(ms(1600));
    k.tap("Ander gezichtje kiezen");
    k.tap("Goed");
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 2, "both kept");
    assert!(
        ratings[0].superseded,
        "the earlier one is marked superseded"
    );
    assert!(!ratings[1].superseded);

    // More taps without identifying again are a burst: stored, flagged, not superseding.
    for face in ["Niet goed", "Top"] {
        k.wait(ms(1600));
        k.tap("Ander gezichtje kiezen");
        k.tap(face);
    }
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 4);
    assert!(ratings[2].misuse && ratings[3].misuse);
    assert!(!ratings[1].superseded, "misuse supersedes nothing");
    assert!(!k.shows("Wat kan beter?"), "misuse asks nothing more");
}

#[test]
fn names_list_when_the_location_enables_it() {
    let mut k = kiosk("[identification]\nname_list = true\n", MONDAY_MORNING);
    k.tap("Kies je naam");
    assert!(k.shows("Sanne"));
    k.tap("Sanne");
    assert!(k.shows("Goedemorgen, Sanne!"));

    let k = kiosk("", MONDAY_MORNING);
    assert!(!k.shows("Kies je naam"), "off by default");
}

#[test]
fn dimmed_outside_opening_hours_and_identifying_still_works() {
    let mut k = kiosk("", "2026-03-02T21:00:00Z");
    assert!(k.shows("We zijn nu gesloten · open 07:00–18:30"));
    assert!(!k.harness.state().kiosk.is_open());
    k.type_pin("4826");
    assert!(k.shows("Goedenavond, Sanne!"));
    let k = kiosk("", MONDAY_MORNING);
    assert!(!k.shows("We zijn nu gesloten · open 07:00–18:30"));
}

#[test]
fn configured_questions_per_language() {
    let config =
        "[questions.drop_off]\nnl = \"Hoe ging het afscheid?\"\nen = \"How was saying goodbye?\"\n";
    let mut k = kiosk(config, MONDAY_MORNING);
    k.type_pin("4826");
    assert!(k.shows("Hoe ging het afscheid?"));
    k.tap("Overslaan");
    k.type_pin("3917");
    assert!(k.shows("How was saying goodbye?"));
}

#[test]
fn portrait_and_large_screens_run_the_same_flow() {
    for size in [
        egui::vec2(800.0, 1280.0),
        egui::vec2(1920.0, 1080.0),
        egui::vec2(1080.0, 1920.0),
    ] {
        let mut k = kiosk_sized("", MONDAY_MORNING, size);
        k.type_pin("4826");
        assert!(k.shows("Goedemorgen, Sanne!"));
        k.tap("Niet goed");
        k.wait(ms(1600));
        k.tap("Ik wil graag even praten");
        assert!(k.ratings()[0].talk_request, "at {size:?}");
    }
}

#[test]
fn everything_works_without_a_pointer() {
    let mut k = kiosk("", MONDAY_MORNING);
    // Tab moves through the keypad's keys; Space presses the focused one.
    let tab_to = |k: &mut common::TestKiosk, label: &str| {
        for _ in 0..20 {
            k.harness.key_press(Key::Tab);
            k.harness.run();
            if k.harness.get_by_label(label).is_focused() {
                return;
            }
        }
        panic!("Tab never reached {label}");
    };
    for digit in ["4", "8", "2", "6"] {
        tab_to(&mut k, digit);
        k.harness.key_press(Key::Space);
        k.harness.run();
    }
    tab_to(&mut k, "OK");
    k.harness.key_press(Key::Enter);
    k.harness.run();
    assert!(k.shows("Goedemorgen, Sanne!"));
    tab_to(&mut k, "Halen");
    k.harness.key_press(Key::Space);
    k.harness.run();
    tab_to(&mut k, "Fleur");
    k.harness.key_press(Key::Space);
    k.harness.run();
    tab_to(&mut k, "Goed");
    k.harness.key_press(Key::Enter);
    k.harness.run();
    let r = &k.ratings()[0];
    assert_eq!((r.score, r.moment), (3, Moment::PickUp));
    assert_eq!(r.children, vec!["Daan"]);
    k.wait(ms(1600));
    tab_to(&mut k, "Klaar");
    k.harness.key_press(Key::Space);
    k.harness.run();
    assert!(k.on_welcome());
}

/// A PIN the hub issued takes argon2id runs to find (here a costly key, so the
/// check surely outlasts a few frames): the frame that takes the PIN only starts
/// the check, the keypad says it is checking, and the answer greets the guardian.
#[test]
fn a_pin_from_the_hub_is_checked_off_the_screen_and_greets() {
    let mut k = kiosk("", MONDAY_MORNING);
    let key = common::hub_key(65_536, 8);
    common::hub_roster(&mut k, &key, "50317");
    for digit in "50317".chars() {
        k.tap(&digit.to_string());
    }
    k.harness.get_by_label("OK").click();
    // The frame that takes the PIN returns at once, still on the welcome screen.
    let started = std::time::Instant::now();
    k.harness.step();
    let frame = started.elapsed();
    assert!(k.harness.state().kiosk.guardian_checking());
    assert!(matches!(k.screen(), Screen::Welcome(w) if w.checking && w.pin.is_empty()));
    k.harness.step();
    assert!(
        k.shows("Even controleren…"),
        "the keypad says it is checking"
    );
    assert!(
        k.harness.state().kiosk.guardian_checking(),
        "still checking after the frame {frame:?} that took the PIN"
    );
    // Digits typed meanwhile are not taken.
    k.tap("1");
    assert!(matches!(k.screen(), Screen::Welcome(w) if w.pin.is_empty()));

    common::settle_pin_check(&mut k);
    assert!(k.shows("Goedemorgen, Sanne!"));
    assert!(matches!(k.screen(), Screen::Rate(_)));
    assert!(k.harness.state().kiosk.cooldown().is_none());
}
