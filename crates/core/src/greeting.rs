//! What the greeting says: the time of day and the moments that matter today.
//!
//! The words come from the translation files; this module decides which words.

use crate::{Child, ChildId};
use jiff::civil::{Date, Time};

/// Days away after which a visit gets a "welcome back".
pub const WELCOME_BACK_AFTER_DAYS: i32 = 14;

/// The part of the day, for "Goedemorgen", "Goedemiddag", "Goedenavond".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeOfDay {
    /// Before noon.
    Morning,
    /// From noon until six.
    Afternoon,
    /// From six in the evening.
    Evening,
}

impl TimeOfDay {
    /// The part of the day at a local time.
    pub fn at(time: Time) -> Self {
        match time.hour() {
            0..=11 => TimeOfDay::Morning,
            12..=17 => TimeOfDay::Afternoon,
            _ => TimeOfDay::Evening,
        }
    }

    /// The key of the greeting in the translation files.
    pub fn message_key(self) -> &'static str {
        match self {
            TimeOfDay::Morning => "greeting-morning",
            TimeOfDay::Afternoon => "greeting-afternoon",
            TimeOfDay::Evening => "greeting-evening",
        }
    }
}

/// A moment that matters, which gets its own words in the greeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Occasion {
    /// The child's first day at the location.
    FirstDay {
        /// Whose first day.
        child: ChildId,
    },
    /// The child's birthday.
    Birthday {
        /// Whose birthday.
        child: ChildId,
        /// The age the child turns today.
        age: i16,
    },
    /// The child's last day at the location.
    LastDay {
        /// Whose last day.
        child: ChildId,
    },
    /// The family's first visit after [`WELCOME_BACK_AFTER_DAYS`] or more days away.
    WelcomeBack {
        /// Days since the last visit.
        days_away: i32,
    },
}

impl Occasion {
    /// The key of the occasion's words in the translation files.
    pub fn message_key(&self) -> &'static str {
        match self {
            Occasion::FirstDay { .. } => "occasion-first-day",
            Occasion::Birthday { .. } => "occasion-birthday",
            Occasion::LastDay { .. } => "occasion-last-day",
            Occasion::WelcomeBack { .. } => "occasion-welcome-back",
        }
    }
}

/// The greeting for one guardian at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Greeting {
    /// Morning, afternoon or evening.
    pub time_of_day: TimeOfDay,
    /// The moments that matter today, most important first.
    pub occasions: Vec<Occasion>,
}

/// Whether `today` is the birthday of someone born on `birth`. A child born on
/// 29 February celebrates on 28 February in other years.
pub fn is_birthday(birth: Date, today: Date) -> bool {
    if birth.month() == 2 && birth.day() == 29 && !today.in_leap_year() {
        return today.month() == 2 && today.day() == 28;
    }
    birth.month() == today.month() && birth.day() == today.day()
}

/// Decides the greeting. `children` are the children of the visit; `last_visit` is
/// the day of the family's latest visit before today, if any.
pub fn greet(today: Date, now: Time, children: &[Child], last_visit: Option<Date>) -> Greeting {
    let mut occasions = Vec::new();
    for child in children {
        if child.start_date == Some(today) {
            occasions.push(Occasion::FirstDay {
                child: child.id.clone(),
            });
        }
    }
    for child in children {
        if let Some(birth) = child.birth_date
            && birth < today
            && is_birthday(birth, today)
        {
            occasions.push(Occasion::Birthday {
                child: child.id.clone(),
                age: today.year() - birth.year(),
            });
        }
    }
    for child in children {
        if child.end_date == Some(today) {
            occasions.push(Occasion::LastDay {
                child: child.id.clone(),
            });
        }
    }
    let first_day_for_all =
        !children.is_empty() && children.iter().all(|c| c.start_date == Some(today));
    if let Some(last) = last_visit
        && !first_day_for_all
    {
        let days_away = (today - last).get_days();
        if days_away >= WELCOME_BACK_AFTER_DAYS {
            occasions.push(Occasion::WelcomeBack { days_away });
        }
    }
    Greeting {
        time_of_day: TimeOfDay::at(now),
        occasions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn child(id: &str) -> Child {
        Child {
            id: ChildId(id.into()),
            first_name: id.into(),
            last_name: "Test".into(),
            group: "Rupsen".into(),
            birth_date: Some(date(2023, 5, 10)),
            start_date: Some(date(2024, 1, 8)),
            end_date: None,
        }
    }

    #[test]
    fn time_of_day_boundaries() {
        assert_eq!(TimeOfDay::at(time(6, 30, 0, 0)), TimeOfDay::Morning);
        assert_eq!(TimeOfDay::at(time(11, 59, 0, 0)), TimeOfDay::Morning);
        assert_eq!(TimeOfDay::at(time(12, 0, 0, 0)), TimeOfDay::Afternoon);
        assert_eq!(TimeOfDay::at(time(18, 0, 0, 0)), TimeOfDay::Evening);
    }

    #[test]
    fn an_ordinary_day_has_no_occasion() {
        let g = greet(
            date(2026, 3, 3),
            time(8, 0, 0, 0),
            &[child("a")],
            Some(date(2026, 3, 2)),
        );
        assert!(g.occasions.is_empty());
    }

    #[test]
    fn first_day_birthday_last_day() {
        let today = date(2026, 5, 10);
        let mut first = child("first");
        first.start_date = Some(today);
        first.birth_date = Some(date(2024, 1, 1));
        let birthday = child("birthday");
        let mut last = child("last");
        last.birth_date = Some(date(2022, 1, 1));
        last.end_date = Some(today);
        let g = greet(today, time(8, 0, 0, 0), &[first, birthday, last], None);
        assert_eq!(
            g.occasions,
            vec![
                Occasion::FirstDay {
                    child: "first".into()
                },
                Occasion::Birthday {
                    child: "birthday".into(),
                    age: 3
                },
                Occasion::LastDay {
                    child: "last".into()
                },
            ]
        );
    }

    #[test]
    fn welcome_back_after_fourteen_days() {
        let today = date(2026, 8, 24);
        let kids = [child("a")];
        let g = greet(today, time(8, 0, 0, 0), &kids, Some(date(2026, 8, 10)));
        assert_eq!(g.occasions, vec![Occasion::WelcomeBack { days_away: 14 }]);
        let g = greet(today, time(8, 0, 0, 0), &kids, Some(date(2026, 8, 11)));
        assert!(g.occasions.is_empty());
    }

    #[test]
    fn leap_day_birthdays_fall_on_the_28th() {
        let birth = date(2024, 2, 29);
        assert!(is_birthday(birth, date(2027, 2, 28)));
        assert!(!is_birthday(birth, date(2028, 2, 28)));
        assert!(is_birthday(birth, date(2028, 2, 29)));
    }
}
