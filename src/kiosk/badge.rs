//! Telling a badge reader from a person: a reader types a burst of characters, each
//! within a few milliseconds of the last, and ends with Enter.

use jiff::Timestamp;

/// Collects typed characters and recognises a reader's burst.
#[derive(Clone, Debug, Default)]
pub struct BurstDetector {
    chars: String,
    last_at: Option<Timestamp>,
}

impl BurstDetector {
    /// Longest pause between two characters of one burst.
    pub const MAX_GAP_MS: i64 = 60;
    /// Shortest badge code.
    pub const MIN_LENGTH: usize = 4;

    /// A typed character.
    pub fn on_char(&mut self, c: char, at: Timestamp) {
        let continues = self.last_at.is_some_and(|last| {
            at.duration_since(last).as_millis() <= i128::from(Self::MAX_GAP_MS)
        });
        if !continues {
            self.chars.clear();
        }
        self.chars.push(c);
        self.last_at = Some(at);
    }

    /// Enter was pressed: the badge code if the characters before it were a burst
    /// (and Enter followed quickly).
    pub fn on_enter(&mut self, at: Timestamp) -> Option<String> {
        let quick = self.last_at.is_some_and(|last| {
            at.duration_since(last).as_millis() <= i128::from(Self::MAX_GAP_MS)
        });
        let code = std::mem::take(&mut self.chars);
        self.last_at = None;
        (quick && code.chars().count() >= Self::MIN_LENGTH).then(|| code.trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::SignedDuration;

    #[test]
    fn a_fast_burst_is_a_badge_and_slow_typing_is_not() {
        let t0: Timestamp = "2026-03-02T07:00:00Z".parse().unwrap();
        let mut d = BurstDetector::default();
        for (i, c) in "04A7F2C1".chars().enumerate() {
            d.on_char(c, t0 + SignedDuration::from_millis(i as i64 * 8));
        }
        assert_eq!(
            d.on_enter(t0 + SignedDuration::from_millis(70)),
            Some("04A7F2C1".into())
        );

        for (i, c) in "2580".chars().enumerate() {
            d.on_char(c, t0 + SignedDuration::from_millis(i as i64 * 400));
        }
        assert_eq!(d.on_enter(t0 + SignedDuration::from_millis(1700)), None);

        d.on_char('1', t0);
        assert_eq!(d.on_enter(t0), None, "too short");
    }
}
