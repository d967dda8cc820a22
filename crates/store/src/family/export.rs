//! Reading out everything held about one family (the right of access).

use super::{FAMILY_RATINGS, Scope, mentioning_events};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rusqlite::{Connection, Row};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;
use welkom_core::{ChildId, GuardianId};

/// Everything the store holds about a guardian's family.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FamilyRecord {
    /// The guardian.
    pub guardian: GuardianRecord,
    /// Every child ever linked to the guardian.
    pub children: Vec<ChildRecord>,
    /// The guardian's links to those children.
    pub links: Vec<LinkRecord>,
    /// The guardian's visits, and other visits that covered their children.
    pub visits: Vec<VisitRecord>,
    /// The ratings the guardian gave (linked, or named by their talk request).
    pub ratings: Vec<RatingRecord>,
    /// What was added after those ratings: reasons and talk requests.
    pub follow_ups: Vec<FollowUpRecord>,
    /// What staff noted after talking about those ratings.
    pub staff_notes: Vec<NoteRecord>,
    /// Events for the upstream that mention the family, sent or waiting.
    pub outbox: Vec<OutboxRecord>,
}

/// The guardian's row, without the PIN hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GuardianRecord {
    /// The key in the organisation's system.
    pub id: GuardianId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// The language the roster gives them.
    pub language: String,
    /// The language they chose on the kiosk, kept while the roster keeps
    /// `language`; the kiosk then speaks this one.
    pub language_chosen: Option<String>,
    /// Whether a PIN is set (only its hash is kept, and never shown).
    pub pin_set: bool,
    /// The badge code, if any.
    pub badge: Option<String>,
    /// Whether they are in the current roster.
    pub active: bool,
    /// When the roster last changed the row.
    pub updated_at: Timestamp,
}

/// A child's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChildRecord {
    /// The key in the organisation's system.
    pub id: ChildId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// The group.
    pub group: String,
    /// Birth date (ISO), if known.
    pub birth_date: Option<String>,
    /// First day of the placement (ISO), if known.
    pub start_date: Option<String>,
    /// Last day of the placement (ISO), if known.
    pub end_date: Option<String>,
    /// Whether the child is in the current roster.
    pub active: bool,
    /// When the roster last changed the row.
    pub updated_at: Timestamp,
}

/// The guardian brings this child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkRecord {
    /// The child.
    pub child_id: ChildId,
    /// Whether the link is in the current roster.
    pub active: bool,
}

/// A visit at the kiosk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VisitRecord {
    /// The visit's id.
    pub id: String,
    /// Whether this guardian made the visit (otherwise another guardian brought or
    /// fetched one of their children; who is not shown).
    pub by_this_guardian: bool,
    /// `drop_off` or `pick_up`.
    pub moment: String,
    /// Whether the guardian corrected the moment the kiosk proposed.
    pub moment_corrected: bool,
    /// When the guardian identified.
    pub at: Timestamp,
    /// The location's calendar day.
    pub local_date: String,
    /// The groups the visit covered.
    pub groups: Value,
    /// The family's children the visit covered.
    pub children: Vec<ChildId>,
}

/// A rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RatingRecord {
    /// The rating's id.
    pub id: String,
    /// The visit it is linked to (none when anonymous or the link was dropped).
    pub visit_id: Option<String>,
    /// Whether it is stored with the guardian (not anonymous, not past retention).
    pub linked_to_guardian: bool,
    /// `drop_off` or `pick_up`.
    pub moment: String,
    /// When the face was tapped.
    pub at: Timestamp,
    /// The location's calendar day.
    pub local_date: String,
    /// The face, 1 (worst) to `scale` (best).
    pub score: u8,
    /// The number of faces shown.
    pub scale: u8,
    /// The rating this one replaced, if any.
    pub supersedes: Option<String>,
    /// Part of a burst of taps: not counted.
    pub misuse: bool,
    /// The groups kept with the rating for the statistics.
    pub groups: Value,
}

/// What was added after a rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUpRecord {
    /// The follow-up's id.
    pub id: String,
    /// The rating.
    pub rating_id: String,
    /// When it was given.
    pub at: Timestamp,
    /// The reason keys chosen.
    pub reasons: Value,
    /// Whether the guardian asked to talk.
    pub talk_request: bool,
    /// Whether the follow-up names the guardian (a talk request does).
    pub names_guardian: bool,
}

/// A staff note about a rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NoteRecord {
    /// The note's id.
    pub id: String,
    /// The rating.
    pub rating_id: String,
    /// The staff member who wrote it.
    pub staff_name: String,
    /// The note.
    pub note: String,
    /// When it was written.
    pub at: Timestamp,
}

/// An event for the upstream.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutboxRecord {
    /// The event's id.
    pub event_id: String,
    /// Its CloudEvents type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// When it happened (RFC 3339).
    pub time: String,
    /// Whether it was sent already.
    pub sent: bool,
    /// Its data; other guardians and children in it are left out.
    pub data: Value,
}

impl Store {
    /// Everything held about a guardian's family, or `None` when the store does not
    /// know the guardian. Never the PIN hash.
    pub fn family_export(&self, guardian: &GuardianId) -> Result<Option<FamilyRecord>, StoreError> {
        let conn = &self.conn;
        let Some(scope) = Scope::of(conn, guardian)? else {
            return Ok(None);
        };
        let g = &guardian.0;
        let guardian = conn.query_row(
            "SELECT id, first_name, last_name, language, pin_hash IS NOT NULL, badge, active,
                    updated_at,
                    (SELECT c.language FROM guardian_language_choice c
                     WHERE c.guardian_id = guardians.id)
             FROM guardians WHERE id = ?1",
            [g],
            |r| {
                Ok(GuardianRecord {
                    id: GuardianId(r.get(0)?),
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    language: r.get(3)?,
                    pin_set: r.get(4)?,
                    badge: r.get(5)?,
                    active: r.get(6)?,
                    updated_at: millis(r, 7)?,
                    language_chosen: r.get(8)?,
                })
            },
        )?;
        let children = rows(
            conn,
            "SELECT c.id, c.first_name, c.last_name, c.group_name, c.birth_date, c.start_date,
                    c.end_date, c.active, c.updated_at
             FROM children c
             WHERE c.id IN (SELECT child_id FROM guardian_children WHERE guardian_id = ?1)
             ORDER BY c.id",
            g,
            |r| {
                Ok(ChildRecord {
                    id: ChildId(r.get(0)?),
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    group: r.get(3)?,
                    birth_date: r.get(4)?,
                    start_date: r.get(5)?,
                    end_date: r.get(6)?,
                    active: r.get(7)?,
                    updated_at: millis(r, 8)?,
                })
            },
        )?;
        let links = rows(
            conn,
            "SELECT child_id, active FROM guardian_children WHERE guardian_id = ?1
             ORDER BY child_id",
            g,
            |r| {
                Ok(LinkRecord {
                    child_id: ChildId(r.get(0)?),
                    active: r.get(1)?,
                })
            },
        )?;
        let family_children = scope.children_json();
        let mut stmt = conn.prepare(
            "SELECT v.id, v.guardian_id = ?1, v.moment, v.moment_corrected, v.at_unix_ms,
                    v.local_date, v.groups,
                    (SELECT json_group_array(vc.child_id) FROM visit_children vc
                      WHERE vc.visit_id = v.id
                        AND vc.child_id IN (SELECT value FROM json_each(?2)))
             FROM visits v
             WHERE v.guardian_id = ?1
                OR EXISTS (SELECT 1 FROM visit_children vc
                           WHERE vc.visit_id = v.id
                             AND vc.child_id IN (SELECT value FROM json_each(?2)))
             ORDER BY v.at_unix_ms, v.id",
        )?;
        let visits = stmt
            .query_map((g, &family_children), |r| {
                Ok(VisitRecord {
                    id: r.get(0)?,
                    by_this_guardian: r.get::<_, Option<bool>>(1)?.unwrap_or(false),
                    moment: r.get(2)?,
                    moment_corrected: r.get(3)?,
                    at: millis(r, 4)?,
                    local_date: r.get(5)?,
                    groups: json(r, 6)?,
                    children: serde_json::from_value(json(r, 7)?).unwrap_or_default(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let ratings = rows(
            conn,
            &format!(
                "SELECT id, visit_id, guardian_id IS NOT NULL, moment, at_unix_ms, local_date,
                        score, scale, supersedes, misuse, groups
                 FROM ratings WHERE id IN ({FAMILY_RATINGS}) ORDER BY at_unix_ms, id"
            ),
            g,
            |r| {
                Ok(RatingRecord {
                    id: r.get(0)?,
                    visit_id: r.get(1)?,
                    linked_to_guardian: r.get(2)?,
                    moment: r.get(3)?,
                    at: millis(r, 4)?,
                    local_date: r.get(5)?,
                    score: r.get(6)?,
                    scale: r.get(7)?,
                    supersedes: r.get(8)?,
                    misuse: r.get(9)?,
                    groups: json(r, 10)?,
                })
            },
        )?;
        let follow_ups = rows(
            conn,
            &format!(
                "SELECT id, rating_id, at_unix_ms, reasons, talk_request, guardian_id = ?1
                 FROM rating_followups
                 WHERE rating_id IN ({FAMILY_RATINGS}) OR guardian_id = ?1
                 ORDER BY at_unix_ms, id"
            ),
            g,
            |r| {
                Ok(FollowUpRecord {
                    id: r.get(0)?,
                    rating_id: r.get(1)?,
                    at: millis(r, 2)?,
                    reasons: json(r, 3)?,
                    talk_request: r.get(4)?,
                    names_guardian: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
                })
            },
        )?;
        let staff_notes = rows(
            conn,
            &format!(
                "SELECT id, rating_id, staff_name, note, at_unix_ms FROM follow_up_notes
                 WHERE rating_id IN ({FAMILY_RATINGS}) ORDER BY at_unix_ms, id"
            ),
            g,
            |r| {
                Ok(NoteRecord {
                    id: r.get(0)?,
                    rating_id: r.get(1)?,
                    staff_name: r.get(2)?,
                    note: r.get(3)?,
                    at: millis(r, 4)?,
                })
            },
        )?;
        let outbox = mentioning_events(conn, &scope)?
            .into_iter()
            .map(|mut event| {
                leave_out_others(&mut event.data, &scope.guardian, &scope.children);
                OutboxRecord {
                    event_id: event.event_id,
                    event_type: event.event_type,
                    time: event.time,
                    sent: event.sent_at.is_some(),
                    data: event.data,
                }
            })
            .collect();
        Ok(Some(FamilyRecord {
            guardian,
            children,
            links,
            visits,
            ratings,
            follow_ups,
            staff_notes,
            outbox,
        }))
    }
}

/// Leaves other guardians and other families' children out of an event's data: an
/// export shows one family only.
fn leave_out_others(data: &mut Value, guardian: &GuardianId, children: &[ChildId]) {
    let ours: BTreeSet<&str> = children.iter().map(|c| c.0.as_str()).collect();
    if let Value::Object(members) = data {
        members.retain(|key, v| key != "guardian_id" || v.as_str() == Some(guardian.0.as_str()));
        for (key, v) in members.iter_mut() {
            if matches!(key.as_str(), "children" | "child_ids")
                && let Value::Array(items) = v
            {
                items.retain(|c| c.as_str().is_some_and(|c| ours.contains(c)));
            }
        }
    }
}

/// Every row a query yields for the guardian `?1`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    guardian: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([guardian], map)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A unix-millisecond column as a timestamp.
fn millis(row: &Row<'_>, index: usize) -> rusqlite::Result<Timestamp> {
    let ms: i64 = row.get(index)?;
    Timestamp::from_millisecond(ms).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Integer, e.into())
    })
}

/// A JSON text column as a value.
fn json(row: &Row<'_>, index: usize) -> rusqlite::Result<Value> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
    })
}
