//! Storing a batch of events on PostgreSQL.
//!
//! A batch is one transaction. Its rows go in first: the events, then its ratings
//! and visits (those two sent together, one round trip). Only then does it take its
//! location's advisory lock, for the steps that read what other batches of the
//! location stored: the roll-ups (a rating superseded by one in another batch is
//! counted once), the follow-ups, and the family erasures. Two kiosks of a location
//! so insert at the same time and take turns only for the short rest; before, the
//! lock was held from the first insert and one location's batches went strictly one
//! after the other.
//!
//! Why the rows may go in before the lock:
//! - The roll-ups are computed under the lock from what the batch itself inserted
//!   and what other batches committed; every committed batch kept its roll-ups under
//!   the lock before it committed, so nothing is counted twice or missed (a batch
//!   still inserting is invisible, and counts its own rows when its turn comes).
//! - Ratings and visits hold no family ids; only the events' data does.
//! - An event of a family erased before is stripped on arrival. A family erased by
//!   another batch that commits while this one inserts is caught under the lock:
//!   the erased ids are read again there, and when there are more than before, the
//!   batch's events are stripped again from the data as sent and rewritten, before
//!   anything reads their family ids (the follow-ups).
//! - The same event sent twice at once (a kiosk retrying): the second insert waits
//!   for the first transaction and then skips the row; no batch waits on rows while
//!   holding the lock, so the wait cannot close a cycle.

use super::super::{CheckedEvent, DbError, DeviceReport, Stored};
use super::device_status::write_report;
use super::{PgDb, erase_family, now_ms, read_forgotten, rollups};
use std::collections::HashSet;
use tokio_postgres::types::Type;
use welkom_protocol::EventData;

/// The rows of new ratings and new visits, as their inserts returned them.
struct Inserted {
    ratings: Vec<(String, Option<String>)>,
    visits: Vec<tokio_postgres::Row>,
}

impl PgDb {
    pub(in crate::db) async fn store_events(
        &self,
        location_id: &str,
        device_id: &str,
        mut events: Vec<CheckedEvent>,
        report: Option<&DeviceReport>,
    ) -> Result<Stored, DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let received = now_ms();
        // The device's report and the first statement of the erased-ids check, sent
        // before either answer is read (tokio-postgres pipelines them). Here and in
        // every such join the futures are polled in the order written (`biased`): the
        // statements go in that order, and when one fails its error is the one
        // returned, not a later statement's "transaction is aborted".
        let (_, mut forgotten) = tokio::try_join!(
            biased;
            async {
                match report {
                    // The device's row, locked until the commit. Its other writers
                    // (the device's other requests, a revocation) are single
                    // statements that hold nothing while they wait, so the wait
                    // cannot close a cycle.
                    Some(report) => write_report(&tx, device_id, report).await,
                    None => Ok(()),
                }
            },
            // An event of a family erased before is stored without it.
            read_forgotten(&tx, location_id, &events),
        )?;
        // Stripping changes nothing but an erasure's own data when no id was read.
        let as_sent: Option<Vec<serde_json::Value>> =
            (forgotten.read_count() > 0).then(|| events.iter().map(|e| e.data.clone()).collect());
        for event in &mut events {
            forgotten.strip(&event.event_type, &mut event.data);
        }
        let new_events = insert_events(&tx, location_id, device_id, &events, received).await?;
        let new: Vec<&CheckedEvent> = new_events.iter().map(|&i| &events[i]).collect();
        let inserted = insert_ratings_and_visits(&tx, location_id, &new).await?;

        // From here on, one batch of the location at a time, across hub processes.
        // The lock, the erased ids and what the roll-ups read are sent together
        // (tokio-postgres pipelines them); the server runs them in this order, so
        // the reads see every batch that committed before the lock was granted.
        let lock = tx
            .prepare_cached("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .await?;
        let (_, again, read) = tokio::try_join!(
            biased;
            async {
                tx.execute(&lock, &[&location_id])
                    .await
                    .map_err(DbError::from)
            },
            read_forgotten(&tx, location_id, &events),
            rollups::read(&tx, location_id, &inserted.ratings),
        )?;
        if again.read_count() > forgotten.read_count() {
            // A family was erased while this batch inserted: strip again.
            forgotten = again;
            restrip(
                &tx,
                &mut forgotten,
                &mut events,
                as_sent.as_deref(),
                &new_events,
            )
            .await?;
        }
        let new: Vec<&CheckedEvent> = new_events.iter().map(|&i| &events[i]).collect();
        let standing = rollups::keep(
            &tx,
            location_id,
            read,
            &inserted.ratings,
            &new,
            &inserted.visits,
        )
        .await?;
        super::super::follow_ups_pg::ingest(&tx, location_id, &new, received, &standing).await?;
        // After the batch is in: an erasure also reaches the events before it.
        let erased: Vec<_> = new
            .iter()
            .filter_map(|e| match &e.parsed {
                EventData::Erased(family) => Some(family.clone()),
                _ => None,
            })
            .collect();
        for family in &erased {
            erase_family(&tx, location_id, family, &mut forgotten).await?;
            super::super::follow_ups_pg::erase(&tx, location_id, &family.guardian_id).await?;
        }
        let hashes = forgotten.take_added();
        if !hashes.is_empty() {
            tx.execute_typed(
                "INSERT INTO erased_ids (location_id, id_hash, erased_at)
                 SELECT $1, h, $3 FROM unnest($2::text[]) AS h ON CONFLICT DO NOTHING",
                &[
                    (&location_id, Type::TEXT),
                    (&hashes, Type::TEXT_ARRAY),
                    (&received, Type::INT8),
                ],
            )
            .await?;
        }
        tx.commit().await?;
        if !erased.is_empty() {
            // Marks the old row versions free; the bytes go when PostgreSQL reuses
            // the space (see docs/privacy.md).
            if let Err(e) = client.batch_execute("VACUUM events, rosters").await {
                tracing::warn!(error = %e, "VACUUM after an erasure failed; autovacuum will do it");
            }
        }
        Ok(Stored {
            accepted: new_events.len(),
            duplicates: events.len() - new_events.len(),
        })
    }
}

/// Inserts the events; the positions of those new to the hub (each once, in the
/// batch's order).
async fn insert_events(
    tx: &deadpool_postgres::Transaction<'_>,
    location_id: &str,
    device_id: &str,
    events: &[CheckedEvent],
    received: i64,
) -> Result<Vec<usize>, DbError> {
    let sources: Vec<&str> = events.iter().map(|e| e.source.as_str()).collect();
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    let times: Vec<&str> = events.iter().map(|e| e.time.as_str()).collect();
    let data: Vec<String> = events.iter().map(|e| e.data.to_string()).collect();
    // Prepared once per connection: every batch is one statement per table.
    let statement = tx
        .prepare_cached(
            "INSERT INTO events (source, id, location_id, device_id, type, time, data, received_at)
             SELECT s, i, $5, $6, t, tm, d::jsonb, $7
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $8::text[])
                  AS x(s, i, t, tm, d)
             ON CONFLICT DO NOTHING
             RETURNING source, id",
        )
        .await?;
    let rows = tx
        .query(
            &statement,
            &[
                &sources,
                &ids,
                &types,
                &times,
                &location_id,
                &device_id,
                &received,
                &data,
            ],
        )
        .await?;
    let accepted: HashSet<(&str, &str)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
    let mut seen = HashSet::new();
    Ok(events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let key = (e.source.as_str(), e.id.as_str());
            accepted.contains(&key) && seen.insert(key)
        })
        .map(|(i, _)| i)
        .collect())
}

/// Inserts the ratings and visits of the new events, both statements in one round
/// trip.
async fn insert_ratings_and_visits(
    tx: &deadpool_postgres::Transaction<'_>,
    location_id: &str,
    new: &[&CheckedEvent],
) -> Result<Inserted, DbError> {
    let mut r_ids = Vec::new();
    let mut r_moments = Vec::new();
    let mut r_dates = Vec::new();
    let mut r_at = Vec::new();
    let mut r_scores = Vec::new();
    let mut r_scales = Vec::new();
    let mut r_supersedes: Vec<Option<String>> = Vec::new();
    let mut r_misuse = Vec::new();
    let mut r_groups = Vec::new();
    let mut v_ids = Vec::new();
    let mut v_moments = Vec::new();
    let mut v_dates = Vec::new();
    let mut v_at = Vec::new();
    let mut v_groups = Vec::new();
    for event in new {
        match &event.parsed {
            EventData::Rating(r) => {
                r_ids.push(r.id.to_string());
                r_moments.push(r.moment.key());
                r_dates.push(r.local_date.to_string());
                r_at.push(event.at_unix_ms);
                r_scores.push(i16::from(r.score));
                r_scales.push(i16::from(r.scale));
                r_supersedes.push(r.supersedes.map(|s| s.to_string()));
                r_misuse.push(r.misuse);
                r_groups.push(serde_json::to_string(&r.groups).unwrap_or_else(|_| "[]".into()));
            }
            EventData::Visit(v) => {
                v_ids.push(v.id.to_string());
                v_moments.push(v.moment.key());
                v_dates.push(v.local_date.to_string());
                v_at.push(event.at_unix_ms);
                v_groups.push(serde_json::to_string(&v.groups).unwrap_or_else(|_| "[]".into()));
            }
            EventData::Erased(_) | EventData::FollowUp(_) | EventData::Handled(_) => {}
        }
    }
    let insert_ratings = tx
        .prepare_cached(
            "INSERT INTO ratings (id, location_id, moment, local_date, at_unix_ms, score, scale,
                                  supersedes, misuse, groups)
             SELECT i, $1, m, d, a, s, sc, su, mi, g::jsonb
             FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::smallint[],
                         $7::smallint[], $8::text[], $9::boolean[], $10::text[])
                  AS x(i, m, d, a, s, sc, su, mi, g)
             ON CONFLICT DO NOTHING RETURNING id, supersedes",
        )
        .await?;
    let insert_visits = tx
        .prepare_cached(
            "INSERT INTO visits (id, location_id, moment, local_date, at_unix_ms, groups)
             SELECT i, $1, m, d, a, g::jsonb
             FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[])
                  AS x(i, m, d, a, g)
             ON CONFLICT DO NOTHING RETURNING moment, local_date, at_unix_ms, groups::text",
        )
        .await?;
    let ratings = async {
        if r_ids.is_empty() {
            return Ok(Vec::new());
        }
        tx.query(
            &insert_ratings,
            &[
                &location_id,
                &r_ids,
                &r_moments,
                &r_dates,
                &r_at,
                &r_scores,
                &r_scales,
                &r_supersedes,
                &r_misuse,
                &r_groups,
            ],
        )
        .await
    };
    let visits = async {
        if v_ids.is_empty() {
            return Ok(Vec::new());
        }
        tx.query(
            &insert_visits,
            &[&location_id, &v_ids, &v_moments, &v_dates, &v_at, &v_groups],
        )
        .await
    };
    // Both sent before either answer is read (tokio-postgres pipelines them).
    let (ratings, visits) = tokio::try_join!(biased; ratings, visits)?;
    Ok(Inserted {
        ratings: ratings.iter().map(|row| (row.get(0), row.get(1))).collect(),
        visits,
    })
}

/// Strips the batch's new events again, from their data as sent, with the erased
/// ids read under the lock, and rewrites those that change.
async fn restrip(
    tx: &deadpool_postgres::Transaction<'_>,
    forgotten: &mut super::super::erasure::Forgotten,
    events: &mut [CheckedEvent],
    as_sent: Option<&[serde_json::Value]>,
    new_events: &[usize],
) -> Result<(), DbError> {
    if let Some(as_sent) = as_sent {
        for (event, data) in events.iter_mut().zip(as_sent) {
            event.data = data.clone();
        }
    }
    // Every event learns (a family's visits and ratings) as it is stripped; the new
    // ones are rewritten when their data changes.
    let new: HashSet<usize> = new_events.iter().copied().collect();
    for (i, event) in events.iter_mut().enumerate() {
        if forgotten.strip(&event.event_type, &mut event.data) && new.contains(&i) {
            tx.execute(
                "UPDATE events SET data = ($3::text)::jsonb WHERE source = $1 AND id = $2",
                &[&event.source, &event.id, &event.data.to_string()],
            )
            .await?;
        }
    }
    Ok(())
}
