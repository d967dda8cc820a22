//! The guardians' keypad and badge reader share a budget of wrong codes: a right PIN
//! does not give tries back, an unknown badge costs one, the same unknown badge
//! again costs nothing, and a restart keeps what was spent.

mod common;

use common::{MONDAY_MORNING, TestKiosk, kiosk};
use egui::{Event, Key};
use std::sync::Arc;
use std::time::Duration;
use welkom::kiosk::Screen;

fn scan(k: &mut TestKiosk, code: &str) {
    k.harness.event(Event::Text(code.into()));
    k.harness.key_press(Key::Enter);
    k.harness.run();
}

const COOLDOWN: &str = "Te vaak een verkeerde code. Probeer het over 4:00 opnieuw.";

#[test]
fn a_right_pin_between_wrong_ones_does_not_give_tries_back() {
    let mut k = kiosk("", MONDAY_MORNING);
    for pin in ["5801", "5802", "5803", "5804"] {
        k.type_pin(pin);
        assert!(k.shows("Code niet herkend"));
    }
    // The parent's own PIN works, as it should.
    k.type_pin("4826");
    assert!(k.shows("Goedemorgen, Sanne!"));
    k.tap("Overslaan");
    // Today that would have wiped the count; now the fifth wrong PIN still ends the
    // budget.
    k.type_pin("5805");
    assert!(k.shows(COOLDOWN), "the right PIN gave no tries back");
    assert!(k.harness.state().kiosk.cooldown().is_some());

    // A restart keeps the wait.
    let restarted =
        welkom::commands::build_app(k.dir.path(), false, Arc::new(k.clock.clone())).unwrap();
    assert!(restarted.kiosk.cooldown().is_some());

    // One try comes back after 4 minutes: one more wrong PIN, and the wait is back.
    k.wait(Duration::from_secs(240));
    k.type_pin("5806");
    assert!(k.shows(COOLDOWN));
    k.wait(Duration::from_secs(240));
    k.type_pin("7391");
    assert!(
        matches!(k.screen(), Screen::Rate(_)),
        "a family gets in after one refill"
    );
}

#[test]
fn an_unknown_badge_costs_a_try_and_the_same_one_again_does_not() {
    let mut k = kiosk("", MONDAY_MORNING);
    // A new card that is not linked yet, scanned again and again: one try.
    for _ in 0..8 {
        scan(&mut k, "NEWCARD7731");
        assert!(k.shows("Pas niet herkend"));
    }
    assert!(k.harness.state().kiosk.cooldown().is_none());
    // Three other unknown badges and one wrong PIN spend the rest.
    for code in ["GUESS0001", "GUESS0002", "GUESS0003"] {
        scan(&mut k, code);
        assert!(k.harness.state().kiosk.cooldown().is_none(), "{code}");
    }
    k.type_pin("5801");
    assert!(
        k.shows(COOLDOWN),
        "four unknown badges and a wrong PIN spend the budget"
    );
    // While no try is left, even a known badge is not looked up.
    scan(&mut k, "BADGE0001");
    assert!(k.on_welcome());
    assert!(k.shows(COOLDOWN));
    k.wait(Duration::from_secs(240));
    scan(&mut k, "BADGE0001");
    assert!(k.shows("Goedemorgen, Sanne!"));
}

/// With PINs from the hub, a wrong PIN is checked off the screen and costs its try
/// when the answer comes, as before: five wrong ones end the budget.
#[test]
fn wrong_pins_checked_against_the_hub_keys_spend_the_budget() {
    let mut k = common::kiosk("", MONDAY_MORNING);
    let key = common::hub_key(19_456, 2);
    common::hub_roster(&mut k, &key, "50317");
    for pin in ["5801", "5802", "5803", "5804"] {
        k.type_pin(pin);
        common::settle_pin_check(&mut k);
        assert!(k.shows("Code niet herkend"), "{pin}");
    }
    // The same wrong PIN again costs nothing.
    k.type_pin("5804");
    common::settle_pin_check(&mut k);
    assert!(k.harness.state().kiosk.cooldown().is_none());
    k.type_pin("5805");
    common::settle_pin_check(&mut k);
    assert!(k.shows(COOLDOWN), "the fifth wrong PIN ends the budget");
    k.wait(Duration::from_secs(240));
    k.type_pin("50317");
    common::settle_pin_check(&mut k);
    assert!(k.shows("Goedemorgen, Sanne!"));
}
