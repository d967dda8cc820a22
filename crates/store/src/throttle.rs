//! Wrong PINs in a row, kept on disk so that restarting the kiosk does not reset a
//! cooldown.

use crate::{Store, StoreError};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

/// Which keypad a count belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinPad {
    /// The guardians' keypad on the welcome screen.
    Guardian,
    /// The staff PIN pad.
    Staff,
}

impl PinPad {
    fn key(self) -> &'static str {
        match self {
            Self::Guardian => "guardian",
            Self::Staff => "staff",
        }
    }
}

/// Wrong PINs in a row and the cooldown they caused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThrottleState {
    /// Wrong PINs since the last right one.
    pub failures: u32,
    /// When the cooldown ends, if one was started.
    pub locked_until: Option<Timestamp>,
}

impl Store {
    /// The stored count of a keypad (zero when none was stored).
    pub fn throttle_state(&self, pad: PinPad) -> Result<ThrottleState, StoreError> {
        let found: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT failures, locked_until FROM pin_throttle WHERE pad = ?1",
                [pad.key()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        Ok(found
            .map(|(failures, until)| ThrottleState {
                failures: u32::try_from(failures).unwrap_or(0),
                locked_until: (until > 0)
                    .then(|| Timestamp::from_millisecond(until).ok())
                    .flatten(),
            })
            .unwrap_or_default())
    }

    /// Stores a keypad's count.
    pub fn save_throttle_state(
        &mut self,
        pad: PinPad,
        state: ThrottleState,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO pin_throttle (pad, failures, locked_until) VALUES (?1, ?2, ?3)
             ON CONFLICT (pad) DO UPDATE SET failures = ?2, locked_until = ?3",
            params![
                pad.key(),
                state.failures,
                state.locked_until.map_or(0, |t| t.as_millisecond())
            ],
        )?;
        Ok(())
    }
}
