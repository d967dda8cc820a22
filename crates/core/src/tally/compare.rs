//! Two periods side by side (this week against last week, say): each period's row
//! and the change of every share, with the five-answer rule.

use super::cell::{Cell, Counter};
use super::percent::{MIN_ANSWERS, change_points};
use serde::{Deserialize, Serialize};

/// An earlier and a later period compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The earlier period.
    pub before: Cell,
    /// The later period.
    pub last: Cell,
    /// Answers of the later period minus those of the earlier.
    pub answers_change: i64,
    /// The enthusiastic share of the later period minus that of the earlier, in
    /// percentage points (one decimal, from the exact shares); only when both periods
    /// have at least [`MIN_ANSWERS`] answers.
    pub enthusiastic_change_points: Option<f64>,
    /// The low share's change, the same way.
    pub low_change_points: Option<f64>,
    /// The response rate's change, the same way; also needs a visit in each period.
    pub response_rate_change_points: Option<f64>,
}

impl Comparison {
    /// Compares the counts of an earlier period with those of a later one.
    pub fn new(before: &Counter, last: &Counter) -> Self {
        let (b, l) = (before.cell(), last.cell());
        let enough = b.answers >= MIN_ANSWERS && l.answers >= MIN_ANSWERS;
        let change = |last_part, last_whole, before_part, before_whole| {
            enough
                .then(|| change_points((last_part, last_whole), (before_part, before_whole)))
                .flatten()
        };
        Self {
            answers_change: i64::from(l.answers) - i64::from(b.answers),
            enthusiastic_change_points: change(
                l.enthusiastic,
                l.answers,
                b.enthusiastic,
                b.answers,
            ),
            low_change_points: change(l.low, l.answers, b.low, b.answers),
            response_rate_change_points: change(l.answers, l.visits, b.answers, b.visits),
            before: b,
            last: l,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scale;

    fn counter(scores: &[u8], visits: u32) -> Counter {
        let mut c = Counter::default();
        for &s in scores {
            c.add_answers(Scale::Four, s, 1);
        }
        c.add_visits(visits);
        c
    }

    #[test]
    fn every_share_changes_in_points_with_five_answers_each() {
        // Before: 1 of 5 enthusiastic, 2 of 5 low, 5 of 10 visits.
        // Last: 3 of 6 enthusiastic, 1 of 6 low, 6 of 8 visits.
        let c = Comparison::new(
            &counter(&[4, 3, 3, 2, 1], 10),
            &counter(&[4, 4, 4, 3, 3, 1], 8),
        );
        assert_eq!(c.answers_change, 1);
        assert_eq!(c.enthusiastic_change_points, Some(30.0));
        // 1/6 - 2/5 = -23.33…
        assert_eq!(c.low_change_points, Some(-23.3));
        // 75 % - 50 %
        assert_eq!(c.response_rate_change_points, Some(25.0));
        assert_eq!(c.last.enthusiastic_percent, Some(50.0));
    }

    #[test]
    fn no_change_below_five_answers_or_without_visits() {
        let c = Comparison::new(&counter(&[4, 4, 4, 4], 4), &counter(&[4; 9], 9));
        assert_eq!(c.answers_change, 5);
        assert_eq!(c.enthusiastic_change_points, None);
        assert_eq!(c.low_change_points, None);
        let c = Comparison::new(&counter(&[4; 5], 0), &counter(&[4; 5], 5));
        assert_eq!(c.enthusiastic_change_points, Some(0.0));
        assert_eq!(c.response_rate_change_points, None);
    }
}
