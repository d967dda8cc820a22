//! Retention while the kiosk runs: a background thread with its own connection drops
//! old links to guardians once at start and then each night, a little after the
//! location's midnight. The screen never waits on it: the store does the work in
//! small transactions.

use crate::clock::Clock;
use crate::config::Config;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use welkom_store::{RetentionReport, Store, StoreError};

/// The name of the background thread.
pub const THREAD_NAME: &str = "welkom-retention";

/// How long after the location's midnight the nightly run starts.
const AFTER_MIDNIGHT: SignedDuration = SignedDuration::from_mins(5);

/// The longest single sleep: the clock is looked at again at least this often, so a
/// corrected system clock delays the nightly run by at most this long.
const LONGEST_SLEEP: Duration = Duration::from_secs(3600);

/// The first day whose links are kept: what was given before it loses its link.
pub fn cutoff(today: Date, retention_days: u32) -> Date {
    today
        .checked_sub(i64::from(retention_days).days())
        .unwrap_or(Date::MIN)
}

/// The cutoff for the location now, by its time zone and retention setting.
pub fn cutoff_now(config: &Config, now: Timestamp) -> Date {
    let today = now
        .to_zoned(config.location.time_zone.zone().clone())
        .date();
    cutoff(today, config.privacy.retention_days)
}

/// When the next nightly run starts: a few minutes after the next local midnight.
pub fn next_run(now: Timestamp, zone: &TimeZone) -> Timestamp {
    now.to_zoned(zone.clone())
        .tomorrow()
        .and_then(|day| day.start_of_day())
        .and_then(|midnight| midnight.timestamp().checked_add(AFTER_MIDNIGHT))
        // Only at the end of representable time: try again a day later.
        .or_else(|_| now.saturating_add(SignedDuration::from_hours(24)))
        .unwrap_or(Timestamp::MAX)
}

/// Applies retention to the store for the location's cutoff now.
pub fn apply(
    store: &mut Store,
    config: &Config,
    now: Timestamp,
) -> Result<RetentionReport, StoreError> {
    store.apply_retention(cutoff_now(config, now))
}

/// How long the kiosk's first retention run waits after the start: the first screen
/// does not share the machine's cores and disk with a sweep over a year of data.
pub const START_DELAY: Duration = Duration::from_secs(10);

/// [`spawn`], with the first run `delay` later.
pub fn spawn_after(
    delay: Duration,
    database: PathBuf,
    config_file: Option<PathBuf>,
    config: Config,
    clock: Arc<dyn Clock>,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name(THREAD_NAME.into())
        .spawn(move || {
            std::thread::sleep(delay);
            run_nightly(&database, config_file.as_deref(), config, clock.as_ref())
        })
}

/// Starts the background thread: it opens its own connection to `database`, applies
/// retention now and then each night. Before each run it reads `config_file` again
/// (when given), so a retention period changed in the settings applies from the next
/// night on. Errors are logged and retried the next night.
pub fn spawn(
    database: PathBuf,
    config_file: Option<PathBuf>,
    config: Config,
    clock: Arc<dyn Clock>,
) -> std::io::Result<JoinHandle<()>> {
    spawn_after(Duration::ZERO, database, config_file, config, clock)
}

fn run_nightly(
    database: &std::path::Path,
    config_file: Option<&std::path::Path>,
    mut config: Config,
    clock: &dyn Clock,
) {
    let mut store: Option<Store> = None;
    loop {
        if let Some(file) = config_file {
            match crate::config::load(file) {
                Ok(fresh) => config = fresh,
                Err(e) => tracing::warn!(error = %e, "retention keeps the settings it had"),
            }
        }
        let now = clock.now();
        run_once(&mut store, database, &config, now);
        let next = next_run(now, config.location.time_zone.zone());
        loop {
            let left = clock.now().duration_until(next);
            if left <= SignedDuration::ZERO {
                break;
            }
            let left = Duration::try_from(left).unwrap_or(LONGEST_SLEEP);
            std::thread::sleep(left.min(LONGEST_SLEEP));
        }
    }
}

/// One run; the connection is opened the first time and again after a failure.
fn run_once(
    store: &mut Option<Store>,
    database: &std::path::Path,
    config: &Config,
    now: Timestamp,
) {
    if store.is_none() {
        match Store::open(database) {
            Ok(opened) => *store = Some(opened),
            Err(e) => {
                tracing::error!(error = %e, "retention could not open the database; trying again tomorrow");
                return;
            }
        }
    }
    let Some(open) = store.as_mut() else {
        return;
    };
    match apply(open, config, now) {
        Ok(report) => tracing::info!(
            retention_days = config.privacy.retention_days,
            ratings = report.ratings_unlinked,
            visits = report.visits_unlinked,
            visit_children = report.visit_children_deleted,
            follow_ups = report.follow_ups_unlinked,
            sent_events = report.outbox_deleted,
            notes = report.notes_cleared,
            waiting_events = report.outbox_stripped,
            "retention: old links to guardians dropped"
        ),
        Err(e) => {
            tracing::error!(error = %e, "retention failed; trying again tomorrow");
            *store = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_cutoff_lies_retention_days_back() {
        assert_eq!(cutoff(date(2026, 3, 2), 180), date(2025, 9, 3));
        assert_eq!(cutoff(date(2026, 3, 2), 7), date(2026, 2, 23));
    }

    #[test]
    fn the_nightly_run_is_just_after_the_location_midnight() {
        let amsterdam = TimeZone::get("Europe/Amsterdam").unwrap();
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        // Monday 2 March, 08:15 in Amsterdam: Tuesday 00:05 local is 23:05 UTC.
        assert_eq!(
            next_run(at("2026-03-02T07:15:00Z"), &amsterdam),
            at("2026-03-02T23:05:00Z")
        );
        // Just after midnight local time (still the day before in UTC): the next night.
        assert_eq!(
            next_run(at("2026-03-02T23:30:00Z"), &amsterdam),
            at("2026-03-03T23:05:00Z")
        );
        // The night the clocks go forward (29 March 2026) is an hour shorter.
        assert_eq!(
            next_run(at("2026-03-29T12:00:00Z"), &amsterdam),
            at("2026-03-29T22:05:00Z")
        );
    }

    /// A kiosk without upstream: nothing was ever sent. As the pinned clock moves past
    /// the retention period, the waiting events of the old day lose the guardian and
    /// the children, and the newer ones keep them.
    #[test]
    fn waiting_events_past_the_limit_lose_the_family_as_the_clock_moves_on() {
        use crate::clock::ManualClock;
        use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
        use welkom_store::{NewRating, NewVisit, Privacy};

        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
        let roster = welkom_core::roster::parse(
            b"guardian_id;guardian_first_name;pin;child_id;child_first_name;group\n\
              G1;Sanne;4826;C1;Daan;Vlinders\n",
            &welkom_core::LanguageTag::dutch(),
        )
        .unwrap();
        store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
        let rate = |store: &mut Store, at: &str| {
            let at: Timestamp = at.parse().unwrap();
            let day = at
                .to_zoned(TimeZone::get("Europe/Amsterdam").unwrap())
                .date();
            let visit = NewVisit {
                id: EventId::new(),
                guardian_id: GuardianId("G1".into()),
                moment: Moment::DropOff,
                moment_corrected: false,
                children: vec![ChildId("C1".into())],
                at,
                local_date: day,
            };
            let rating = NewRating {
                id: EventId::new(),
                score: 2,
                scale: Scale::Four,
                at,
                misuse: false,
                privacy: Privacy::Linked,
                replaces: None,
            };
            store.record_rating(&visit, &rating).unwrap();
        };
        rate(&mut store, "2026-03-02T07:15:00Z");
        rate(&mut store, "2026-06-01T07:15:00Z");
        let named = |store: &Store| {
            store
                .outbox_batch(100)
                .unwrap()
                .iter()
                .filter(|e| e.data.to_string().contains("\"G1\""))
                .count()
        };
        let config = Config::default();
        let clock = ManualClock::new("2026-06-02T07:00:00Z".parse().unwrap());
        let report = apply(&mut store, &config, clock.now()).unwrap();
        assert_eq!(
            report.outbox_stripped, 0,
            "within the limit nothing changes"
        );
        assert_eq!(named(&store), 4);

        // 181 days after the first tap: its visit and rating are past the limit.
        clock.set("2026-08-30T07:00:00Z".parse().unwrap());
        let report = apply(&mut store, &config, clock.now()).unwrap();
        assert_eq!(report.outbox_stripped, 2);
        assert_eq!(named(&store), 2, "the newer events keep the guardian");
        let events = store.outbox_batch(100).unwrap();
        assert_eq!(events.len(), 4, "every event is still to be sent");
        assert_eq!(events[0].data["children"], serde_json::json!([]));
        assert!(events[1].data.get("guardian_id").is_none());
        assert_eq!(events[1].data["score"], 2);
    }

    #[test]
    fn the_cutoff_follows_the_location_day() {
        let config = Config::default();
        // 23:30 UTC on 1 March is already 2 March in Amsterdam.
        let now: Timestamp = "2026-03-01T23:30:00Z".parse().unwrap();
        assert_eq!(cutoff_now(&config, now), date(2025, 9, 3));
    }
}
