//! Telling a badge reader from a person: a reader types a burst of characters, each
//! within a few milliseconds of the last, and ends with Enter.

use jiff::Timestamp;

/// Collects typed characters and recognises a reader's burst.
///
/// The kiosk sees characters once per frame, all with that frame's time: a *lump*
/// is the characters (and Enter) of one frame. A reader's burst arrives as one lump,
/// or, when the machine is busy, as a few lumps of several characters each; a person
/// types one character per lump. So a pause longer than a reader's continues the
/// burst when the lumps on both sides of it hold two or more (a stalled machine),
/// and never when either holds one (a person).
#[derive(Clone, Debug, Default)]
pub struct BurstDetector {
    chars: String,
    last_at: Option<Timestamp>,
    frame_slack_ms: i64,
    /// Characters in the lump the last one belongs to.
    lump: usize,
    /// The burst before a long pause, kept until the next lump shows whether a
    /// reader (several characters at once) or a person (one) goes on.
    held: Option<String>,
}

impl BurstDetector {
    /// Longest pause between two characters of one burst.
    pub const MAX_GAP_MS: i64 = 60;
    /// Shortest badge code.
    pub const MIN_LENGTH: usize = 4;
    /// The most a slow frame may stretch the pause allowed within a burst.
    pub const MAX_FRAME_SLACK_MS: i64 = 250;
    /// The longest stall between two lumps of one burst.
    pub const MAX_STALL_MS: i64 = 1000;

    /// How long the window was busy with its last frame. Characters a reader types
    /// meanwhile wait for the next frame, so they are timed later than they came: a
    /// pause up to this much longer still continues a burst (at most
    /// [`Self::MAX_FRAME_SLACK_MS`]).
    pub fn set_frame_slack(&mut self, busy_ms: i64) {
        self.frame_slack_ms = busy_ms.clamp(0, Self::MAX_FRAME_SLACK_MS);
    }

    fn within(&self, at: Timestamp, allowed_ms: i64) -> bool {
        self.last_at
            .is_some_and(|last| at.duration_since(last).as_millis() <= i128::from(allowed_ms))
    }

    fn within_gap(&self, at: Timestamp) -> bool {
        self.within(at, Self::MAX_GAP_MS + self.frame_slack_ms)
    }

    /// Counts one more character or Enter at `at` in its lump; a second one in the
    /// lump joins the burst held before a stall.
    fn count(&mut self, at: Timestamp) {
        if self.last_at == Some(at) {
            self.lump += 1;
            if self.lump >= 2
                && let Some(held) = self.held.take()
            {
                self.chars.insert_str(0, &held);
            }
        } else {
            self.lump = 1;
        }
    }

    /// A typed character.
    pub fn on_char(&mut self, c: char, at: Timestamp) {
        if self.last_at != Some(at) && !self.within_gap(at) {
            let stalled_reader = self.lump >= 2 && self.within(at, Self::MAX_STALL_MS);
            let before = std::mem::take(&mut self.chars);
            self.held = stalled_reader.then_some(before);
        }
        self.count(at);
        self.chars.push(c);
        self.last_at = Some(at);
    }

    /// Enter was pressed: the badge code if the characters before it were a burst
    /// (and Enter followed quickly).
    pub fn on_enter(&mut self, at: Timestamp) -> Option<String> {
        self.count(at);
        let quick = self.within_gap(at);
        let code = std::mem::take(&mut self.chars);
        self.last_at = None;
        self.held = None;
        self.lump = 0;
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

    #[test]
    fn a_burst_held_up_by_a_stalled_machine_is_still_a_badge_and_a_person_is_not() {
        let t0: Timestamp = "2026-03-02T07:00:00Z".parse().unwrap();
        let at = |ms: i64| t0 + SignedDuration::from_millis(ms);
        let mut d = BurstDetector::default();
        // The machine stalls twice for 600 ms, whatever its frames said.
        for (c, ms) in [('0', 0), ('4', 0), ('A', 0)] {
            d.on_char(c, at(ms));
        }
        for (c, ms) in [('7', 600), ('F', 600)] {
            d.on_char(c, at(ms));
        }
        for (c, ms) in [('2', 1200), ('C', 1200), ('1', 1200)] {
            d.on_char(c, at(ms));
        }
        assert_eq!(d.on_enter(at(1200)), Some("04A7F2C1".into()));

        // The last lump is one character and Enter: still the reader's.
        for (c, ms) in [
            ('0', 0),
            ('4', 0),
            ('A', 0),
            ('7', 0),
            ('F', 0),
            ('2', 0),
            ('C', 0),
        ] {
            d.on_char(c, at(ms));
        }
        d.on_char('1', at(700));
        assert_eq!(d.on_enter(at(700)), Some("04A7F2C1".into()));

        // A person: one key per lump, however short the stall.
        for (i, c) in "2580".chars().enumerate() {
            d.on_char(c, at(i as i64 * 300));
        }
        assert_eq!(d.on_enter(at(1200)), None);

        // A lump, then a person's single key and a slow Enter: no badge.
        for c in "04A".chars() {
            d.on_char(c, at(0));
        }
        d.on_char('7', at(600));
        assert_eq!(d.on_enter(at(900)), None);

        // A stall longer than a second ends the burst: only what came after counts.
        for c in "0000".chars() {
            d.on_char(c, at(0));
        }
        for c in "04A7F2C1".chars() {
            d.on_char(c, at(1500));
        }
        assert_eq!(d.on_enter(at(1500)), Some("04A7F2C1".into()));
    }
}
