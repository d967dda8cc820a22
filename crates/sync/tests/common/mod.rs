//! What the sync client's tests share: a kiosk's store with rated visits (also used by
//! the hub's tests and the kill test, through `#[path]`).

use jiff::Timestamp;
use std::path::Path;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_store::{NewRating, NewVisit, Privacy, Store};

/// Two invented families, one child each.
pub const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G2;Joost;Visser;8152;C2;Mila;Rupsen
";

/// A kiosk store with `ratings` visits, each rated (two events each).
pub fn kiosk(dir: &Path, ratings: usize) -> Store {
    let mut store = Store::open(&dir.join("welkom.sqlite")).unwrap();
    let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
    // Test data: written without waiting for the disk after each rating.
    store
        .with_relaxed_durability(|store| {
            add_ratings(store, ratings, 0);
            Ok(())
        })
        .unwrap();
    store
}

/// Adds `n` rated visits, 30 s apart from the `from`-th on, alternating the families.
pub fn add_ratings(store: &mut Store, n: usize, from: usize) {
    for i in from..from + n {
        let at = "2026-03-02T06:00:00Z"
            .parse::<Timestamp>()
            .unwrap()
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
        store.record_rating(&visit, &rating).unwrap();
    }
}
