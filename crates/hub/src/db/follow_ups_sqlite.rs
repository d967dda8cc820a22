//! The follow-up tables on SQLite: kept at ingest, cleared on erasure and by
//! retention, read by the Follow-ups page (see [`super::follow_ups`]).

use super::follow_ups::{Ingest, Listed, Row, follow_up_of, ratings_to_settle};
use super::sqlite::SqliteDb;
use super::{CheckedEvent, DbError};
use rusqlite::{Connection, Transaction, params};
use std::collections::BTreeSet;

/// Adds what a new event says to the follow-up tables, inside the ingest's transaction.
pub(super) fn ingest(
    tx: &Transaction<'_>,
    location: &str,
    event: &CheckedEvent,
    received: i64,
    settled_at_insert: &mut BTreeSet<String>,
) -> Result<(), DbError> {
    match Ingest::of(event) {
        None => {}
        Some(Ingest::LowRating {
            rating_id,
            guardian_id,
        }) => {
            // Its rating is stored: the row is worked out as it goes in.
            tx.prepare_cached(INSERT_LOW)?.execute(params![
                location,
                rating_id,
                guardian_id,
                received
            ])?;
            settled_at_insert.insert(rating_id);
        }
        Some(Ingest::Answer {
            rating_id,
            answer_id,
            at_unix_ms,
            reasons,
            talk_request,
            guardian_id,
        }) => {
            // A later answer (by time, then id) replaces an earlier one.
            tx.prepare_cached(
                "INSERT INTO follow_ups (location_id, rating_id, answer_id, answer_at_ms, reasons,
                                         talk_request, talk_guardian_id, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (location_id, rating_id) DO UPDATE SET
                     answer_id = excluded.answer_id, answer_at_ms = excluded.answer_at_ms,
                     reasons = excluded.reasons, talk_request = excluded.talk_request,
                     talk_guardian_id = excluded.talk_guardian_id,
                     received_at = max(follow_ups.received_at, excluded.received_at)
                 WHERE follow_ups.answer_id IS NULL
                    OR (excluded.answer_at_ms, excluded.answer_id)
                       > (follow_ups.answer_at_ms, follow_ups.answer_id)",
            )?
            .execute(params![
                location,
                rating_id,
                answer_id,
                at_unix_ms,
                reasons,
                talk_request,
                guardian_id,
                received
            ])?;
        }
        Some(Ingest::Note {
            id,
            rating_id,
            staff_name,
            note,
            at_unix_ms,
        }) => {
            tx.prepare_cached(
                "INSERT INTO follow_up_notes (location_id, id, rating_id, staff_name, note,
                                              at_unix_ms, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                location, id, rating_id, staff_name, note, at_unix_ms, received
            ])?;
        }
    }
    Ok(())
}

/// Keeps `counted` and `open_on` (migration 0009) of the follow-ups the batch's events
/// name, once the batch's ratings are stored: a rating itself and the one it
/// supersedes, the rating of an answer or a note. Each row is worked out again from
/// what is stored, so the order the events arrive in does not matter.
pub(super) fn settle(
    tx: &Transaction<'_>,
    location: &str,
    events: &[CheckedEvent],
    settled_at_insert: &BTreeSet<String>,
) -> Result<(), DbError> {
    let named = ratings_to_settle(events, settled_at_insert);
    if named.is_empty() {
        return Ok(());
    }
    let mut counted = tx.prepare_cached(SETTLE_COUNTED)?;
    let mut open = tx.prepare_cached(SETTLE_OPEN)?;
    for rating_id in &named {
        counted.execute(params![location, rating_id])?;
        open.execute(params![location, rating_id])?;
    }
    Ok(())
}

/// A low rating into the follow-ups (its rating already stored), with `counted`
/// and `open_on` as [`SETTLE_COUNTED`] and [`SETTLE_OPEN`] would give them for a
/// low rating: it counts when its rating is stored, not misuse and not superseded;
/// it is open on the rating's day while it counts and no note names it.
const INSERT_LOW: &str = "
INSERT INTO follow_ups (location_id, rating_id, low, guardian_id, received_at, counted, open_on)
SELECT ?1, ?2, 1, ?3, ?4, c.counted,
       CASE WHEN c.counted = 1 AND NOT EXISTS (
                SELECT 1 FROM follow_up_notes n WHERE n.location_id = ?1 AND n.rating_id = ?2)
            THEN c.local_date END
FROM (SELECT coalesce((SELECT r.misuse = 0
                              AND NOT EXISTS (SELECT 1 FROM ratings s
                                              WHERE s.location_id = ?1 AND s.supersedes = ?2)
                       FROM ratings r WHERE r.location_id = ?1 AND r.id = ?2), 0) AS counted,
             (SELECT r.local_date FROM ratings r
              WHERE r.location_id = ?1 AND r.id = ?2) AS local_date) AS c
WHERE TRUE
ON CONFLICT (location_id, rating_id) DO UPDATE SET
    low = 1, guardian_id = excluded.guardian_id,
    counted = excluded.counted, open_on = excluded.open_on";

/// Whether a follow-up counts: stored, not misuse, not superseded, and low or a talk
/// request (the back-fill in migration 0009 is the same statement for every row).
const SETTLE_COUNTED: &str = "
UPDATE follow_ups SET counted = coalesce((
    SELECT (follow_ups.low = 1 OR follow_ups.talk_request = 1) AND r.misuse = 0
           AND NOT EXISTS (SELECT 1 FROM ratings s
                           WHERE s.location_id = r.location_id AND s.supersedes = r.id)
    FROM ratings r
    WHERE r.location_id = follow_ups.location_id AND r.id = follow_ups.rating_id), 0)
WHERE location_id = ?1 AND rating_id = ?2";

/// Its day while it counts and no note names it.
const SETTLE_OPEN: &str = "
UPDATE follow_ups SET open_on = CASE
    WHEN counted = 1 AND NOT EXISTS (
        SELECT 1 FROM follow_up_notes n
        WHERE n.location_id = follow_ups.location_id AND n.rating_id = follow_ups.rating_id)
    THEN (SELECT r.local_date FROM ratings r
          WHERE r.location_id = follow_ups.location_id AND r.id = follow_ups.rating_id)
    END
WHERE location_id = ?1 AND rating_id = ?2";

/// A family's erasure: their guardian id leaves the follow-ups and the notes about
/// their ratings are emptied (that they were handled, and by whom, stays), as in the
/// events.
pub(super) fn erase(tx: &Transaction<'_>, location: &str, guardian: &str) -> Result<(), DbError> {
    tx.execute(
        "UPDATE follow_up_notes SET note = ''
         WHERE location_id = ?1 AND note <> '' AND rating_id IN (
             SELECT rating_id FROM follow_ups
             WHERE location_id = ?1 AND (guardian_id = ?2 OR talk_guardian_id = ?2))",
        params![location, guardian],
    )?;
    tx.execute(
        "UPDATE follow_ups SET
             guardian_id = CASE WHEN guardian_id = ?2 THEN NULL ELSE guardian_id END,
             talk_guardian_id = CASE WHEN talk_guardian_id = ?2 THEN NULL ELSE talk_guardian_id END
         WHERE location_id = ?1 AND (guardian_id = ?2 OR talk_guardian_id = ?2)",
        params![location, guardian],
    )?;
    Ok(())
}

/// Retention: rows received before the cutoff keep no guardian, staff name or note.
pub(super) fn retain(conn: &Connection, cutoff_ms: i64) -> Result<u64, DbError> {
    let guardians = conn.execute(
        "UPDATE follow_ups SET guardian_id = NULL, talk_guardian_id = NULL
         WHERE received_at < ?1 AND (guardian_id IS NOT NULL OR talk_guardian_id IS NOT NULL)",
        [cutoff_ms],
    )?;
    let notes = conn.execute(
        "UPDATE follow_up_notes SET staff_name = '', note = ''
         WHERE received_at < ?1 AND (staff_name <> '' OR note <> '')",
        [cutoff_ms],
    )?;
    Ok((guardians + notes) as u64)
}

/// The columns of a listed follow-up, `FROM follow_ups f JOIN ratings r`.
const COLUMNS: &str = "f.rating_id, r.at_unix_ms, r.moment, r.score, r.scale, f.low, f.reasons,
       f.talk_request, coalesce(f.guardian_id, f.talk_guardian_id)";

/// The most recent open follow-ups rated on or before `?2` (the overview counts the
/// same `open_on <= ?2`, in `follow_ups_open`), newest first, at most `?3`: read
/// backwards along the `follow_ups_open` index. An open one has no note.
fn open_listed() -> String {
    format!(
        "SELECT {COLUMNS}
         FROM follow_ups f
         JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
         WHERE f.location_id = ?1 AND f.open_on <= ?2
         ORDER BY f.open_on DESC, r.at_unix_ms DESC, f.rating_id DESC
         LIMIT ?3"
    )
}

/// How many follow-ups are open on or before `?2`: all, low, talk requests.
const OPEN_COUNTS: &str = "
SELECT count(*), coalesce(sum(low), 0), coalesce(sum(talk_request), 0)
FROM follow_ups WHERE location_id = ?1 AND open_on <= ?2";

/// The counted follow-ups whose latest note falls in `?2..?3` (milliseconds, end
/// excluded), with that note: read from the notes of the window
/// (`follow_up_notes_when`, migration 0012), never from every follow-up.
fn handled_listed() -> String {
    format!(
        "SELECT {COLUMNS}, n.staff_name, n.note, n.at_unix_ms
         FROM follow_up_notes n
         JOIN follow_ups f ON f.location_id = n.location_id AND f.rating_id = n.rating_id
         JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
         WHERE n.location_id = ?1 AND n.at_unix_ms >= ?2 AND n.at_unix_ms < ?3
           AND f.counted = 1
           AND n.id = (SELECT y.id FROM follow_up_notes y
                       WHERE y.location_id = f.location_id AND y.rating_id = f.rating_id
                       ORDER BY y.at_unix_ms DESC, y.id DESC LIMIT 1)"
    )
}

/// Reads a listed row; `with_note` when it carries the three columns of a note.
fn row_of(row: &rusqlite::Row<'_>, with_note: bool) -> rusqlite::Result<Row> {
    let note = match with_note {
        true => match row.get::<_, Option<String>>(9)? {
            Some(staff) => Some((staff, row.get(10)?, row.get(11)?)),
            None => None,
        },
        false => None,
    };
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        note,
    ))
}

impl SqliteDb {
    pub(super) async fn follow_ups(
        &self,
        location_id: &str,
        last_day: &str,
        window: (i64, i64),
        open_shown: usize,
    ) -> Result<Listed, DbError> {
        let (location, last_day) = (location_id.to_owned(), last_day.to_owned());
        self.with(move |conn| {
            let (total, low, talk): (i64, i64, i64) = conn
                .prepare_cached(OPEN_COUNTS)?
                .query_row(params![location, last_day], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })?;
            let mut open = Vec::new();
            if open_shown > 0 {
                let limit = i64::try_from(open_shown).unwrap_or(i64::MAX);
                let mut stmt = conn.prepare_cached(&open_listed())?;
                let rows = stmt
                    .query_map(params![location, last_day, limit], |row| row_of(row, false))?
                    .collect::<Result<Vec<_>, _>>()?;
                open = rows
                    .into_iter()
                    .map(follow_up_of)
                    .collect::<Result<_, _>>()?;
            }
            let mut stmt = conn.prepare_cached(&handled_listed())?;
            let rows = stmt
                .query_map(params![location, window.0, window.1], |row| {
                    row_of(row, true)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let handled = rows
                .into_iter()
                .map(follow_up_of)
                .collect::<Result<_, _>>()?;
            Ok(Listed {
                open_counts: (total, low, talk),
                open,
                handled,
            })
        })
        .await
    }
}
