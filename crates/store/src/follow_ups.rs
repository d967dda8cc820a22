//! The team's follow-up list: every counted low rating and every talk request, open
//! until a staff member marks it "talked" with a short note.

use crate::outbox::{FOLLOWUP_HANDLED, enqueue};
use crate::record::parse_id;
use crate::{StaffMember, Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;
use welkom_core::{EventId, GuardianId, Moment};

/// The longest note a staff member can leave.
pub const MAX_NOTE_CHARS: usize = 500;

/// A low rating or a talk request, with what the team needs to follow it up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUpItem {
    /// The rating it is about.
    pub rating_id: EventId,
    /// When the face was tapped.
    pub at: Timestamp,
    /// The location's day.
    pub local_date: Date,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// The face, 1 (worst) to `scale`.
    pub score: u8,
    /// The number of faces shown.
    pub scale: u8,
    /// Who rated, when known (not in anonymous mode, unless they asked to talk).
    pub guardian_id: Option<GuardianId>,
    /// Their name, "first last", when known.
    pub guardian_name: Option<String>,
    /// The first names of the children of the visit (or of the guardian).
    pub children: Vec<String>,
    /// The groups of the visit.
    pub groups: Vec<String>,
    /// The reasons chosen after the rating.
    pub reasons: Vec<String>,
    /// Whether the guardian asked to talk.
    pub talk_request: bool,
    /// Whether the rating is one of the two lowest faces.
    pub low: bool,
    /// The note of the staff member who talked with the guardian, once handled.
    pub handled: Option<Handled>,
}

/// A staff member's "talked".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Handled {
    /// Who talked with the guardian.
    pub staff_name: String,
    /// What they noted.
    pub note: String,
    /// When they marked it.
    pub at: Timestamp,
}

/// Which follow-ups to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUpScope {
    /// The open ones and those handled since this moment (the staff view: today's).
    OpenAndHandledSince(Timestamp),
    /// Every one ever, open and handled (the export).
    All,
}

/// Whether a rating needs a talk: counted (not misuse, not superseded), not talked
/// about yet, and one of the two lowest faces (as `welkom_core::Scale::is_low` says)
/// or followed by a talk request. The one place this is decided; it keeps
/// `follow_ups_open` up to date for one rating.
const REFRESH_OPEN: &str = "
INSERT INTO follow_ups_open (rating_id)
SELECT r.id FROM ratings r
WHERE r.id = ?1 AND r.misuse = 0
  AND NOT EXISTS (SELECT 1 FROM ratings s WHERE s.supersedes = r.id)
  AND NOT EXISTS (SELECT 1 FROM follow_up_notes n WHERE n.rating_id = r.id)
  AND (r.score <= 2 OR coalesce((SELECT f.talk_request FROM rating_followups f
                                 WHERE f.rating_id = r.id
                                 ORDER BY f.at_unix_ms DESC, f.id DESC LIMIT 1), 0) = 1)";

/// Brings `follow_ups_open` up to date for one rating, inside the caller's
/// transaction.
pub(crate) fn refresh_open(tx: &Transaction<'_>, rating_id: EventId) -> Result<(), StoreError> {
    let id = rating_id.to_string();
    tx.prepare_cached("DELETE FROM follow_ups_open WHERE rating_id = ?1")?
        .execute([&id])?;
    tx.prepare_cached(REFRESH_OPEN)?.execute([&id])?;
    Ok(())
}

/// The open follow-ups and those talked about since ?1, with their latest follow-up
/// and latest note; only the listed ratings are read.
const ITEMS: &str = "
WITH listed AS (
    SELECT rating_id FROM follow_ups_open
    UNION
    SELECT rating_id FROM follow_up_notes WHERE at_unix_ms >= ?1
)
SELECT r.id, r.at_unix_ms, r.local_date, r.moment, r.score, r.scale,
       coalesce(r.guardian_id, f.guardian_id),
       trim(g.first_name || ' ' || g.last_name),
       CASE WHEN r.visit_id IS NOT NULL THEN
           (SELECT json_group_array(c.first_name) FROM visit_children vc
              JOIN children c ON c.id = vc.child_id WHERE vc.visit_id = r.visit_id)
       ELSE
           (SELECT json_group_array(c.first_name) FROM guardian_children gc
              JOIN children c ON c.id = gc.child_id
              WHERE gc.guardian_id = f.guardian_id AND gc.active = 1 AND c.active = 1)
       END,
       r.groups, f.reasons, coalesce(f.talk_request, 0),
       n.staff_name, n.note, n.at_unix_ms
FROM listed l
JOIN ratings r ON r.id = l.rating_id
LEFT JOIN rating_followups f ON f.id = (
    SELECT x.id FROM rating_followups x WHERE x.rating_id = r.id
    ORDER BY x.at_unix_ms DESC, x.id DESC LIMIT 1)
LEFT JOIN follow_up_notes n ON n.id = (
    SELECT y.id FROM follow_up_notes y WHERE y.rating_id = r.id
    ORDER BY y.at_unix_ms DESC, y.id DESC LIMIT 1)
LEFT JOIN guardians g ON g.id = coalesce(r.guardian_id, f.guardian_id)
ORDER BY r.at_unix_ms DESC, r.id DESC";

impl Store {
    /// Low ratings and talk requests, newest first.
    pub fn follow_ups(&self, scope: FollowUpScope) -> Result<Vec<FollowUpItem>, StoreError> {
        let since = match scope {
            FollowUpScope::OpenAndHandledSince(t) => t.as_millisecond(),
            FollowUpScope::All => i64::MIN,
        };
        let mut stmt = self.conn.prepare_cached(ITEMS)?;
        let mut rows = stmt.query([since])?;
        let mut items = Vec::new();
        while let Some(row) = rows.next()? {
            let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
            let json_list = |text: Option<String>| -> Result<Vec<String>, StoreError> {
                match text {
                    Some(text) => serde_json::from_str::<Vec<Option<String>>>(&text)
                        .map(|v| v.into_iter().flatten().collect())
                        .map_err(|_| corrupt("a list")),
                    None => Ok(Vec::new()),
                }
            };
            let score: u8 = row.get(4)?;
            let handled = match row.get::<_, Option<String>>(12)? {
                Some(staff_name) => Some(Handled {
                    staff_name,
                    note: row.get(13)?,
                    at: Timestamp::from_millisecond(row.get(14)?).map_err(|_| corrupt("time"))?,
                }),
                None => None,
            };
            let guardian_id: Option<String> = row.get(6)?;
            let name: Option<String> = row.get(7)?;
            items.push(FollowUpItem {
                rating_id: parse_id(&row.get::<_, String>(0)?)?,
                at: Timestamp::from_millisecond(row.get(1)?).map_err(|_| corrupt("time"))?,
                local_date: row
                    .get::<_, String>(2)?
                    .parse()
                    .map_err(|_| corrupt("date"))?,
                moment: Moment::from_key(&row.get::<_, String>(3)?)
                    .ok_or_else(|| corrupt("moment"))?,
                score,
                scale: row.get(5)?,
                guardian_name: name.filter(|n| !n.is_empty() && guardian_id.is_some()),
                guardian_id: guardian_id.map(GuardianId),
                children: json_list(row.get(8)?)?,
                groups: json_list(row.get(9)?)?,
                reasons: json_list(row.get(10)?)?,
                talk_request: row.get(11)?,
                low: score <= 2,
                handled,
            });
        }
        Ok(items)
    }

    /// How many follow-ups are still open (the count on the staff button).
    pub fn open_follow_up_count(&self) -> Result<usize, StoreError> {
        let count: i64 =
            self.conn
                .query_row("SELECT count(*) FROM follow_ups_open", [], |row| row.get(0))?;
        Ok(count as usize)
    }

    /// Works out the open follow-ups again for every rating, by the same rule as for
    /// each new rating (after rows were loaded in bulk, or to repair the table).
    /// Returns how many are open.
    pub fn rebuild_open_follow_ups(&mut self) -> Result<usize, StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        tx.execute("DELETE FROM follow_ups_open", [])?;
        let candidates: Vec<String> = tx
            .prepare(
                "SELECT id FROM ratings WHERE score <= 2
                 UNION SELECT rating_id FROM rating_followups WHERE talk_request = 1",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        {
            let mut insert = tx.prepare_cached(REFRESH_OPEN)?;
            for id in &candidates {
                insert.execute([id])?;
            }
        }
        tx.commit()?;
        self.open_follow_up_count()
    }

    /// A staff member has talked with the guardian about this rating. The note is
    /// trimmed; an empty note is allowed ("talked", nothing to add).
    pub fn mark_talked(
        &mut self,
        rating_id: EventId,
        staff: &StaffMember,
        note: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let note = note.trim();
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(StoreError::Invalid(format!(
                "a note has at most {MAX_NOTE_CHARS} characters"
            )));
        }
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM ratings WHERE id = ?1",
                [rating_id.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::Invalid(format!(
                "no rating with id {rating_id}"
            )));
        }
        let id = EventId::new();
        tx.execute(
            "INSERT INTO follow_up_notes (id, rating_id, staff_id, staff_name, note, at_unix_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.to_string(),
                rating_id.to_string(),
                staff.id,
                staff.name,
                note,
                at.as_millisecond()
            ],
        )?;
        let data = json!({
            "id": id,
            "rating_id": rating_id,
            "staff_name": staff.name,
            "note": note,
        });
        enqueue(&tx, id, FOLLOWUP_HANDLED, at, &data)?;
        refresh_open(&tx, rating_id)?;
        tx.commit()?;
        Ok(())
    }
}
