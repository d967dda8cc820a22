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
