//! A guardian's one-tap answer for one moment.

use crate::{EventId, GuardianId, Moment, Scale};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One tap on a face.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Made on the device (UUIDv7).
    pub id: EventId,
    /// The visit the rating belongs to.
    pub visit_id: EventId,
    /// The guardian who rated; `None` when the location runs anonymously.
    pub guardian_id: Option<GuardianId>,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// When the face was tapped.
    pub at: Timestamp,
    /// The location's calendar day of the tap.
    pub local_date: Date,
    /// The face chosen, 1 (worst) to `scale.size()` (best).
    pub score: u8,
    /// The scale the face was chosen on.
    pub scale: Scale,
    /// An earlier rating by the same guardian, same moment, same day, that this one
    /// replaces (the earlier one is kept, marked superseded).
    pub supersedes: Option<EventId>,
    /// Part of a burst of ratings without identification in between: kept but not
    /// counted.
    pub misuse: bool,
}
