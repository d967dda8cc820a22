//! A kiosk configured with an upstream sends what parents give to a real hub, and the
//! staff Sync view says how it goes, in plain words.

mod common;

use common::{MANAGER_PIN, MONDAY_MORNING, STAFF_PIN, TestKiosk, sign_in, staffed};
use egui_kittest::kittest::Queryable;
use jiff::Timestamp;
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

/// Gives a rating and sets both its events (visit and rating) aside.
fn two_events_set_aside(k: &mut TestKiosk) {
    k.type_pin("4826");
    k.tap("Goed");
    k.wait(Duration::from_secs(2));
    k.tap("Klaar");
    let store = &mut k.harness.state_mut().kiosk.store;
    let at = "2026-03-02T07:20:00Z".parse().unwrap();
    for event in store.outbox_batch(10).unwrap() {
        store
            .set_aside(event.seq, "source is not this device's", at)
            .unwrap();
    }
    assert_eq!(store.outbox_summary().unwrap().set_aside, 2);
}

#[test]
fn a_manager_sends_set_aside_events_again_or_drops_them_after_a_second_tap() {
    let mut k = staffed("", MONDAY_MORNING);
    two_events_set_aside(&mut k);

    // A staff member who is not a manager sees the events, not the buttons.
    sign_in(&mut k, STAFF_PIN);
    k.tap("Synchronisatie");
    assert!(k.shows("2 gebeurtenissen zijn door de server geweigerd en apart gezet:"));
    assert!(!k.shows("Opnieuw versturen") && !k.shows("Weggooien"));
    k.tap("Sluiten");

    sign_in(&mut k, MANAGER_PIN);
    k.tap("Synchronisatie");
    k.tap("Opnieuw versturen");
    let summary = k.harness.state().kiosk.store.outbox_summary().unwrap();
    assert_eq!((summary.set_aside, summary.waiting), (0, 2), "back in line");
    assert!(k.shows("2 gebeurtenissen wachten op verzending."));

    let store = &mut k.harness.state_mut().kiosk.store;
    for event in store.outbox_batch(10).unwrap() {
        store
            .set_aside(
                event.seq,
                "source is not this device's",
                Timestamp::UNIX_EPOCH,
            )
            .unwrap();
    }
    k.tap("Vandaag");
    k.tap("Synchronisatie");
    // The first tap only asks.
    k.tap("Weggooien");
    assert!(k.shows(
        "Weet je het zeker? 2 gebeurtenissen worden nooit meer verstuurd. Tik op \"Ja, weggooien\"."
    ));
    assert_eq!(
        k.query_i64("SELECT count(*) FROM outbox"),
        2,
        "nothing dropped yet"
    );
    k.tap("Nee, bewaren");
    assert!(!k.shows("Ja, weggooien"));
    assert_eq!(k.query_i64("SELECT count(*) FROM outbox"), 2, "kept");
    // The second tap drops.
    k.tap("Weggooien");
    k.tap("Ja, weggooien");
    assert_eq!(k.query_i64("SELECT count(*) FROM outbox"), 0, "dropped");
    assert!(k.shows("Alles is verstuurd."));
    assert!(k.harness.query_by_label_contains("apart gezet").is_none());
    assert_eq!(k.ratings().len(), 1, "the rating itself stays on the kiosk");
}

#[test]
fn the_sync_view_warns_when_events_go_unencrypted_to_another_machine() {
    for (url, warned) in [
        ("http://192.168.1.20:8080", true),
        ("http://hub.lan", true),
        ("https://hub.example.org", false),
        ("http://localhost:8080", false),
        ("http://127.0.0.1:8080", false),
        ("http://[::1]:8080", false),
    ] {
        let mut k = staffed(
            &format!("[upstream]\nurl = \"{url}\"\ntoken = \"wlk_1\"\n"),
            MONDAY_MORNING,
        );
        sign_in(&mut k, STAFF_PIN);
        k.tap("Synchronisatie");
        let warning = format!(
            "De verbinding met {url} is niet versleuteld (http://): wat verstuurd wordt, is onderweg leesbaar. Vraag de beheerder om een https://-adres."
        );
        assert_eq!(k.shows(&warning), warned, "{url}");
        assert_eq!(
            k.harness
                .query_by_label_contains("niet versleuteld")
                .is_some(),
            warned,
            "{url}"
        );
    }
}

#[test]
fn check_config_warns_when_events_go_unencrypted_to_another_machine() {
    for (url, warned) in [
        ("http://192.168.1.20:8080/events", true),
        ("https://hub.example.org", false),
        ("http://localhost:8080", false),
        ("http://127.0.0.2", false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("welkom.toml"),
            format!("[upstream]\nurl = \"{url}\"\ntoken = \"wlk_1\"\n"),
        )
        .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_welkom"))
            .arg("--data-dir")
            .arg(dir.path())
            .arg("check-config")
            .env("WELKOM_LOG", "warn")
            .output()
            .unwrap();
        assert!(out.status.success(), "a warning, not an error: {url}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.contains(&format!(
                "Let op: upstream.url {url} is http:// zonder versleuteling naar een andere machine"
            )),
            warned,
            "{url}: {stdout}"
        );
    }
}

#[test]
fn a_plain_receiver_reads_as_connected_without_noise() {
    let mut k = staffed(
        "[upstream]\nurl = \"https://events.example.org/welkom\"\nkind = \"cloudevents\"\n",
        MONDAY_MORNING,
    );
    let status = welkom_sync::SyncStatus::default();
    status.update(|s| {
        s.state = welkom_sync::SyncState::Connected;
        s.peer = Some(welkom_sync::Peer::Receiver);
    });
    k.harness.state_mut().kiosk.set_sync_status(status);
    sign_in(&mut k, STAFF_PIN);
    k.tap("Synchronisatie");
    assert!(k.shows(
        "Verbonden met de ontvanger. Alles wordt vanzelf verstuurd; de lijst met ouders en kinderen wordt op deze kiosk bijgehouden."
    ));
    for noise in ["centrale server", "niet versleuteld", "geweigerd"] {
        assert!(
            k.harness.query_by_label_contains(noise).is_none(),
            "{noise}"
        );
    }
}
