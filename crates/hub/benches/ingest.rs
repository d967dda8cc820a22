//! (f) 100,000 events queued at a kiosk drained into a local hub by the real sync
//! client, and (g) the hub's ingest rate on SQLite and on PostgreSQL: the same
//! 100,000 events sent again to a fresh hub in batches of 500, timed from the first
//! request to the last answer. Twice per back end: all to one location from two
//! kiosks (the hardest case: one location's batches take turns), and spread over
//! several locations with one kiosk each, sending at once (how an organisation's
//! kiosks send; `WELKOM_BENCH_INGEST_LOCATIONS`, default 4).
//!
//! Run: `cargo bench -p welkom-hub --bench ingest` (PostgreSQL from
//! /usr/lib/postgresql/*/bin, a throw-away cluster with fsync on; without it that
//! part is skipped and says so). The hub's SQLite file runs with synchronous=FULL.
//! `WELKOM_BENCH_BACK_ENDS` (`sqlite`, `postgres` or both, the default) picks the
//! back ends; the drain (f) belongs to SQLite. Each ingest figure is followed by the
//! CPU time it cost per 1,000 events, the hub's and (PostgreSQL) the server's: on a
//! busy machine the rate drops, the CPU per event does not.

// Only `start_with` is used here; the tests use `start`.
#[allow(dead_code)]
#[path = "../tests/common/postgres.rs"]
mod postgres;

#[path = "support/cpu_time.rs"]
mod cpu_time;

use jiff::Timestamp;
use std::time::{Duration, Instant};
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_hub::BackgroundHub;
use welkom_store::{NewRating, NewVisit, Privacy, Store};
use welkom_sync::{Attempt, SyncClient, SyncStatus, Upstream};

const FAMILIES: usize = 200;

fn scratch(name: &str) -> tempfile::TempDir {
    let base = std::env::current_dir()
        .unwrap()
        .join("target")
        .join("bench-scratch");
    std::fs::create_dir_all(&base).unwrap();
    tempfile::Builder::new()
        .prefix(name)
        .tempdir_in(base)
        .unwrap()
}

fn roster() -> String {
    let mut csv = String::from(
        "guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group\n",
    );
    for i in 0..FAMILIES {
        csv.push_str(&format!(
            "G{i};Ouder{i};Achternaam{i};;C{i};Kind{i};Groep{}\n",
            i % 6
        ));
    }
    csv
}

/// A kiosk store with `visits` rated visits: twice as many events.
fn kiosk(dir: &std::path::Path, visits: usize) -> Store {
    let mut store = Store::open(&dir.join("welkom.sqlite")).unwrap();
    let parsed = welkom_core::roster::parse(roster().as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&parsed, Timestamp::UNIX_EPOCH).unwrap();
    let start: Timestamp = "2026-01-05T06:00:00Z".parse().unwrap();
    store
        .with_relaxed_durability(|store| {
            for i in 0..visits {
                let at = start
                    .checked_add(jiff::SignedDuration::from_secs(60 * i as i64))
                    .unwrap();
                let g = i % FAMILIES;
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
                    local_date: at.to_zoned(jiff::tz::TimeZone::UTC).date(),
                };
                let rating = NewRating {
                    id: EventId::new(),
                    score: [4, 3, 4, 2][i % 4],
                    scale: Scale::Four,
                    at,
                    misuse: false,
                    privacy: Privacy::Linked,
                    replaces: None,
                };
                store.record_rating(&visit, &rating)?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn hub_with_device(url: &str) -> (BackgroundHub, String, String) {
    let hub = BackgroundHub::start(url).unwrap();
    let (location, device) = hub.location_with_device("De Boomhut").unwrap();
    (hub, location.id, device.token)
}

fn drain(kiosk_dir: &std::path::Path, hub_url: &str, token: &str) -> (Duration, usize) {
    let store = Store::open(&kiosk_dir.join("welkom.sqlite")).unwrap();
    let mut client = SyncClient::new(
        store,
        Upstream {
            timeout: Duration::from_secs(30),
            ..Upstream::new(hub_url, token)
        },
        SyncStatus::default(),
    );
    let started = Instant::now();
    let mut events = 0;
    loop {
        match client.send_once().unwrap() {
            Attempt::Idle => break,
            Attempt::Sent { delivered, .. } => events += delivered,
            other => panic!("drain stopped: {other:?}"),
        }
    }
    (started.elapsed(), events)
}

/// The hub's ingest rate: the kiosk's 100,000 events as batches of 500, ready
/// made, POSTed to a fresh hub by one sender thread per device, all at once; timed
/// from the first request to the last answer. `locations` locations with
/// `devices_per_location` devices each; the batches are dealt out to the devices in
/// turn (so with several locations each gets an equal share of the events).
fn ingest(
    name: &str,
    database_url: &str,
    server_pid: Option<u32>,
    kiosk_dir: &std::path::Path,
    locations: usize,
    devices_per_location: usize,
) {
    let hub = BackgroundHub::start(database_url).unwrap();
    let tokens: Vec<(String, String)> = hub.runtime.block_on(async {
        let mut tokens = Vec::new();
        for l in 0..locations {
            let location = hub
                .db
                .add_location(&format!("De Boomhut {l}"), "Europe/Amsterdam")
                .await
                .unwrap();
            for _ in 0..devices_per_location {
                let device = hub.db.add_device(&location.id).await.unwrap();
                tokens.push((
                    format!("/locations/{}/devices/{}", location.id, device.id),
                    device.token,
                ));
            }
        }
        tokens
    });
    let senders_count = tokens.len();
    let store = Store::open(&kiosk_dir.join("welkom.sqlite")).unwrap();
    let conn = rusqlite::Connection::open(kiosk_dir.join("welkom.sqlite")).unwrap();
    conn.execute("UPDATE outbox SET sent_at = NULL", [])
        .unwrap();
    let events = store.outbox_batch(200_000).unwrap();
    let total = events.len();
    // Batches of 500, dealt out to the senders in turn.
    let mut work: Vec<Vec<Vec<u8>>> = vec![Vec::new(); senders_count];
    for (i, chunk) in events.chunks(500).enumerate() {
        let (source, _) = &tokens[i % senders_count];
        let batch: Vec<welkom_protocol::CloudEvent> = chunk
            .iter()
            .map(|e| welkom_protocol::CloudEvent {
                specversion: "1.0".into(),
                id: e.id.clone(),
                source: source.clone(),
                event_type: e.event_type.clone(),
                time: e.time.clone(),
                datacontenttype: "application/json".into(),
                data: e.data.clone(),
            })
            .collect();
        work[i % senders_count].push(serde_json::to_vec(&batch).unwrap());
    }
    let url = format!("{}/v1/events", hub.url);
    let server_cpu = || server_pid.map_or(0, cpu_time::tree_ms);
    let (own_before, server_before) = (cpu_time::own_ms(), server_cpu());
    let started = Instant::now();
    let senders: Vec<_> = work
        .into_iter()
        .zip(tokens)
        .map(|(bodies, (_, token))| {
            let url = url.clone();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut accepted = 0u64;
                let batches = bodies.len();
                for (sent, body) in bodies.into_iter().enumerate() {
                    // What the kiosk's sync client sends with every batch: its
                    // version, its clock and the events waiting, this batch included
                    // (here in whole batches), which the hub records per device.
                    let waiting = (batches - sent) * 500;
                    let mut response = agent
                        .post(&url)
                        .header("Authorization", &format!("Bearer {token}"))
                        .header("Welkom-Protocol", "1")
                        .header("Content-Type", "application/cloudevents-batch+json")
                        .header("User-Agent", "welkom/0.1.0")
                        .header(
                            "Date",
                            &httpdate::fmt_http_date(std::time::SystemTime::now()),
                        )
                        .header(welkom_protocol::WAITING_HEADER, &waiting.to_string())
                        .send(&body[..])
                        .unwrap();
                    assert_eq!(response.status().as_u16(), 200);
                    let answer: welkom_protocol::BatchAnswer =
                        response.body_mut().read_json().unwrap();
                    accepted += answer.accepted as u64;
                }
                accepted
            })
        })
        .collect();
    let accepted: u64 = senders.into_iter().map(|s| s.join().unwrap()).sum();
    let elapsed = started.elapsed();
    let own = cpu_time::own_ms() - own_before;
    let server = server_cpu() - server_before;
    assert_eq!(accepted as usize, total);
    let shape = if locations == 1 {
        format!("one location, {senders_count} senders")
    } else {
        format!("{locations} locations, {senders_count} senders")
    };
    println!(
        "ingest {name:10}: {total} events in {:.2} s = {:.0} events/s ({shape}, batches of 500)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    // CPU per 1,000 events: the hub and the senders share this process; the
    // database server is apart (PostgreSQL only; SQLite runs inside the hub).
    let per_thousand = |ms: u64| ms as f64 * 1000.0 / total as f64;
    println!(
        "ingest {name:10}: CPU per 1,000 events: hub and senders {:.1} ms{}",
        per_thousand(own),
        if server_pid.is_some() {
            format!(", database server {:.1} ms", per_thousand(server))
        } else {
            String::new()
        }
    );
}

/// How many locations send at once in the second ingest figure (one kiosk each).
fn parallel_locations() -> usize {
    std::env::var("WELKOM_BENCH_INGEST_LOCATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(4)
}

fn main() {
    let kiosk_dir = scratch("drain-kiosk");
    let started = Instant::now();
    let store = kiosk(kiosk_dir.path(), 50_000);
    let waiting = store.outbox_summary().unwrap().waiting;
    drop(store);
    println!(
        "set-up: {waiting} events queued at the kiosk in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let back_ends =
        std::env::var("WELKOM_BENCH_BACK_ENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let many = parallel_locations();
    if back_ends.contains("sqlite") {
        let hub_dir = scratch("drain-hub");
        let url = format!("sqlite:{}", hub_dir.path().join("hub.sqlite").display());
        let (hub, location, token) = hub_with_device(&url);
        let (elapsed, events) = drain(kiosk_dir.path(), &hub.url, &token);
        let stored = hub
            .runtime
            .block_on(hub.db.ratings(&location))
            .unwrap()
            .len();
        println!(
            "drain: {events} events from the kiosk's outbox into a local hub (SQLite) in {:.2} s ({stored} ratings at the hub)",
            elapsed.as_secs_f64()
        );
        drop(hub);

        let second = scratch("ingest-sqlite");
        ingest(
            "SQLite",
            &format!("sqlite:{}", second.path().join("hub.sqlite").display()),
            None,
            kiosk_dir.path(),
            1,
            2,
        );
        let third = scratch("ingest-sqlite-many");
        ingest(
            "SQLite",
            &format!("sqlite:{}", third.path().join("hub.sqlite").display()),
            None,
            kiosk_dir.path(),
            many,
            1,
        );
    }
    if !back_ends.contains("postgres") {
        return;
    }
    match postgres::TempPostgres::start_with(true) {
        Some(cluster) => {
            ingest(
                "PostgreSQL",
                &cluster.url,
                cluster.postmaster_pid(),
                kiosk_dir.path(),
                1,
                2,
            );
            // A second fresh hub in the same cluster would share its tables; a
            // second cluster starts clean.
            drop(cluster);
            match postgres::TempPostgres::start_with(true) {
                Some(cluster) => ingest(
                    "PostgreSQL",
                    &cluster.url,
                    cluster.postmaster_pid(),
                    kiosk_dir.path(),
                    many,
                    1,
                ),
                None => println!("ingest PostgreSQL: the second cluster did not start"),
            }
        }
        None => println!("ingest PostgreSQL: skipped (PostgreSQL is not installed)"),
    }
}
