//! The outbox: events written in the same transaction as the rows they describe,
//! waiting for the sync client to send them upstream.

use crate::{Store, StoreError};
use rusqlite::Transaction;
use welkom_core::EventId;

/// CloudEvents `type` of a recorded visit.
pub const VISIT_RECORDED: &str = "nl.welkom.visit.recorded.v1";
/// CloudEvents `type` of a recorded rating.
pub const RATING_RECORDED: &str = "nl.welkom.rating.recorded.v1";
/// CloudEvents `type` of what a guardian added after a low rating.
pub const RATING_FOLLOWUP: &str = "nl.welkom.rating.followup.v1";
/// CloudEvents `type` asking the upstream to erase a family too: only the guardian's
/// id and the ids of the children erased with them.
pub const FAMILY_ERASED: &str = "nl.welkom.family.erased.v1";

/// CloudEvents `type` of a follow-up a staff member marked "talked".
pub const FOLLOWUP_HANDLED: &str = "nl.welkom.followup.handled.v1";

/// Adds an event to the outbox inside the caller's transaction.
pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    id: EventId,
    event_type: &str,
    time: jiff::Timestamp,
    data: &serde_json::Value,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO outbox (event_id, type, time, data) VALUES (?1, ?2, ?3, ?4)",
        (
            id.to_string(),
            event_type,
            time.to_string(),
            data.to_string(),
        ),
    )?;
    Ok(())
}

impl Store {
    /// How many events wait to be sent.
    pub fn outbox_waiting(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
            [],
            |row| row.get::<_, i64>(0),
        )? as u64)
    }

    /// The types of the waiting events, oldest first (for tests and the staff view).
    pub fn outbox_types(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT event_id, type FROM outbox WHERE sent_at IS NULL ORDER BY seq")?;
        let rows = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

/// What the staff Sync view shows about the outbox.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxSummary {
    /// Events not yet sent.
    pub waiting: u64,
    /// When the oldest waiting event happened.
    pub oldest_waiting: Option<jiff::Timestamp>,
    /// Events sent so far.
    pub sent: u64,
    /// When an event was last sent.
    pub last_sent: Option<jiff::Timestamp>,
}

impl Store {
    /// Counts and times of the outbox.
    pub fn outbox_summary(&self) -> Result<OutboxSummary, StoreError> {
        let (waiting, oldest, sent, last_sent): (i64, Option<String>, i64, Option<i64>) =
            self.conn.query_row(
                "SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL),
                        (SELECT time FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT 1),
                        (SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL),
                        (SELECT max(sent_at) FROM outbox)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )?;
        Ok(OutboxSummary {
            waiting: waiting as u64,
            oldest_waiting: oldest.and_then(|t| t.parse().ok()),
            sent: sent as u64,
            last_sent: last_sent.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok()),
        })
    }
}
