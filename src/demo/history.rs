//! Four weeks of invented visits and ratings for the demo, so the team's views have
//! something to show: a daily tally, a trend, a few parents to talk to today, and
//! earlier follow-ups already handled. Drawn from a fixed seed, so every demo shows
//! the same picture relative to its day.

use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use welkom_core::roster::Roster;
use welkom_core::{EventId, Moment, Scale};
use welkom_store::{NewFollowUp, NewRating, NewVisit, Privacy, StaffMember, Store, StoreError};

/// The demo's staff: a manager and a pedagogical worker, with their PINs.
pub const STAFF: [(&str, &str, bool); 2] =
    [("Marieke", "280461", true), ("Youssef", "519273", false)];

/// How many days of history the demo holds before today.
pub const DAYS: i64 = 27;

const NOTES: [&str; 4] = [
    "Even bijgepraat bij het ophalen; het gaat weer goed.",
    "Mentor belt volgende week om het rustig door te nemen.",
    "Uitgelegd hoe de overdracht nu gaat; ouder was tevreden.",
    "",
];

/// Writes the history (on the demo's first start): visits and ratings of the last
/// four weeks and of today until `now`, follow-ups with reasons and talk
/// requests, and notes on all follow-ups before today.
pub fn install(
    store: &mut Store,
    roster: &Roster,
    zone: &TimeZone,
    now: Timestamp,
    staff: &[StaffMember],
) -> Result<(), StoreError> {
    install_days(store, roster, zone, now, staff, DAYS)
}

/// The same history over `days` days before today (a year for the start-up
/// benchmark's data directory, `examples/year_of_data.rs`).
pub fn install_days(
    store: &mut Store,
    roster: &Roster,
    zone: &TimeZone,
    now: Timestamp,
    staff: &[StaffMember],
    days: i64,
) -> Result<(), StoreError> {
    let today = now.to_zoned(zone.clone()).date();
    let mut rng = StdRng::seed_from_u64(0x57E1_C0DE);
    let reasons = crate::config::DEFAULT_REASONS;
    store.with_relaxed_durability(|store| {
        for days_ago in (0..=days).rev() {
            let day = today.checked_sub(days_ago.days()).unwrap_or(today);
            for (g, entry) in roster.guardians.iter().enumerate() {
                let children: Vec<_> = roster
                    .links
                    .iter()
                    .filter(|(lg, _)| *lg == g)
                    .map(|(_, c)| &roster.children[*c])
                    .filter(|c| c.start_date.is_none_or(|s| s < day))
                    .filter(|c| c.end_date.is_none_or(|e| e >= day))
                    .collect();
                // The family back today after weeks away has no recent history; two
                // homes share the week.
                // The families in the README are tried by hand today: their day is
                // still to come.
                let highlighted = entry
                    .pin
                    .as_deref()
                    .is_some_and(|pin| super::HIGHLIGHTS.iter().any(|h| h.pin == pin));
                if children.is_empty()
                    || entry.guardian.id.0 == "G005"
                    || (days_ago == 0 && highlighted)
                    || !rng.random_bool(0.7)
                {
                    continue;
                }
                for moment in Moment::ALL {
                    let (from, to) = match moment {
                        Moment::DropOff => (7 * 60, 9 * 60 + 15),
                        Moment::PickUp => (15 * 60, 18 * 60 + 15),
                    };
                    let minute: i64 = rng.random_range(from..to);
                    let Ok(at) = day
                        .at(
                            (minute / 60) as i8,
                            (minute % 60) as i8,
                            rng.random_range(0..60),
                            0,
                        )
                        .to_zoned(zone.clone())
                        .map(|z| z.timestamp())
                    else {
                        continue;
                    };
                    if at >= now {
                        continue;
                    }
                    let visit = NewVisit {
                        id: EventId::new(),
                        guardian_id: entry.guardian.id.clone(),
                        moment,
                        moment_corrected: false,
                        children: children.iter().map(|c| c.id.clone()).collect(),
                        at,
                        local_date: day,
                    };
                    if !rng.random_bool(0.62) {
                        store.record_visit(&visit)?;
                        continue;
                    }
                    let score = match rng.random_range(0..100) {
                        0..6 => 1,
                        6..20 => 2,
                        20..55 => 3,
                        _ => 4,
                    };
                    let rating = NewRating {
                        id: EventId::new(),
                        score,
                        scale: Scale::Four,
                        at: at.checked_add(6.seconds()).unwrap_or(at),
                        misuse: false,
                        privacy: Privacy::Linked,
                        replaces: None,
                    };
                    store.record_rating(&visit, &rating)?;
                    if score > 2 {
                        continue;
                    }
                    let follow_up = NewFollowUp {
                        id: EventId::new(),
                        rating_id: rating.id,
                        reasons: vec![reasons[rng.random_range(0..reasons.len())].to_owned()],
                        talk_request: rng.random_bool(0.35),
                        guardian_id: Some(visit.guardian_id.clone()),
                        at: rating.at.checked_add(4.seconds()).unwrap_or(rating.at),
                    };
                    store.record_follow_up(&follow_up)?;
                    if days_ago >= 1 && !staff.is_empty() {
                        let who = &staff[rng.random_range(0..staff.len())];
                        let note = NOTES[rng.random_range(0..NOTES.len())];
                        let talked = at.checked_add(7.hours()).unwrap_or(at);
                        store.mark_talked(rating.id, who, note, talked)?;
                    }
                }
            }
        }
        Ok(())
    })
}
