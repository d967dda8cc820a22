//! A kiosk configured with an upstream sends what parents give to a real hub, and the
//! staff Sync view says how it goes, in plain words.

mod common;

use common::{MONDAY_MORNING, STAFF_PIN, TestKiosk, sign_in, staffed};
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use welkom_hub::BackgroundHub;
use welkom_hub::db::{Location, NewDevice};

fn hub(dir: &tempfile::TempDir) -> (BackgroundHub, Location, NewDevice) {
    let hub = BackgroundHub::start(&format!(
        "sqlite:{}",
        dir.path().join("hub.sqlite").display()
    ))
    .unwrap();
    let (location, device) = hub.location_with_device("De Boomhut").unwrap();
    (hub, location, device)
}

fn kiosk_for(hub: &BackgroundHub, token: &str) -> TestKiosk {
    staffed(
        &format!(
            "[upstream]\nurl = \"{}\"\ntoken = \"{token}\"\ninterval_secs = 5\ntimeout_secs = 5\n",
            hub.url
        ),
        MONDAY_MORNING,
    )
}

/// Waits (real time) until `done`, at most ten seconds.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "waited in vain for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_rating_reaches_the_hub_and_the_sync_view_says_connected() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, location, device) = hub(&dir);
    let mut k = kiosk_for(&hub, &device.token);
    k.type_pin("4826");
    k.tap("Goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    let _sync = welkom::upstream::start(&mut k.harness.state_mut().kiosk).expect("an upstream");
    wait_for("the rating at the hub", || {
        hub.runtime
            .block_on(hub.db.ratings(&location.id))
            .unwrap()
            .len()
            == 1
    });
    wait_for("the outbox to empty", || {
        k.harness
            .state()
            .kiosk
            .store
            .outbox_summary()
            .unwrap()
            .waiting
            == 0
    });
    sign_in(&mut k, STAFF_PIN);
    k.tap("Synchronisatie");
    assert!(k.shows("Alles is verstuurd."));
    assert!(
        k.shows("Verbonden met de centrale server (De Boomhut). Alles wordt vanzelf verstuurd.")
    );
}

#[test]
fn a_refused_token_is_said_plainly_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, _, device) = hub(&dir);
    assert!(
        hub.runtime
            .block_on(hub.db.revoke_device(&device.id))
            .unwrap()
    );
    let mut k = kiosk_for(&hub, &device.token);
    k.type_pin("4826");
    k.tap("Goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    let status_seen = {
        let _sync = welkom::upstream::start(&mut k.harness.state_mut().kiosk).unwrap();
        sign_in(&mut k, STAFF_PIN);
        let mut seen = false;
        let started = Instant::now();
        while !seen && started.elapsed() < Duration::from_secs(10) {
            k.tap("Synchronisatie");
            seen = k
                .harness
                .query_by_label_contains("weigert de sleutel van deze kiosk")
                .is_some();
            std::thread::sleep(Duration::from_millis(50));
        }
        seen
    };
    assert!(status_seen, "the Sync view says the key is refused");
    assert!(k.shows("2 gebeurtenissen wachten op verzending."), "kept");
}

#[test]
fn the_sync_view_warns_of_a_wrong_clock_and_lists_refused_events() {
    let mut k = staffed("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    let status = welkom_sync::SyncStatus::default();
    status.update(|s| {
        s.state = welkom_sync::SyncState::Connected;
        s.location_name = Some("De Boomhut".into());
        s.clock_offset = Some(jiff::SignedDuration::from_mins(-5));
    });
    k.harness.state_mut().kiosk.set_sync_status(status.clone());
    let seq = {
        let store = &mut k.harness.state_mut().kiosk.store;
        let event = store.outbox_batch(1).unwrap().remove(0);
        let at = "2026-03-02T07:20:00Z".parse().unwrap();
        store
            .set_aside(
                event.seq,
                "data.score 7 is not between 1 and the scale 4",
                at,
            )
            .unwrap();
        event.seq
    };
    assert!(seq > 0);
    sign_in(&mut k, STAFF_PIN);
    k.tap("Synchronisatie");
    assert!(k.shows(
        "De klok van deze tablet loopt 5 minuten voor op de server. Laat de beheerder de tijd instellen."
    ));
    assert!(k.shows("1 gebeurtenis is door de server geweigerd en apart gezet:"));
    assert!(k.shows("08:20: data.score 7 is not between 1 and the scale 4"));
    assert!(
        k.shows("1 gebeurtenis wacht op verzending."),
        "the other one still goes"
    );

    // Within two minutes the clock is fine and nothing is said.
    status.update(|s| s.clock_offset = Some(jiff::SignedDuration::from_secs(90)));
    k.tap("Vandaag");
    k.tap("Synchronisatie");
    assert!(
        k.harness
            .query_by_label_contains("De klok van deze tablet")
            .is_none()
    );
}
