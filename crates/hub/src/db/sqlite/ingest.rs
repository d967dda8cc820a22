//! Storing batches of events on SQLite, with group commit.
//!
//! SQLite has one writer, and with `synchronous=FULL` each commit waits for the disk
//! (an fsync of the write-ahead log): with several kiosks sending at once, that wait
//! was half of a batch's time. Batches that arrive while another is being stored
//! wait in a queue; whoever gets the connection next stores every waiting batch in
//! one transaction, one commit for all, and only then answers each (so a kiosk hears
//! "stored" only once its batch is on disk, as before). Each batch is still all or
//! nothing: when the shared transaction fails, it is rolled back and each batch is
//! stored again in a transaction of its own, so one batch's failure is its own.

use super::super::{CheckedEvent, DbError, DeviceReport, Stored};
use super::device_status::write_report;
use super::{SqliteDb, compact, erase_family, now_ms, read_forgotten, remember_forgotten, rollups};
use rusqlite::{Connection, Transaction, params};
use tokio::sync::oneshot;
use welkom_protocol::EventData;

/// The most events stored under one commit: a larger group would keep the writer
/// (and every page's reads of the same file) waiting longer for little gain.
const GROUP_EVENTS: usize = 5_000;

/// A batch waiting to be stored, with where its answer goes.
pub(in crate::db) struct Waiting {
    location: String,
    device: String,
    events: Vec<CheckedEvent>,
    /// What the device's request said about it, written with the batch.
    report: Option<DeviceReport>,
    answer: oneshot::Sender<Result<Stored, DbError>>,
}

/// Stores a batch (in a group with whatever else waits) and returns once it is
/// committed.
pub(super) async fn store_events(
    db: &SqliteDb,
    location_id: &str,
    device_id: &str,
    events: Vec<CheckedEvent>,
    report: Option<DeviceReport>,
) -> Result<Stored, DbError> {
    let (answer, answered) = oneshot::channel();
    db.waiting
        .lock()
        .map_err(|_| DbError::Task("the ingest queue's lock was poisoned".into()))?
        .push(Waiting {
            location: location_id.to_owned(),
            device: device_id.to_owned(),
            events,
            report,
            answer,
        });
    let waiting = db.waiting.clone();
    // Holding the connection: store one group of what waits, oldest first. This
    // batch may have gone with an earlier holder's group (it is answered then), or
    // go with a later one: every waiting batch has a caller here still to come, and
    // each takes at least one batch, so none is left behind; and no caller stays
    // to store other batches after its own group.
    db.with(move |conn| {
        let group = take_group(&waiting)?;
        if !group.is_empty() {
            store_group(conn, group);
        }
        Ok(())
    })
    .await?;
    answered.await.map_err(|_| {
        DbError::Task("the batch was dropped before it was stored; send it again".into())
    })?
}

/// Takes waiting batches, oldest first, up to [`GROUP_EVENTS`] events (at least one).
fn take_group(waiting: &std::sync::Mutex<Vec<Waiting>>) -> Result<Vec<Waiting>, DbError> {
    let mut waiting = waiting
        .lock()
        .map_err(|_| DbError::Task("the ingest queue's lock was poisoned".into()))?;
    let mut events = 0;
    let mut take = 0;
    for batch in waiting.iter() {
        if take > 0 && events + batch.events.len() > GROUP_EVENTS {
            break;
        }
        events += batch.events.len();
        take += 1;
    }
    Ok(waiting.drain(..take).collect())
}

/// Stores a group under one commit and answers each of its batches.
fn store_group(conn: &mut Connection, group: Vec<Waiting>) {
    if group.len() > 1 {
        // The batches as they came: a failed group stores each again from these.
        let mut copies: Vec<Vec<CheckedEvent>> = group.iter().map(|b| b.events.clone()).collect();
        match store_together(conn, &group, &mut copies) {
            Ok(stored) => {
                for (batch, stored) in group.into_iter().zip(stored) {
                    let _ = batch.answer.send(Ok(stored));
                }
                return;
            }
            Err(e) => tracing::warn!(error = %e, batches = group.len(),
                "storing batches together failed; storing each alone"),
        }
    }
    for mut batch in group {
        let stored = store_alone(
            conn,
            &batch.location,
            &batch.device,
            &mut batch.events,
            batch.report.as_ref(),
        );
        let _ = batch.answer.send(stored);
    }
}

/// One transaction for the whole group; what each batch came to.
fn store_together(
    conn: &mut Connection,
    group: &[Waiting],
    copies: &mut [Vec<CheckedEvent>],
) -> Result<Vec<Stored>, DbError> {
    let tx = conn.transaction()?;
    let received = now_ms();
    let mut stored = Vec::with_capacity(group.len());
    let mut any_erasure = false;
    for (batch, events) in group.iter().zip(copies.iter_mut()) {
        let (one, erased) = store_batch(&tx, &batch.location, &batch.device, events, received)?;
        if let Some(report) = &batch.report {
            write_report(&tx, &batch.device, report)?;
        }
        stored.push(one);
        any_erasure |= erased;
    }
    tx.commit()?;
    if any_erasure {
        compact(conn)?;
    }
    Ok(stored)
}

/// One batch in its own transaction.
fn store_alone(
    conn: &mut Connection,
    location: &str,
    device: &str,
    events: &mut [CheckedEvent],
    report: Option<&DeviceReport>,
) -> Result<Stored, DbError> {
    let tx = conn.transaction()?;
    let (stored, erased) = store_batch(&tx, location, device, events, now_ms())?;
    if let Some(report) = report {
        write_report(&tx, device, report)?;
    }
    tx.commit()?;
    if erased {
        compact(conn)?;
    }
    Ok(stored)
}

/// Stores one batch inside `tx`: its events, ratings, visits, follow-ups and
/// roll-ups, then its erasures. Whether it held an erasure (the file is then
/// compacted after the commit).
fn store_batch(
    tx: &Transaction<'_>,
    location: &str,
    device: &str,
    events: &mut [CheckedEvent],
    received: i64,
) -> Result<(Stored, bool), DbError> {
    let mut stored = Stored::default();
    let mut forgotten = read_forgotten(tx, location, events)?;
    let mut erasures = Vec::new();
    let (mut new_ratings, mut new_visits) = (Vec::new(), Vec::new());
    let mut settled_at_insert = std::collections::BTreeSet::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO events (source, id, location_id, device_id, type, time, data, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
        )?;
        let mut rating = tx.prepare_cached(
            "INSERT INTO ratings (id, location_id, moment, local_date, at_unix_ms, score,
                                  scale, supersedes, misuse, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
        )?;
        let mut visit = tx.prepare_cached(
            "INSERT INTO visits (id, location_id, moment, local_date, at_unix_ms, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        )?;
        for event in events.iter_mut() {
            // An event of a family erased before is stored without it.
            forgotten.strip(&event.event_type, &mut event.data);
            let new = insert.execute(params![
                event.source,
                event.id,
                location,
                device,
                event.event_type,
                event.time,
                event.data.to_string(),
                received,
            ])?;
            if new == 0 {
                stored.duplicates += 1;
                continue;
            }
            stored.accepted += 1;
            match &event.parsed {
                EventData::Rating(r) => {
                    let new = rating.execute(params![
                        r.id.to_string(),
                        location,
                        r.moment.key(),
                        r.local_date.to_string(),
                        event.at_unix_ms,
                        r.score,
                        r.scale,
                        r.supersedes.map(|s| s.to_string()),
                        r.misuse,
                        serde_json::to_string(&r.groups).unwrap_or_else(|_| "[]".into()),
                    ])?;
                    if new == 1 {
                        new_ratings.push((r.id.to_string(), r.supersedes.map(|s| s.to_string())));
                    }
                }
                EventData::Visit(v) => {
                    let new = visit.execute(params![
                        v.id.to_string(),
                        location,
                        v.moment.key(),
                        v.local_date.to_string(),
                        event.at_unix_ms,
                        serde_json::to_string(&v.groups).unwrap_or_else(|_| "[]".into()),
                    ])?;
                    if new == 1 {
                        // As stored: the roll-ups need not read it back.
                        new_visits.push(rollups::VisitState {
                            moment: v.moment,
                            date: v.local_date.to_string(),
                            at_unix_ms: event.at_unix_ms,
                            groups: v.groups.clone(),
                        });
                    }
                }
                EventData::Erased(e) => erasures.push(e.clone()),
                EventData::FollowUp(_) | EventData::Handled(_) => {}
            }
            // After its rating: a low rating's follow-up is worked out as it goes in.
            super::super::follow_ups_sqlite::ingest(
                tx,
                location,
                event,
                received,
                &mut settled_at_insert,
            )?;
        }
    }
    rollups::keep(tx, location, &new_ratings, &new_visits)?;
    // After the batch is in: an erasure also reaches the events before it.
    for erased in &erasures {
        erase_family(tx, location, erased, &mut forgotten)?;
        super::super::follow_ups_sqlite::erase(tx, location, &erased.guardian_id)?;
    }
    remember_forgotten(tx, location, &mut forgotten, received)?;
    super::super::follow_ups_sqlite::settle(tx, location, events, &settled_at_insert)?;
    Ok((stored, !erasures.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Location;

    /// A drop-off visit sent by `device` of location `a`.
    fn visit(device: &str) -> CheckedEvent {
        let id = uuid::Uuid::now_v7().to_string();
        let data = serde_json::json!({
            "id": id, "guardian_id": "G1", "moment": "drop_off", "moment_corrected": false,
            "children": ["C1"], "local_date": "2026-03-02", "groups": ["Rupsen"]
        });
        let event_type = "nl.welkom.visit.recorded.v1";
        CheckedEvent {
            source: format!("/locations/a/devices/{device}"),
            parsed: EventData::parse(event_type, &id, &data).expect("a valid visit"),
            id,
            event_type: event_type.into(),
            time: "2026-03-02T07:00:00Z".into(),
            at_unix_ms: 1_772_434_800_000,
            data,
        }
    }

    fn waiting(
        device: &str,
        events: usize,
    ) -> (Waiting, oneshot::Receiver<Result<Stored, DbError>>) {
        let (answer, answered) = oneshot::channel();
        let batch = Waiting {
            location: "a".into(),
            device: device.into(),
            events: (0..events).map(|_| visit(device)).collect(),
            report: None,
            answer,
        };
        (batch, answered)
    }

    fn count(conn: &Connection, device: &str) -> i64 {
        conn.query_row(
            "SELECT COUNT(*) FROM events WHERE device_id = ?1",
            [device],
            |row| row.get(0),
        )
        .unwrap()
    }

    /// A group whose shared transaction fails (one batch names a device the hub
    /// does not know, which breaks a foreign key) stores the good batches alone:
    /// each batch's failure is its own.
    #[tokio::test]
    async fn a_failed_group_stores_each_batch_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = SqliteDb::open(&dir.path().join("hub.sqlite"))
            .await
            .unwrap();
        db.add_location(&Location {
            id: "a".into(),
            name: "De Boomhut".into(),
            time_zone: "Europe/Amsterdam".into(),
        })
        .await
        .unwrap();
        let (answers, counts) = db
            .with(|conn| {
                conn.execute(
                    "INSERT INTO devices (id, location_id, token_hash, created_at)
                     VALUES ('d1', 'a', 'h1', 0), ('d2', 'a', 'h2', 0)",
                    [],
                )?;
                let (first, first_answer) = waiting("d1", 3);
                let (ghost, ghost_answer) = waiting("ghost", 2);
                let (last, last_answer) = waiting("d2", 4);
                store_group(conn, vec![first, ghost, last]);
                let counts = (count(conn, "d1"), count(conn, "ghost"), count(conn, "d2"));
                Ok(([first_answer, ghost_answer, last_answer], counts))
            })
            .await
            .unwrap();
        let [first, ghost, last] =
            answers.map(|mut a| a.try_recv().expect("every batch of the group is answered"));
        assert_eq!(first.unwrap().accepted, 3, "the batch before the bad one");
        assert!(ghost.is_err(), "the bad batch gets its error");
        assert_eq!(last.unwrap().accepted, 4, "the batch after the bad one");
        assert_eq!(
            counts,
            (3, 0, 4),
            "the good batches stored, nothing of the bad one"
        );
    }
}
