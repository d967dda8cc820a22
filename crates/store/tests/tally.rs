//! `Store::day_tally` against a recount done by hand: random days of visits and
//! ratings (re-ratings that supersede, misuse, children in several groups, hours
//! across a change of summer time, anonymous ratings) are written through the store's own API, then
//! tallied by the store and recounted here independently.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use welkom_core::roster::{Roster, RosterGuardian};
use welkom_core::tally::{Cell, DayTally, FaceCount, GroupCell, HourCell, MomentTally};
use welkom_core::{Child, ChildId, EventId, Guardian, GuardianId, LanguageTag, Moment, Scale};
use welkom_store::{NewRating, NewVisit, Privacy, Store};

/// Group names; the empty name is a child without a group.
const GROUPS: [&str; 4] = ["Vlinders", "Rupsen", "Kikkers", ""];
const SCALES: [Scale; 3] = [Scale::Three, Scale::Four, Scale::Five];
/// An ordinary Monday, the start and the end of summer time in 2026.
const DAYS: [Date; 3] = [date(2026, 3, 2), date(2026, 3, 29), date(2026, 10, 25)];

/// An invented location: children in groups, guardians with some of them, and what
/// happened at the kiosk.
#[derive(Clone, Debug)]
struct World {
    day: Date,
    child_groups: Vec<usize>,
    guardians: Vec<Vec<usize>>,
    steps: Vec<Step>,
}

/// One guardian passing the kiosk, with the ratings given on that visit (a second
/// rating on the same visit is a re-rating).
#[derive(Clone, Debug)]
struct Step {
    guardian: usize,
    children_mask: u8,
    drop_off: bool,
    day_offset: i8,
    minute: u16,
    ratings: Vec<(usize, u8, bool, bool)>,
}

fn world() -> impl Strategy<Value = World> {
    let children = prop::collection::vec(0..GROUPS.len(), 1..7);
    (0..DAYS.len(), children).prop_flat_map(|(day, child_groups)| {
        let n = child_groups.len();
        let guardian = prop::collection::vec(0..n, 1..3);
        let guardians = prop::collection::vec(guardian, 1..6);
        let rating = (
            0..SCALES.len(),
            0u8..5,
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.2),
        );
        let step = (
            0usize..6,
            any::<u8>(),
            any::<bool>(),
            prop::sample::select(vec![-1i8, 0, 0, 0, 0, 1]),
            // 05:00 to 20:59, so that hours vary and summer time changes fall inside.
            0u16..(16 * 60),
            prop::collection::vec(rating, 0..3),
        )
            .prop_map(
                |(guardian, children_mask, drop_off, day_offset, minute, ratings)| Step {
                    guardian,
                    children_mask,
                    drop_off,
                    day_offset,
                    minute,
                    ratings,
                },
            );
        (
            Just(DAYS[day]),
            Just(child_groups),
            guardians,
            prop::collection::vec(step, 0..24),
        )
            .prop_map(|(day, child_groups, guardians, steps)| World {
                day,
                child_groups,
                guardians,
                steps,
            })
    })
}

/// A rating as written, for the recount.
struct Written {
    date: Date,
    moment: Moment,
    scale: Scale,
    score: u8,
    groups: Vec<String>,
    at: Timestamp,
    misuse: bool,
    id: EventId,
}

/// A visit as written, for the recount.
struct WrittenVisit {
    date: Date,
    moment: Moment,
    groups: Vec<String>,
    at: Timestamp,
}

fn roster(world: &World) -> Roster {
    let children = world
        .child_groups
        .iter()
        .enumerate()
        .map(|(i, &g)| Child {
            id: ChildId(format!("C{i}")),
            first_name: format!("Kind{i}"),
            last_name: String::new(),
            group: GROUPS[g].to_owned(),
            birth_date: None,
            start_date: None,
            end_date: None,
        })
        .collect();
    let mut links = Vec::new();
    let guardians = world
        .guardians
        .iter()
        .enumerate()
        .map(|(i, kids)| {
            let kids: BTreeSet<usize> = kids.iter().copied().collect();
            links.extend(kids.iter().map(|&c| (i, c)));
            RosterGuardian {
                guardian: Guardian {
                    id: GuardianId(format!("G{i}")),
                    first_name: format!("Ouder{i}"),
                    last_name: String::new(),
                    language: LanguageTag::dutch(),
                },
                pin: None,
                pin_hash: None,
                badge: None,
            }
        })
        .collect();
    Roster {
        guardians,
        children,
        links,
    }
}

/// Writes the world through the store's API; returns what was written and the ids of
/// the ratings that a later one superseded.
fn write(
    store: &mut Store,
    world: &World,
    tz: &TimeZone,
) -> (Vec<Written>, Vec<WrittenVisit>, BTreeSet<EventId>) {
    store
        .import_roster(&roster(world), "2026-01-01T00:00:00Z".parse().unwrap())
        .unwrap();
    let (mut ratings, mut visits, mut superseded) = (Vec::new(), Vec::new(), BTreeSet::new());
    for step in &world.steps {
        let g = step.guardian % world.guardians.len();
        let own: BTreeSet<usize> = world.guardians[g].iter().copied().collect();
        let mut kids: Vec<usize> = own
            .iter()
            .enumerate()
            .filter(|(bit, _)| step.children_mask & (1 << bit) != 0)
            .map(|(_, &c)| c)
            .collect();
        if kids.is_empty() {
            kids = own.into_iter().collect();
        }
        let mut groups: Vec<String> = Vec::new();
        for &c in &kids {
            let name = GROUPS[world.child_groups[c]];
            if !name.is_empty() && !groups.iter().any(|g| g == name) {
                groups.push(name.to_owned());
            }
        }
        let local_date = world
            .day
            .checked_add(jiff::Span::new().days(step.day_offset))
            .unwrap();
        let minute = i8::try_from(step.minute % 60).unwrap();
        let hour = i8::try_from(5 + step.minute / 60).unwrap();
        let at = local_date
            .at(hour, minute, 0, 0)
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp();
        let moment = if step.drop_off {
            Moment::DropOff
        } else {
            Moment::PickUp
        };
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(format!("G{g}")),
            moment,
            moment_corrected: false,
            children: kids.iter().map(|c| ChildId(format!("C{c}"))).collect(),
            at,
            local_date,
        };
        store.record_visit(&visit).unwrap();
        visits.push(WrittenVisit {
            date: local_date,
            moment,
            groups: groups.clone(),
            at,
        });
        for (k, &(scale, score, misuse, anonymous)) in step.ratings.iter().enumerate() {
            let scale = SCALES[scale];
            let score = 1 + score % scale.size();
            // A few seconds apart: a rating may fall in the next hour of its visit.
            let at = at
                .checked_add(jiff::SignedDuration::from_secs(59 * (k as i64 + 1)))
                .unwrap();
            let rating = NewRating {
                id: EventId::new(),
                score,
                scale,
                at,
                misuse,
                privacy: if anonymous {
                    Privacy::Anonymous
                } else {
                    Privacy::Linked
                },
                replaces: None,
            };
            let recorded = store.record_rating(&visit, &rating).unwrap();
            superseded.extend(recorded.supersedes);
            ratings.push(Written {
                date: local_date,
                moment,
                scale,
                score,
                groups: groups.clone(),
                at,
                misuse,
                id: rating.id,
            });
        }
    }
    (ratings, visits, superseded)
}

/// The recount: faces per (scale, score) and visits of one row.
#[derive(Default)]
struct Row {
    answers: Vec<(Scale, u8)>,
    visits: u32,
}

fn rounded_percent(part: usize, whole: usize) -> f64 {
    ((part * 1000) as f64 / whole as f64 + 0.5).floor() / 10.0
}

impl Row {
    fn cell(&self) -> Cell {
        let n = self.answers.len();
        let mut faces = Vec::new();
        for scale in SCALES {
            if self.answers.iter().any(|(s, _)| *s == scale) {
                for score in (1..=scale.size()).rev() {
                    let count = self
                        .answers
                        .iter()
                        .filter(|a| **a == (scale, score))
                        .count();
                    faces.push(FaceCount {
                        scale,
                        score,
                        count: count as u32,
                    });
                }
            }
        }
        let top = self
            .answers
            .iter()
            .filter(|(s, score)| *score == s.size())
            .count();
        let low = self.answers.iter().filter(|(_, score)| *score <= 2).count();
        let five = n >= 5;
        Cell {
            faces,
            answers: n as u32,
            visits: self.visits,
            enthusiastic: top as u32,
            low: low as u32,
            enthusiastic_percent: five.then(|| rounded_percent(top, n)),
            low_percent: five.then(|| rounded_percent(low, n)),
            response_rate_percent: (five && self.visits > 0)
                .then(|| rounded_percent(n, self.visits as usize)),
        }
    }
}

fn recount(
    day: Date,
    tz: &TimeZone,
    ratings: &[Written],
    visits: &[WrittenVisit],
    superseded: &BTreeSet<EventId>,
) -> DayTally {
    let hour = |at: Timestamp| at.to_zoned(tz.clone()).hour() as u8;
    let moment_tally = |moment: Moment| {
        let mut total = Row::default();
        let mut groups: BTreeMap<String, Row> = BTreeMap::new();
        let mut hours: BTreeMap<u8, Row> = BTreeMap::new();
        let mut misuse = 0;
        for r in ratings
            .iter()
            .filter(|r| r.date == day && r.moment == moment)
        {
            if r.misuse {
                misuse += 1;
                continue;
            }
            if superseded.contains(&r.id) {
                continue;
            }
            let answer = (r.scale, r.score);
            total.answers.push(answer);
            for g in &r.groups {
                groups.entry(g.clone()).or_default().answers.push(answer);
            }
            hours.entry(hour(r.at)).or_default().answers.push(answer);
        }
        for v in visits
            .iter()
            .filter(|v| v.date == day && v.moment == moment)
        {
            total.visits += 1;
            for g in &v.groups {
                groups.entry(g.clone()).or_default().visits += 1;
            }
            hours.entry(hour(v.at)).or_default().visits += 1;
        }
        MomentTally {
            moment,
            total: total.cell(),
            groups: groups
                .iter()
                .map(|(group, row)| GroupCell {
                    group: group.clone(),
                    cell: row.cell(),
                })
                .collect(),
            hours: hours
                .iter()
                .map(|(&hour, row)| HourCell {
                    hour,
                    cell: row.cell(),
                })
                .collect(),
            misuse,
        }
    };
    DayTally {
        date: day,
        drop_off: moment_tally(Moment::DropOff),
        pick_up: moment_tally(Moment::PickUp),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn day_tally_matches_a_recount(world in world()) {
        let tz = TimeZone::get("Europe/Amsterdam").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
        let (ratings, visits, superseded) = write(&mut store, &world, &tz);
        let tally = store.day_tally(world.day, &tz).unwrap();
        prop_assert_eq!(&tally, &recount(world.day, &tz, &ratings, &visits, &superseded));

        // The trend's days agree with the day tallies of the same days.
        let last = world.day.tomorrow().unwrap();
        let trend = store.trend(last, &tz).unwrap();
        prop_assert_eq!(trend.days.len(), 28);
        for day in &trend.days[25..] {
            let tally = store.day_tally(day.date, &tz).unwrap();
            prop_assert_eq!(&day.drop_off, &tally.drop_off.total);
            prop_assert_eq!(&day.pick_up, &tally.pick_up.total);
        }
    }
}
