//! Identifiers. Guardians and children keep the keys of the organisation's own
//! childcare system; everything the device creates gets a time-ordered UUIDv7.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The key of a guardian in the organisation's childcare system (`guardian_id`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GuardianId(pub String);

/// The key of a child in the organisation's childcare system (`child_id`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChildId(pub String);

/// The id of something recorded on the device (a visit, a rating, a follow-up):
/// a UUIDv7, so ids sort by creation time and never collide between devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub uuid::Uuid);

impl EventId {
    /// A new time-ordered id, made now on this device.
    pub fn new() -> Self {
        Self(uuid::Uuid::now_v7())
    }
}

impl Default for EventId {
    fn default() -> Self {
        Self::new()
    }
}

macro_rules! display_as_inner {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}
display_as_inner!(GuardianId, ChildId, EventId);

impl From<&str> for GuardianId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<&str> for ChildId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}
