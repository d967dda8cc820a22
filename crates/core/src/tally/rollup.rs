//! Counts kept per day and row (the hub's daily roll-ups), as the tally reads them.

use crate::{Moment, Scale};
use serde::{Deserialize, Serialize};

/// Ratings of one day, moment, row and local hour with one face: how many count as
/// answers and how many were flagged as misuse. `group` is `None` for the moment's
/// total row, else the group's name (a rating counts in each of its groups).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRollup {
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// `None` for the total row, else the group.
    pub group: Option<String>,
    /// The local hour of the taps (0 to 23).
    pub hour: u8,
    /// The scale the face was chosen on.
    pub scale: Scale,
    /// The face.
    pub score: u8,
    /// Ratings that count (neither superseded nor misuse).
    pub answers: u32,
    /// Ratings flagged as misuse (superseded or not).
    pub misuse: u32,
}

/// Visits of one day, moment, row and local hour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitRollup {
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// `None` for the total row, else the group.
    pub group: Option<String>,
    /// The local hour of the identifications (0 to 23).
    pub hour: u8,
    /// How many visits.
    pub visits: u32,
}
