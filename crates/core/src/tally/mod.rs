//! The tally: how a day's ratings become the numbers the team sees, written down once
//! for the staff screen, the command line and the hub. Nothing here reads the store:
//! the store hands over facts (one per rating and visit for a day, or counts per day
//! for the trend) and this module decides what counts. `docs/tally.md` says the same
//! in plain words.
//!
//! # What counts
//!
//! - A rating counts unless it is *superseded* (a later rating names it in
//!   `supersedes`) or flagged as *misuse* (part of a burst without identification).
//!   Misuse-flagged ratings are counted apart, per moment, in [`MomentTally::misuse`].
//! - An *answer* is a counted rating. A *visit* is a guardian passing the kiosk.
//! - A *face* is a score on a scale. The scale may change during a day when the
//!   location changes its setting, so faces are counted per (scale, score) in
//!   [`FaceCount`]s and never mixed: score 3 on three faces is not score 3 on five.
//! - *Enthusiastic*: the top face of the rating's own scale (score == scale size).
//! - *Low*: the two lowest faces, scores 1 and 2, on every scale
//!   ([`crate::Scale::is_low`]).
//! - *Response rate*: answers divided by visits (not capped at 100 %).
//!
//! # The five-answer rule
//!
//! A percentage (enthusiastic, low, response rate) is given only for a cell with at
//! least [`MIN_ANSWERS`] answers; below that the cell shows its counts alone and the
//! percentage is `None`. The response rate also needs at least one visit. The
//! week-on-week change needs five answers in each of the two weeks. Percentages are
//! rounded half up to one decimal; the change is computed from the exact shares and
//! then rounded half away from zero to one decimal.
//!
//! # Rows
//!
//! - Per moment (drop-off, pick-up) a total row, a row per group and a row per local
//!   hour.
//! - A rating counts in every group it lists (a guardian with children in two groups
//!   answers once for both), so the group rows may add up to more than the total. A
//!   visit counts in its groups the same way. A rating or visit without a group is in
//!   the total only.
//! - The hour is the local hour (in the location's time zone) of the tap for a rating
//!   and of the identification for a visit.
//! - A group or hour row is listed when at least one visit or answer falls in it.
//!
//! # Trend
//!
//! The 28 days ending on a given day, per day and moment, with the same cells; plus
//! the change of the enthusiastic share from the 7 days before the last 7 to the last
//! 7, in percentage points, per moment and for both moments together.

mod cell;
mod compare;
mod day;
mod percent;
mod rollup;
mod trend;

pub use cell::{Cell, Counter, FaceCount};
pub use compare::Comparison;
pub use day::counted_groups;
pub use day::{DayTally, GroupCell, HourCell, MomentTally, RatingFact, VisitFact};
pub use percent::MIN_ANSWERS;
pub use rollup::{AnswerRollup, VisitRollup};
pub use trend::{
    RatingCount, TREND_DAYS, Trend, TrendDay, VisitCount, WEEK_DAYS, WeekChange, WeekOnWeek,
};

/// Whether a rating counts as an answer: neither superseded nor misuse. The one
/// place this is decided.
pub fn counts(superseded: bool, misuse: bool) -> bool {
    !superseded && !misuse
}
