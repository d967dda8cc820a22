//! A kiosk's day sent by the real sync client, on both back ends: the hub's tally
//! equals the kiosk's. A kiosk given a new token in the middle of a day strands
//! nothing and doubles nothing. And several hub processes serve one PostgreSQL
//! database at once.

mod common;

use common::BackEnd;
use jiff::Timestamp;
use jiff::civil::Date;
use std::time::Duration;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_store::{NewRating, NewVisit, Privacy, Store};
use welkom_sync::{Attempt, SyncClient, SyncStatus, Upstream};

const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G2;Joost;Visser;8152;C2;Mila;Rupsen
G3;Emma;Bakker;3917;C3;Noah;Kikkers
";

/// A day at a kiosk: drop-offs and pick-ups, re-ratings, misuse, anonymous ones.
fn kiosk_day(dir: &std::path::Path, passes: usize, date: &str) -> Store {
    let mut store = Store::open(&dir.join("welkom.sqlite")).unwrap();
    let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
    let day: Date = date.parse().unwrap();
    for i in 0..passes {
        let g = 1 + i % 3;
        let at = format!("{date}T05:30:00Z")
            .parse::<Timestamp>()
            .unwrap()
            .checked_add(jiff::SignedDuration::from_mins(7 * i as i64))
            .unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(format!("G{g}")),
            moment: if i < passes / 2 {
                Moment::DropOff
            } else {
                Moment::PickUp
            },
            moment_corrected: false,
            children: vec![ChildId(format!("C{g}"))],
            at,
            local_date: day,
        };
        let first = NewRating {
            id: EventId::new(),
            score: [4, 3, 1, 4, 2, 4][i % 6],
            scale: Scale::Four,
            at,
            misuse: i % 13 == 0,
            privacy: if i % 5 == 0 {
                Privacy::Anonymous
            } else {
                Privacy::Linked
            },
            replaces: None,
        };
        store.record_rating(&visit, &first).unwrap();
        if i % 4 == 0 {
            let again = NewRating {
                id: EventId::new(),
                score: 2,
                at: at.checked_add(jiff::SignedDuration::from_secs(20)).unwrap(),
                replaces: Some(first.id),
                ..first
            };
            store.record_rating(&visit, &again).unwrap();
        }
    }
    store
}

fn sync_client(store: Store, url: &str, token: &str) -> SyncClient {
    SyncClient::new(
        store,
        Upstream {
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            ..Upstream::new(url, token)
        },
        SyncStatus::default(),
    )
}

fn drain(client: &mut SyncClient) {
    for _ in 0..100 {
        if client.send_once().unwrap() == Attempt::Idle {
            return;
        }
    }
    panic!("the outbox did not drain");
}

fn the_hubs_tally_equals_the_kiosks_on_both_back_ends(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let device = hub.device(&location);
        let dir = tempfile::tempdir().unwrap();
        let mut client = sync_client(
            kiosk_day(dir.path(), 90, "2026-03-30"),
            &hub.url,
            &device.token,
        );
        drain(&mut client);
        // 30 March 2026: the day after the clocks went forward in Amsterdam.
        let day: Date = "2026-03-30".parse().unwrap();
        let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
        let kiosk = client.store().day_tally(day, &zone).unwrap();
        let upstream = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
        assert!(kiosk.drop_off.total.answers > 0 && kiosk.pick_up.total.answers > 0);
        assert_eq!(upstream, kiosk, "{}", hub.back_end);
    });
}
on_both_back_ends!(the_hubs_tally_equals_the_kiosks_on_both_back_ends);

#[test]
#[ignore = "needs PostgreSQL: apt-get install postgresql"]
fn several_hub_processes_serve_one_postgresql_database() {
    let cluster = common::postgres::TempPostgres::require();
    // Two hubs start at once: the migrations run once, under an advisory lock.
    let (first, second) = std::thread::scope(|s| {
        let a = s.spawn(|| welkom_hub::BackgroundHub::start(&cluster.url).unwrap());
        let b = s.spawn(|| welkom_hub::BackgroundHub::start(&cluster.url).unwrap());
        (a.join().unwrap(), b.join().unwrap())
    });
    let (location, devices) = first.runtime.block_on(async {
        let location = first
            .db
            .add_location("De Boomhut", "Europe/Amsterdam")
            .await
            .unwrap();
        let a = first.db.add_device(&location.id).await.unwrap();
        let b = first.db.add_device(&location.id).await.unwrap();
        (location, [a, b])
    });
    // Two kiosks, each sending to another hub process, at the same time.
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    std::thread::scope(|s| {
        for (i, (dir, device)) in dirs.iter().zip(&devices).enumerate() {
            let url = if i == 0 { &first.url } else { &second.url };
            s.spawn(move || {
                let mut client =
                    sync_client(kiosk_day(dir.path(), 300, "2026-03-02"), url, &device.token);
                drain(&mut client);
            });
        }
    });
    let via_first = first
        .runtime
        .block_on(first.db.ratings(&location.id))
        .unwrap();
    let via_second = second
        .runtime
        .block_on(second.db.ratings(&location.id))
        .unwrap();
    assert_eq!(
        via_first.len(),
        2 * (300 + 300 / 4),
        "both kiosks' ratings, once"
    );
    assert_eq!(via_first, via_second, "both hubs see the same database");
}

fn retention_drops_the_guardian_from_old_events_and_keeps_the_counts(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let device = hub.device(&location);
        let dir = tempfile::tempdir().unwrap();
        let mut client = sync_client(
            kiosk_day(dir.path(), 30, "2026-03-02"),
            &hub.url,
            &device.token,
        );
        drain(&mut client);
        let day: Date = "2026-03-02".parse().unwrap();
        let before = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
        // Nothing was received before yesterday: nothing changes.
        let yesterday = Timestamp::now()
            .checked_sub(jiff::SignedDuration::from_hours(24))
            .unwrap();
        assert_eq!(
            hub.runtime
                .block_on(hub.db.apply_retention(yesterday))
                .unwrap(),
            0
        );
        // Everything received before tomorrow loses its links.
        let tomorrow = Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(24))
            .unwrap();
        let changed = hub
            .runtime
            .block_on(hub.db.apply_retention(tomorrow))
            .unwrap();
        assert!(changed > 0, "{}", hub.back_end);
        assert_eq!(
            hub.runtime
                .block_on(hub.db.apply_retention(tomorrow))
                .unwrap(),
            0,
            "a second run finds nothing"
        );
        let after = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
        assert_eq!(after, before, "the counts stay");
        let exported = hub
            .runtime
            .block_on(hub.db.events_data(&location.id))
            .unwrap();
        assert!(!exported.is_empty());
        for data in exported {
            assert!(data.get("guardian_id").is_none(), "{data}");
            assert!(data.get("visit_id").is_none(), "{data}");
            if let Some(children) = data.get("children") {
                assert_eq!(children, &serde_json::json!([]));
            }
        }
    });
}
on_both_back_ends!(retention_drops_the_guardian_from_old_events_and_keeps_the_counts);

/// Every event at a hub on SQLite: (location, source, id).
fn events_at_hub(database: &std::path::Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let mut stmt = conn
        .prepare("SELECT location_id, source, id FROM events ORDER BY received_at")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every event id in a kiosk's outbox, in order.
fn outbox_ids(database: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let mut stmt = conn
        .prepare("SELECT event_id FROM outbox ORDER BY seq")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_kiosk_given_a_new_token_mid_day_strands_nothing_and_doubles_nothing() {
    for moved in [true, false] {
        let what = if moved {
            "moved to another location"
        } else {
            "a new device at the same location"
        };
        let hub_dir = tempfile::tempdir().unwrap();
        let hub_database = hub_dir.path().join("hub.sqlite");
        let hub = welkom_hub::BackgroundHub::start(&format!("sqlite:{}", hub_database.display()))
            .unwrap();
        let (first_location, first_device) = hub.location_with_device("De Boomhut").unwrap();
        let (second_location, second_device) = if moved {
            hub.location_with_device("Het Kasteel").unwrap()
        } else {
            let device = hub
                .runtime
                .block_on(hub.db.add_device(&first_location.id))
                .unwrap();
            (first_location.clone(), device)
        };

        // The morning under the first token: one batch goes, the rest waits.
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("welkom.sqlite");
        let mut client = sync_client(
            kiosk_day(dir.path(), 300, "2026-03-02"),
            &hub.url,
            &first_device.token,
        );
        assert!(matches!(
            client.send_once().unwrap(),
            Attempt::Sent {
                delivered: 500,
                refused: 0
            }
        ));
        let sent_under_first: Vec<String> = outbox_ids(&database)[..500].to_vec();
        let waiting = client.store().outbox_summary().unwrap().waiting;
        assert!(waiting > 0, "{what}: events wait at the change");
        drop(client);
        if moved {
            // The old device is revoked when the kiosk moves.
            assert!(
                hub.runtime
                    .block_on(hub.db.revoke_device(&first_device.id))
                    .unwrap()
            );
        }

        // The new token, and the rest of the day on it.
        let store = kiosk_day(dir.path(), 40, "2026-03-02");
        let mut client = sync_client(store, &hub.url, &second_device.token);
        drain(&mut client);
        let summary = client.store().outbox_summary().unwrap();
        assert_eq!(summary.waiting, 0, "{what}");
        assert_eq!(summary.set_aside, 0, "{what}: nothing set aside");

        let at_hub = events_at_hub(&hub_database);
        let kiosk_ids = outbox_ids(&database);
        assert_eq!(at_hub.len(), kiosk_ids.len(), "{what}: every event once");
        let mut hub_ids: Vec<&str> = at_hub.iter().map(|(_, _, id)| id.as_str()).collect();
        hub_ids.sort_unstable();
        hub_ids.dedup();
        let mut expected: Vec<&str> = kiosk_ids.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(
            hub_ids, expected,
            "{what}: exactly the kiosk's events, none twice"
        );
        for (location, source, id) in &at_hub {
            let (want_location, want_device) = if sent_under_first.contains(id) {
                (&first_location.id, &first_device.id)
            } else {
                (&second_location.id, &second_device.id)
            };
            assert_eq!(location, want_location, "{what}: {id}");
            assert_eq!(
                source,
                &format!("/locations/{want_location}/devices/{want_device}"),
                "{what}: {id}"
            );
        }
    }
}
