//! Visits and ratings written straight into a kiosk's store, at local times of one
//! day in the location's time zone: the events a day at the door leaves behind, for
//! tests that compare tallies.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
use welkom_store::{NewRating, NewVisit, Privacy, Store};

/// A day at a location: its date and the location's time zone.
#[derive(Clone, Copy, Debug)]
pub struct LocalDay {
    /// The date.
    pub date: Date,
    /// The location's time zone, as a tz database name.
    pub zone: &'static str,
}

/// One pass at the door: who, which moment, when, and the scores tapped in turn (a
/// second score re-rates the same moment; none: the guardian did not answer).
#[derive(Clone, Copy, Debug)]
pub struct Pass<'a> {
    /// The guardian's id.
    pub guardian: &'a str,
    /// The children's ids.
    pub children: &'a [&'a str],
    /// Drop-off or pick-up.
    pub moment: Moment,
    /// The local time, hour and minute.
    pub time: (i8, i8),
    /// The scores tapped in turn.
    pub scores: &'a [u8],
    /// Whether the ratings were flagged as misuse (a child tapping away).
    pub misuse: bool,
}

impl LocalDay {
    /// A local time on this day.
    pub fn at(&self, hour: i8, minute: i8) -> Timestamp {
        self.date
            .at(hour, minute, 0, 0)
            .to_zoned(TimeZone::get(self.zone).unwrap())
            .unwrap()
            .timestamp()
    }

    /// Records a pass: the visit, then each score 40 seconds after the one before.
    pub fn record(&self, store: &mut Store, pass: &Pass<'_>) {
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(pass.guardian.into()),
            moment: pass.moment,
            moment_corrected: false,
            children: pass.children.iter().map(|&c| ChildId(c.into())).collect(),
            at: self.at(pass.time.0, pass.time.1),
            local_date: self.date,
        };
        store.record_visit(&visit).unwrap();
        for (i, &score) in pass.scores.iter().enumerate() {
            let rating = NewRating {
                id: EventId::new(),
                score,
                scale: Scale::Four,
                at: visit
                    .at
                    .checked_add(SignedDuration::from_secs(40 * (i as i64 + 1)))
                    .unwrap(),
                misuse: pass.misuse,
                privacy: Privacy::Linked,
                replaces: None,
            };
            store.record_rating(&visit, &rating).unwrap();
        }
    }
}
