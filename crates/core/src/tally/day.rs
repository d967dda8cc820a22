//! Today: one day's ratings and visits per moment, in total, per group and per hour.

use super::cell::{Cell, Counter};
use super::counts;
use super::rollup::{AnswerRollup, VisitRollup};
use crate::{Moment, Scale};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One rating of the day as the tally needs it: no guardian, no names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingFact {
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// The scale the face was chosen on.
    pub scale: Scale,
    /// The face, 1 (worst) to the scale's size (best).
    pub score: u8,
    /// The groups of the children the visit covered.
    pub groups: Vec<String>,
    /// The local hour of the tap (0 to 23) in the location's time zone.
    pub hour: u8,
    /// A later rating names this one as the one it supersedes.
    pub superseded: bool,
    /// Part of a burst of ratings without identification.
    pub misuse: bool,
}

/// One visit of the day as the tally needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFact {
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// The groups of the children the visit covered.
    pub groups: Vec<String>,
    /// The local hour of the identification (0 to 23) in the location's time zone.
    pub hour: u8,
}

/// A day's tally: both moments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayTally {
    /// The location's calendar day.
    pub date: Date,
    /// Bringing the children.
    pub drop_off: MomentTally,
    /// Collecting them.
    pub pick_up: MomentTally,
}

/// One moment of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MomentTally {
    /// Which moment.
    pub moment: Moment,
    /// Every answer and visit of the moment.
    pub total: Cell,
    /// One row per group, by name. A rating counts in every group it lists, so the
    /// rows may add up to more than the total.
    pub groups: Vec<GroupCell>,
    /// One row per local hour, earliest first.
    pub hours: Vec<HourCell>,
    /// Ratings flagged as misuse (not counted in any row).
    pub misuse: u32,
}

/// The row of one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCell {
    /// The group's name as the roster gives it.
    pub group: String,
    /// Its numbers.
    pub cell: Cell,
}

/// The row of one local hour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HourCell {
    /// The hour, 0 to 23 (8 is 08:00 to 08:59).
    pub hour: u8,
    /// Its numbers.
    pub cell: Cell,
}

impl DayTally {
    /// Tallies a day's ratings and visits (facts of other days must not be passed).
    pub fn from_facts(date: Date, ratings: &[RatingFact], visits: &[VisitFact]) -> Self {
        let [mut drop_off, mut pick_up] = [MomentCounter::default(), MomentCounter::default()];
        for rating in ratings {
            match rating.moment {
                Moment::DropOff => drop_off.add_rating(rating),
                Moment::PickUp => pick_up.add_rating(rating),
            }
        }
        for visit in visits {
            match visit.moment {
                Moment::DropOff => drop_off.add_visit(visit),
                Moment::PickUp => pick_up.add_visit(visit),
            }
        }
        Self {
            date,
            drop_off: drop_off.tally(Moment::DropOff),
            pick_up: pick_up.tally(Moment::PickUp),
        }
    }

    /// Tallies a day from counts kept per row (the hub's daily roll-ups): a count
    /// without a group is of the moment's total and of its hour; a count with a group
    /// is of that group's row. Counts of other days must not be passed.
    pub fn from_rollups(date: Date, answers: &[AnswerRollup], visits: &[VisitRollup]) -> Self {
        let [mut drop_off, mut pick_up] = [MomentCounter::default(), MomentCounter::default()];
        for a in answers {
            let counter = match a.moment {
                Moment::DropOff => &mut drop_off,
                Moment::PickUp => &mut pick_up,
            };
            match &a.group {
                None => {
                    counter.total.add_answers(a.scale, a.score, a.answers);
                    let hour = counter.hours.entry(a.hour).or_default();
                    hour.add_answers(a.scale, a.score, a.answers);
                    counter.misuse = counter.misuse.saturating_add(a.misuse);
                }
                Some(group) => {
                    let row = counter.groups.entry(group.clone()).or_default();
                    row.add_answers(a.scale, a.score, a.answers);
                }
            }
        }
        for v in visits {
            let counter = match v.moment {
                Moment::DropOff => &mut drop_off,
                Moment::PickUp => &mut pick_up,
            };
            match &v.group {
                None => {
                    counter.total.add_visits(v.visits);
                    counter
                        .hours
                        .entry(v.hour)
                        .or_default()
                        .add_visits(v.visits);
                }
                Some(group) => counter
                    .groups
                    .entry(group.clone())
                    .or_default()
                    .add_visits(v.visits),
            }
        }
        Self {
            date,
            drop_off: drop_off.tally(Moment::DropOff),
            pick_up: pick_up.tally(Moment::PickUp),
        }
    }

    /// The tally of one moment.
    pub fn moment(&self, moment: Moment) -> &MomentTally {
        match moment {
            Moment::DropOff => &self.drop_off,
            Moment::PickUp => &self.pick_up,
        }
    }
}

#[derive(Default)]
struct MomentCounter {
    total: Counter,
    groups: BTreeMap<String, Counter>,
    hours: BTreeMap<u8, Counter>,
    misuse: u32,
}

impl MomentCounter {
    fn add_rating(&mut self, rating: &RatingFact) {
        if rating.misuse {
            self.misuse = self.misuse.saturating_add(1);
        }
        if !counts(rating.superseded, rating.misuse) {
            return;
        }
        let add = |c: &mut Counter| c.add_answers(rating.scale, rating.score, 1);
        add(&mut self.total);
        for group in counted_groups(&rating.groups) {
            add(self.groups.entry(group.to_owned()).or_default());
        }
        add(self.hours.entry(rating.hour).or_default());
    }

    fn add_visit(&mut self, visit: &VisitFact) {
        self.total.add_visits(1);
        for group in counted_groups(&visit.groups) {
            self.groups
                .entry(group.to_owned())
                .or_default()
                .add_visits(1);
        }
        self.hours.entry(visit.hour).or_default().add_visits(1);
    }

    fn tally(self, moment: Moment) -> MomentTally {
        MomentTally {
            moment,
            total: self.total.cell(),
            groups: self
                .groups
                .into_iter()
                .filter(|(_, c)| !c.is_empty())
                .map(|(group, c)| GroupCell {
                    group,
                    cell: c.cell(),
                })
                .collect(),
            hours: self
                .hours
                .into_iter()
                .filter(|(_, c)| !c.is_empty())
                .map(|(hour, c)| HourCell {
                    hour,
                    cell: c.cell(),
                })
                .collect(),
            misuse: self.misuse,
        }
    }
}

/// The groups a rating or visit counts in: its non-empty group names, each once. The
/// one place this is decided (the hub's roll-ups count by it too).
pub fn counted_groups(groups: &[String]) -> impl Iterator<Item = &str> {
    groups
        .iter()
        .enumerate()
        .filter(|(i, g)| !g.is_empty() && !groups[..*i].contains(g))
        .map(|(_, g)| g.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn rating(moment: Moment, score: u8, groups: &[&str], hour: u8) -> RatingFact {
        RatingFact {
            moment,
            scale: Scale::Four,
            score,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            hour,
            superseded: false,
            misuse: false,
        }
    }

    fn visit(moment: Moment, groups: &[&str], hour: u8) -> VisitFact {
        VisitFact {
            moment,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            hour,
        }
    }

    #[test]
    fn superseded_and_misuse_are_not_counted_and_misuse_is_shown_apart() {
        let mut old = rating(Moment::DropOff, 1, &["Vlinders"], 8);
        old.superseded = true;
        let mut burst = rating(Moment::DropOff, 4, &[], 8);
        burst.misuse = true;
        let ratings = [
            old,
            burst.clone(),
            burst,
            rating(Moment::DropOff, 3, &["Vlinders"], 8),
        ];
        let day = DayTally::from_facts(date(2026, 3, 2), &ratings, &[]);
        let drop_off = day.moment(Moment::DropOff);
        assert_eq!(drop_off.total.answers, 1);
        assert_eq!(drop_off.total.face_count(Scale::Four, 3), 1);
        assert_eq!(drop_off.misuse, 2);
        assert_eq!(drop_off.groups.len(), 1);
        assert_eq!(drop_off.groups[0].cell.answers, 1);
        assert_eq!(day.pick_up.total, Cell::default());
        assert_eq!(day.pick_up.misuse, 0);
    }

    #[test]
    fn a_rating_counts_in_each_of_its_groups_once_and_without_group_in_the_total_only() {
        let ratings = [
            rating(Moment::PickUp, 4, &["Rupsen", "Vlinders", "Rupsen"], 16),
            rating(Moment::PickUp, 2, &["Vlinders"], 17),
            rating(Moment::PickUp, 4, &[], 17),
            rating(Moment::PickUp, 4, &[""], 17),
        ];
        let visits = [
            visit(Moment::PickUp, &["Rupsen", "Vlinders"], 16),
            visit(Moment::PickUp, &["Kikkers"], 16),
            visit(Moment::PickUp, &[], 17),
        ];
        let day = DayTally::from_facts(date(2026, 3, 2), &ratings, &visits);
        let pick_up = &day.pick_up;
        assert_eq!((pick_up.total.answers, pick_up.total.visits), (4, 3));
        let rows: Vec<(&str, u32, u32)> = pick_up
            .groups
            .iter()
            .map(|g| (g.group.as_str(), g.cell.answers, g.cell.visits))
            .collect();
        assert_eq!(
            rows,
            [("Kikkers", 0, 1), ("Rupsen", 1, 1), ("Vlinders", 2, 1)]
        );
        let hours: Vec<(u8, u32, u32)> = pick_up
            .hours
            .iter()
            .map(|h| (h.hour, h.cell.answers, h.cell.visits))
            .collect();
        assert_eq!(hours, [(16, 1, 2), (17, 3, 1)]);
    }

    #[test]
    fn counts_kept_per_row_give_the_same_day_as_the_facts() {
        let mut superseded = rating(Moment::DropOff, 1, &["Rupsen"], 8);
        superseded.superseded = true;
        let mut burst = rating(Moment::DropOff, 4, &[], 8);
        burst.misuse = true;
        let ratings = [
            superseded,
            burst,
            rating(Moment::DropOff, 4, &["Rupsen", "Vlinders"], 8),
            rating(Moment::DropOff, 2, &["Rupsen"], 9),
        ];
        let visits = [
            visit(Moment::DropOff, &["Rupsen", "Vlinders"], 8),
            visit(Moment::PickUp, &[], 17),
        ];
        let answer = |group: Option<&str>, hour, score, answers, misuse| AnswerRollup {
            moment: Moment::DropOff,
            group: group.map(str::to_owned),
            hour,
            scale: Scale::Four,
            score,
            answers,
            misuse,
        };
        let visit_row = |moment, group: Option<&str>, hour| VisitRollup {
            moment,
            group: group.map(str::to_owned),
            hour,
            visits: 1,
        };
        // What the hub keeps for these facts: the total row per hour and face (misuse
        // there), each group's rows without misuse.
        let answers = [
            answer(None, 8, 4, 1, 1),
            answer(None, 9, 2, 1, 0),
            answer(Some("Rupsen"), 8, 4, 1, 0),
            answer(Some("Rupsen"), 9, 2, 1, 0),
            answer(Some("Vlinders"), 8, 4, 1, 0),
        ];
        let visit_rows = [
            visit_row(Moment::DropOff, None, 8),
            visit_row(Moment::DropOff, Some("Rupsen"), 8),
            visit_row(Moment::DropOff, Some("Vlinders"), 8),
            visit_row(Moment::PickUp, None, 17),
        ];
        let day = date(2026, 3, 2);
        assert_eq!(
            DayTally::from_rollups(day, &answers, &visit_rows),
            DayTally::from_facts(day, &ratings, &visits)
        );
    }

    #[test]
    fn a_day_without_facts_is_empty_but_whole() {
        let day = DayTally::from_facts(date(2026, 3, 2), &[], &[]);
        for moment in Moment::ALL {
            let m = day.moment(moment);
            assert_eq!(m.moment, moment);
            assert_eq!(m.total, Cell::default());
            assert!(m.groups.is_empty() && m.hours.is_empty());
        }
    }

    #[test]
    fn json_field_names_are_snake_case_and_round_trip() {
        let ratings: Vec<RatingFact> = (1..=5)
            .map(|s| rating(Moment::DropOff, s.min(4), &["Vlinders"], 8))
            .collect();
        let day = DayTally::from_facts(
            date(2026, 3, 2),
            &ratings,
            &[visit(Moment::DropOff, &[], 8)],
        );
        let json = serde_json::to_value(&day).unwrap();
        assert_eq!(json["date"], "2026-03-02");
        assert_eq!(json["drop_off"]["moment"], "drop_off");
        assert_eq!(json["drop_off"]["total"]["enthusiastic_percent"], 40.0);
        assert_eq!(json["drop_off"]["total"]["response_rate_percent"], 500.0);
        assert_eq!(json["drop_off"]["groups"][0]["group"], "Vlinders");
        assert_eq!(json["drop_off"]["hours"][0]["hour"], 8);
        assert_eq!(
            json["drop_off"]["total"]["faces"][0],
            serde_json::json!({"scale": 4, "score": 4, "count": 2})
        );
        assert!(json["pick_up"]["total"]["low_percent"].is_null());
        let back: DayTally = serde_json::from_value(json).unwrap();
        assert_eq!(back, day);
    }
}
