//! The follow-up tables on PostgreSQL: the same as on SQLite
//! (see [`super::follow_ups_sqlite`]).

use super::follow_ups::{FollowUp, Ingest, Listed, Row, follow_up_of, ratings_to_settle};
use super::postgres::PgDb;
use super::postgres::rollups::Standing;
use super::{CheckedEvent, DbError};
use std::collections::{BTreeMap, BTreeSet};
use tokio_postgres::GenericClient;
use tokio_postgres::types::Type;

/// Adds what the new events say to the follow-up tables, inside the ingest's
/// transaction and after the batch's ratings are stored and their roll-ups kept
/// (`standing`: how the roll-ups found the new ratings): at most five statements
/// per batch, whatever its size.
pub(super) async fn ingest(
    tx: &tokio_postgres::Transaction<'_>,
    location: &str,
    events: &[&CheckedEvent],
    received: i64,
    standing: &Standing,
) -> Result<(), DbError> {
    // One row per key within a statement (PostgreSQL refuses to change a row twice):
    // the latest answer per rating, each rating and note once.
    let mut low: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut answers: BTreeMap<String, (i64, String, String, bool, Option<String>)> =
        BTreeMap::new();
    let mut notes: BTreeMap<String, (String, String, String, i64)> = BTreeMap::new();
    for event in events {
        match Ingest::of(event) {
            None => {}
            Some(Ingest::LowRating {
                rating_id,
                guardian_id,
            }) => {
                low.insert(rating_id, guardian_id);
            }
            Some(Ingest::Answer {
                rating_id,
                answer_id,
                at_unix_ms,
                reasons,
                talk_request,
                guardian_id,
            }) => {
                let later = answers
                    .get(&rating_id)
                    .is_none_or(|(at, id, ..)| (at_unix_ms, &answer_id) > (*at, id));
                if later {
                    answers.insert(
                        rating_id,
                        (at_unix_ms, answer_id, reasons, talk_request, guardian_id),
                    );
                }
            }
            Some(Ingest::Note {
                id,
                rating_id,
                staff_name,
                note,
                at_unix_ms,
            }) => {
                notes.insert(id, (rating_id, staff_name, note, at_unix_ms));
            }
        }
    }
    // A new low rating's row is worked out as it goes in, from its standing (the
    // roll-ups read it under the lock): it counts when neither misuse nor
    // superseded, and is open on its day while no note names it. A low rating the
    // batch did not store itself (sent before under another event) is settled.
    let mut settled_at_insert = BTreeSet::new();
    let mut low_rows = LowRows::default();
    for (id, guardian) in low {
        let day = standing.get(&id);
        low_rows.counts.push(matches!(day, Some(Some(_))));
        low_rows.days.push(day.cloned().flatten());
        if day.is_some() {
            settled_at_insert.insert(id.clone());
        }
        low_rows.ids.push(id);
        low_rows.guardians.push(guardian);
    }
    let mut answer_rows = AnswerRows::default();
    for (rating, (a, id, r, t, g)) in answers {
        answer_rows.ratings.push(rating);
        answer_rows.at.push(a);
        answer_rows.ids.push(id);
        answer_rows.reasons.push(r);
        answer_rows.talk.push(t);
        answer_rows.guardians.push(g);
    }
    let mut note_rows = NoteRows::default();
    for (id, (rating, name, note, a)) in notes {
        note_rows.ids.push(id);
        note_rows.ratings.push(rating);
        note_rows.staff.push(name);
        note_rows.texts.push(note);
        note_rows.at.push(a);
    }
    let named: Vec<String> = ratings_to_settle(events, &settled_at_insert)
        .into_iter()
        .collect();
    // Each statement is planned with its batch's values (typed: parsed, planned and
    // run in one round trip), and all four are sent at once: the server runs them
    // in this order, so the settling sees the rows the inserts wrote.
    tokio::try_join!(
        biased;
        insert_low(tx, location, &low_rows, received),
        insert_answers(tx, location, &answer_rows, received),
        insert_notes(tx, location, &note_rows, received),
        settle(tx, location, &named),
    )?;
    Ok(())
}

/// A batch's new low ratings, column by column.
#[derive(Default)]
struct LowRows {
    ids: Vec<String>,
    guardians: Vec<Option<String>>,
    counts: Vec<bool>,
    days: Vec<Option<String>>,
}

/// The latest answer per rating of a batch, column by column.
#[derive(Default)]
struct AnswerRows {
    ratings: Vec<String>,
    at: Vec<i64>,
    ids: Vec<String>,
    reasons: Vec<String>,
    talk: Vec<bool>,
    guardians: Vec<Option<String>>,
}

/// A batch's staff notes, column by column.
#[derive(Default)]
struct NoteRows {
    ids: Vec<String>,
    ratings: Vec<String>,
    staff: Vec<String>,
    texts: Vec<String>,
    at: Vec<i64>,
}

/// Inserts the new low ratings' follow-ups.
async fn insert_low(
    tx: &tokio_postgres::Transaction<'_>,
    location: &str,
    rows: &LowRows,
    received: i64,
) -> Result<(), DbError> {
    if rows.ids.is_empty() {
        return Ok(());
    }
    tx.execute_typed(
        "INSERT INTO follow_ups (location_id, rating_id, low, guardian_id, received_at,
                                 counted, open_on)
         SELECT $1, r, TRUE, g, $4, c,
                CASE WHEN c AND NOT EXISTS (
                         SELECT 1 FROM follow_up_notes n
                         WHERE n.location_id = $1 AND n.rating_id = r)
                     THEN d END
         FROM unnest($2::text[], $3::text[], $5::boolean[], $6::text[]) AS x(r, g, c, d)
         ON CONFLICT (location_id, rating_id) DO UPDATE SET
             low = TRUE, guardian_id = excluded.guardian_id,
             counted = excluded.counted, open_on = excluded.open_on",
        &[
            (&location, Type::TEXT),
            (&rows.ids, Type::TEXT_ARRAY),
            (&rows.guardians, Type::TEXT_ARRAY),
            (&received, Type::INT8),
            (&rows.counts, Type::BOOL_ARRAY),
            (&rows.days, Type::TEXT_ARRAY),
        ],
    )
    .await?;
    Ok(())
}

/// Inserts the batch's answers; a later answer (by time, then id) replaces an
/// earlier one.
async fn insert_answers(
    tx: &tokio_postgres::Transaction<'_>,
    location: &str,
    rows: &AnswerRows,
    received: i64,
) -> Result<(), DbError> {
    if rows.ratings.is_empty() {
        return Ok(());
    }
    tx.execute_typed(
        "INSERT INTO follow_ups (location_id, rating_id, answer_id, answer_at_ms,
                                 reasons, talk_request, talk_guardian_id, received_at)
         SELECT $1, r, i, a, re::jsonb, t, g, $8
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::boolean[],
                     $7::text[]) AS x(r, i, a, re, t, g)
         ON CONFLICT (location_id, rating_id) DO UPDATE SET
             answer_id = excluded.answer_id, answer_at_ms = excluded.answer_at_ms,
             reasons = excluded.reasons, talk_request = excluded.talk_request,
             talk_guardian_id = excluded.talk_guardian_id,
             received_at = greatest(follow_ups.received_at, excluded.received_at)
         WHERE follow_ups.answer_id IS NULL
            OR (excluded.answer_at_ms, excluded.answer_id)
               > (follow_ups.answer_at_ms, follow_ups.answer_id)",
        &[
            (&location, Type::TEXT),
            (&rows.ratings, Type::TEXT_ARRAY),
            (&rows.ids, Type::TEXT_ARRAY),
            (&rows.at, Type::INT8_ARRAY),
            (&rows.reasons, Type::TEXT_ARRAY),
            (&rows.talk, Type::BOOL_ARRAY),
            (&rows.guardians, Type::TEXT_ARRAY),
            (&received, Type::INT8),
        ],
    )
    .await?;
    Ok(())
}

/// Inserts the batch's staff notes (each once).
async fn insert_notes(
    tx: &tokio_postgres::Transaction<'_>,
    location: &str,
    rows: &NoteRows,
    received: i64,
) -> Result<(), DbError> {
    if rows.ids.is_empty() {
        return Ok(());
    }
    tx.execute_typed(
        "INSERT INTO follow_up_notes (location_id, id, rating_id, staff_name, note,
                                      at_unix_ms, received_at)
         SELECT $1, i, r, s, n, a, $7
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
              AS x(i, r, s, n, a)
         ON CONFLICT DO NOTHING",
        &[
            (&location, Type::TEXT),
            (&rows.ids, Type::TEXT_ARRAY),
            (&rows.ratings, Type::TEXT_ARRAY),
            (&rows.staff, Type::TEXT_ARRAY),
            (&rows.texts, Type::TEXT_ARRAY),
            (&rows.at, Type::INT8_ARRAY),
            (&received, Type::INT8),
        ],
    )
    .await?;
    Ok(())
}

/// Keeps `counted` and `open_on` (migration 0009) of the follow-ups the batch names
/// (`named`, from [`ratings_to_settle`]; see [`super::follow_ups_sqlite::settle`]).
async fn settle(
    tx: &tokio_postgres::Transaction<'_>,
    location: &str,
    named: &[String],
) -> Result<(), DbError> {
    if named.is_empty() {
        return Ok(());
    }
    tx.execute_typed(
        SETTLE,
        &[(&location, Type::TEXT), (&named, Type::TEXT_ARRAY)],
    )
    .await?;
    Ok(())
}

/// Whether a follow-up counts and its day while it counts and no note names it (the
/// back-fill in migration 0009, for these rows), both in one pass.
///
/// The rows are found by their key (`= ANY`) and each computes its own values;
/// joining the named rows to a computed table instead let the planner hash-join
/// against every follow-up of the location.
const SETTLE: &str = "
UPDATE follow_ups f SET (counted, open_on) = (
    SELECT c.counted,
           CASE WHEN c.counted AND NOT EXISTS (
                    SELECT 1 FROM follow_up_notes n
                    WHERE n.location_id = f.location_id AND n.rating_id = f.rating_id)
                THEN c.local_date END
    FROM (
        SELECT coalesce((f.low OR f.talk_request) AND NOT r.misuse
                        AND NOT EXISTS (SELECT 1 FROM ratings s
                                        WHERE s.location_id = r.location_id
                                          AND s.supersedes = r.id),
                        FALSE) AS counted,
               r.local_date
        FROM (SELECT 1) AS one
        LEFT JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
    ) c)
WHERE f.location_id = $1 AND f.rating_id = ANY($2)";

/// A family's erasure (see [`super::follow_ups_sqlite::erase`]).
pub(super) async fn erase(
    tx: &tokio_postgres::Transaction<'_>,
    location: &str,
    guardian: &str,
) -> Result<(), DbError> {
    tx.execute(
        "UPDATE follow_up_notes SET note = ''
         WHERE location_id = $1 AND note <> '' AND rating_id IN (
             SELECT rating_id FROM follow_ups
             WHERE location_id = $1 AND (guardian_id = $2 OR talk_guardian_id = $2))",
        &[&location, &guardian],
    )
    .await?;
    tx.execute(
        "UPDATE follow_ups SET
             guardian_id = CASE WHEN guardian_id = $2 THEN NULL ELSE guardian_id END,
             talk_guardian_id = CASE WHEN talk_guardian_id = $2 THEN NULL ELSE talk_guardian_id END
         WHERE location_id = $1 AND (guardian_id = $2 OR talk_guardian_id = $2)",
        &[&location, &guardian],
    )
    .await?;
    Ok(())
}

/// Retention (see [`super::follow_ups_sqlite::retain`]).
pub(super) async fn retain(client: &impl GenericClient, cutoff_ms: i64) -> Result<u64, DbError> {
    let guardians = client
        .execute(
            "UPDATE follow_ups SET guardian_id = NULL, talk_guardian_id = NULL
             WHERE received_at < $1 AND (guardian_id IS NOT NULL OR talk_guardian_id IS NOT NULL)",
            &[&cutoff_ms],
        )
        .await?;
    let notes = client
        .execute(
            "UPDATE follow_up_notes SET staff_name = '', note = ''
             WHERE received_at < $1 AND (staff_name <> '' OR note <> '')",
            &[&cutoff_ms],
        )
        .await?;
    Ok(guardians + notes)
}

/// The columns of a listed follow-up, `FROM follow_ups f JOIN ratings r`.
const COLUMNS: &str = "f.rating_id, r.at_unix_ms, r.moment, r.score::bigint, r.scale::bigint,
       f.low, f.reasons::text, f.talk_request, coalesce(f.guardian_id, f.talk_guardian_id)";

/// The most recent open follow-ups (see the SQLite form in
/// [`super::follow_ups_sqlite`]).
fn open_listed() -> String {
    format!(
        "SELECT {COLUMNS}
         FROM follow_ups f
         JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
         WHERE f.location_id = $1 AND f.open_on <= $2
         ORDER BY f.open_on DESC, r.at_unix_ms DESC, f.rating_id DESC
         LIMIT $3"
    )
}

/// How many follow-ups are open on or before `$2`: all, low, talk requests.
const OPEN_COUNTS: &str = "
SELECT count(*), count(*) FILTER (WHERE low), count(*) FILTER (WHERE talk_request)
FROM follow_ups WHERE location_id = $1 AND open_on <= $2";

/// The counted follow-ups whose latest note falls in the window.
fn handled_listed() -> String {
    format!(
        "SELECT {COLUMNS}, n.staff_name, n.note, n.at_unix_ms
         FROM follow_up_notes n
         JOIN follow_ups f ON f.location_id = n.location_id AND f.rating_id = n.rating_id
         JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
         WHERE n.location_id = $1 AND n.at_unix_ms >= $2 AND n.at_unix_ms < $3
           AND f.counted
           AND n.id = (SELECT y.id FROM follow_up_notes y
                       WHERE y.location_id = f.location_id AND y.rating_id = f.rating_id
                       ORDER BY y.at_unix_ms DESC, y.id DESC LIMIT 1)"
    )
}

/// Reads a listed row; `with_note` when it carries the three columns of a note.
fn row_of(row: &tokio_postgres::Row, with_note: bool) -> Result<FollowUp, DbError> {
    let note = match with_note {
        true => row
            .get::<_, Option<String>>(9)
            .map(|staff| (staff, row.get(10), row.get(11))),
        false => None,
    };
    let read: Row = (
        row.get(0),
        row.get(1),
        row.get(2),
        row.get(3),
        row.get(4),
        row.get(5),
        row.get(6),
        row.get(7),
        row.get(8),
        note,
    );
    follow_up_of(read)
}

impl PgDb {
    pub(super) async fn follow_ups(
        &self,
        location_id: &str,
        last_day: &str,
        window: (i64, i64),
        open_shown: usize,
    ) -> Result<Listed, DbError> {
        let client = self.client().await?;
        let counts = client
            .query_one(OPEN_COUNTS, &[&location_id, &last_day])
            .await?;
        let mut open = Vec::new();
        if open_shown > 0 {
            let limit = i64::try_from(open_shown).unwrap_or(i64::MAX);
            let rows = client
                .query(&open_listed(), &[&location_id, &last_day, &limit])
                .await?;
            open = rows
                .iter()
                .map(|row| row_of(row, false))
                .collect::<Result<_, _>>()?;
        }
        let rows = client
            .query(&handled_listed(), &[&location_id, &window.0, &window.1])
            .await?;
        Ok(Listed {
            open_counts: (counts.get(0), counts.get(1), counts.get(2)),
            open,
            handled: rows
                .iter()
                .map(|row| row_of(row, true))
                .collect::<Result<_, _>>()?,
        })
    }
}
