//! Everything the store holds about one family: the guardian, their children, and
//! what they gave at the kiosk. Read it out ([`export`]) or erase it ([`erase`]).
//!
//! Both start from the same [`Scope`], so whatever erasure removes, the export listed.

mod erase;
mod export;

pub use erase::FamilyErasure;
pub use export::{
    ChildRecord, FamilyRecord, FollowUpRecord, GuardianRecord, LinkRecord, NoteRecord,
    OutboxRecord, RatingRecord, VisitRecord,
};

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use std::collections::BTreeSet;
use welkom_core::{ChildId, GuardianId};

/// The ratings that belong to the guardian `?1`: linked to them or to one of their
/// visits, or named by their talk request (an anonymous rating).
const FAMILY_RATINGS: &str = "SELECT r.id FROM ratings r
     WHERE r.guardian_id = ?1
        OR r.visit_id IN (SELECT id FROM visits WHERE guardian_id = ?1)
        OR r.id IN (SELECT rating_id FROM rating_followups WHERE guardian_id = ?1)";

/// The ids that tie stored rows to one family.
#[derive(Debug)]
struct Scope {
    /// The guardian.
    guardian: GuardianId,
    /// Every child ever linked to the guardian.
    children: Vec<ChildId>,
    /// The visits the guardian made.
    own_visits: Vec<String>,
    /// The family's ratings (see [`FAMILY_RATINGS`]).
    ratings: Vec<String>,
    /// Follow-ups of those ratings, and any naming the guardian.
    follow_ups: Vec<String>,
}

impl Scope {
    /// The scope of a stored guardian, or `None` when the store does not know them.
    fn of(conn: &Connection, guardian: &GuardianId) -> Result<Option<Self>, StoreError> {
        let known = conn
            .query_row(
                "SELECT 1 FROM guardians WHERE id = ?1",
                [&guardian.0],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !known {
            return Ok(None);
        }
        let g = &guardian.0;
        let children = strings(
            conn,
            "SELECT child_id FROM guardian_children WHERE guardian_id = ?1 ORDER BY child_id",
            g,
        )?
        .into_iter()
        .map(ChildId)
        .collect();
        Ok(Some(Self {
            guardian: guardian.clone(),
            children,
            own_visits: strings(
                conn,
                "SELECT id FROM visits WHERE guardian_id = ?1 ORDER BY at_unix_ms, id",
                g,
            )?,
            ratings: strings(
                conn,
                &format!(
                    "SELECT id FROM ratings WHERE id IN ({FAMILY_RATINGS})
                     ORDER BY at_unix_ms, id"
                ),
                g,
            )?,
            follow_ups: strings(
                conn,
                &format!(
                    "SELECT id FROM rating_followups
                     WHERE rating_id IN ({FAMILY_RATINGS}) OR guardian_id = ?1
                     ORDER BY at_unix_ms, id"
                ),
                g,
            )?,
        }))
    }

    /// The ids whose appearance in an outbox event means the event is about this
    /// family, as a JSON array (for `json_each`).
    fn mentions(&self) -> String {
        let ids: Vec<&str> = std::iter::once(self.guardian.0.as_str())
            .chain(self.children.iter().map(|c| c.0.as_str()))
            .chain(self.own_visits.iter().map(String::as_str))
            .chain(self.ratings.iter().map(String::as_str))
            .chain(self.follow_ups.iter().map(String::as_str))
            .collect();
        Value::from(ids).to_string()
    }

    /// The family's children as a JSON array (for `json_each`).
    fn children_json(&self) -> String {
        Value::from(
            self.children
                .iter()
                .map(|c| c.0.as_str())
                .collect::<Vec<_>>(),
        )
        .to_string()
    }
}

/// The outbox events that mention any of `mentions` (a JSON array of ids) in a text
/// value other than a reason key: `(seq, event_id, type, time, data, sent_at)`.
const MENTIONING_EVENTS: &str = "SELECT o.seq, o.event_id, o.type, o.time, o.data, o.sent_at
     FROM outbox o
     WHERE EXISTS (SELECT 1 FROM json_tree(o.data) t
                   WHERE t.type = 'text' AND t.fullkey NOT LIKE '$.reasons[%'
                     AND t.atom IN (SELECT value FROM json_each(?1)))
     ORDER BY o.seq";

/// One row of [`MENTIONING_EVENTS`].
#[derive(Debug)]
struct EventRow {
    seq: i64,
    event_id: String,
    event_type: String,
    time: String,
    data: Value,
    sent_at: Option<i64>,
}

fn mentioning_events(conn: &Connection, scope: &Scope) -> Result<Vec<EventRow>, StoreError> {
    let mut stmt = conn.prepare(MENTIONING_EVENTS)?;
    let rows = stmt
        .query_map([scope.mentions()], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<i64>>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(seq, event_id, event_type, time, data, sent_at)| {
            let data = serde_json::from_str(&data)
                .map_err(|_| StoreError::Corrupt(format!("outbox event {event_id}")))?;
            Ok(EventRow {
                seq,
                event_id,
                event_type,
                time,
                data,
                sent_at,
            })
        })
        .collect()
}

/// Removes personal values from event data: every member (other than the event's own
/// `id`) whose value is one of `personal`, and every such element of an array.
/// Whether anything was removed.
fn strip_personal(value: &mut Value, personal: &BTreeSet<&str>) -> bool {
    let is_personal = |v: &Value| v.as_str().is_some_and(|s| personal.contains(s));
    match value {
        Value::Object(members) => {
            let before = members.len();
            members.retain(|key, v| key == "id" || !is_personal(v));
            let mut changed = members.len() != before;
            for v in members.values_mut() {
                changed |= strip_personal(v, personal);
            }
            changed
        }
        Value::Array(items) => {
            let before = items.len();
            items.retain(|v| !is_personal(v));
            let mut changed = items.len() != before;
            for v in items.iter_mut() {
                changed |= strip_personal(v, personal);
            }
            changed
        }
        _ => false,
    }
}

/// Every text value a query yields for one parameter.
fn strings(conn: &Connection, sql: &str, param: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([param], |row| row.get(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests;
