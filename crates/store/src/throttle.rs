//! Each keypad's budget of wrong codes, kept on disk so that restarting the kiosk
//! neither refills it nor resets a wait.

use crate::{Store, StoreError};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

/// Which keypad a budget belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinPad {
    /// The guardians' keypad on the welcome screen (and the badge reader).
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

/// A keypad's budget of wrong codes, as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThrottleState {
    /// When every wrong code so far has been paid back (`None`: nothing is owed).
    pub debt_clears_at: Option<Timestamp>,
}

impl Store {
    /// The stored budget of a keypad (nothing owed when none was stored).
    pub fn throttle_state(&self, pad: PinPad) -> Result<ThrottleState, StoreError> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT debt_clears_at FROM pin_budget WHERE pad = ?1",
                [pad.key()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(ThrottleState {
            debt_clears_at: found
                .filter(|ms| *ms > 0)
                .and_then(|ms| Timestamp::from_millisecond(ms).ok()),
        })
    }

    /// Stores a keypad's budget.
    pub fn save_throttle_state(
        &mut self,
        pad: PinPad,
        state: ThrottleState,
    ) -> Result<(), StoreError> {
        crate::write_gate::write_one(
            &mut self.conn,
            "INSERT INTO pin_budget (pad, debt_clears_at) VALUES (?1, ?2)
             ON CONFLICT (pad) DO UPDATE SET debt_clears_at = ?2",
            params![
                pad.key(),
                state.debt_clears_at.map_or(0, |t| t.as_millisecond())
            ],
        )?;
        Ok(())
    }
}
