//! The follow-ups of a location: every counted low rating and every talk request,
//! open until a staff member's note names it, with the reasons the guardian chose.
//! Kept at ingest (`follow_ups`, `follow_up_notes`, migration 0007) in the
//! transaction that stores the events; the page reads only those rows.
//!
//! The rules are the kiosk's (`welkom_store`'s follow-up list): a rating counts when
//! it is not misuse and not superseded; it needs a talk when it is low
//! ([`welkom_core::Scale::is_low`]) or its latest answer asks to talk.

use super::{CheckedEvent, Db, DbError};
use jiff::civil::Date;
use std::collections::BTreeSet;
use welkom_core::Scale;
use welkom_protocol::EventData;

/// A low rating or a talk request, as the Follow-ups page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    /// The rating it is about.
    pub rating_id: String,
    /// When the face was tapped, in milliseconds since the epoch.
    pub at_unix_ms: i64,
    /// drop_off or pick_up.
    pub moment: String,
    /// The face, 1 (worst) to `scale`.
    pub score: u8,
    /// The number of faces shown.
    pub scale: u8,
    /// One of the lowest faces.
    pub low: bool,
    /// The keys of the reasons the guardian chose (latest answer).
    pub reasons: Vec<String>,
    /// The guardian asked to talk (latest answer).
    pub talk_request: bool,
    /// The guardian, when the hub still holds the link (not anonymous, not erased,
    /// not past retention).
    pub guardian_id: Option<String>,
    /// The latest staff note about it; `None` while open.
    pub handled: Option<Handled>,
}

/// A staff member's "talked".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handled {
    /// Who talked (empty after retention).
    pub staff_name: String,
    /// What they noted (empty after erasure or retention).
    pub note: String,
    /// When, in milliseconds since the epoch.
    pub at_unix_ms: i64,
}

impl FollowUp {
    /// Whether nobody has talked about it yet.
    pub fn is_open(&self) -> bool {
        self.handled.is_none()
    }
}

/// What one new event adds to the follow-up tables, read from its data as stored
/// (after an erased family was stripped from it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Ingest {
    /// A low rating, with its guardian when the data names one.
    LowRating {
        rating_id: String,
        guardian_id: Option<String>,
    },
    /// A guardian's answer after a rating.
    Answer {
        rating_id: String,
        answer_id: String,
        at_unix_ms: i64,
        reasons: String,
        talk_request: bool,
        guardian_id: Option<String>,
    },
    /// A staff member's note.
    Note {
        id: String,
        rating_id: String,
        staff_name: String,
        note: String,
        at_unix_ms: i64,
    },
}

impl Ingest {
    /// What `event` adds, if anything.
    pub(super) fn of(event: &CheckedEvent) -> Option<Self> {
        let text = |key: &str| {
            event
                .data
                .get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        match &event.parsed {
            EventData::Rating(r) => {
                let low = Scale::try_from(r.scale).is_ok_and(|scale| scale.is_low(r.score));
                low.then(|| Self::LowRating {
                    rating_id: r.id.to_string(),
                    guardian_id: text("guardian_id"),
                })
            }
            EventData::FollowUp(f) => Some(Self::Answer {
                rating_id: f.rating_id.to_string(),
                answer_id: f.id.to_string(),
                at_unix_ms: event.at_unix_ms,
                reasons: serde_json::to_string(&f.reasons).unwrap_or_else(|_| "[]".into()),
                talk_request: f.talk_request,
                guardian_id: text("guardian_id"),
            }),
            EventData::Handled(h) => Some(Self::Note {
                id: h.id.to_string(),
                rating_id: h.rating_id.to_string(),
                staff_name: text("staff_name").unwrap_or_default(),
                note: text("note").unwrap_or_default(),
                at_unix_ms: event.at_unix_ms,
            }),
            EventData::Visit(_) | EventData::Erased(_) => None,
        }
    }
}

/// The ratings whose follow-up `events` may change: a rating and the one it
/// supersedes, the rating an answer or a note is about.
pub(super) fn named_ratings(events: &[impl std::borrow::Borrow<CheckedEvent>]) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for event in events {
        match &event.borrow().parsed {
            EventData::Rating(r) => {
                named.insert(r.id.to_string());
                if let Some(superseded) = r.supersedes {
                    named.insert(superseded.to_string());
                }
            }
            EventData::FollowUp(f) => {
                named.insert(f.rating_id.to_string());
            }
            EventData::Handled(h) => {
                named.insert(h.rating_id.to_string());
            }
            EventData::Visit(_) | EventData::Erased(_) => {}
        }
    }
    named
}

/// The ratings whose follow-up must be worked out again once the batch is stored:
/// those [`named_ratings`] gives, less the batch's low ratings whose row the insert
/// already worked out (`settled_at_insert`) and that no other event of the batch
/// names (as superseded, or by an answer or a note). A batch's low ratings are
/// most of its follow-ups; settling them again wrote each row twice.
pub(super) fn ratings_to_settle(
    events: &[impl std::borrow::Borrow<CheckedEvent>],
    settled_at_insert: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut named_by_others = BTreeSet::new();
    for event in events {
        match &event.borrow().parsed {
            EventData::Rating(r) => {
                if let Some(superseded) = r.supersedes {
                    named_by_others.insert(superseded.to_string());
                }
            }
            EventData::FollowUp(f) => {
                named_by_others.insert(f.rating_id.to_string());
            }
            EventData::Handled(h) => {
                named_by_others.insert(h.rating_id.to_string());
            }
            EventData::Visit(_) | EventData::Erased(_) => {}
        }
    }
    named_ratings(events)
        .into_iter()
        .filter(|id| !settled_at_insert.contains(id) || named_by_others.contains(id))
        .collect()
}

/// The day a location is on at `now`: the last day of the Follow-ups page's default
/// view and of the overview's open follow-ups (UTC when its time zone is unknown, as
/// the page shows it).
pub fn local_today(location: &super::Location, now: jiff::Timestamp) -> Date {
    let zone = jiff::tz::TimeZone::get(&location.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    now.to_zoned(zone).date()
}

/// A row as both back ends read it, before the checks.
pub(super) type Row = (
    String,                        // rating id
    i64,                           // at
    String,                        // moment
    i64,                           // score
    i64,                           // scale
    bool,                          // low
    String,                        // reasons (JSON)
    bool,                          // talk request
    Option<String>,                // guardian
    Option<(String, String, i64)>, // note
);

/// Reads a row; a value the hub cannot read is said plainly.
pub(super) fn follow_up_of(row: Row) -> Result<FollowUp, DbError> {
    let (rating_id, at_unix_ms, moment, score, scale, low, reasons, talk_request, guardian, note) =
        row;
    let corrupt = |what: &str| DbError::Corrupt(format!("{what} of follow-up {rating_id}"));
    Ok(FollowUp {
        score: u8::try_from(score).map_err(|_| corrupt("the score"))?,
        scale: u8::try_from(scale).map_err(|_| corrupt("the scale"))?,
        reasons: serde_json::from_str(&reasons).map_err(|_| corrupt("the reasons"))?,
        handled: note.map(|(staff_name, note, at_unix_ms)| Handled {
            staff_name,
            note,
            at_unix_ms,
        }),
        rating_id,
        at_unix_ms,
        moment,
        low,
        talk_request,
        guardian_id: guardian,
    })
}

/// What a back end read for the Follow-ups page.
pub(super) struct Listed {
    /// Open on or before the last day: all, low, talk requests.
    pub(super) open_counts: (i64, i64, i64),
    /// The most recent open ones, newest first, as many as asked for.
    pub(super) open: Vec<FollowUp>,
    /// Those whose latest note falls in the period.
    pub(super) handled: Vec<FollowUp>,
}

/// A location's follow-ups for a period, as the Follow-ups page shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUpList {
    /// Open (nobody talked yet), rated on or before the period's last day.
    pub open_total: u64,
    /// Of those, the low ratings.
    pub open_low: u64,
    /// Of those, the talk requests (a low rating can be both).
    pub open_talk: u64,
    /// The most recent open ones, at most as many as asked for, oldest first.
    pub open: Vec<FollowUp>,
    /// Those whose latest note falls in the period, oldest first.
    pub handled: Vec<FollowUp>,
}

impl FollowUpList {
    /// How many open ones are not in [`Self::open`] (older than those shown).
    pub fn open_not_shown(&self) -> u64 {
        self.open_total.saturating_sub(self.open.len() as u64)
    }
}

impl Db {
    /// The follow-ups of a location for the period `from..=to` (the location's days):
    /// the counts of those still open whose rating is on or before `to` (an open one
    /// never drops off, as on the kiosk) and the most recent `open_shown` of them;
    /// then every one handled within the period. Each list oldest first.
    ///
    /// A location where nobody notes the talks can gather thousands of open ones;
    /// the page lists the latest and counts the rest, so it stays quick.
    pub async fn follow_ups(
        &self,
        location: &super::Location,
        from: Date,
        to: Date,
        open_shown: usize,
    ) -> Result<FollowUpList, DbError> {
        let zone = jiff::tz::TimeZone::get(&location.time_zone)
            .map_err(|_| DbError::Corrupt(format!("time zone of {}", location.id)))?;
        let start = |day: Date| -> Result<i64, DbError> {
            Ok(day
                .to_zoned(zone.clone())
                .map_err(|e| DbError::Invalid(format!("the day {day}: {e}")))?
                .timestamp()
                .as_millisecond())
        };
        let after = to
            .tomorrow()
            .map_err(|e| DbError::Invalid(format!("the day after {to}: {e}")))?;
        let window = (start(from)?, start(after)?);
        let last_day = to.to_string();
        let listed = match self {
            Db::Sqlite(db) => {
                db.follow_ups(&location.id, &last_day, window, open_shown)
                    .await?
            }
            Db::Postgres(db) => {
                db.follow_ups(&location.id, &last_day, window, open_shown)
                    .await?
            }
        };
        let count = |n: i64| {
            u64::try_from(n).map_err(|_| DbError::Corrupt(format!("a count of follow-ups ({n})")))
        };
        let oldest_first = |mut items: Vec<FollowUp>| {
            items.sort_by(|a, b| (a.at_unix_ms, &a.rating_id).cmp(&(b.at_unix_ms, &b.rating_id)));
            items
        };
        let (total, low, talk) = listed.open_counts;
        Ok(FollowUpList {
            open_total: count(total)?,
            open_low: count(low)?,
            open_talk: count(talk)?,
            open: oldest_first(listed.open),
            handled: oldest_first(listed.handled),
        })
    }
}
