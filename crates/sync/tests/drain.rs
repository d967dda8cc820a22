//! The real sync client against a real hub on a free port: the outbox drains in
//! batches, every event reaches the hub exactly once, a refused event is set aside
//! without holding back the others, a restart goes on where it was, a refused token
//! stops sending, an unreachable hub is retried, and the hub's tally equals the
//! kiosk's for the same day.

use jiff::Timestamp;
use jiff::civil::Date;
use std::time::Duration;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_hub::db::{Location, NewDevice};
use welkom_hub::{BackgroundHub, Db};
use welkom_store::{NewRating, NewVisit, Privacy, Store};
use welkom_sync::{Attempt, RosterFetch, SyncClient, SyncState, SyncStatus, Upstream};

struct Hub {
    server: BackgroundHub,
    location: Location,
    device: NewDevice,
    _dir: tempfile::TempDir,
}

fn hub() -> Hub {
    let dir = tempfile::tempdir().unwrap();
    let hub = BackgroundHub::start(&format!(
        "sqlite:{}",
        dir.path().join("hub.sqlite").display()
    ))
    .unwrap();
    let (location, device) = hub.location_with_device("De Boomhut").unwrap();
    Hub {
        server: hub,
        location,
        device,
        _dir: dir,
    }
}

const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G2;Joost;Visser;8152;C2;Mila;Rupsen
G3;Emma;Bakker;3917;C3;Noah;Kikkers
";

const DAY: &str = "2026-03-02";

/// A kiosk store with `families` passes of three families: visits and ratings,
/// some re-rated, some anonymous.
fn kiosk_store(dir: &std::path::Path, passes: usize) -> Store {
    let mut store = Store::open(&dir.join("welkom.sqlite")).unwrap();
    let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
    let day: Date = DAY.parse().unwrap();
    for i in 0..passes {
        let g = 1 + i % 3;
        let at: Timestamp = format!("{DAY}T06:00:00Z")
            .parse::<Timestamp>()
            .unwrap()
            .checked_add(jiff::SignedDuration::from_secs(20 * i as i64))
            .unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(format!("G{g}")),
            moment: if i % 2 == 0 {
                Moment::DropOff
            } else {
                Moment::PickUp
            },
            moment_corrected: false,
            children: vec![ChildId(format!("C{g}"))],
            at,
            local_date: day,
        };
        let rating = NewRating {
            id: EventId::new(),
            score: [4, 3, 1, 4, 2][i % 5],
            scale: Scale::Four,
            at,
            misuse: i % 97 == 0,
            privacy: if i % 7 == 0 {
                Privacy::Anonymous
            } else {
                Privacy::Linked
            },
            replaces: None,
        };
        store.record_rating(&visit, &rating).unwrap();
    }
    store
}

fn upstream(hub: &Hub, token: &str) -> Upstream {
    Upstream {
        interval: Duration::from_secs(30),
        timeout: Duration::from_secs(5),
        ..Upstream::new(hub.server.url.clone(), token)
    }
}

/// Sends until nothing waits; the attempts made.
fn drain(client: &mut SyncClient) -> Vec<Attempt> {
    let mut attempts = Vec::new();
    for _ in 0..100 {
        let attempt = client.send_once().unwrap();
        let idle = attempt == Attempt::Idle;
        attempts.push(attempt);
        if idle {
            return attempts;
        }
    }
    panic!("the outbox did not drain: {attempts:?}");
}

fn hub_events(hub: &Hub) -> usize {
    let Db::Sqlite(_) = &hub.server.db else {
        unreachable!("these tests run on SQLite")
    };
    hub.server
        .runtime
        .block_on(hub.server.db.ratings(&hub.location.id))
        .unwrap()
        .len()
}

#[test]
fn the_outbox_drains_in_batches_and_the_hub_tallies_the_same_day() {
    let hub = hub();
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk_store(dir.path(), 700);
    let waiting = store.outbox_summary().unwrap().waiting;
    assert_eq!(waiting, 1400, "a visit and a rating per pass");
    let status = SyncStatus::default();
    let mut client = SyncClient::new(store, upstream(&hub, &hub.device.token), status.clone());
    let attempts = drain(&mut client);
    let sent: Vec<usize> = attempts
        .iter()
        .filter_map(|a| match a {
            Attempt::Sent { delivered, .. } => Some(*delivered),
            _ => None,
        })
        .collect();
    assert_eq!(sent, [500, 500, 400], "batches of at most 500");
    assert_eq!(client.store().outbox_summary().unwrap().waiting, 0);
    assert_eq!(hub_events(&hub), 700, "every rating exactly once");
    assert_eq!(status.snapshot().state, SyncState::Connected);
    assert_eq!(
        status.snapshot().location_name.as_deref(),
        Some("De Boomhut")
    );
    assert!(!status.snapshot().clock_is_off());

    let day: Date = DAY.parse().unwrap();
    let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
    let kiosk = client.store().day_tally(day, &zone).unwrap();
    let upstream = hub
        .server
        .runtime
        .block_on(hub.server.db.tally(&hub.location, day))
        .unwrap();
    assert_eq!(upstream, kiosk, "the hub's tally is the kiosk's");
}

#[test]
fn a_refused_event_is_set_aside_and_the_rest_go_on() {
    let hub = hub();
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk_store(dir.path(), 10);
    spoil_one_rating(dir.path());
    let mut client = SyncClient::new(
        store,
        upstream(&hub, &hub.device.token),
        SyncStatus::default(),
    );
    drain(&mut client);
    let aside = client.store().set_aside_events().unwrap();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].reason.contains("score 9"), "{}", aside[0].reason);
    assert_eq!(hub_events(&hub), 9);
    assert_eq!(client.store().outbox_summary().unwrap().waiting, 0);
}

/// Spoils one waiting rating event (score 9), as a faulty older version might have.
fn spoil_one_rating(dir: &std::path::Path) {
    let conn = rusqlite::Connection::open(dir.join("welkom.sqlite")).unwrap();
    conn.execute(
        "UPDATE outbox SET data = json_set(data, '$.score', 9)
         WHERE seq = (SELECT min(seq) FROM outbox WHERE type = 'nl.welkom.rating.recorded.v1')",
        [],
    )
    .unwrap();
}

#[test]
fn a_restart_goes_on_where_it_was_and_nothing_is_doubled() {
    let hub = hub();
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk_store(dir.path(), 400);
    let mut first = SyncClient::new(
        store,
        upstream(&hub, &hub.device.token),
        SyncStatus::default(),
    );
    assert!(matches!(
        first.send_once().unwrap(),
        Attempt::Sent { delivered: 500, .. }
    ));
    drop(first);
    let store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
    let mut second = SyncClient::new(
        store,
        upstream(&hub, &hub.device.token),
        SyncStatus::default(),
    );
    let attempts = drain(&mut second);
    assert_eq!(
        attempts[0],
        Attempt::Sent {
            delivered: 300,
            refused: 0
        }
    );
    assert_eq!(hub_events(&hub), 400);
}

#[test]
fn a_refused_token_stops_sending_and_an_unreachable_hub_is_retried() {
    let hub = hub();
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk_store(dir.path(), 3);
    let status = SyncStatus::default();
    let mut client = SyncClient::new(store, upstream(&hub, "wlk_wrong"), status.clone());
    assert_eq!(client.send_once().unwrap(), Attempt::TokenRefused);
    assert_eq!(status.snapshot().state, SyncState::TokenRefused);
    assert_eq!(
        client.store().outbox_summary().unwrap().waiting,
        6,
        "nothing lost"
    );

    let store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let nowhere = Upstream {
        url: format!("http://{address}"),
        ..upstream(&hub, &hub.device.token)
    };
    let mut client = SyncClient::new(store, nowhere, status.clone());
    assert!(matches!(
        client.send_once().unwrap(),
        Attempt::RetryAfter(None, _)
    ));
    assert!(matches!(
        status.snapshot().state,
        SyncState::Retrying { .. }
    ));
    assert_eq!(client.store().outbox_summary().unwrap().waiting, 6);
}

#[test]
fn the_roster_is_fetched_when_it_changed_and_applied_all_or_nothing() {
    let hub = hub();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
    let status = SyncStatus::default();
    let mut client = SyncClient::new(store, upstream(&hub, &hub.device.token), status.clone());
    assert_eq!(client.fetch_roster().unwrap(), RosterFetch::NoRoster);

    let put = |csv: &str| {
        hub.server
            .runtime
            .block_on(
                hub.server
                    .db
                    .put_roster(&hub.location.id, csv.as_bytes().to_vec()),
            )
            .unwrap()
    };
    put(ROSTER);
    assert_eq!(
        client.fetch_roster().unwrap(),
        RosterFetch::Applied { new_pins: 0 }
    );
    assert_eq!(client.store().active_guardian_count().unwrap(), 3);
    assert_eq!(
        client.fetch_roster().unwrap(),
        RosterFetch::Unchanged,
        "304 with the ETag"
    );

    // A new family without a PIN: applied, and the new PIN handed to the kiosk once.
    put(&format!("{ROSTER}G4;Lotte;Jansen;;C4;Ties;Kikkers\n"));
    assert_eq!(
        client.fetch_roster().unwrap(),
        RosterFetch::Applied { new_pins: 1 }
    );
    assert_eq!(client.store().active_guardian_count().unwrap(), 4);
    let pins = status.take_issued_pins();
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].first_name, "Lotte");
    assert!(status.take_issued_pins().is_empty(), "taken once");
    assert!(status.snapshot().roster_applied.is_some());

    // A roster with a problem changes nothing.
    put(&format!("{ROSTER}G5;Bram;;12a4;C5;Sem;Kikkers\n"));
    assert_eq!(
        client.fetch_roster().unwrap(),
        RosterFetch::Refused { problems: 1 }
    );
    assert_eq!(client.store().active_guardian_count().unwrap(), 4);
}
