//! Drop-off or pick-up, known without asking.

use jiff::civil::Time;
use serde::{Deserialize, Serialize};

/// The two moments of a daycare day at which a guardian passes the kiosk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// Bringing the children in the morning (brengen).
    DropOff,
    /// Collecting them later in the day (halen).
    PickUp,
}

impl Moment {
    /// Both moments, in the order of the day.
    pub const ALL: [Moment; 2] = [Moment::DropOff, Moment::PickUp];

    /// The stable key used in the store, exports and the wire format.
    pub fn key(self) -> &'static str {
        match self {
            Moment::DropOff => "drop_off",
            Moment::PickUp => "pick_up",
        }
    }

    /// Parses a key written by [`Moment::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "drop_off" => Some(Moment::DropOff),
            "pick_up" => Some(Moment::PickUp),
            _ => None,
        }
    }

    /// The other moment (what one tap on the correction toggle switches to).
    pub fn other(self) -> Self {
        match self {
            Moment::DropOff => Moment::PickUp,
            Moment::PickUp => Moment::DropOff,
        }
    }
}

/// The time windows that decide the moment when a family's earlier visits today do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MomentWindows {
    /// From this local time on, a family's first visit of the day counts as a pick-up
    /// (its drop-off was not registered).
    pub pick_up_from: Time,
}

impl Default for MomentWindows {
    fn default() -> Self {
        Self {
            pick_up_from: Time::constant(12, 0, 0, 0),
        }
    }
}

impl MomentWindows {
    /// The moment of a visit at local time `now`, given the moment of the latest
    /// earlier visit today of any of the same children (`None` if there was none).
    ///
    /// The first visit of the day is a drop-off, a later one a pick-up. When the
    /// day's first visit falls in the pick-up window, it is a pick-up. After a
    /// pick-up, a visit before the pick-up window is a new drop-off (a half day).
    pub fn detect(&self, now: Time, latest_today: Option<Moment>) -> Moment {
        let in_pick_up_window = now >= self.pick_up_from;
        match latest_today {
            Some(Moment::DropOff) => Moment::PickUp,
            Some(Moment::PickUp) | None if in_pick_up_window => Moment::PickUp,
            Some(Moment::PickUp) | None => Moment::DropOff,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    #[test]
    fn first_visit_is_drop_off_and_the_next_a_pick_up() {
        let windows = MomentWindows::default();
        assert_eq!(windows.detect(time(8, 5, 0, 0), None), Moment::DropOff);
        assert_eq!(
            windows.detect(time(8, 6, 0, 0), Some(Moment::DropOff)),
            Moment::PickUp
        );
        assert_eq!(
            windows.detect(time(17, 0, 0, 0), Some(Moment::DropOff)),
            Moment::PickUp
        );
    }

    #[test]
    fn unregistered_drop_off_is_covered_by_the_window() {
        let windows = MomentWindows::default();
        assert_eq!(windows.detect(time(11, 59, 0, 0), None), Moment::DropOff);
        assert_eq!(windows.detect(time(12, 0, 0, 0), None), Moment::PickUp);
        assert_eq!(
            windows.detect(time(16, 30, 0, 0), Some(Moment::PickUp)),
            Moment::PickUp
        );
        assert_eq!(
            windows.detect(time(9, 0, 0, 0), Some(Moment::PickUp)),
            Moment::DropOff
        );
    }

    #[test]
    fn keys_round_trip() {
        for m in Moment::ALL {
            assert_eq!(Moment::from_key(m.key()), Some(m));
            assert_eq!(m.other().other(), m);
        }
        assert_eq!(Moment::from_key("lunch"), None);
    }
}
