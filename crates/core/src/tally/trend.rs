//! Trend: the last four weeks per day and moment, and the week-on-week change of the
//! enthusiastic share.

use super::cell::{Cell, Counter};
use super::counts;
use super::percent::{MIN_ANSWERS, change_points};
use crate::{Moment, Scale};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The number of days the trend shows, ending on its last day.
pub const TREND_DAYS: i32 = 28;

/// The number of days in each of the two weeks compared.
pub const WEEK_DAYS: i32 = 7;

/// How many ratings of one day and moment had this face and these flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingCount {
    /// The location's calendar day.
    pub date: Date,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// The scale the face was chosen on.
    pub scale: Scale,
    /// The face, 1 (worst) to the scale's size (best).
    pub score: u8,
    /// Whether these ratings are superseded by later ones.
    pub superseded: bool,
    /// Whether these ratings are flagged as misuse.
    pub misuse: bool,
    /// How many ratings.
    pub count: u32,
}

/// How many visits one day and moment had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitCount {
    /// The location's calendar day.
    pub date: Date,
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// How many visits.
    pub count: u32,
}

/// The last four weeks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// The first day shown (27 days before the last).
    pub first_day: Date,
    /// The last day shown.
    pub last_day: Date,
    /// Every day from the first to the last, oldest first, days without answers
    /// included.
    pub days: Vec<TrendDay>,
    /// The last 7 days against the 7 before.
    pub week_on_week: WeekOnWeek,
}

/// One day of the trend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendDay {
    /// The location's calendar day.
    pub date: Date,
    /// Bringing the children.
    pub drop_off: Cell,
    /// Collecting them.
    pub pick_up: Cell,
}

/// The week-on-week comparison per moment and for both together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekOnWeek {
    /// Drop-off only.
    pub drop_off: WeekChange,
    /// Pick-up only.
    pub pick_up: WeekChange,
    /// Both moments together.
    pub both: WeekChange,
}

/// Two weeks side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekChange {
    /// The 7 days before the last 7.
    pub week_before: Cell,
    /// The last 7 days, ending on the trend's last day.
    pub last_week: Cell,
    /// The enthusiastic share of the last week minus that of the week before, in
    /// percentage points (one decimal); only when both weeks have at least
    /// [`MIN_ANSWERS`] answers.
    pub enthusiastic_change_points: Option<f64>,
}

impl Trend {
    /// The first day of the trend that ends on `last_day`.
    pub fn first_day(last_day: Date) -> Date {
        last_day.saturating_sub((TREND_DAYS - 1).days())
    }

    /// The trend ending on `last_day` from counts per day and moment. Counts of days
    /// outside the four weeks are ignored.
    pub fn from_counts(last_day: Date, ratings: &[RatingCount], visits: &[VisitCount]) -> Self {
        let first_day = Self::first_day(last_day);
        let mut days: Vec<(Date, [Counter; 2])> = Vec::new();
        let mut day = first_day;
        while day <= last_day {
            days.push((day, Default::default()));
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        for r in ratings {
            if counts(r.superseded, r.misuse)
                && let Some(counter) = slot(&mut days, r.date, r.moment)
            {
                counter.add_answers(r.scale, r.score, r.count);
            }
        }
        for v in visits {
            if let Some(counter) = slot(&mut days, v.date, v.moment) {
                counter.add_visits(v.count);
            }
        }

        let last_week_from = last_day.saturating_sub((WEEK_DAYS - 1).days());
        let week_before_from = last_day.saturating_sub((2 * WEEK_DAYS - 1).days());
        let mut weeks = [[Counter::default(), Counter::default()], Default::default()];
        for (date, counters) in &days {
            let week = if *date >= last_week_from {
                &mut weeks[1]
            } else if *date >= week_before_from {
                &mut weeks[0]
            } else {
                continue;
            };
            for (w, c) in week.iter_mut().zip(counters) {
                w.merge(c);
            }
        }
        let [before, last] = weeks;
        let both = |week: &[Counter; 2]| {
            let mut sum = week[0].clone();
            sum.merge(&week[1]);
            sum
        };
        Self {
            first_day,
            last_day,
            days: days
                .iter()
                .map(|(date, [drop_off, pick_up])| TrendDay {
                    date: *date,
                    drop_off: drop_off.cell(),
                    pick_up: pick_up.cell(),
                })
                .collect(),
            week_on_week: WeekOnWeek {
                drop_off: WeekChange::new(&before[0], &last[0]),
                pick_up: WeekChange::new(&before[1], &last[1]),
                both: WeekChange::new(&both(&before), &both(&last)),
            },
        }
    }
}

/// The counter of one day and moment, if the day is in the window.
fn slot(days: &mut [(Date, [Counter; 2])], date: Date, moment: Moment) -> Option<&mut Counter> {
    let i = days.binary_search_by_key(&date, |(d, _)| *d).ok()?;
    let (_, counters) = days.get_mut(i)?;
    Some(match moment {
        Moment::DropOff => &mut counters[0],
        Moment::PickUp => &mut counters[1],
    })
}

impl WeekChange {
    fn new(week_before: &Counter, last_week: &Counter) -> Self {
        let before = week_before.enthusiastic_of_answers();
        let last = last_week.enthusiastic_of_answers();
        let enough = before.1 >= MIN_ANSWERS && last.1 >= MIN_ANSWERS;
        Self {
            week_before: week_before.cell(),
            last_week: last_week.cell(),
            enthusiastic_change_points: enough.then(|| change_points(last, before)).flatten(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ratings(day: Date, moment: Moment, score: u8, count: u32) -> RatingCount {
        RatingCount {
            date: day,
            moment,
            scale: Scale::Four,
            score,
            superseded: false,
            misuse: false,
            count,
        }
    }

    const LAST: Date = date(2026, 3, 29);

    #[test]
    fn four_weeks_of_days_oldest_first() {
        let trend = Trend::from_counts(LAST, &[], &[]);
        assert_eq!(trend.first_day, date(2026, 3, 2));
        assert_eq!(trend.days.len(), 28);
        assert_eq!(trend.days[0].date, date(2026, 3, 2));
        assert_eq!(trend.days[27].date, LAST);
        assert_eq!(trend.week_on_week.both.enthusiastic_change_points, None);
    }

    #[test]
    fn days_outside_the_window_and_uncounted_ratings_are_left_out() {
        let mut superseded = ratings(LAST, Moment::DropOff, 1, 3);
        superseded.superseded = true;
        let mut misuse = ratings(LAST, Moment::DropOff, 4, 9);
        misuse.misuse = true;
        let counts = [
            ratings(date(2026, 3, 1), Moment::DropOff, 4, 50),
            ratings(date(2026, 3, 30), Moment::DropOff, 4, 50),
            superseded,
            misuse,
            ratings(LAST, Moment::DropOff, 2, 2),
        ];
        let visits = [
            VisitCount {
                date: LAST,
                moment: Moment::DropOff,
                count: 4,
            },
            VisitCount {
                date: date(2026, 2, 1),
                moment: Moment::PickUp,
                count: 4,
            },
        ];
        let trend = Trend::from_counts(LAST, &counts, &visits);
        let total: u32 = trend
            .days
            .iter()
            .map(|d| d.drop_off.answers + d.pick_up.answers)
            .sum();
        assert_eq!(total, 2);
        let last = &trend.days[27].drop_off;
        assert_eq!((last.answers, last.low, last.visits), (2, 2, 4));
        assert_eq!(last.low_percent, None, "fewer than five answers");
        assert_eq!(trend.days.iter().map(|d| d.pick_up.visits).sum::<u32>(), 0);
    }

    #[test]
    fn week_on_week_change_in_points() {
        // Week before (16–22 March): 2 of 5 enthusiastic; last week (23–29): 4 of 5.
        let counts = [
            ratings(date(2026, 3, 16), Moment::DropOff, 4, 2),
            ratings(date(2026, 3, 22), Moment::DropOff, 3, 3),
            ratings(date(2026, 3, 23), Moment::DropOff, 4, 4),
            ratings(LAST, Moment::DropOff, 1, 1),
            // Before the two weeks: not in either.
            ratings(date(2026, 3, 15), Moment::DropOff, 4, 20),
            ratings(date(2026, 3, 25), Moment::PickUp, 4, 4),
        ];
        let trend = Trend::from_counts(LAST, &counts, &[]);
        let drop_off = &trend.week_on_week.drop_off;
        assert_eq!(drop_off.week_before.answers, 5);
        assert_eq!(drop_off.week_before.enthusiastic_percent, Some(40.0));
        assert_eq!(drop_off.last_week.enthusiastic_percent, Some(80.0));
        assert_eq!(drop_off.enthusiastic_change_points, Some(40.0));
        // Pick-up: four answers last week and none before: no change.
        assert_eq!(trend.week_on_week.pick_up.enthusiastic_change_points, None);
        // Both: 2 of 5 before, 8 of 9 last week.
        assert_eq!(trend.week_on_week.both.last_week.answers, 9);
        assert_eq!(
            trend.week_on_week.both.enthusiastic_change_points,
            Some(48.9)
        );
    }

    #[test]
    fn week_on_week_needs_five_answers_in_each_week() {
        let four_before = [
            ratings(date(2026, 3, 20), Moment::PickUp, 4, 4),
            ratings(LAST, Moment::PickUp, 4, 5),
        ];
        let trend = Trend::from_counts(LAST, &four_before, &[]);
        assert_eq!(trend.week_on_week.pick_up.enthusiastic_change_points, None);
        let five_each = [
            ratings(date(2026, 3, 20), Moment::PickUp, 4, 5),
            ratings(LAST, Moment::PickUp, 1, 5),
        ];
        let trend = Trend::from_counts(LAST, &five_each, &[]);
        assert_eq!(
            trend.week_on_week.pick_up.enthusiastic_change_points,
            Some(-100.0)
        );
    }

    #[test]
    fn the_earliest_dates_do_not_panic() {
        let trend =
            Trend::from_counts(Date::MIN, &[ratings(Date::MIN, Moment::DropOff, 4, 1)], &[]);
        assert_eq!(trend.days.len(), 1);
        assert_eq!(trend.days[0].drop_off.answers, 1);
        let trend = Trend::from_counts(Date::MAX, &[], &[]);
        assert_eq!(trend.days.len(), 28);
    }

    #[test]
    fn json_round_trips() {
        let trend = Trend::from_counts(LAST, &[ratings(LAST, Moment::DropOff, 4, 7)], &[]);
        let json = serde_json::to_string(&trend).unwrap();
        assert!(json.contains("\"enthusiastic_change_points\":null"));
        assert!(json.contains("\"week_on_week\""));
        let back: Trend = serde_json::from_str(&json).unwrap();
        assert_eq!(back, trend);
    }
}
