//! (e) Today and Trend over a year of ratings: the time `Store::day_tally` and
//! `Store::trend` take on a store holding a year of weekdays for 200 invented
//! families (about 100,000 ratings, with re-ratings, misuse bursts and a switch from
//! four to five faces), on a database file on disk.
//!
//! Run: `cargo bench --bench tally`

mod common;

use jiff::civil::{Date, Weekday, date};
use jiff::tz::TimeZone;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::Path;
use std::time::Instant;
use welkom_core::LanguageTag;
use welkom_store::{FollowUpScope, Store};

const FAMILIES: usize = 200;
const CALLS: usize = 200;
const ZONE: &str = "Europe/Amsterdam";
/// The year ends on a Friday; on 1 June the location switches to five faces.
const LAST_DAY: Date = date(2026, 11, 20);
const FIVE_FACES_FROM: Date = date(2026, 6, 1);

fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

/// The weekdays of the year ending on `LAST_DAY`, oldest first.
fn weekdays() -> Vec<Date> {
    let mut day = LAST_DAY.checked_sub(jiff::Span::new().days(364)).unwrap();
    let mut days = Vec::new();
    while day <= LAST_DAY {
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            days.push(day);
        }
        day = day.tomorrow().unwrap();
    }
    days
}

/// The groups of family `i`'s children, as `common::roster_csv` places them.
fn groups(i: usize) -> String {
    if i.is_multiple_of(3) {
        format!("[\"Groep{}\",\"Groep{}\"]", i % 6, (i + 1) % 6)
    } else {
        format!("[\"Groep{}\"]", i % 6)
    }
}

/// A face: mostly the top one, now and then a low one.
fn score(rng: &mut StdRng, size: u8) -> u8 {
    match rng.random_range(0..100) {
        0..55 => size,
        55..85 => size - 1,
        85..95 => 2,
        _ => 1,
    }
}

/// Fills the store with a year of visits and ratings in one transaction, with the
/// columns `Store::record_visit` and `Store::record_rating` write (the outbox left
/// out: the tally does not read it). Returns the number of ratings.
fn fill(path: &Path) -> usize {
    let mut store = Store::open(path).unwrap();
    let roster = welkom_core::roster::parse(
        common::roster_csv(FAMILIES).as_bytes(),
        &LanguageTag::dutch(),
    )
    .unwrap();
    store
        .import_roster(&roster, "2025-11-01T00:00:00Z".parse().unwrap())
        .unwrap();
    drop(store);
    let tz = TimeZone::get(ZONE).unwrap();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let mut visit = tx
        .prepare(
            "INSERT INTO visits (id, guardian_id, moment, at_unix_ms, local_date, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .unwrap();
    let mut child = tx
        .prepare("INSERT INTO visit_children (visit_id, child_id) VALUES (?1, ?2)")
        .unwrap();
    let mut rating = tx
        .prepare(
            "INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, local_date,
                                  score, scale, supersedes, misuse, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .unwrap();
    let mut rng = StdRng::seed_from_u64(2026);
    let mut ratings = 0;
    for day in weekdays() {
        let size: u8 = if day >= FIVE_FACES_FROM { 5 } else { 4 };
        let local_date = day.to_string();
        for i in 0..FAMILIES {
            let guardian = format!("G{i}");
            let groups = groups(i);
            for (moment, from_minute, minutes) in [("drop_off", 7 * 60, 150), ("pick_up", 930, 180)]
            {
                let minute = from_minute + rng.random_range(0..minutes);
                let at = day
                    .at((minute / 60) as i8, (minute % 60) as i8, 0, 0)
                    .to_zoned(tz.clone())
                    .unwrap()
                    .timestamp()
                    .as_millisecond();
                let visit_id = uuid::Uuid::now_v7().to_string();
                visit
                    .execute(rusqlite::params![
                        visit_id, guardian, moment, at, local_date, groups
                    ])
                    .unwrap();
                child.execute((&visit_id, format!("C{i}"))).unwrap();
                if i.is_multiple_of(3) {
                    child.execute((&visit_id, format!("D{i}"))).unwrap();
                }
                if !rng.random_bool(0.95) {
                    continue;
                }
                let misuse = rng.random_bool(0.003);
                let first = uuid::Uuid::now_v7().to_string();
                let first_score = score(&mut rng, size);
                rating
                    .execute(rusqlite::params![
                        first,
                        visit_id,
                        guardian,
                        moment,
                        at + 4_000,
                        local_date,
                        first_score,
                        size,
                        None::<String>,
                        misuse,
                        groups
                    ])
                    .unwrap();
                ratings += 1;
                if !misuse && rng.random_bool(0.02) {
                    let again = uuid::Uuid::now_v7().to_string();
                    rating
                        .execute(rusqlite::params![
                            again,
                            visit_id,
                            guardian,
                            moment,
                            at + 9_000,
                            local_date,
                            score(&mut rng, size),
                            size,
                            first,
                            false,
                            groups
                        ])
                        .unwrap();
                    ratings += 1;
                }
            }
        }
    }
    drop((visit, child, rating));
    tx.commit().unwrap();
    ratings
}

/// p50, p99 and max of samples in milliseconds.
fn summary(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    format!(
        "p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        common::percentile(&samples, 50.0),
        common::percentile(&samples, 99.0),
        samples[samples.len() - 1]
    )
}

/// Calls `f` for each day, returning wall-clock and thread CPU samples.
fn time(days: &[Date], mut f: impl FnMut(Date)) -> (Vec<f64>, Vec<f64>) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for &day in days {
        let (started, cpu_started) = (Instant::now(), thread_cpu_ms());
        f(day);
        cpu.push(thread_cpu_ms() - cpu_started);
        wall.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    (wall, cpu)
}

fn main() {
    let dir = common::scratch("tally");
    let path = dir.path().join("welkom.sqlite");
    let ratings = fill(&path);
    let store = Store::open(&path).unwrap();
    let tz = TimeZone::get(ZONE).unwrap();
    let all = weekdays();
    // The last CALLS weekdays, each asked for once: every call reads another day.
    let days = &all[all.len().saturating_sub(CALLS)..];
    // Warm up: the first call prepares the statements.
    std::hint::black_box(store.day_tally(LAST_DAY, &tz).unwrap());
    std::hint::black_box(store.trend(LAST_DAY, &tz).unwrap());

    let (wall, cpu) = time(days, |day| {
        let tally = store.day_tally(day, &tz).unwrap();
        assert!(tally.drop_off.total.answers > 0);
        std::hint::black_box(tally);
    });
    println!(
        "day_tally ({CALLS} weekdays, {ratings} ratings, {FAMILIES} families, {} on disk): {}; CPU {}",
        path.display(),
        summary(wall),
        summary(cpu)
    );
    let (wall, cpu) = time(days, |day| {
        let trend = store.trend(day, &tz).unwrap();
        assert_eq!(trend.days.len(), 28);
        std::hint::black_box(trend);
    });
    println!(
        "trend     ({CALLS} last days, 28 days each): {}; CPU {}",
        summary(wall),
        summary(cpu)
    );
    drop(store);
    follow_ups(&path, &tz);
}

/// The follow-up list and the count on the staff button, after a year in which the
/// team talked about every low rating but those of the last three weekdays.
fn follow_ups(path: &std::path::Path, tz: &TimeZone) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let recent = weekdays()[weekdays().len() - 3].to_string();
    let handled = conn
        .execute(
            "INSERT INTO follow_up_notes (id, rating_id, staff_id, staff_name, note, at_unix_ms)
             SELECT 'n-' || id, id, NULL, 'Marieke', 'Gesproken bij het ophalen',
                    at_unix_ms + 8 * 3600 * 1000
             FROM ratings WHERE score <= 2 AND misuse = 0 AND local_date < ?1",
            [&recent],
        )
        .unwrap();
    drop(conn);
    let mut store = Store::open(path).unwrap();
    let open = store.rebuild_open_follow_ups().unwrap();
    let since = LAST_DAY.to_zoned(tz.clone()).unwrap().timestamp();
    let calls: Vec<Date> = vec![LAST_DAY; CALLS];
    std::hint::black_box(
        store
            .follow_ups(FollowUpScope::OpenAndHandledSince(since))
            .unwrap(),
    );
    let (wall, cpu) = time(&calls, |_| {
        let items = store
            .follow_ups(FollowUpScope::OpenAndHandledSince(since))
            .unwrap();
        assert!(items.len() >= open);
        std::hint::black_box(items);
    });
    println!(
        "follow_ups ({open} open, {handled} handled in the year, {CALLS} calls): {}; CPU {}",
        summary(wall),
        summary(cpu)
    );
    let (wall, cpu) = time(&calls, |_| {
        std::hint::black_box(store.open_follow_up_count().unwrap());
    });
    println!(
        "open_follow_up_count ({CALLS} calls): {}; CPU {}",
        summary(wall),
        summary(cpu)
    );
}
