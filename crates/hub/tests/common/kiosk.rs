//! More ratings given at a kiosk while it runs; the kiosk itself comes from
//! `rated_kiosk` (the sync crate's tests' builder).

use jiff::Timestamp;
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
use welkom_store::{NewRating, NewVisit, Privacy, Store};

/// More ratings given at the kiosk while it runs.
pub fn more(dir: &std::path::Path, n: usize) {
    let mut store = Store::open(&dir.join("welkom.sqlite")).unwrap();
    for i in 0..n {
        let at: Timestamp = "2026-03-02T14:00:00Z".parse().unwrap();
        let at = at
            .checked_add(jiff::SignedDuration::from_secs(30 * i as i64))
            .unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId("G1".into()),
            moment: Moment::PickUp,
            moment_corrected: false,
            children: vec![ChildId("C1".into())],
            at,
            local_date: "2026-03-02".parse().unwrap(),
        };
        let rating = NewRating {
            id: EventId::new(),
            score: 4,
            scale: Scale::Four,
            at,
            misuse: false,
            privacy: Privacy::Anonymous,
            replaces: None,
        };
        store.record_rating(&visit, &rating).unwrap();
    }
}
