//! How long a key (an account, a client address) waits after failed log-ins: a few
//! tries free, then a wait that doubles with each failure up to a ceiling; failures
//! older than `forget_ms` are forgotten.

/// The rule for one kind of key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed without waiting.
    pub free_tries: i64,
    /// The wait after the first failure beyond the free ones, in milliseconds.
    pub first_wait_ms: i64,
    /// The longest wait, in milliseconds.
    pub max_wait_ms: i64,
    /// After this long without a failure, the count starts again.
    pub forget_ms: i64,
}

impl ThrottlePolicy {
    /// Per account: 5 tries, then 30 s, 1 min, 2 min … up to 15 min.
    pub const ACCOUNT: Self = Self {
        free_tries: 5,
        first_wait_ms: 30_000,
        max_wait_ms: 15 * 60_000,
        forget_ms: 60 * 60_000,
    };

    /// Per client address: 20 tries (an office shares one address), then the same.
    pub const ADDRESS: Self = Self {
        free_tries: 20,
        ..Self::ACCOUNT
    };

    /// The failures that still count, `now_ms`.
    pub fn counting(&self, failures: i64, last_failure_ms: i64, now_ms: i64) -> i64 {
        if now_ms - last_failure_ms >= self.forget_ms {
            0
        } else {
            failures.max(0)
        }
    }

    /// How long to wait before the next attempt (0: go ahead).
    pub fn wait_ms(&self, failures: i64, last_failure_ms: i64, now_ms: i64) -> i64 {
        let failures = self.counting(failures, last_failure_ms, now_ms);
        if failures < self.free_tries {
            return 0;
        }
        let doublings = (failures - self.free_tries).min(30) as u32;
        let wait = self
            .first_wait_ms
            .saturating_mul(1_i64 << doublings)
            .min(self.max_wait_ms);
        (last_failure_ms + wait - now_ms).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::ThrottlePolicy;

    #[test]
    fn five_free_tries_then_a_doubling_wait_up_to_the_ceiling() {
        let p = ThrottlePolicy::ACCOUNT;
        assert_eq!(p.wait_ms(4, 1_000, 1_000), 0);
        assert_eq!(p.wait_ms(5, 1_000, 1_000), 30_000);
        assert_eq!(p.wait_ms(5, 1_000, 31_000), 0);
        assert_eq!(p.wait_ms(6, 0, 0), 60_000);
        assert_eq!(p.wait_ms(40, 0, 0), 15 * 60_000);
    }

    #[test]
    fn failures_an_hour_old_are_forgotten() {
        let p = ThrottlePolicy::ACCOUNT;
        assert_eq!(p.wait_ms(9, 0, 60 * 60_000), 0);
        assert_eq!(p.counting(9, 0, 60 * 60_000), 0);
        assert_eq!(p.counting(9, 0, 60 * 60_000 - 1), 9);
    }
}
