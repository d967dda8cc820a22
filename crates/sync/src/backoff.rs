//! Exponential backoff with full jitter: about 1 s after the first failure, doubling
//! up to 5 minutes, each wait drawn at random between half and the whole of it so
//! that many kiosks do not come back at once.

use std::time::Duration;

/// The shortest wait after a failure.
pub const FIRST: Duration = Duration::from_secs(1);
/// The longest wait.
pub const LONGEST: Duration = Duration::from_secs(300);

/// How long to wait before the next try.
#[derive(Clone, Debug, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// A failure: the wait before the next try.
    pub fn failed(&mut self) -> Duration {
        let ceiling = FIRST
            .saturating_mul(2u32.saturating_pow(self.failures.min(16)))
            .min(LONGEST);
        self.failures = self.failures.saturating_add(1);
        let half = ceiling / 2;
        half + Duration::from_millis(rand::random_range(0..=half.as_millis() as u64))
    }

    /// A success: the next failure waits the shortest time again.
    pub fn succeeded(&mut self) {
        self.failures = 0;
    }

    /// Failures in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_five_minutes_with_jitter_and_reset_on_success() {
        let mut backoff = Backoff::default();
        let waits: Vec<Duration> = (0..12).map(|_| backoff.failed()).collect();
        assert!(waits[0] >= Duration::from_millis(500) && waits[0] <= FIRST);
        assert!(waits[3] >= Duration::from_secs(4) && waits[3] <= Duration::from_secs(8));
        assert!(waits.iter().all(|w| *w <= LONGEST));
        assert!(
            waits[11] >= LONGEST / 2,
            "capped, not zero: {:?}",
            waits[11]
        );
        backoff.succeeded();
        assert!(backoff.failed() <= FIRST);
    }
}
