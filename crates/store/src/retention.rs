//! Retention: after a configurable number of days, the link between what a guardian
//! gave and the guardian is dropped. The anonymous statistic (day, moment, time,
//! face, groups) stays. Staff notes and the names of staff who wrote them follow the
//! same rule, in the tables and in the events still waiting in the outbox.
//!
//! The work runs in small batches, each its own short transaction, so a rating at
//! the kiosk never waits long for it.

use crate::outbox::{FOLLOWUP_HANDLED, RATING_FOLLOWUP, RATING_RECORDED, VISIT_RECORDED};
use crate::{Store, StoreError};
use jiff::civil::Date;
use rusqlite::{Connection, params};
use serde::Serialize;

/// Rows handled per transaction.
const BATCH: i64 = 500;

/// What retention changed (or, for a preview, would change).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RetentionReport {
    /// Ratings whose guardian and visit were dropped.
    pub ratings_unlinked: u64,
    /// Visits whose guardian was dropped or whose children were removed.
    pub visits_unlinked: u64,
    /// Rows naming a child of a visit, deleted.
    pub visit_children_deleted: u64,
    /// Follow-ups (talk requests) whose guardian was dropped.
    pub follow_ups_unlinked: u64,
    /// Outbox events already sent, deleted (their data named guardians).
    pub outbox_deleted: u64,
    /// Staff notes on old ratings whose text and staff name were cleared (a note may
    /// name the family; that it was handled, and when, stays).
    pub notes_cleared: u64,
    /// Old events still waiting to be sent (no upstream, or one out of reach),
    /// rewritten without guardian, visit, children, staff name and note.
    pub outbox_stripped: u64,
}

impl RetentionReport {
    /// The number of rows changed or deleted in all.
    pub fn total(&self) -> u64 {
        self.ratings_unlinked
            + self.visits_unlinked
            + self.visit_children_deleted
            + self.follow_ups_unlinked
            + self.outbox_deleted
            + self.notes_cleared
            + self.outbox_stripped
    }
}

/// Ratings before the cutoff that still name a guardian or visit.
const LINKED_RATINGS: &str = "SELECT rowid FROM ratings
     WHERE local_date < ?1 AND (guardian_id IS NOT NULL OR visit_id IS NOT NULL)";
/// Visits before the cutoff that still name a guardian or children.
const LINKED_VISITS: &str = "SELECT id FROM visits
     WHERE local_date < ?1
       AND (guardian_id IS NOT NULL
            OR EXISTS (SELECT 1 FROM visit_children vc WHERE vc.visit_id = visits.id))";
/// Follow-ups of ratings before the cutoff that still name a guardian.
const LINKED_FOLLOW_UPS: &str = "SELECT f.rowid FROM rating_followups f
     JOIN ratings r ON r.id = f.rating_id
     WHERE r.local_date < ?1 AND f.guardian_id IS NOT NULL";
/// Staff notes on ratings before the cutoff that still hold text, a staff name or a
/// link to the staff member.
const OLD_NOTES: &str = "SELECT n.rowid FROM follow_up_notes n
     JOIN ratings r ON r.id = n.rating_id
     WHERE r.local_date < ?1
       AND (n.note <> '' OR n.staff_name <> '' OR n.staff_id IS NOT NULL)";
/// Sent outbox events from before the cutoff. Event times are stored as RFC 3339 in
/// UTC, which sorts as text; a time on the cutoff day sorts after the bare date.
const OLD_SENT_EVENTS: &str = "SELECT seq FROM outbox
     WHERE sent_at IS NOT NULL AND time < ?1";

/// Events not sent yet that are old (of before the cutoff, or about a rating of
/// before it) and still name someone: a guardian, a visit or children, or a staff
/// member and their note.
fn old_waiting_events() -> String {
    format!(
        "SELECT seq FROM outbox
         WHERE sent_at IS NULL
           AND (time < ?1
                OR (type IN ('{RATING_FOLLOWUP}', '{FOLLOWUP_HANDLED}')
                    AND json_extract(data, '$.rating_id') IN
                        (SELECT id FROM ratings WHERE local_date < ?1)))
           AND CASE type
                 WHEN '{VISIT_RECORDED}' THEN
                   json_type(data, '$.guardian_id') IS NOT NULL
                   OR json_array_length(data, '$.children') > 0
                 WHEN '{RATING_RECORDED}' THEN
                   json_type(data, '$.guardian_id') IS NOT NULL
                   OR json_type(data, '$.visit_id') IS NOT NULL
                 WHEN '{RATING_FOLLOWUP}' THEN json_type(data, '$.guardian_id') IS NOT NULL
                 WHEN '{FOLLOWUP_HANDLED}' THEN
                   json_extract(data, '$.staff_name') <> '' OR json_extract(data, '$.note') <> ''
                 ELSE 0
               END"
    )
}

/// The event's data without what names someone, by type; what the receiver's checks
/// require stays (an empty list of children, an empty staff name and note).
fn stripped_data() -> String {
    format!(
        "CASE type
           WHEN '{VISIT_RECORDED}' THEN
             json_set(json_remove(data, '$.guardian_id'), '$.children', json('[]'))
           WHEN '{RATING_RECORDED}' THEN json_remove(data, '$.guardian_id', '$.visit_id')
           WHEN '{RATING_FOLLOWUP}' THEN json_remove(data, '$.guardian_id')
           WHEN '{FOLLOWUP_HANDLED}' THEN json_set(data, '$.staff_name', '', '$.note', '')
           ELSE data
         END"
    )
}

impl Store {
    /// Drops every link to a guardian from what was given before `cutoff` (a day
    /// counted in the location's calendar): ratings lose their guardian and visit,
    /// visits their guardian and children, talk requests their guardian, staff notes
    /// their text and the staff member's name; outbox events already sent are
    /// deleted. Events not yet sent (no upstream, or one out of reach) stay, to be
    /// sent, but lose the same: guardian, visit, children, staff name and note.
    ///
    /// Works in batches of a few hundred rows, each its own transaction; the counts
    /// per day, moment, group and face do not change.
    pub fn apply_retention(&mut self, cutoff: Date) -> Result<RetentionReport, StoreError> {
        let cutoff = cutoff.to_string();
        let ratings_unlinked = in_batches(&mut self.conn, |tx| {
            Ok(tx.execute(
                &format!(
                    "UPDATE ratings SET guardian_id = NULL, visit_id = NULL
                     WHERE rowid IN ({LINKED_RATINGS} LIMIT ?2)"
                ),
                params![cutoff, BATCH],
            )? as u64)
        })?;
        let follow_ups_unlinked = in_batches(&mut self.conn, |tx| {
            Ok(tx.execute(
                &format!(
                    "UPDATE rating_followups SET guardian_id = NULL
                     WHERE rowid IN ({LINKED_FOLLOW_UPS} LIMIT ?2)"
                ),
                params![cutoff, BATCH],
            )? as u64)
        })?;
        let notes_cleared = in_batches(&mut self.conn, |tx| {
            Ok(tx.execute(
                &format!(
                    "UPDATE follow_up_notes SET note = '', staff_name = '', staff_id = NULL
                     WHERE rowid IN ({OLD_NOTES} LIMIT ?2)"
                ),
                params![cutoff, BATCH],
            )? as u64)
        })?;
        let mut visit_children_deleted = 0;
        let visits_unlinked = in_batches(&mut self.conn, |tx| {
            tx.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS retention_visits (id TEXT PRIMARY KEY);
                 DELETE FROM temp.retention_visits;",
            )?;
            let found = tx.execute(
                &format!("INSERT INTO temp.retention_visits {LINKED_VISITS} LIMIT ?2"),
                params![cutoff, BATCH],
            )?;
            visit_children_deleted += tx.execute(
                "DELETE FROM visit_children
                 WHERE visit_id IN (SELECT id FROM temp.retention_visits)",
                [],
            )? as u64;
            tx.execute(
                "UPDATE visits SET guardian_id = NULL
                 WHERE id IN (SELECT id FROM temp.retention_visits)",
                [],
            )?;
            tx.execute("DELETE FROM temp.retention_visits", [])?;
            Ok(found as u64)
        })?;
        let outbox_deleted = in_batches(&mut self.conn, |tx| {
            Ok(tx.execute(
                &format!("DELETE FROM outbox WHERE seq IN ({OLD_SENT_EVENTS} LIMIT ?2)"),
                params![cutoff, BATCH],
            )? as u64)
        })?;
        let (waiting, stripped) = (old_waiting_events(), stripped_data());
        let outbox_stripped = in_batches(&mut self.conn, |tx| {
            Ok(tx.execute(
                &format!("UPDATE outbox SET data = {stripped} WHERE seq IN ({waiting} LIMIT ?2)"),
                params![cutoff, BATCH],
            )? as u64)
        })?;
        Ok(RetentionReport {
            ratings_unlinked,
            visits_unlinked,
            visit_children_deleted,
            follow_ups_unlinked,
            outbox_deleted,
            notes_cleared,
            outbox_stripped,
        })
    }

    /// What [`Store::apply_retention`] would change, without changing anything.
    pub fn preview_retention(&self, cutoff: Date) -> Result<RetentionReport, StoreError> {
        let cutoff = cutoff.to_string();
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM ({sql})"), [&cutoff], |row| {
                    row.get::<_, i64>(0)
                })? as u64)
        };
        Ok(RetentionReport {
            ratings_unlinked: count(LINKED_RATINGS)?,
            visits_unlinked: count(LINKED_VISITS)?,
            visit_children_deleted: count(
                "SELECT 1 FROM visit_children vc JOIN visits v ON v.id = vc.visit_id
                 WHERE v.local_date < ?1",
            )?,
            follow_ups_unlinked: count(LINKED_FOLLOW_UPS)?,
            outbox_deleted: count(OLD_SENT_EVENTS)?,
            notes_cleared: count(OLD_NOTES)?,
            outbox_stripped: count(&old_waiting_events())?,
        })
    }
}

/// Runs `batch` in its own transaction until it handles no more rows; the sum of
/// what each batch handled.
fn in_batches(
    conn: &mut Connection,
    mut batch: impl FnMut(&rusqlite::Transaction<'_>) -> Result<u64, StoreError>,
) -> Result<u64, StoreError> {
    let mut total = 0;
    loop {
        let tx = crate::write_gate::write_tx(conn)?;
        let done = batch(&tx)?;
        tx.commit()?;
        total += done;
        if done == 0 {
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, day};

    fn per_day_counts(store: &Store) -> Vec<(String, String, String, i64, i64)> {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT local_date, moment, groups, score, count(*) FROM ratings
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    fn linked(store: &Store, date: &str) -> (i64, i64, i64, i64) {
        store
            .conn
            .query_row(
                "SELECT
                   (SELECT count(*) FROM ratings WHERE local_date = ?1 AND guardian_id IS NOT NULL),
                   (SELECT count(*) FROM ratings WHERE local_date = ?1 AND visit_id IS NOT NULL),
                   (SELECT count(*) FROM visits WHERE local_date = ?1 AND guardian_id IS NOT NULL),
                   (SELECT count(*) FROM visit_children vc JOIN visits v ON v.id = vc.visit_id
                     WHERE v.local_date = ?1)",
                [date],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap()
    }

    #[test]
    fn old_ratings_lose_their_guardian_newer_ones_keep_it_and_counts_stay() {
        let mut f = Fixture::new();
        let old = day("2025-01-06");
        let new = day("2025-09-01");
        for (i, date) in [old, old, new].into_iter().enumerate() {
            let rating = f.rate("G1", date, 1 + i as u8);
            f.follow_up(rating, true);
            f.note(rating, "Gesproken met de moeder van Daan");
        }
        f.rate("G2", old, 4);
        f.store
            .conn
            .execute("UPDATE outbox SET sent_at = 1", [])
            .unwrap();
        // One event of the old day is still waiting: it must still be sent.
        let waiting = f.rate("G2", old, 2);
        let before = per_day_counts(&f.store);

        let cutoff = day("2025-07-01");
        let preview = f.store.preview_retention(cutoff).unwrap();
        assert_eq!(
            per_day_counts(&f.store),
            before,
            "a preview changes nothing"
        );
        let report = f.store.apply_retention(cutoff).unwrap();
        assert_eq!(report, preview, "the preview says what happens");
        assert_eq!(report.ratings_unlinked, 4);
        assert_eq!(report.visits_unlinked, 4);
        assert_eq!(report.visit_children_deleted, 4);
        assert_eq!(report.follow_ups_unlinked, 2);
        assert_eq!(report.notes_cleared, 2);
        let notes: Vec<String> = f
            .store
            .conn
            .prepare("SELECT n.note FROM follow_up_notes n JOIN ratings r ON r.id = n.rating_id ORDER BY r.local_date")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            notes,
            ["", "", "Gesproken met de moeder van Daan"],
            "old notes lose their text, the newer one keeps it"
        );

        assert_eq!(linked(&f.store, "2025-01-06"), (0, 0, 0, 0));
        assert_eq!(
            linked(&f.store, "2025-09-01"),
            (1, 1, 1, 1),
            "newer keep it"
        );
        let talkers: i64 = f
            .store
            .conn
            .query_row(
                "SELECT count(*) FROM rating_followups WHERE guardian_id IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(talkers, 1, "only the newer talk request names its guardian");
        assert_eq!(
            per_day_counts(&f.store),
            before,
            "the statistic is unchanged"
        );

        let outbox: Vec<(String, Option<i64>)> = f
            .store
            .conn
            .prepare("SELECT event_id, sent_at FROM outbox ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            outbox
                .iter()
                .any(|(id, sent)| *id == waiting.to_string() && sent.is_none()),
            "an unsent event stays"
        );
        assert!(
            outbox
                .iter()
                .filter(|(_, sent)| sent.is_some())
                .all(|(id, _)| f.event_date(id) >= new),
            "sent events of old days are gone: {outbox:?}"
        );

        let again = f.store.apply_retention(cutoff).unwrap();
        assert_eq!(again.total(), 0, "a second run finds nothing");
    }

    #[test]
    fn retention_works_through_more_rows_than_one_batch() {
        let mut f = Fixture::new();
        let old = day("2025-01-06");
        for i in 0..(BATCH as usize * 2 + 17) {
            f.rate("G1", old, 1 + (i % 4) as u8);
        }
        let before = per_day_counts(&f.store);
        let report = f.store.apply_retention(day("2025-02-01")).unwrap();
        assert_eq!(report.ratings_unlinked, BATCH as u64 * 2 + 17);
        assert_eq!(linked(&f.store, "2025-01-06"), (0, 0, 0, 0));
        assert_eq!(per_day_counts(&f.store), before);
    }
}
