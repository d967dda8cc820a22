//! Many batches stored at once (several kiosks of several locations sending
//! together, as the hub stores waiting batches under one commit): each batch is
//! counted once, a batch sent twice at the same moment is accepted once, a rating
//! superseded by one in another batch is not counted, and each location's roll-ups
//! equal the tally of its raw rows.

mod common;

use common::{BackEnd, Hub};
use jiff::civil::date;
use serde_json::{Value, json};
use welkom_hub::db::NewDevice;

const LOCATIONS: usize = 3;
const BATCHES_PER_DEVICE: usize = 6;
const EVENTS_PER_BATCH: usize = 20;

fn source(device: &NewDevice) -> String {
    format!("/locations/{}/devices/{}", device.location_id, device.id)
}

/// A drop-off rating on 2 March 2026, optionally superseding an earlier one.
fn rating(device: &NewDevice, minute: usize, score: u8, supersedes: Option<&str>) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    let time = format!("2026-03-02T{:02}:{:02}:00Z", 6 + minute / 60, minute % 60);
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": "nl.welkom.rating.recorded.v1", "time": time,
        "datacontenttype": "application/json",
        "data": {"id": id, "moment": "drop_off", "local_date": "2026-03-02", "score": score,
                 "scale": 4, "supersedes": supersedes, "misuse": false, "groups": ["Rupsen"]}
    })
}

/// A drop-off visit on 2 March 2026.
fn visit(device: &NewDevice, minute: usize) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    let time = format!("2026-03-02T{:02}:{:02}:00Z", 6 + minute / 60, minute % 60);
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": "nl.welkom.visit.recorded.v1", "time": time,
        "datacontenttype": "application/json",
        "data": {"id": id, "guardian_id": "G1", "moment": "drop_off", "moment_corrected": false,
                 "children": ["C1"], "local_date": "2026-03-02", "groups": ["Rupsen"]}
    })
}

/// One device's batches: ratings and visits; every fifth rating supersedes the
/// rating just before it, which may sit in the batch before.
fn batches(device: &NewDevice) -> (Vec<Vec<Value>>, usize) {
    let mut batches = Vec::new();
    let mut previous: Option<String> = None;
    let mut counted = 0;
    for b in 0..BATCHES_PER_DEVICE {
        let mut batch = Vec::new();
        for e in 0..EVENTS_PER_BATCH {
            let minute = b * EVENTS_PER_BATCH + e;
            if e.is_multiple_of(2) {
                batch.push(visit(device, minute));
                continue;
            }
            let supersedes = previous.as_deref().filter(|_| minute.is_multiple_of(5));
            if supersedes.is_none() {
                counted += 1;
            }
            let event = rating(device, minute, [4, 3, 1, 2][minute % 4], supersedes);
            previous = Some(event["id"].as_str().unwrap().to_owned());
            batch.push(event);
        }
        batches.push(batch);
    }
    (batches, counted)
}

fn concurrent_batches_are_each_stored_once_with_their_roll_ups(back_end: BackEnd) {
    back_end.run(|hub: &Hub| {
        let mut work = Vec::new();
        let mut locations = Vec::new();
        for l in 0..LOCATIONS {
            let location = hub.location(&format!("Locatie {l}"));
            let mut counted = 0;
            for _ in 0..2 {
                let device = hub.device(&location);
                let (batches, c) = batches(&device);
                counted += c;
                for batch in batches {
                    work.push((device.clone(), batch));
                }
            }
            locations.push((location, counted));
        }
        // The first batch once more, sent at the same moment as the first time.
        work.push(work[0].clone());
        let distinct = LOCATIONS * 2 * BATCHES_PER_DEVICE * EVENTS_PER_BATCH;
        let stored = hub.runtime.block_on(async {
            let tasks: Vec<_> = work
                .into_iter()
                .map(|(device, batch)| {
                    let db = hub.db.clone();
                    let body = Value::from(batch).to_string();
                    let checked = welkom_hub::api::batch::check_batch(
                        body.as_bytes(),
                        &device.location_id,
                        &device.id,
                    )
                    .unwrap();
                    assert!(checked.refused.is_empty(), "{:?}", checked.refused);
                    tokio::spawn(async move {
                        db.store_events(&device.location_id, &device.id, checked.checked, None)
                            .await
                    })
                })
                .collect();
            let mut stored = Vec::new();
            for task in tasks {
                stored.push(task.await.unwrap().unwrap());
            }
            stored
        });
        let accepted: usize = stored.iter().map(|s| s.accepted).sum();
        let duplicates: usize = stored.iter().map(|s| s.duplicates).sum();
        assert_eq!(accepted, distinct, "every event accepted once");
        assert_eq!(
            duplicates, EVENTS_PER_BATCH,
            "the resent batch is all duplicates"
        );
        let day = date(2026, 3, 2);
        for (location, counted) in &locations {
            let kept = hub.runtime.block_on(hub.db.tally(location, day)).unwrap();
            let raw = hub
                .runtime
                .block_on(hub.db.tally_from_raw_rows(location, day))
                .unwrap();
            assert_eq!(kept, raw, "roll-ups of {}", location.name);
            assert_eq!(
                kept.drop_off.total.answers as usize, *counted,
                "superseded ratings are not counted"
            );
            assert_eq!(
                kept.drop_off.total.visits as usize,
                2 * BATCHES_PER_DEVICE * EVENTS_PER_BATCH / 2,
                "every visit counted once"
            );
            let ratings = hub.runtime.block_on(hub.db.ratings(&location.id)).unwrap();
            assert_eq!(ratings.len(), 2 * BATCHES_PER_DEVICE * EVENTS_PER_BATCH / 2);
        }
    });
}
on_both_back_ends!(concurrent_batches_are_each_stored_once_with_their_roll_ups);
