//! Wrong PINs are throttled, so nobody can walk through the PIN space to learn who
//! brings which child, while nobody can keep the families out for long either.
//!
//! Each keypad has a budget of wrong codes that refills with time (a leaky bucket):
//! every code that matches nobody costs one try, one try comes back every
//! [`Budget::refill_secs`], and at most [`Budget::burst`] tries can be saved up. A
//! right PIN neither costs nor gives back a try, so typing one's own PIN between
//! guesses buys nothing. When no try is left, the keypad takes no code at all (a
//! right one neither) until the next try comes back, which is never longer than one
//! refill: that is the longest a person can keep the families out after they leave
//! the kiosk. The numbers are worked out in `docs/privacy.md`.
//!
//! The budget is kept as one moment, when every wrong code so far has been paid
//! back ([`ThrottleState::debt_clears_at`]), so a restart carries it on exactly.

use jiff::{SignedDuration, Timestamp};
use std::cell::Cell;
use welkom_store::ThrottleState;

/// How many wrong codes a keypad may take, and how fast they come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Wrong codes that can be saved up and spent in a row without a wait.
    pub burst: u32,
    /// Seconds after which one spent try comes back.
    pub refill_secs: i64,
}

impl Budget {
    /// The guardians' keypad (and badge reader): 5 tries, one back every 4 minutes
    /// (15 an hour). A family waits at most 4 minutes after someone spent the last
    /// try; walking the 4-digit PINs takes about four weeks.
    pub const GUARDIANS: Budget = Budget {
        burst: 5,
        refill_secs: 4 * 60,
    };
    /// The staff PIN pad: 5 tries, one back every 15 minutes (4 an hour). Staff
    /// mode shows names, notes and, for managers, PINs, so its pad is slower.
    pub const STAFF: Budget = Budget {
        burst: 5,
        refill_secs: 15 * 60,
    };

    fn refill(self) -> SignedDuration {
        SignedDuration::from_secs(self.refill_secs)
    }

    /// The most that can be owed: every try spent.
    fn most(self) -> SignedDuration {
        self.refill() * self.burst.max(1) as i32
    }

    /// The debt that still allows one more wrong code: every try but one spent.
    fn room(self) -> SignedDuration {
        self.refill() * (self.burst.max(1) as i32 - 1)
    }
}

/// A keypad's budget of wrong codes.
#[derive(Clone, Debug)]
pub struct PinThrottle {
    budget: Budget,
    /// When every wrong code so far has been paid back; `None` when nothing is owed.
    /// Pulled back to at most every try spent whenever it is read (a clock set back
    /// or a stored moment far ahead), hence a `Cell`.
    debt_clears_at: Cell<Option<Timestamp>>,
    /// The last code that matched nobody, held in memory only: typing or scanning
    /// the same unknown code again tells nobody anything new, so it costs nothing
    /// (a new badge that is not linked yet, scanned five times, costs one try).
    last_unknown: Option<String>,
}

impl PinThrottle {
    /// A full budget.
    pub fn new(budget: Budget) -> Self {
        Self {
            budget,
            debt_clears_at: Cell::new(None),
            last_unknown: None,
        }
    }

    /// A budget that goes on from a stored state.
    pub fn from_state(budget: Budget, state: ThrottleState) -> Self {
        Self {
            debt_clears_at: Cell::new(state.debt_clears_at),
            ..Self::new(budget)
        }
    }

    /// The state to store.
    pub fn state(&self) -> ThrottleState {
        ThrottleState {
            debt_clears_at: self.debt_clears_at.get(),
        }
    }

    /// What is owed now: the time until every wrong code is paid back. Never more
    /// than every try spent: a clock set back, or a stored moment far ahead, does
    /// not lock the keypad for longer than one refill.
    fn debt(&self, now: Timestamp) -> SignedDuration {
        let owed = self
            .debt_clears_at
            .get()
            .map(|at| at.duration_since(now))
            .filter(|d| d.is_positive())
            .unwrap_or(SignedDuration::ZERO);
        if owed > self.budget.most() {
            self.debt_clears_at
                .set(now.checked_add(self.budget.most()).ok());
            return self.budget.most();
        }
        owed
    }

    /// The time left before a code may be tried, if no try is left now.
    pub fn remaining(&self, now: Timestamp) -> Option<SignedDuration> {
        let left = self.debt(now) - self.budget.room();
        left.is_positive().then_some(left)
    }

    /// How many wrong codes may be tried now, one after another.
    pub fn tries_left(&self, now: Timestamp) -> u32 {
        let refill = self.budget.refill().as_millis().max(1);
        let spent = self.debt(now).as_millis();
        // A try that is partly paid back is not there yet.
        let spent_tries = u32::try_from((spent + refill - 1) / refill).unwrap_or(u32::MAX);
        self.budget.burst.saturating_sub(spent_tries)
    }

    /// A code (PIN or badge) that matched nobody. It costs one try, unless it is the
    /// same code as the last unknown one. Returns whether it cost a try.
    ///
    /// Call it only for a code that was compared, that is when [`Self::remaining`]
    /// was `None`.
    pub fn on_unknown(&mut self, code: &str, now: Timestamp) -> bool {
        if self.last_unknown.as_deref() == Some(code) {
            return false;
        }
        self.last_unknown = Some(code.to_owned());
        let owed = self.debt(now) + self.budget.refill();
        self.debt_clears_at
            .set(now.checked_add(owed.min(self.budget.most())).ok());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use welkom_core::pin::is_trivial;

    fn t0() -> Timestamp {
        "2026-03-02T07:00:00Z".parse().unwrap()
    }

    fn secs(n: i64) -> SignedDuration {
        SignedDuration::from_secs(n)
    }

    #[test]
    fn a_clock_set_back_or_a_stored_moment_far_ahead_locks_for_one_refill_at_most() {
        let far = ThrottleState {
            debt_clears_at: Some(t0() + SignedDuration::from_hours(24 * 365)),
        };
        let mut throttle = PinThrottle::from_state(Budget::GUARDIANS, far);
        assert_eq!(throttle.remaining(t0()), Some(secs(4 * 60)));
        assert_eq!(throttle.remaining(t0() + secs(4 * 60)), None);
        assert!(
            throttle.state().debt_clears_at <= Some(t0() + secs(20 * 60)),
            "the stored moment is pulled back too"
        );
        // A wrong code then owes no more than every try spent.
        let later = t0() + secs(4 * 60);
        assert!(throttle.on_unknown("1397", later));
        assert_eq!(throttle.remaining(later), Some(secs(4 * 60)));
    }

    #[test]
    fn five_free_then_one_every_four_minutes() {
        let mut throttle = PinThrottle::new(Budget::GUARDIANS);
        let t0 = t0();
        for i in 0..5 {
            assert_eq!(throttle.remaining(t0), None, "try {i} is free");
            assert!(throttle.on_unknown(&format!("{:04}", 5000 + i), t0));
        }
        assert_eq!(throttle.tries_left(t0), 0);
        assert_eq!(throttle.remaining(t0), Some(secs(240)));
        let t1 = t0 + secs(240);
        assert_eq!(throttle.remaining(t1), None);
        assert_eq!(throttle.tries_left(t1), 1);
        throttle.on_unknown("6000", t1);
        assert_eq!(
            throttle.remaining(t1),
            Some(secs(240)),
            "never more than one refill"
        );
        // Two quiet hours later the budget is whole again.
        let t2 = t1 + secs(2 * 3600);
        assert_eq!(throttle.tries_left(t2), 5);
    }

    #[test]
    fn the_same_unknown_code_again_costs_nothing() {
        let mut throttle = PinThrottle::new(Budget::GUARDIANS);
        let t0 = t0();
        assert!(throttle.on_unknown("NEWCARD-0042", t0));
        for _ in 0..20 {
            assert!(!throttle.on_unknown("NEWCARD-0042", t0));
        }
        assert_eq!(throttle.tries_left(t0), 4);
        assert!(throttle.on_unknown("NEWCARD-0043", t0));
        assert!(
            throttle.on_unknown("NEWCARD-0042", t0),
            "not the last one any more"
        );
        assert_eq!(throttle.tries_left(t0), 2);
    }

    #[test]
    fn the_state_carries_over_a_restart() {
        let mut throttle = PinThrottle::new(Budget::STAFF);
        let t0 = t0();
        for i in 0..5 {
            throttle.on_unknown(&format!("58{i:02}13"), t0);
        }
        let again = PinThrottle::from_state(Budget::STAFF, throttle.state());
        assert_eq!(again.remaining(t0), Some(secs(900)));
        assert_eq!(again.tries_left(t0 + secs(900)), 1);
    }

    /// Someone at the kiosk day and night types a new wrong PIN the moment the
    /// keypad takes one, in the order a walker would (skipping the trivial PINs the
    /// kiosk never issues). In 7 days they get through at most 5 + 7 × 24 × 15 =
    /// 2,525 PINs, a quarter of the 9,688 PINs the kiosk can issue.
    #[test]
    fn walking_the_pin_space_for_a_week_tries_at_most_2525_pins() {
        let mut throttle = PinThrottle::new(Budget::GUARDIANS);
        let start = t0();
        let end = start + secs(7 * 24 * 3600);
        let mut candidates = (0..10_000)
            .map(|n| format!("{n:04}"))
            .filter(|pin| !is_trivial(pin));
        let mut now = start;
        let mut tried = std::collections::BTreeSet::new();
        while now < end {
            match throttle.remaining(now) {
                Some(wait) => now += wait,
                None => {
                    let Some(pin) = candidates.next() else { break };
                    assert!(throttle.on_unknown(&pin, now));
                    tried.insert(pin);
                }
            }
        }
        let tried = tried.len();
        assert!(tried <= 5 + 7 * 24 * 15, "{tried} PINs in a week");
        assert!(
            tried >= 7 * 24 * 15,
            "the budget refills as promised: {tried}"
        );
        // The whole space takes four weeks.
        let space = (0..10_000)
            .filter(|n| !is_trivial(&format!("{n:04}")))
            .count() as i64;
        assert_eq!(space, 9_688);
        let days = (space - 5) * Budget::GUARDIANS.refill_secs / 86_400;
        assert!(days >= 26, "walking {space} PINs takes {days} days");
    }

    /// A jammer types a new wrong PIN whenever the keypad takes one, or only now
    /// and then: at no moment of the day does a family have to wait more than one
    /// refill (4 minutes) before their PIN is taken.
    #[test]
    fn a_jammer_keeps_a_family_waiting_at_most_four_minutes() {
        for every_secs in [1, 60, 239, 240, 241, 600] {
            let mut throttle = PinThrottle::new(Budget::GUARDIANS);
            let start = t0();
            let mut longest = SignedDuration::ZERO;
            let mut n = 0;
            let mut now = start;
            while now < start + secs(12 * 3600) {
                if throttle.remaining(now).is_none() {
                    n += 1;
                    throttle.on_unknown(&format!("{:04}", 3000 + n % 5000), now);
                }
                // A family arriving at any second of the day.
                for probe in 0..every_secs {
                    let wait = throttle
                        .remaining(now + secs(probe))
                        .unwrap_or(SignedDuration::ZERO);
                    longest = longest.max(wait);
                }
                now += secs(every_secs);
            }
            assert!(longest <= secs(240), "every {every_secs} s: {longest:?}");
        }
    }
}
