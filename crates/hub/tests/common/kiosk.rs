//! A kiosk's store with rated visits, for tests that send them to a hub.

use jiff::Timestamp;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_store::{NewRating, NewVisit, Privacy, Store};

pub const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G2;Joost;Visser;8152;C2;Mila;Rupsen
";

/// A kiosk store with `ratings` visits, each rated.
pub fn rated(dir: &std::path::Path, ratings: usize) -> Store {
    let mut store = Store::open(&dir.join("welkom.sqlite")).unwrap();
    let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
    store
        .with_relaxed_durability(|store| add_rated(store, ratings))
        .unwrap();
    store
}

fn add_rated(store: &mut Store, ratings: usize) -> Result<(), welkom_store::StoreError> {
    for i in 0..ratings {
        let at: Timestamp = "2026-03-02T06:00:00Z".parse().unwrap();
        let at = at
            .checked_add(jiff::SignedDuration::from_secs(30 * i as i64))
            .unwrap();
        let g = 1 + i % 2;
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(format!("G{g}")),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: vec![ChildId(format!("C{g}"))],
            at,
            local_date: "2026-03-02".parse().unwrap(),
        };
        let rating = NewRating {
            id: EventId::new(),
            score: [4, 3, 2, 1][i % 4],
            scale: Scale::Four,
            at,
            misuse: false,
            privacy: Privacy::Linked,
            replaces: None,
        };
        store.record_rating(&visit, &rating)?;
    }
    Ok(())
}

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
