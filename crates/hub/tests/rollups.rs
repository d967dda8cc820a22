//! The daily roll-ups: kept at ingest, they give the numbers `welkom_core::tally`
//! gives from the raw facts, whatever the order events arrive in; the migration's
//! back-fill gives the same rows as ingest; and the dashboard's queries (trend, heat
//! map, overview) give the figures worked out by hand below.

mod common;

use common::{BackEnd, Hub, send};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;
use welkom_core::tally::{DayTally, RatingCount, RatingFact, Trend, VisitCount, VisitFact};
use welkom_core::{Moment, Scale};
use welkom_hub::Db;
use welkom_hub::db::{Location, NewDevice, Rows};

const GROUPS: [&str; 4] = ["Rupsen", "Vlinders", "Kikkers", ""];

/// The schema version the roll-ups' migration (0005) brings.
const ROLLUPS_VERSION: i64 = 5;

/// Undoes the migrations after the roll-ups', newest first (the same SQL on both
/// back ends), so that a database can be stepped back to before them.
const AFTER_ROLLUPS: &str = "DROP TABLE follow_up_notes; DROP TABLE follow_ups;
     ALTER TABLE devices DROP COLUMN last_waiting;
     ALTER TABLE devices DROP COLUMN app_version;
     ALTER TABLE devices DROP COLUMN clock_offset_ms;";

fn amsterdam() -> TimeZone {
    TimeZone::get("Europe/Amsterdam").unwrap()
}

fn source(device: &NewDevice) -> String {
    format!("/locations/{}/devices/{}", device.location_id, device.id)
}

/// A rating as the kiosk sends it.
#[derive(Clone, Debug)]
struct Rating {
    id: Uuid,
    moment: Moment,
    at: Timestamp,
    scale: Scale,
    score: u8,
    supersedes: Option<Uuid>,
    misuse: bool,
    groups: Vec<String>,
}

/// A visit as the kiosk sends it.
#[derive(Clone, Debug)]
struct Visit {
    id: Uuid,
    moment: Moment,
    at: Timestamp,
    groups: Vec<String>,
}

fn local_date(at: Timestamp) -> Date {
    at.to_zoned(amsterdam()).date()
}

fn local_hour(at: Timestamp) -> u8 {
    at.to_zoned(amsterdam()).hour() as u8
}

impl Rating {
    fn event(&self, device: &NewDevice) -> Value {
        json!({
            "specversion": "1.0", "id": self.id.to_string(), "source": source(device),
            "type": "nl.welkom.rating.recorded.v1", "time": self.at.to_string(),
            "datacontenttype": "application/json",
            "data": {"id": self.id.to_string(), "moment": self.moment.key(),
                     "local_date": local_date(self.at).to_string(), "score": self.score,
                     "scale": self.scale.size(),
                     "supersedes": self.supersedes.map(|s| s.to_string()),
                     "misuse": self.misuse, "groups": self.groups}
        })
    }
}

impl Visit {
    fn event(&self, device: &NewDevice) -> Value {
        json!({
            "specversion": "1.0", "id": self.id.to_string(), "source": source(device),
            "type": "nl.welkom.visit.recorded.v1", "time": self.at.to_string(),
            "datacontenttype": "application/json",
            "data": {"id": self.id.to_string(), "guardian_id": "G1", "moment": self.moment.key(),
                     "moment_corrected": false, "children": ["C1"],
                     "local_date": local_date(self.at).to_string(), "groups": self.groups}
        })
    }
}

/// Stores a batch through the hub's own checks and `store_events`.
fn store(hub: &Hub, device: &NewDevice, events: &[Value]) {
    let body = Value::from(events.to_vec()).to_string();
    let checked =
        welkom_hub::api::batch::check_batch(body.as_bytes(), &device.location_id, &device.id)
            .unwrap();
    assert!(checked.refused.is_empty(), "{:?}", checked.refused);
    hub.runtime
        .block_on(
            hub.db
                .store_events(&device.location_id, &device.id, checked.checked, None),
        )
        .unwrap();
}

/// The tally `welkom_core` computes from the raw facts of one day, given every
/// rating and visit (a rating is superseded when any rating names it).
fn expected_day(day: Date, ratings: &[Rating], visits: &[Visit]) -> DayTally {
    let facts: Vec<RatingFact> = ratings
        .iter()
        .filter(|r| local_date(r.at) == day)
        .map(|r| RatingFact {
            moment: r.moment,
            scale: r.scale,
            score: r.score,
            groups: r.groups.clone(),
            hour: local_hour(r.at),
            superseded: ratings.iter().any(|s| s.supersedes == Some(r.id)),
            misuse: r.misuse,
        })
        .collect();
    let visit_facts: Vec<VisitFact> = visits
        .iter()
        .filter(|v| local_date(v.at) == day)
        .map(|v| VisitFact {
            moment: v.moment,
            groups: v.groups.clone(),
            hour: local_hour(v.at),
        })
        .collect();
    DayTally::from_facts(day, &facts, &visit_facts)
}

/// The four-week trend `welkom_core` computes from raw counts, of the total or of
/// the ratings and visits of one group.
fn expected_trend(
    last_day: Date,
    group: Option<&str>,
    ratings: &[Rating],
    visits: &[Visit],
) -> Trend {
    let in_row = |groups: &[String]| group.is_none_or(|g| groups.iter().any(|x| x == g));
    let counts: Vec<RatingCount> = ratings
        .iter()
        .filter(|r| in_row(&r.groups))
        .map(|r| RatingCount {
            date: local_date(r.at),
            moment: r.moment,
            scale: r.scale,
            score: r.score,
            superseded: ratings.iter().any(|s| s.supersedes == Some(r.id)),
            misuse: r.misuse,
            count: 1,
        })
        .collect();
    let visit_counts: Vec<VisitCount> = visits
        .iter()
        .filter(|v| in_row(&v.groups))
        .map(|v| VisitCount {
            date: local_date(v.at),
            moment: v.moment,
            count: 1,
        })
        .collect();
    Trend::from_counts(last_day, &counts, &visit_counts)
}

/// A generated rating: minutes into the window, scale, a seed for the score,
/// misuse, groups, and which earlier rating (or itself) it supersedes.
type RatingSeed = (u32, u8, u8, bool, bool, Vec<usize>, Option<usize>);
/// A generated visit: moment, minutes into the window, groups.
type VisitSeed = (bool, u32, Vec<usize>);

/// Random ratings and visits over three days around a change of summer time, in a
/// random arrival order, in random batches, some sent twice.
#[derive(Clone, Debug)]
struct Scenario {
    autumn: bool,
    ratings: Vec<RatingSeed>,
    visits: Vec<VisitSeed>,
    order: Vec<usize>,
    batch_sizes: Vec<usize>,
    resend: Vec<bool>,
}

fn scenarios() -> impl Strategy<Value = Scenario> {
    let minutes = 0u32..3 * 24 * 60;
    let groups = prop::collection::vec(0usize..GROUPS.len(), 0..3);
    let rating = (
        minutes.clone(),
        3u8..=5,
        any::<u8>(),
        prop::bool::weighted(0.15),
        any::<bool>(),
        groups.clone(),
        prop::option::weighted(0.35, 0usize..64),
    );
    let visit = (any::<bool>(), minutes, groups);
    (
        any::<bool>(),
        prop::collection::vec(rating, 0..28),
        prop::collection::vec(visit, 0..16),
    )
        .prop_flat_map(|(autumn, ratings, visits)| {
            let n = ratings.len() + visits.len();
            (
                Just(autumn),
                Just(ratings),
                Just(visits),
                Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
                prop::collection::vec(1usize..7, n.max(1)),
                prop::collection::vec(prop::bool::weighted(0.2), n),
            )
        })
        .prop_map(
            |(autumn, ratings, visits, order, batch_sizes, resend)| Scenario {
                autumn,
                ratings,
                visits,
                order,
                batch_sizes,
                resend,
            },
        )
}

impl Scenario {
    fn build(&self) -> (Vec<Rating>, Vec<Visit>) {
        // The night summer time starts (29 March 2026) or ends (25 October 2026) is
        // the second of the three days.
        let start: Timestamp = if self.autumn {
            "2026-10-23T22:00:00Z"
        } else {
            "2026-03-27T23:00:00Z"
        }
        .parse()
        .unwrap();
        let at = |minutes: u32| start + i64::from(minutes).minutes();
        let groups = |idx: &[usize]| idx.iter().map(|&i| GROUPS[i].to_owned()).collect();
        let mut ratings: Vec<Rating> = Vec::new();
        for (i, (minutes, scale, seed, misuse, pick_up, g, supersedes)) in
            self.ratings.iter().enumerate()
        {
            let scale = Scale::try_from(*scale).unwrap();
            let id = Uuid::now_v7();
            ratings.push(Rating {
                id,
                moment: if *pick_up {
                    Moment::PickUp
                } else {
                    Moment::DropOff
                },
                at: at(*minutes),
                scale,
                score: seed % scale.size() + 1,
                // An earlier rating, or (rarely) itself.
                supersedes: supersedes.map(|s| match s % (i + 1) {
                    j if j == i => id,
                    j => ratings[j].id,
                }),
                misuse: *misuse,
                groups: groups(g),
            });
        }
        let visits = self
            .visits
            .iter()
            .map(|(pick_up, minutes, g)| Visit {
                id: Uuid::now_v7(),
                moment: if *pick_up {
                    Moment::PickUp
                } else {
                    Moment::DropOff
                },
                at: at(*minutes),
                groups: groups(g),
            })
            .collect();
        (ratings, visits)
    }

    /// The batches in arrival order, a resent event again right after itself.
    fn batches(&self, ratings: &[Rating], visits: &[Visit], device: &NewDevice) -> Vec<Vec<Value>> {
        let mut events = Vec::new();
        for &i in &self.order {
            let event = match i.checked_sub(ratings.len()) {
                None => ratings[i].event(device),
                Some(v) => visits[v].event(device),
            };
            if self.resend[i] {
                events.push(event.clone());
            }
            events.push(event);
        }
        let mut batches = Vec::new();
        let mut sizes = self.batch_sizes.iter().cycle();
        while !events.is_empty() {
            let n = (*sizes.next().unwrap()).min(events.len());
            batches.push(events.drain(..n).collect());
        }
        batches
    }
}

fn days_of(ratings: &[Rating], visits: &[Visit]) -> BTreeSet<Date> {
    ratings
        .iter()
        .map(|r| local_date(r.at))
        .chain(visits.iter().map(|v| local_date(v.at)))
        .collect()
}

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn check<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), TestCaseError> {
    if got == want {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!(
            "{what}:\n got {got:?}\nwant {want:?}"
        )))
    }
}

fn roll_ups_equal_the_tally_of_the_raw_facts_in_any_arrival_order(back_end: BackEnd) {
    back_end.run(|hub| {
        runner()
            .run(&scenarios(), |scenario| {
                let location = hub.location("Het Kasteel");
                let device = hub.device(&location);
                let (ratings, visits) = scenario.build();
                let days = days_of(&ratings, &visits);
                for batch in scenario.batches(&ratings, &visits, &device) {
                    store(hub, &device, &batch);
                    // After every batch: the roll-ups equal the raw rows stored so far.
                    for &day in &days {
                        let kept = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
                        let raw = hub
                            .runtime
                            .block_on(hub.db.tally_from_raw_rows(&location, day))
                            .unwrap();
                        check(&format!("{day} after a batch"), kept, raw)?;
                    }
                }
                // Once all is in: the tally of the facts themselves.
                for &day in &days {
                    let kept = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
                    check(
                        &format!("{day}"),
                        kept,
                        expected_day(day, &ratings, &visits),
                    )?;
                }
                if let Some(&last) = days.last() {
                    for group in [None, Some("Rupsen"), Some("Vlinders")] {
                        let kept = hub
                            .runtime
                            .block_on(hub.db.trend(&location, last, group))
                            .unwrap();
                        check(
                            &format!("trend of {group:?}"),
                            kept,
                            expected_trend(last, group, &ratings, &visits),
                        )?;
                    }
                }
                // The back-fill gives the same rows as ingest kept.
                let far = (date(2000, 1, 1), date(2100, 1, 1));
                let ids = [location.id.clone()];
                let before = sorted(
                    hub.runtime
                        .block_on(hub.db.rollups(&ids, Rows::All, far.0, far.1))
                        .unwrap(),
                );
                hub.runtime.block_on(hub.db.rebuild_rollups()).unwrap();
                let after = sorted(
                    hub.runtime
                        .block_on(hub.db.rollups(&ids, Rows::All, far.0, far.1))
                        .unwrap(),
                );
                check("rebuilt roll-ups", after, before)?;
                Ok(())
            })
            .unwrap();
    });
}
on_both_back_ends!(roll_ups_equal_the_tally_of_the_raw_facts_in_any_arrival_order);

type Snapshot = (Vec<String>, Vec<String>);

fn sorted(
    (answers, visits): (
        Vec<welkom_hub::db::DatedAnswers>,
        Vec<welkom_hub::db::DatedVisits>,
    ),
) -> Snapshot {
    let mut a: Vec<String> = answers.iter().map(|r| format!("{r:?}")).collect();
    let mut v: Vec<String> = visits.iter().map(|r| format!("{r:?}")).collect();
    a.sort();
    v.sort();
    (a, v)
}

/// Every roll-up row of a database.
fn snapshot(runtime: &tokio::runtime::Runtime, db: &Db) -> Snapshot {
    let ids: Vec<String> = runtime
        .block_on(db.locations())
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    sorted(
        runtime
            .block_on(db.rollups(&ids, Rows::All, date(2000, 1, 1), date(2100, 1, 1)))
            .unwrap(),
    )
}

/// A few weeks of a location: ratings with supersedes (in both orders), misuse,
/// several groups, visits, over a change of summer time.
fn a_month(hub: &Hub, device: &NewDevice) {
    let start: Timestamp = "2026-10-12T06:00:00Z".parse().unwrap();
    let mut events = Vec::new();
    let mut previous: Option<Rating> = None;
    for i in 0..120i64 {
        let at = start + (i / 6 * 24).hours() + (i % 6 * 37).minutes();
        let rating = Rating {
            id: Uuid::now_v7(),
            moment: if i % 2 == 0 {
                Moment::DropOff
            } else {
                Moment::PickUp
            },
            at,
            scale: Scale::Four,
            score: (i % 4 + 1) as u8,
            supersedes: previous.as_ref().filter(|_| i % 7 == 0).map(|p| p.id),
            misuse: i % 11 == 0,
            groups: vec![
                GROUPS[(i % 3) as usize].to_owned(),
                GROUPS[(i % 2) as usize].to_owned(),
            ],
        };
        let visit = Visit {
            id: Uuid::now_v7(),
            moment: rating.moment,
            at: at - 1.minutes(),
            groups: rating.groups.clone(),
        };
        // Every fifth superseding rating arrives before the one it supersedes.
        if i % 35 == 0 && !events.is_empty() {
            let late = events.pop().unwrap();
            events.push(rating.event(device));
            events.push(late);
        } else {
            events.push(rating.event(device));
        }
        events.push(visit.event(device));
        previous = Some(rating);
    }
    for chunk in events.chunks(25) {
        store(hub, device, chunk);
    }
}

#[test]
fn the_migration_fills_the_roll_ups_as_ingest_keeps_them_on_sqlite() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hub.sqlite");
    let url = format!("sqlite:{}", file.display());
    let hub = common::start();
    let location = hub.location("De Boomhut");
    let device = hub.device(&location);
    a_month(&hub, &device);
    let kept = snapshot(&hub.runtime, &hub.db);
    assert!(kept.0.len() > 50 && kept.1.len() > 50, "{kept:?}");
    // A copy of the hub's file (with its write-ahead log) while nothing writes.
    let hub_file = hub.sqlite.clone().unwrap();
    std::fs::copy(&hub_file, &file).unwrap();
    let wal = hub_file.with_file_name("hub.sqlite-wal");
    if wal.exists() {
        std::fs::copy(&wal, file.with_file_name("hub.sqlite-wal")).unwrap();
    }
    drop(hub);
    // Back to the schema before the roll-ups, with the ratings and visits kept.
    let conn = rusqlite::Connection::open(&file).unwrap();
    // Back to the version before the roll-ups (0005): what came with it and after
    // it goes.
    conn.execute_batch(&format!(
        "{AFTER_ROLLUPS} DROP TABLE rating_rollups; DROP TABLE visit_rollups;
         ALTER TABLE devices DROP COLUMN last_contact_at; PRAGMA user_version = {};",
        ROLLUPS_VERSION - 1
    ))
    .unwrap();
    drop(conn);
    let db = runtime.block_on(Db::open(&url)).unwrap();
    assert_eq!(snapshot(&runtime, &db), kept);
}

#[test]
#[ignore = "needs PostgreSQL: apt-get install postgresql"]
fn the_migration_fills_the_roll_ups_as_ingest_keeps_them_on_postgres() {
    let cluster = common::postgres::TempPostgres::require();
    let hub = common::Hub::from_background(
        welkom_hub::BackgroundHub::start(&cluster.url).unwrap(),
        "postgres",
    );
    let location = hub.location("De Boomhut");
    let device = hub.device(&location);
    a_month(&hub, &device);
    let kept = snapshot(&hub.runtime, &hub.db);
    assert!(kept.0.len() > 50 && kept.1.len() > 50, "{kept:?}");
    hub.runtime
        .block_on(async {
            let (client, connection) = tokio_postgres::connect(&cluster.url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(connection);
            client
                .batch_execute(&format!(
                    "{AFTER_ROLLUPS} DROP TABLE rating_rollups; DROP TABLE visit_rollups;
                     ALTER TABLE devices DROP COLUMN last_contact_at;
                     UPDATE hub_schema SET version = {};",
                    ROLLUPS_VERSION - 1
                ))
                .await
        })
        .unwrap();
    let db = hub.runtime.block_on(Db::open(&cluster.url)).unwrap();
    assert_eq!(snapshot(&hub.runtime, &db), kept);
}

/// Sends events over HTTP, as a kiosk does.
fn post(hub: &Hub, device: &NewDevice, events: Vec<Value>) {
    let (status, answer) = send(hub, &device.token, &Value::from(events));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["refused"], json!([]), "{answer}");
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn rating(moment: Moment, time: &str, score: u8, groups: &[&str]) -> Rating {
    Rating {
        id: Uuid::now_v7(),
        moment,
        at: at(time),
        scale: Scale::Four,
        score,
        supersedes: None,
        misuse: false,
        groups: groups.iter().map(|g| g.to_string()).collect(),
    }
}

fn visits(moment: Moment, time: &str, n: usize, groups: &[&str]) -> Vec<Visit> {
    (0..n)
        .map(|_| Visit {
            id: Uuid::now_v7(),
            moment,
            at: at(time),
            groups: groups.iter().map(|g| g.to_string()).collect(),
        })
        .collect()
}

/// Two weeks worked out by hand (Amsterdam is UTC+1 in March):
///
/// - Monday 2 March, drop-off 08:xx, group Rupsen: faces 4, 4, 3, 2, 1 and 8 visits.
/// - Tuesday 10 March, drop-off 08:xx, group Vlinders: faces 4, 4, 4, 3, 3, 1 that
///   count, a 1 superseded by one of the 4s (sent after it), a 4 flagged as misuse;
///   8 visits.
/// - Tuesday 10 March, pick-up 17:xx, no group: faces 4 and 2, 3 visits.
fn two_weeks(hub: &Hub) -> (Location, NewDevice, NewDevice) {
    let location = hub.location("Het Kasteel");
    let device = hub.device(&location);
    let silent = hub.device(&location);
    let monday = "2026-03-02T07:10:00Z";
    let mut events: Vec<Value> = [4, 4, 3, 2, 1]
        .iter()
        .map(|&s| rating(Moment::DropOff, monday, s, &["Rupsen"]).event(&device))
        .collect();
    events.extend(
        visits(Moment::DropOff, monday, 8, &["Rupsen"])
            .iter()
            .map(|v| v.event(&device)),
    );
    post(hub, &device, events);

    let tuesday = "2026-03-10T07:20:00Z";
    let replaced = rating(Moment::DropOff, tuesday, 1, &["Vlinders"]);
    let mut again = rating(Moment::DropOff, "2026-03-10T07:21:00Z", 4, &["Vlinders"]);
    again.supersedes = Some(replaced.id);
    let mut burst = rating(Moment::DropOff, tuesday, 4, &["Vlinders"]);
    burst.misuse = true;
    let mut events = vec![again.event(&device), burst.event(&device)];
    events.extend(
        [4, 4, 3, 3, 1]
            .iter()
            .map(|&s| rating(Moment::DropOff, tuesday, s, &["Vlinders"]).event(&device)),
    );
    events.extend(
        visits(Moment::DropOff, tuesday, 8, &["Vlinders"])
            .iter()
            .map(|v| v.event(&device)),
    );
    let evening = "2026-03-10T16:30:00Z";
    events.push(rating(Moment::PickUp, evening, 4, &[]).event(&device));
    events.push(rating(Moment::PickUp, evening, 2, &[]).event(&device));
    events.extend(
        visits(Moment::PickUp, evening, 3, &[])
            .iter()
            .map(|v| v.event(&device)),
    );
    post(hub, &device, events.clone());
    // The superseded rating arrives last, and everything once more.
    post(hub, &device, vec![replaced.event(&device)]);
    post(hub, &device, events);
    (location, device, silent)
}

fn dashboard_queries_give_the_figures_worked_out_by_hand(back_end: BackEnd) {
    back_end.run(|hub| {
        let (location, device, silent) = two_weeks(hub);
        let tuesday = date(2026, 3, 10);

        // Today, Tuesday: the kiosk's tally, equal to the raw rows' tally.
        let today = hub
            .runtime
            .block_on(hub.db.tally(&location, tuesday))
            .unwrap();
        assert_eq!(
            today,
            hub.runtime
                .block_on(hub.db.tally_from_raw_rows(&location, tuesday))
                .unwrap()
        );
        let d = &today.drop_off;
        assert_eq!((d.total.answers, d.total.visits, d.misuse), (6, 8, 1));
        assert_eq!((d.total.enthusiastic, d.total.low), (3, 1));
        assert_eq!(d.total.enthusiastic_percent, Some(50.0));
        assert_eq!(d.total.low_percent, Some(16.7));
        assert_eq!(d.total.response_rate_percent, Some(75.0));
        assert_eq!(d.groups.len(), 1);
        assert_eq!(d.groups[0].group, "Vlinders");
        assert_eq!((d.groups[0].cell.answers, d.groups[0].cell.visits), (6, 8));
        assert_eq!(d.hours.len(), 1);
        assert_eq!((d.hours[0].hour, d.hours[0].cell.answers), (8, 6));
        let p = &today.pick_up;
        assert_eq!((p.total.answers, p.total.visits, p.misuse), (2, 3, 0));
        assert_eq!(
            p.total.enthusiastic_percent, None,
            "two answers: counts only"
        );
        assert!(p.groups.is_empty());
        assert_eq!(p.hours[0].hour, 17);

        // Overview on Sunday 15 March, 12:00 there: the last week (9 to 15 March)
        // has 6 + 2 = 8 answers, 4 enthusiastic (50 %), 2 low (25 %), 11 visits
        // (72.7 %); the week before (2 to 8 March) 5 answers, 2 enthusiastic (40 %),
        // 2 low (40 %), 8 visits (62.5 %). Changes: +10.0, -15.0 and
        // 8/11 - 5/8 = 10.227… → +10.2 points; 3 answers more.
        let rows = hub
            .runtime
            .block_on(
                hub.db
                    .overview(std::slice::from_ref(&location), at("2026-03-15T11:00:00Z")),
            )
            .unwrap();
        assert_eq!(rows.len(), 1);
        let week = &rows[0].week;
        assert_eq!(rows[0].last_day, date(2026, 3, 15));
        assert_eq!((week.last.answers, week.last.visits), (8, 11));
        assert_eq!(week.last.enthusiastic_percent, Some(50.0));
        assert_eq!(week.last.low_percent, Some(25.0));
        assert_eq!(week.last.response_rate_percent, Some(72.7));
        assert_eq!((week.before.answers, week.before.visits), (5, 8));
        assert_eq!(week.before.enthusiastic_percent, Some(40.0));
        assert_eq!(week.answers_change, 3);
        assert_eq!(week.enthusiastic_change_points, Some(10.0));
        assert_eq!(week.low_change_points, Some(-15.0));
        assert_eq!(week.response_rate_change_points, Some(10.2));
        // The device that sent is heard from; the other never was.
        let devices = &rows[0].devices;
        assert_eq!(devices.len(), 2);
        assert_eq!(devices[0].device_id, device.id);
        let heard = devices[0]
            .last_contact
            .expect("the sending device was heard from");
        assert!(heard.duration_until(Timestamp::now()).as_secs() < 600);
        assert_eq!(
            (devices[1].device_id.as_str(), devices[1].last_contact),
            (silent.id.as_str(), None)
        );
        // A week later the last week is empty: no change without five answers.
        let later = hub
            .runtime
            .block_on(
                hub.db
                    .overview(std::slice::from_ref(&location), at("2026-03-22T11:00:00Z")),
            )
            .unwrap();
        assert_eq!(
            (later[0].week.before.answers, later[0].week.last.answers),
            (8, 0)
        );
        assert_eq!(later[0].week.enthusiastic_change_points, None);

        // Heat map, 2 to 15 March: Monday 08 (5 answers, 40 %), Tuesday 08 (6, 50 %),
        // Tuesday 17 (2 answers: no percentage).
        let map = hub
            .runtime
            .block_on(
                hub.db
                    .heat_map(&location, date(2026, 3, 2), date(2026, 3, 15), None),
            )
            .unwrap();
        let squares: Vec<(u8, u8, u32, u32, Option<f64>)> = map
            .cells
            .iter()
            .map(|c| {
                (
                    c.weekday,
                    c.hour,
                    c.cell.answers,
                    c.cell.visits,
                    c.cell.enthusiastic_percent,
                )
            })
            .collect();
        assert_eq!(
            squares,
            [
                (1, 8, 5, 8, Some(40.0)),
                (2, 8, 6, 8, Some(50.0)),
                (2, 17, 2, 3, None)
            ]
        );
        let vlinders = hub
            .runtime
            .block_on(hub.db.heat_map(
                &location,
                date(2026, 3, 2),
                date(2026, 3, 15),
                Some("Vlinders"),
            ))
            .unwrap();
        assert_eq!(vlinders.cells.len(), 1);
        assert_eq!(
            (vlinders.cells[0].weekday, vlinders.cells[0].cell.answers),
            (2, 6)
        );
        assert!(
            hub.runtime
                .block_on(
                    hub.db
                        .heat_map(&location, date(2026, 3, 15), date(2026, 3, 2), None)
                )
                .is_err(),
            "a period that ends before it starts is refused"
        );

        // Thirteen weeks ending Sunday 15 March: 15 December to 15 March, the last
        // two weeks as above.
        let weeks = hub
            .runtime
            .block_on(hub.db.trend_weeks(&location, date(2026, 3, 15), 13, None))
            .unwrap();
        assert_eq!(weeks.len(), 13);
        assert_eq!(weeks[0].first_day, date(2025, 12, 15));
        assert_eq!(weeks[12].last_day, date(2026, 3, 15));
        assert_eq!(weeks[11].first_day, date(2026, 3, 2));
        assert_eq!(
            (weeks[11].drop_off.answers, weeks[11].pick_up.answers),
            (5, 0)
        );
        assert_eq!(weeks[11].drop_off.enthusiastic_percent, Some(40.0));
        assert_eq!(
            (weeks[12].drop_off.answers, weeks[12].pick_up.answers),
            (6, 2)
        );
        assert_eq!((weeks[12].both.answers, weeks[12].both.visits), (8, 11));
        assert!(
            weeks[..11]
                .iter()
                .all(|w| w.both.answers == 0 && w.both.visits == 0)
        );
        let year = hub
            .runtime
            .block_on(
                hub.db
                    .trend_weeks(&location, date(2026, 3, 15), 52, Some("Rupsen")),
            )
            .unwrap();
        assert_eq!(year.len(), 52);
        assert_eq!(year.iter().map(|w| w.both.answers).sum::<u32>(), 5);
        assert_eq!(year[50].drop_off.visits, 8);
        assert!(
            hub.runtime
                .block_on(hub.db.trend_weeks(&location, date(2026, 3, 15), 0, None))
                .is_err()
        );

        // The kiosk's four-week trend: the same week-on-week change.
        let trend = hub
            .runtime
            .block_on(hub.db.trend(&location, date(2026, 3, 15), None))
            .unwrap();
        assert_eq!(
            trend.week_on_week.both.enthusiastic_change_points,
            Some(10.0)
        );
        assert_eq!(
            trend.week_on_week.drop_off.enthusiastic_change_points,
            Some(10.0)
        );
        let day = trend.days.iter().find(|d| d.date == tuesday).unwrap();
        assert_eq!((day.drop_off.answers, day.pick_up.answers), (6, 2));
    });
}
on_both_back_ends!(dashboard_queries_give_the_figures_worked_out_by_hand);

/// The night summer time ends, 02:00 to 02:59 comes twice: both are the row "02".
fn hours_follow_the_clock_when_summer_time_ends(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Zonnebloem");
        let device = hub.device(&location);
        let events = vec![
            rating(Moment::DropOff, "2026-10-25T00:30:00Z", 4, &[]).event(&device), // 02:30 CEST
            rating(Moment::DropOff, "2026-10-25T01:30:00Z", 3, &[]).event(&device), // 02:30 CET
            rating(Moment::DropOff, "2026-10-25T02:30:00Z", 2, &[]).event(&device), // 03:30 CET
        ];
        post(hub, &device, events);
        let day = hub
            .runtime
            .block_on(hub.db.tally(&location, date(2026, 10, 25)))
            .unwrap();
        let hours: Vec<(u8, u32)> = day
            .drop_off
            .hours
            .iter()
            .map(|h| (h.hour, h.cell.answers))
            .collect();
        assert_eq!(hours, [(2, 2), (3, 1)]);
        let map = hub
            .runtime
            .block_on(
                hub.db
                    .heat_map(&location, date(2026, 10, 25), date(2026, 10, 25), None),
            )
            .unwrap();
        let squares: Vec<(u8, u8, u32)> = map
            .cells
            .iter()
            .map(|c| (c.weekday, c.hour, c.cell.answers))
            .collect();
        assert_eq!(squares, [(7, 2, 2), (7, 3, 1)]);
    });
}
on_both_back_ends!(hours_follow_the_clock_when_summer_time_ends);

/// Retention drops the guardian from old events; the roll-ups (no names) stay, and
/// so do the figures. An erasure strips a family's ids, not its anonymous counts.
fn retention_and_erasure_leave_the_counts(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let device = hub.device(&location);
        a_month(hub, &device);
        let before = snapshot(&hub.runtime, &hub.db);
        let changed = hub
            .runtime
            .block_on(hub.db.apply_retention(Timestamp::now() + 24.hours()))
            .unwrap();
        assert!(changed > 0, "retention changed events");
        let erased = json!({
            "specversion": "1.0", "id": Uuid::now_v7().to_string(), "source": source(&device),
            "type": "nl.welkom.family.erased.v1", "time": "2026-11-20T10:00:00Z",
            "datacontenttype": "application/json",
            "data": {"guardian_id": "G1", "child_ids": ["C1"]}
        });
        store(hub, &device, &[erased]);
        assert_eq!(snapshot(&hub.runtime, &hub.db), before);
        let day = date(2026, 10, 14);
        assert_eq!(
            hub.runtime.block_on(hub.db.tally(&location, day)).unwrap(),
            hub.runtime
                .block_on(hub.db.tally_from_raw_rows(&location, day))
                .unwrap()
        );
    });
}
on_both_back_ends!(retention_and_erasure_leave_the_counts);

#[test]
fn every_day_of_a_month_equals_the_raw_tally_on_sqlite() {
    let hub = common::start();
    let location = hub.location("De Boomhut");
    let device = hub.device(&location);
    a_month(&hub, &device);
    let mut day = date(2026, 10, 12);
    let mut answers = 0;
    while day <= date(2026, 11, 2) {
        let kept = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
        assert_eq!(
            kept,
            hub.runtime
                .block_on(hub.db.tally_from_raw_rows(&location, day))
                .unwrap()
        );
        answers += kept.drop_off.total.answers + kept.pick_up.total.answers;
        day = day.tomorrow().unwrap();
    }
    assert!(answers > 80, "{answers} answers");
}
