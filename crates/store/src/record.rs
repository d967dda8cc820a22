//! Recording what guardians give: visits, ratings and what they add after a low
//! rating. Each write is one short transaction that also fills the outbox.

use crate::follow_ups::refresh_open;
use crate::outbox::{RATING_FOLLOWUP, RATING_RECORDED, VISIT_RECORDED, enqueue};
use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};

/// A guardian passing the kiosk, as the screen knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVisit {
    /// Made on the device when the guardian identified.
    pub id: EventId,
    /// Who identified.
    pub guardian_id: GuardianId,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// Whether the guardian corrected the moment the kiosk proposed.
    pub moment_corrected: bool,
    /// The children the visit covers (the guardian may deselect some).
    pub children: Vec<ChildId>,
    /// When the guardian identified.
    pub at: Timestamp,
    /// The location's calendar day.
    pub local_date: Date,
}

/// A tap on a face.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRating {
    /// Made on the device at the tap.
    pub id: EventId,
    /// The face, 1 (worst) to the scale's size (best).
    pub score: u8,
    /// The scale shown.
    pub scale: Scale,
    /// When the face was tapped.
    pub at: Timestamp,
    /// Whether the tap is part of a burst without identification in between.
    pub misuse: bool,
}

/// What a guardian added after a low rating: the whole answer so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFollowUp {
    /// Made on the device.
    pub id: EventId,
    /// The rating it belongs to.
    pub rating_id: EventId,
    /// The keys of the reasons chosen ("wat kan beter?").
    pub reasons: Vec<String>,
    /// "Ik wil graag even praten."
    pub talk_request: bool,
    /// When it was given.
    pub at: Timestamp,
}

/// A rating as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRating {
    /// The rating's id.
    pub id: EventId,
    /// The earlier rating this one supersedes, if any.
    pub supersedes: Option<EventId>,
}

impl Store {
    /// Records a visit (once: recording the same visit again changes nothing).
    pub fn record_visit(&mut self, visit: &NewVisit) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        insert_visit(&tx, visit)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a rating and its visit in one durable transaction. When the same
    /// guardian already rated the same moment today, the new rating supersedes the
    /// latest earlier one (both are kept). A misuse rating supersedes nothing.
    pub fn record_rating(
        &mut self,
        visit: &NewVisit,
        rating: &NewRating,
    ) -> Result<RecordedRating, StoreError> {
        let tx = self.conn.transaction()?;
        insert_visit(&tx, visit)?;
        let supersedes = if rating.misuse {
            None
        } else {
            tx.prepare_cached(
                "SELECT r.id FROM ratings r
                 WHERE r.guardian_id = ?1 AND r.local_date = ?2 AND r.moment = ?3
                   AND r.misuse = 0
                   AND NOT EXISTS (SELECT 1 FROM ratings n WHERE n.supersedes = r.id)
                 ORDER BY r.at_unix_ms DESC, r.id DESC LIMIT 1",
            )?
            .query_row(
                params![
                    visit.guardian_id.0,
                    visit.local_date.to_string(),
                    visit.moment.key()
                ],
                |row| row.get::<_, String>(0),
            )
            .optional()?
            .map(|id| parse_id(&id))
            .transpose()?
        };
        tx.prepare_cached(
            "INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, local_date,
                                  score, scale, supersedes, misuse, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                     (SELECT groups FROM visits WHERE id = ?2))",
        )?
        .execute(params![
            rating.id.to_string(),
            visit.id.to_string(),
            visit.guardian_id.0,
            visit.moment.key(),
            rating.at.as_millisecond(),
            visit.local_date.to_string(),
            rating.score,
            rating.scale.size(),
            supersedes.map(|id| id.to_string()),
            rating.misuse,
        ])?;
        let data = json!({
            "id": rating.id,
            "visit_id": visit.id,
            "guardian_id": visit.guardian_id,
            "moment": visit.moment.key(),
            "local_date": visit.local_date.to_string(),
            "score": rating.score,
            "scale": rating.scale.size(),
            "supersedes": supersedes,
            "misuse": rating.misuse,
        });
        enqueue(&tx, rating.id, RATING_RECORDED, rating.at, &data)?;
        refresh_open(&tx, rating.id)?;
        if let Some(earlier) = supersedes {
            refresh_open(&tx, earlier)?;
        }
        tx.commit()?;
        Ok(RecordedRating {
            id: rating.id,
            supersedes,
        })
    }

    /// Records what the guardian added after a low rating. Each call stores the whole
    /// answer so far; the latest one counts.
    pub fn record_follow_up(&mut self, follow_up: &NewFollowUp) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let reasons = serde_json::to_string(&follow_up.reasons)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.prepare_cached(
            "INSERT INTO rating_followups (id, rating_id, at_unix_ms, reasons, talk_request)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            follow_up.id.to_string(),
            follow_up.rating_id.to_string(),
            follow_up.at.as_millisecond(),
            reasons,
            follow_up.talk_request,
        ])?;
        let data = json!({
            "id": follow_up.id,
            "rating_id": follow_up.rating_id,
            "reasons": follow_up.reasons,
            "talk_request": follow_up.talk_request,
        });
        enqueue(&tx, follow_up.id, RATING_FOLLOWUP, follow_up.at, &data)?;
        refresh_open(&tx, follow_up.rating_id)?;
        tx.commit()?;
        Ok(())
    }

    /// The moment of the latest visit today that covered any of these children.
    pub fn latest_moment_today(
        &self,
        children: &[ChildId],
        today: Date,
    ) -> Result<Option<Moment>, StoreError> {
        let mut latest: Option<(i64, String)> = None;
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.at_unix_ms, v.moment FROM visit_children vc JOIN visits v ON v.id = vc.visit_id
             WHERE vc.child_id = ?1 AND v.local_date = ?2
             ORDER BY v.at_unix_ms DESC LIMIT 1",
        )?;
        for child in children {
            let found: Option<(i64, String)> = stmt
                .query_row((&child.0, today.to_string()), |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            if let Some(found) = found
                && latest.as_ref().is_none_or(|l| found.0 > l.0)
            {
                latest = Some(found);
            }
        }
        latest
            .map(|(_, key)| {
                Moment::from_key(&key).ok_or_else(|| StoreError::Corrupt(format!("moment {key}")))
            })
            .transpose()
    }

    /// The day of the latest visit before `today` that covered any of these children.
    pub fn last_visit_before(
        &self,
        children: &[ChildId],
        today: Date,
    ) -> Result<Option<Date>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT max(v.local_date) FROM visit_children vc JOIN visits v ON v.id = vc.visit_id
             WHERE vc.child_id = ?1 AND v.local_date < ?2",
        )?;
        let mut latest: Option<Date> = None;
        for child in children {
            let found: Option<String> =
                stmt.query_row((&child.0, today.to_string()), |row| row.get(0))?;
            let found = found.and_then(|d| d.parse::<Date>().ok());
            latest = latest.max(found);
        }
        Ok(latest)
    }

    /// How many ratings are stored with this id (the crash test expects exactly one).
    pub fn rating_count_with_id(&self, id: EventId) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM ratings WHERE id = ?1",
            [id.to_string()],
            |row| row.get::<_, i64>(0),
        )? as u64)
    }
}

fn insert_visit(tx: &Transaction<'_>, visit: &NewVisit) -> Result<(), StoreError> {
    let groups = visit_groups(tx, &visit.children)?;
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO visits (id, guardian_id, moment, moment_corrected, at_unix_ms,
                                           local_date, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            visit.id.to_string(),
            visit.guardian_id.0,
            visit.moment.key(),
            visit.moment_corrected,
            visit.at.as_millisecond(),
            visit.local_date.to_string(),
            groups,
        ])?;
    if inserted == 0 {
        return Ok(());
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO visit_children (visit_id, child_id) VALUES (?1, ?2)",
    )?;
    for child in &visit.children {
        stmt.execute((visit.id.to_string(), &child.0))?;
    }
    let data = json!({
        "id": visit.id,
        "guardian_id": visit.guardian_id,
        "moment": visit.moment.key(),
        "moment_corrected": visit.moment_corrected,
        "children": visit.children,
        "local_date": visit.local_date.to_string(),
    });
    enqueue(tx, visit.id, VISIT_RECORDED, visit.at, &data)
}

/// The distinct groups of these children, in their order, as a JSON array.
fn visit_groups(tx: &Transaction<'_>, children: &[ChildId]) -> Result<String, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT group_name FROM children WHERE id = ?1")?;
    let mut groups: Vec<String> = Vec::new();
    for child in children {
        let group: Option<String> = stmt.query_row([&child.0], |row| row.get(0)).optional()?;
        if let Some(group) = group
            && !group.is_empty()
            && !groups.contains(&group)
        {
            groups.push(group);
        }
    }
    serde_json::to_string(&groups).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn parse_id(text: &str) -> Result<EventId, StoreError> {
    uuid::Uuid::parse_str(text)
        .map(EventId)
        .map_err(|_| StoreError::Corrupt(format!("id {text}")))
}
