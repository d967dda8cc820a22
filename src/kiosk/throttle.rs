//! Wrong PINs are throttled, so nobody can walk through the PIN space to learn who
//! brings which child.

use jiff::{SignedDuration, Timestamp};
use welkom_store::ThrottleState;

/// Tracks wrong PINs in a row and the cooldown they cause.
#[derive(Clone, Debug, Default)]
pub struct PinThrottle {
    wrong_in_a_row: u32,
    cooldown_until: Option<Timestamp>,
}

impl PinThrottle {
    /// Wrong PINs allowed in a row before a cooldown starts.
    pub const FREE_TRIES: u32 = 5;
    /// The first cooldown; each further wrong PIN doubles it.
    pub const FIRST_COOLDOWN_SECS: i64 = 30;
    /// The longest cooldown.
    pub const MAX_COOLDOWN_SECS: i64 = 15 * 60;

    /// The time left before a PIN may be tried, if a cooldown runs.
    pub fn remaining(&self, now: Timestamp) -> Option<SignedDuration> {
        let until = self.cooldown_until?;
        let left = until.duration_since(now);
        left.is_positive().then_some(left)
    }

    /// A wrong PIN: from the fifth in a row on, each starts a cooldown that doubles.
    pub fn on_wrong(&mut self, now: Timestamp) {
        self.wrong_in_a_row += 1;
        if self.wrong_in_a_row >= Self::FREE_TRIES {
            let doublings = (self.wrong_in_a_row - Self::FREE_TRIES).min(16);
            let secs = (Self::FIRST_COOLDOWN_SECS << doublings).min(Self::MAX_COOLDOWN_SECS);
            self.cooldown_until = now.checked_add(SignedDuration::from_secs(secs)).ok();
        }
    }

    /// A throttle that goes on from a stored count.
    pub fn from_state(state: ThrottleState) -> Self {
        Self {
            wrong_in_a_row: state.failures,
            cooldown_until: state.locked_until,
        }
    }

    /// The count to store.
    pub fn state(&self) -> ThrottleState {
        ThrottleState {
            failures: self.wrong_in_a_row,
            locked_until: self.cooldown_until,
        }
    }

    /// A right PIN ends the count.
    pub fn on_right(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooldown_after_five_and_grows() {
        let t0: Timestamp = "2026-03-02T07:00:00Z".parse().unwrap();
        let mut throttle = PinThrottle::default();
        for _ in 0..4 {
            throttle.on_wrong(t0);
            assert_eq!(throttle.remaining(t0), None);
        }
        throttle.on_wrong(t0);
        assert_eq!(throttle.remaining(t0), Some(SignedDuration::from_secs(30)));
        let t1 = t0 + SignedDuration::from_secs(31);
        assert_eq!(throttle.remaining(t1), None);
        throttle.on_wrong(t1);
        assert_eq!(throttle.remaining(t1), Some(SignedDuration::from_secs(60)));
        for _ in 0..20 {
            throttle.on_wrong(t1);
        }
        assert_eq!(throttle.remaining(t1), Some(SignedDuration::from_secs(900)));
        throttle.on_right();
        assert_eq!(throttle.remaining(t1), None);
    }
}
