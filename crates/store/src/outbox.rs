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
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND refused_at IS NULL",
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
    /// Events the upstream refused, set aside.
    pub set_aside: u64,
}

impl Store {
    /// Counts and times of the outbox.
    pub fn outbox_summary(&self) -> Result<OutboxSummary, StoreError> {
        let (waiting, oldest, sent, last_sent, set_aside): (
            i64,
            Option<String>,
            i64,
            Option<i64>,
            i64,
        ) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND refused_at IS NULL),
                    (SELECT time FROM outbox WHERE sent_at IS NULL AND refused_at IS NULL
                     ORDER BY seq LIMIT 1),
                    (SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL),
                    (SELECT max(sent_at) FROM outbox),
                    (SELECT count(*) FROM outbox WHERE refused_at IS NOT NULL)",
            [],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )?;
        Ok(OutboxSummary {
            waiting: waiting as u64,
            oldest_waiting: oldest.and_then(|t| t.parse().ok()),
            sent: sent as u64,
            last_sent: last_sent.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok()),
            set_aside: set_aside as u64,
        })
    }
}

/// An event waiting in the outbox, as the sync client sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxEvent {
    /// Its place in the outbox (the order events are sent in).
    pub seq: i64,
    /// The event's id (a UUIDv7 made on the device).
    pub id: String,
    /// Its CloudEvents `type`.
    pub event_type: String,
    /// When it happened, RFC 3339.
    pub time: String,
    /// Its data.
    pub data: serde_json::Value,
}

/// An event the upstream refused, set aside with the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAsideEvent {
    /// The event.
    pub event: OutboxEvent,
    /// Why the upstream refused it.
    pub reason: String,
    /// When it was set aside.
    pub at: jiff::Timestamp,
}

impl Store {
    /// The oldest events still to send (not sent, not set aside), at most `limit`.
    pub fn outbox_batch(&self, limit: usize) -> Result<Vec<OutboxEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, event_id, type, time, data FROM outbox
             WHERE sent_at IS NULL AND refused_at IS NULL ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(seq, id, event_type, time, data)| {
                Ok(OutboxEvent {
                    seq,
                    id,
                    event_type,
                    time,
                    data: serde_json::from_str(&data)
                        .map_err(|_| StoreError::Corrupt(format!("outbox event {seq}")))?,
                })
            })
            .collect()
    }

    /// Marks events sent, after the upstream's answer accounted for them.
    pub fn mark_sent(&mut self, seqs: &[i64], at: jiff::Timestamp) -> Result<(), StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE outbox SET sent_at = ?2 WHERE seq = ?1 AND sent_at IS NULL",
            )?;
            for seq in seqs {
                stmt.execute((seq, at.as_millisecond()))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets an event the upstream refused aside, with the reason; the others go on.
    pub fn set_aside(
        &mut self,
        seq: i64,
        reason: &str,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        let reason: String = reason.chars().take(500).collect();
        crate::write_gate::write_one(
            &mut self.conn,
            "UPDATE outbox SET refused_at = ?2, refused_reason = ?3 WHERE seq = ?1",
            (seq, at.as_millisecond(), reason),
        )?;
        Ok(())
    }

    /// Settles a batch the upstream answered, in one transaction: `delivered`
    /// events marked sent, `refused` ones set aside with the reason. Events in
    /// neither stay waiting.
    pub fn settle_batch(
        &mut self,
        delivered: &[i64],
        refused: &[(i64, &str)],
        at: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        let tx = crate::write_gate::write_tx(&mut self.conn)?;
        {
            let mut sent = tx.prepare_cached(
                "UPDATE outbox SET sent_at = ?2 WHERE seq = ?1 AND sent_at IS NULL",
            )?;
            for seq in delivered {
                sent.execute((seq, at.as_millisecond()))?;
            }
            let mut aside = tx.prepare_cached(
                "UPDATE outbox SET refused_at = ?2, refused_reason = ?3
                 WHERE seq = ?1 AND sent_at IS NULL",
            )?;
            for (seq, reason) in refused {
                let reason: String = reason.chars().take(500).collect();
                aside.execute((seq, at.as_millisecond(), reason))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Puts every event set aside back in line, to be sent again (a manager's
    /// choice, e.g. after the upstream was fixed). How many.
    pub fn retry_set_aside(&mut self) -> Result<u64, StoreError> {
        Ok(crate::write_gate::write_one(
            &mut self.conn,
            "UPDATE outbox SET refused_at = NULL, refused_reason = NULL
             WHERE refused_at IS NOT NULL AND sent_at IS NULL",
            [],
        )? as u64)
    }

    /// Drops every event set aside from the outbox: it will never be sent (a
    /// manager's choice). The visits and ratings on this kiosk stay. How many.
    pub fn drop_set_aside(&mut self) -> Result<u64, StoreError> {
        Ok(crate::write_gate::write_one(
            &mut self.conn,
            "DELETE FROM outbox WHERE refused_at IS NOT NULL AND sent_at IS NULL",
            [],
        )? as u64)
    }

    /// The events set aside, oldest first.
    pub fn set_aside_events(&self) -> Result<Vec<SetAsideEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, event_id, type, time, data, refused_reason, refused_at FROM outbox
             WHERE refused_at IS NOT NULL ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, i64>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(seq, id, event_type, time, data, reason, at)| {
                Ok(SetAsideEvent {
                    event: OutboxEvent {
                        seq,
                        id,
                        event_type,
                        time,
                        data: serde_json::from_str(&data)
                            .map_err(|_| StoreError::Corrupt(format!("outbox event {seq}")))?,
                    },
                    reason: reason.unwrap_or_default(),
                    at: jiff::Timestamp::from_millisecond(at)
                        .map_err(|_| StoreError::Corrupt(format!("outbox event {seq}")))?,
                })
            })
            .collect()
    }

    /// A value the sync client keeps (the roster's ETag, the last answer).
    pub fn sync_state(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM sync_state WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Keeps a value of the sync client.
    pub fn set_sync_state(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        crate::write_gate::write_one(
            &mut self.conn,
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )?;
        Ok(())
    }
}
