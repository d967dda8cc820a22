//! Outside opening hours the screen is black with nothing on it (cage cannot power
//! the display off); a touch wakes it to the welcome screen for a minute, and the
//! waking touch presses no button.

mod common;

use common::{MONDAY_MORNING, TestKiosk, kiosk, touch_screen};
use std::time::Duration;

/// Monday 2 March 2026, 21:00 in Amsterdam: closed.
const MONDAY_EVENING: &str = "2026-03-02T20:00:00Z";

const HOURS: &str = "[opening_hours]\nopen = \"07:00\"\nclose = \"18:00\"\n";

fn pin_pad_shown(k: &TestKiosk) -> bool {
    ["1", "5", "9", "OK"].iter().all(|label| k.shows(label))
}

#[test]
fn closed_and_untouched_for_a_minute_the_screen_is_black_and_empty() {
    let mut k = kiosk(HOURS, MONDAY_EVENING);
    assert!(pin_pad_shown(&k), "just started: the welcome screen is lit");
    k.wait(Duration::from_secs(59));
    assert!(pin_pad_shown(&k), "lit for a minute");
    k.wait(Duration::from_secs(2));
    assert!(k.harness.state().kiosk.is_dark());
    assert!(!pin_pad_shown(&k), "a dark screen shows no PIN pad");
    assert!(!k.shows("5"), "a dark screen shows nothing");
}

#[test]
fn a_touch_wakes_it_to_the_welcome_screen_for_a_minute() {
    let mut k = kiosk(HOURS, MONDAY_EVENING);
    k.wait(Duration::from_secs(120));
    assert!(!pin_pad_shown(&k));
    touch_screen(&mut k);
    assert!(pin_pad_shown(&k), "a touch wakes the welcome screen");
    assert!(k.on_welcome());
    assert!(k.ratings().is_empty(), "the waking touch pressed nothing");
    k.wait(Duration::from_secs(30));
    assert!(pin_pad_shown(&k), "still lit half a minute later");
    k.wait(Duration::from_secs(31));
    assert!(!pin_pad_shown(&k), "dark again a minute after the touch");
}

#[test]
fn during_opening_hours_the_screen_never_goes_dark() {
    let mut k = kiosk(HOURS, MONDAY_MORNING);
    k.wait(Duration::from_secs(2 * 3600));
    assert!(!k.harness.state().kiosk.is_dark());
    assert!(pin_pad_shown(&k));
}
