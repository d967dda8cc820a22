//! What the sync client tells the staff Sync view, shared across threads.

use jiff::{SignedDuration, Timestamp};
use std::sync::{Arc, Mutex};

/// The upstream's state, in terms the Sync view turns into plain words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SyncState {
    /// No upstream configured: the kiosk works alone.
    #[default]
    NotConfigured,
    /// Working normally.
    Connected,
    /// The upstream could not be reached or answered with an error; trying again.
    Retrying {
        /// What went wrong, for the log and the view.
        error: String,
        /// When the next try is.
        next_try: Timestamp,
    },
    /// The upstream refused the token (401/403): sending stopped until the token is
    /// fixed.
    TokenRefused,
}

/// Everything the Sync view shows about the upstream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncSnapshot {
    /// The state.
    pub state: SyncState,
    /// When the upstream last accepted a batch.
    pub last_success: Option<Timestamp>,
    /// The upstream's clock minus the tablet's, from the last answer's `Date`.
    pub clock_offset: Option<SignedDuration>,
    /// The location's name at the upstream (a Welkom hub tells it).
    pub location_name: Option<String>,
    /// What the upstream turned out to be, once asked.
    pub peer: Option<crate::Peer>,
    /// When a new roster was last applied.
    pub roster_applied: Option<Timestamp>,
    /// PINs issued by a roster from the upstream, not yet taken by the kiosk (to be
    /// exported once by a manager).
    pub issued_pins: Vec<welkom_store::IssuedPin>,
}

impl SyncSnapshot {
    /// Whether the tablet's clock is off by more than two minutes.
    pub fn clock_is_off(&self) -> bool {
        self.clock_offset
            .is_some_and(|offset| offset.abs() > SignedDuration::from_mins(2))
    }
}

/// The shared status: the client writes, the screen reads.
#[derive(Clone, Debug, Default)]
pub struct SyncStatus(Arc<Mutex<SyncSnapshot>>);

impl SyncStatus {
    /// A copy of the status now.
    pub fn snapshot(&self) -> SyncSnapshot {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Takes the PINs issued by rosters from the upstream (once).
    pub fn take_issued_pins(&self) -> Vec<welkom_store::IssuedPin> {
        self.0
            .lock()
            .map(|mut s| std::mem::take(&mut s.issued_pins))
            .unwrap_or_default()
    }

    /// Changes the status.
    pub fn update(&self, change: impl FnOnce(&mut SyncSnapshot)) {
        if let Ok(mut snapshot) = self.0.lock() {
            change(&mut snapshot);
        }
    }
}
