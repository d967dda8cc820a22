//! The dashboard's queries at an organisation's size: invented locations with a year
//! of ratings and visits each, loaded through the hub's real ingest path
//! (`POST /v1/events`, batches of 500, the daily roll-ups kept in the same
//! transaction), then every query a page needs, and every page as a logged-in admin
//! gets it over HTTP (the hub's clock at the data's last afternoon), timed over many
//! calls.
//!
//! The data: per location `WELKOM_BENCH_FAMILIES` families (default 100), each in one
//! of six groups (one in ten with a second child in the next group), on every weekday
//! of the year ending on Friday 27 November 2026: a drop-off visit (07:15 to 09:00)
//! and a pick-up visit (16:00 to 18:15), each rated in 60 % of cases; one rating in
//! 30 tapped again (a second rating superseding the first, one in five of those sent
//! before the one it supersedes), one in 100 followed by a misuse burst of two taps.
//!
//! Run: `cargo bench -p welkom-hub --bench dashboard`. The size comes from the
//! environment: `WELKOM_BENCH_LOCATIONS` (default 2), `WELKOM_BENCH_DAYS` (days back
//! from the last, default 28; 364 is a year), `WELKOM_BENCH_CALLS` (per query,
//! default 200) and `WELKOM_BENCH_BACK_ENDS` (`sqlite`, `postgres` or both, the
//! default). The issue's figures:
//!
//! ```text
//! WELKOM_BENCH_LOCATIONS=5 WELKOM_BENCH_DAYS=364 WELKOM_BENCH_BACK_ENDS=sqlite \
//!   cargo bench -p welkom-hub --bench dashboard
//! WELKOM_BENCH_LOCATIONS=50 WELKOM_BENCH_DAYS=364 WELKOM_BENCH_BACK_ENDS=postgres \
//!   cargo bench -p welkom-hub --bench dashboard
//! ```
//!
//! PostgreSQL comes from /usr/lib/postgresql/*/bin (a throw-away cluster, fsync on);
//! SQLite is a file under target/bench-scratch (`synchronous=FULL`).

// Only `start_with` is used here; the tests use the rest.
#[allow(dead_code)]
#[path = "../tests/common/postgres.rs"]
mod postgres;

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use welkom_hub::BackgroundHub;
use welkom_hub::db::Location;

const GROUPS: usize = 6;
const BATCH: usize = 500;
const SENDERS: usize = 2;

fn env_number(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Err(_) => default,
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text} is not a whole number")),
    }
}

fn scratch(name: &str) -> tempfile::TempDir {
    let base = std::env::current_dir()
        .unwrap()
        .join("target")
        .join("bench-scratch");
    std::fs::create_dir_all(&base).unwrap();
    tempfile::Builder::new()
        .prefix(name)
        .tempdir_in(base)
        .unwrap()
}

/// A small, seeded random source (xorshift), so every run loads the same data.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// `true` with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An event id: a UUIDv7 at the event's time (ids stay unique across locations).
fn id_at(at: Timestamp, dice: &mut Dice) -> String {
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&dice.next().to_be_bytes());
    random[8..].copy_from_slice(&dice.next().to_be_bytes()[..2]);
    uuid::Builder::from_unix_timestamp_millis(at.as_millisecond() as u64, &random)
        .into_uuid()
        .to_string()
}

/// One location's events of a year, in the order a kiosk sends them.
fn location_events(
    location: &str,
    device: &str,
    families: usize,
    days: i64,
    seed: u64,
) -> Vec<Value> {
    let zone = TimeZone::get("Europe/Amsterdam").unwrap();
    let source = format!("/locations/{location}/devices/{device}");
    let mut dice = Dice(seed | 1);
    let last = last_day();
    let mut events = Vec::new();
    let scores = [4u8, 4, 4, 3, 3, 3, 2, 1, 4, 3];
    for back in (0..days).rev() {
        let day = last.checked_sub(back.days()).unwrap();
        if day.weekday().to_monday_one_offset() > 5 {
            continue;
        }
        for (moment, from, span) in [("drop_off", 7 * 60 + 15, 105), ("pick_up", 16 * 60, 135)] {
            for family in 0..families {
                let minute = from + dice.below(span) as i64;
                let at = day
                    .at(
                        (minute / 60) as i8,
                        (minute % 60) as i8,
                        dice.below(60) as i8,
                        0,
                    )
                    .to_zoned(zone.clone())
                    .unwrap()
                    .timestamp();
                let group = family % GROUPS;
                let mut groups = vec![format!("Groep {}", group + 1)];
                if family % 10 == 0 {
                    groups.push(format!("Groep {}", (group + 1) % GROUPS + 1));
                }
                let visit_id = id_at(at, &mut dice);
                events.push(json!({
                    "specversion": "1.0", "id": visit_id, "source": source,
                    "type": "nl.welkom.visit.recorded.v1", "time": at.to_string(),
                    "datacontenttype": "application/json",
                    "data": {"id": visit_id, "guardian_id": format!("G{family}"), "moment": moment,
                             "moment_corrected": false, "children": [format!("C{family}")],
                             "local_date": day.to_string(), "groups": groups}
                }));
                if !dice.chance(0.6) {
                    continue;
                }
                let rating = |at: Timestamp,
                              score: u8,
                              supersedes: Option<&str>,
                              misuse: bool,
                              dice: &mut Dice| {
                    let id = id_at(at, dice);
                    let event = json!({
                        "specversion": "1.0", "id": id, "source": source,
                        "type": "nl.welkom.rating.recorded.v1", "time": at.to_string(),
                        "datacontenttype": "application/json",
                        "data": {"id": id, "moment": moment, "local_date": day.to_string(),
                                 "score": score, "scale": 4, "supersedes": supersedes,
                                 "misuse": misuse, "visit_id": visit_id,
                                 "guardian_id": format!("G{family}"), "groups": groups}
                    });
                    (id, event)
                };
                let tapped = at + 20.seconds();
                let score = scores[dice.below(scores.len() as u64) as usize];
                let (first_id, first) = rating(tapped, score, None, false, &mut dice);
                if dice.chance(1.0 / 30.0) {
                    let again = scores[dice.below(scores.len() as u64) as usize];
                    let (_, second) = rating(
                        tapped + 10.seconds(),
                        again,
                        Some(&first_id),
                        false,
                        &mut dice,
                    );
                    if dice.chance(0.2) {
                        events.push(second);
                        events.push(first);
                    } else {
                        events.push(first);
                        events.push(second);
                    }
                } else {
                    events.push(first);
                }
                if dice.chance(0.01) {
                    for tap in 1..=2 {
                        let (_, burst) =
                            rating(tapped + (30 * tap).seconds(), 1, None, true, &mut dice);
                        events.push(burst);
                    }
                }
            }
        }
    }
    events
}

/// The last day of the data, a Friday.
fn last_day() -> Date {
    date(2026, 11, 27)
}

/// Loads every location through `POST /v1/events` (each sender makes a location's
/// events, then sends them); returns the events, the seconds it took and the seconds
/// each sender spent waiting for the hub's answers, on average.
fn load(
    hub: &BackgroundHub,
    devices: &[(Location, String, String)],
    families: usize,
    days: i64,
) -> (usize, f64, f64) {
    let url = format!("{}/v1/events", hub.url);
    let started = Instant::now();
    let senders: Vec<_> = (0..SENDERS)
        .map(|sender| {
            let mine: Vec<(String, String, String)> = devices
                .iter()
                .enumerate()
                .filter(|(i, _)| i % SENDERS == sender)
                .map(|(_, (l, d, t))| (l.id.clone(), d.clone(), t.clone()))
                .collect();
            let url = url.clone();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut sent = 0usize;
                let mut busy = Duration::ZERO;
                for (n, (location, device, token)) in mine.iter().enumerate() {
                    let events = location_events(
                        location,
                        device,
                        families,
                        days,
                        // Odd and different for every location: the dice must not
                        // make two locations the same event ids (an id is stored once).
                        0x5eed + 2 * (sender + n * SENDERS) as u64,
                    );
                    for batch in events.chunks(BATCH) {
                        let body = serde_json::to_vec(batch).unwrap();
                        let t = Instant::now();
                        let mut response = agent
                            .post(&url)
                            .header("Authorization", &format!("Bearer {token}"))
                            .header("Welkom-Protocol", "1")
                            .header("Content-Type", "application/cloudevents-batch+json")
                            .send(&body[..])
                            .unwrap();
                        assert_eq!(response.status().as_u16(), 200);
                        let answer: welkom_protocol::BatchAnswer =
                            response.body_mut().read_json().unwrap();
                        busy += t.elapsed();
                        assert!(answer.refused.is_empty(), "{:?}", answer.refused);
                        assert_eq!(answer.accepted, batch.len(), "every event is new");
                        sent += batch.len();
                    }
                }
                (sent, busy)
            })
        })
        .collect();
    let mut total = 0;
    let mut waiting = Duration::ZERO;
    for sender in senders {
        let (sent, busy) = sender.join().unwrap();
        total += sent;
        waiting += busy;
    }
    (
        total,
        started.elapsed().as_secs_f64(),
        waiting.as_secs_f64() / SENDERS as f64,
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Times `calls` calls of a query; prints p50, p99 and the slowest.
fn time<F: std::future::Future<Output = ()>>(
    hub: &BackgroundHub,
    name: &str,
    calls: usize,
    mut query: impl FnMut(usize) -> F,
) {
    // A few calls first, as a running hub would have had.
    for i in 0..3 {
        hub.runtime.block_on(query(i));
    }
    let mut times = Vec::with_capacity(calls);
    for i in 0..calls {
        let started = Instant::now();
        hub.runtime.block_on(query(i));
        times.push(started.elapsed());
    }
    report(name, times);
}

/// Prints the p50, p99 and slowest of these times.
fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "  {name:42} p50 {:>10}  p99 {:>10}  max {:>10}",
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap())
    );
}

fn run(
    back_end: &str,
    database_url: &str,
    locations: usize,
    families: usize,
    days: i64,
    calls: usize,
) {
    let now: Timestamp = "2026-11-27T17:00:00Z".parse().unwrap();
    let hub = BackgroundHub::start_with(
        database_url,
        welkom_hub::web::WebSettings {
            clock: std::sync::Arc::new(welkom_hub::clock::ManualClock::new(now)),
            ..welkom_hub::web::WebSettings::default()
        },
    )
    .unwrap();
    let devices: Vec<(Location, String, String)> = (0..locations)
        .map(|i| {
            let (location, device) = hub
                .location_with_device(&format!("Locatie {}", i + 1))
                .unwrap();
            (location, device.id, device.token)
        })
        .collect();
    let (events, seconds, waiting) = load(&hub, &devices, families, days);
    println!(
        "{back_end}: {locations} locations × {days} days × {families} families: {events} events loaded over HTTP in {seconds:.1} s ({SENDERS} senders, batches of {BATCH}, roll-ups kept); {waiting:.1} s of it waiting for the hub per sender = {:.0} events/s",
        events as f64 / waiting
    );
    let all: Vec<Location> = devices.iter().map(|(l, _, _)| l.clone()).collect();
    let db = hub.db.clone();
    let last = last_day();
    let pick = |i: usize| all[(i * 7919) % all.len()].clone();
    let some_day = |i: usize| {
        let back = (i * 31 % days.max(1) as usize) as i64;
        last.checked_sub(back.days()).unwrap()
    };
    println!("  query (each call one location unless said){:>22}", "");
    time(&hub, "overview, every location", calls, |_| {
        let (db, all) = (db.clone(), all.clone());
        async move {
            let rows = db.overview(&all, now).await.unwrap();
            assert_eq!(rows.len(), all.len());
        }
    });
    time(&hub, "overview, one location (a manager)", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        async move {
            db.overview(std::slice::from_ref(&l), now).await.unwrap();
        }
    });
    time(&hub, "today (a day's tally)", calls, |i| {
        let (db, l, day) = (db.clone(), pick(i), some_day(i));
        async move {
            db.tally(&l, day).await.unwrap();
        }
    });
    time(&hub, "trend, 4 weeks", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        async move {
            db.trend(&l, last, None).await.unwrap();
        }
    });
    time(&hub, "trend, 13 weeks", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        async move {
            db.trend_weeks(&l, last, 13, None).await.unwrap();
        }
    });
    time(&hub, "trend, a year (52 weeks)", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        async move {
            let weeks = db.trend_weeks(&l, last, 52, None).await.unwrap();
            assert_eq!(weeks.len(), 52);
        }
    });
    time(&hub, "trend, a year, one group", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        let group = format!("Groep {}", i % GROUPS + 1);
        async move {
            db.trend_weeks(&l, last, 52, Some(&group)).await.unwrap();
        }
    });
    for (name, period) in [
        ("location page's queries, 4 weeks", "4w"),
        ("location page's queries, 13 weeks", "13w"),
        ("location page's queries, a year", "52w"),
    ] {
        let period = welkom_hub::web::TrendPeriod::of(Some(period));
        time(&hub, name, calls, |i| {
            let (db, l) = (db.clone(), pick(i));
            async move {
                let figures = welkom_hub::web::location_figures(&db, &l, last, period, None)
                    .await
                    .unwrap()
                    .expect("every group");
                assert_eq!(
                    figures.groups.len(),
                    GROUPS,
                    "every location has its groups"
                );
            }
        });
    }
    time(&hub, "heat map, 13 weeks", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        async move {
            db.heat_map(&l, last.checked_sub(90.days()).unwrap(), last, None)
                .await
                .unwrap();
        }
    });
    time(&hub, "heat map, a year", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        async move {
            db.heat_map(&l, last.checked_sub(363.days()).unwrap(), last, None)
                .await
                .unwrap();
        }
    });
    time(&hub, "heat map, a year, one group", calls, |i| {
        let (db, l) = (db.clone(), pick(i));
        let group = format!("Groep {}", i % GROUPS + 1);
        async move {
            db.heat_map(
                &l,
                last.checked_sub(363.days()).unwrap(),
                last,
                Some(&group),
            )
            .await
            .unwrap();
        }
    });
    pages(&hub, &all, calls);
}

/// Every page as a logged-in admin gets it over HTTP (loopback, one connection kept
/// open): the request's whole time, the hub's rendering included. The Follow-ups
/// page also as a manager of every location, who sees names and the list.
fn pages(hub: &BackgroundHub, all: &[Location], calls: usize) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let admin = log_in(
        hub,
        &agent,
        "bench@example.org",
        welkom_hub::db::Role::Admin,
        &[],
    );
    let ids: Vec<String> = all.iter().map(|l| l.id.clone()).collect();
    let manager = log_in(
        hub,
        &agent,
        "manager@example.org",
        welkom_hub::db::Role::Manager,
        &ids,
    );
    let session = admin;
    let get_as = |session: &str, path: String| {
        let mut answer = agent
            .get(&format!("{}{path}", hub.url))
            .header("Cookie", session)
            .call()
            .unwrap();
        assert_eq!(answer.status().as_u16(), 200, "{path}");
        answer.body_mut().read_to_vec().unwrap();
    };
    let pick = |i: usize| all[(i * 7919) % all.len()].id.clone();
    println!("  page over HTTP (a logged-in admin){:>31}", "");
    let timed_as = |name: &str, session: &str, path: &dyn Fn(usize) -> String| {
        for i in 0..3 {
            get_as(session, path(i));
        }
        let mut times = Vec::with_capacity(calls);
        for i in 0..calls {
            let started = Instant::now();
            get_as(session, path(i));
            times.push(started.elapsed());
        }
        report(name, times);
    };
    let timed = |name: &str, path: &dyn Fn(usize) -> String| timed_as(name, &session, path);
    timed("/overview (every location)", &|_| "/overview".into());
    timed("/locations/{id} (4 weeks)", &|i| {
        format!("/locations/{}", pick(i))
    });
    timed("/locations/{id}?trend=13w", &|i| {
        format!("/locations/{}?trend=13w", pick(i))
    });
    timed("/locations/{id}?trend=52w", &|i| {
        format!("/locations/{}?trend=52w", pick(i))
    });
    timed("/locations/{id}?trend=52w&group=…", &|i| {
        format!(
            "/locations/{}?trend=52w&group=Groep+{}",
            pick(i),
            i % GROUPS + 1
        )
    });
    timed("/locations/{id}/follow-ups", &|i| {
        format!("/locations/{}/follow-ups", pick(i))
    });
    timed_as("/locations/{id}/follow-ups (a manager)", &manager, &|i| {
        format!("/locations/{}/follow-ups", pick(i))
    });
    timed("/locations/{id}/devices", &|i| {
        format!("/locations/{}/devices", pick(i))
    });
    timed("/locations/{id}/export (the form)", &|i| {
        format!("/locations/{}/export", pick(i))
    });
}

/// Adds a user and logs in through the form: the session cookie (`name=value`).
fn log_in(
    hub: &BackgroundHub,
    agent: &ureq::Agent,
    email: &str,
    role: welkom_hub::db::Role,
    locations: &[String],
) -> String {
    const PASSWORD: &str = "invented bench password";
    let hash = welkom_hub::password::hash(PASSWORD).unwrap();
    hub.runtime
        .block_on(hub.db.add_user(email, role, locations, &hash, 0))
        .unwrap();
    // The log-in form's token, then the session.
    let form = agent.get(&format!("{}/login", hub.url)).call().unwrap();
    let login_cookie = cookie(&form, "welkom_login_csrf=");
    let csrf = login_cookie.split_once('=').unwrap().1.to_owned();
    let answer = agent
        .post(&format!("{}/login", hub.url))
        .header("Cookie", &login_cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(
            format!(
                "email={}&password=invented+bench+password&csrf={csrf}",
                email.replace('@', "%40")
            )
            .as_bytes(),
        )
        .unwrap();
    assert_eq!(answer.status().as_u16(), 303, "{email} logs in");
    cookie(&answer, "welkom_session=")
}

/// The `name=value` of the cookie an answer sets whose text starts with `prefix`.
fn cookie(answer: &ureq::http::Response<ureq::Body>, prefix: &str) -> String {
    answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.split(';').next().filter(|c| c.starts_with(prefix)))
        .unwrap()
        .to_owned()
}

fn main() {
    let locations = env_number("WELKOM_BENCH_LOCATIONS", 2);
    let days = env_number("WELKOM_BENCH_DAYS", 28) as i64;
    let families = env_number("WELKOM_BENCH_FAMILIES", 100);
    let calls = env_number("WELKOM_BENCH_CALLS", 200);
    let back_ends =
        std::env::var("WELKOM_BENCH_BACK_ENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    if back_ends.contains("sqlite") {
        let dir = scratch("dashboard-sqlite");
        let url = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
        run("SQLite", &url, locations, families, days, calls);
    }
    if back_ends.contains("postgres") {
        match postgres::TempPostgres::start_with(true) {
            Some(cluster) => run("PostgreSQL", &cluster.url, locations, families, days, calls),
            None => println!("PostgreSQL: skipped (PostgreSQL is not installed)"),
        }
    }
}
