//! Telling a badge reader from a person: a reader types a burst of characters, each
//! within a few milliseconds of the last, and ends with Enter.

use jiff::Timestamp;

/// Collects typed characters and recognises a reader's burst.
#[derive(Clone, Debug, Default)]
pub struct BurstDetector {
    chars: String,
    last_at: Option<Timestamp>,
    frame_slack_ms: i64,
}

impl BurstDetector {
    /// Longest pause between two characters of one burst.
    pub const MAX_GAP_MS: i64 = 60;
    /// Shortest badge code.
    pub const MIN_LENGTH: usize = 4;
    /// The most a slow frame may stretch the pause allowed within a burst.
    pub const MAX_FRAME_SLACK_MS: i64 = 250;

    /// How long the window was busy with its last frame. Characters a reader types
    /// meanwhile wait for the next frame, so they are timed later than they came: a
    /// pause up to this much longer still continues a burst (at most
    /// [`Self::MAX_FRAME_SLACK_MS`]).
    pub fn set_frame_slack(&mut self, busy_ms: i64) {
        self.frame_slack_ms = busy_ms.clamp(0, Self::MAX_FRAME_SLACK_MS);
    }

    fn within_gap(&self, at: Timestamp) -> bool {
        let allowed = i128::from(Self::MAX_GAP_MS + self.frame_slack_ms);
        self.last_at
            .is_some_and(|last| at.duration_since(last).as_millis() <= allowed)
    }

    /// A typed character.
    pub fn on_char(&mut self, c: char, at: Timestamp) {
        if !self.within_gap(at) {
            self.chars.clear();
        }
        self.chars.push(c);
        self.last_at = Some(at);
    }

    /// Enter was pressed: the badge code if the characters before it were a burst
    /// (and Enter followed quickly).
    pub fn on_enter(&mut self, at: Timestamp) -> Option<String> {
        let quick = self.within_gap(at);
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

    #[test]
    fn a_burst_split_by_a_slow_frame_is_still_a_badge_and_a_person_is_not() {
        let t0: Timestamp = "2026-03-02T07:00:00Z".parse().unwrap();
        let at = |ms: i64| t0 + SignedDuration::from_millis(ms);
        let mut d = BurstDetector::default();
        // Frames of 180 ms: the reader's characters arrive in three lumps.
        d.set_frame_slack(180);
        for (c, ms) in [('0', 0), ('4', 0), ('A', 0), ('7', 190), ('F', 190)] {
            d.on_char(c, at(ms));
        }
        for (c, ms) in [('2', 380), ('C', 380), ('1', 380)] {
            d.on_char(c, at(ms));
        }
        assert_eq!(d.on_enter(at(380)), Some("04A7F2C1".into()));

        // The same slow frames on the same gaps are too much without the slack.
        d.set_frame_slack(0);
        for (c, ms) in [('0', 0), ('4', 190), ('A', 380), ('7', 570)] {
            d.on_char(c, at(ms));
        }
        assert_eq!(d.on_enter(at(570)), None);

        // A person pausing half a second between keys is never a reader, however
        // slow the frames.
        d.set_frame_slack(10_000);
        for (i, c) in "2580".chars().enumerate() {
            d.on_char(c, at(i as i64 * 500));
        }
        assert_eq!(d.on_enter(at(2000)), None);
    }
}
