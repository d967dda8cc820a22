//! A kiosk's day sent by the real sync client, on both back ends: the hub's tally
//! equals the kiosk's. And several hub processes serve one PostgreSQL database at
//! once.

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
            url: url.to_owned(),
            token: token.to_owned(),
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            default_language: LanguageTag::dutch(),
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
