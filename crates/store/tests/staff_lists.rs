//! The follow-up list, the present list and the PIN throttle, on a real store.

use jiff::Timestamp;
use jiff::civil::Date;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_store::{
    FollowUpScope, NewFollowUp, NewRating, NewVisit, PinPad, Privacy, StaffRole, Store,
    ThrottleState,
};

const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G1;Sanne;de Vries;4826;C2;Fleur;Rupsen
G2;Joost;Visser;8152;C3;Mila;Vlinders
G3;Emma;Bakker;3917;C4;Noah;Kikkers
";

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.sqlite")).unwrap();
    let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
    (dir, store)
}

fn at(time: &str) -> Timestamp {
    format!("2026-03-02T{time}:00Z").parse().unwrap()
}

fn day() -> Date {
    "2026-03-02".parse().unwrap()
}

fn visit(guardian: &str, children: &[&str], moment: Moment, time: &str) -> NewVisit {
    NewVisit {
        id: EventId::new(),
        guardian_id: GuardianId(guardian.into()),
        moment,
        moment_corrected: false,
        children: children.iter().map(|c| ChildId((*c).into())).collect(),
        at: at(time),
        local_date: day(),
    }
}

fn rate(store: &mut Store, visit: &NewVisit, score: u8, misuse: bool) -> EventId {
    let rating = NewRating {
        id: EventId::new(),
        score,
        scale: Scale::default(),
        at: visit.at,
        misuse,
        privacy: Privacy::Linked,
        replaces: None,
    };
    store.record_rating(visit, &rating).unwrap();
    rating.id
}

fn follow_up(rating_id: EventId, reasons: &[&str], talk_request: bool, time: &str) -> NewFollowUp {
    NewFollowUp {
        id: EventId::new(),
        rating_id,
        reasons: reasons.iter().map(|r| (*r).to_owned()).collect(),
        talk_request,
        guardian_id: None,
        at: at(time),
    }
}

#[test]
fn low_ratings_and_talk_requests_are_listed_until_talked() {
    let (_dir, mut store) = store();
    let sanne = visit("G1", &["C1", "C2"], Moment::DropOff, "07:10");
    let low = rate(&mut store, &sanne, 1, false);
    store
        .record_follow_up(&follow_up(low, &["communicatie"], false, "07:11"))
        .unwrap();
    // A good rating with a talk request is listed too.
    let joost = visit("G2", &["C3"], Moment::DropOff, "07:20");
    let talk = rate(&mut store, &joost, 4, false);
    store
        .record_follow_up(&follow_up(talk, &[], true, "07:21"))
        .unwrap();
    // Not listed: a good rating, a misuse burst, a low rating the guardian replaced.
    let emma = visit("G3", &["C4"], Moment::DropOff, "07:30");
    rate(&mut store, &emma, 3, false);
    rate(&mut store, &emma, 1, true);
    let emma_later = visit("G3", &["C4"], Moment::PickUp, "15:00");
    rate(&mut store, &emma_later, 2, false);
    rate(&mut store, &emma_later, 4, false);

    let open = store
        .follow_ups(FollowUpScope::OpenAndHandledSince(at("00:00")))
        .unwrap();
    let ids: Vec<EventId> = open.iter().map(|i| i.rating_id).collect();
    assert_eq!(ids, [talk, low], "newest first; only what needs a talk");
    assert_eq!(open[1].guardian_name.as_deref(), Some("Sanne de Vries"));
    assert_eq!(open[1].children, ["Daan", "Fleur"]);
    assert_eq!(open[1].groups, ["Vlinders", "Rupsen"]);
    assert_eq!(open[1].reasons, ["communicatie"]);
    assert!(open[1].low && !open[0].low && open[0].talk_request);
    assert_eq!(store.open_follow_up_count().unwrap(), 2);

    let anouk = store
        .add_staff("Anouk", StaffRole::Staff, "472913", at("06:00"))
        .unwrap();
    store
        .mark_talked(low, &anouk, "  Gesproken bij het ophalen  ", at("16:00"))
        .unwrap();
    assert_eq!(store.open_follow_up_count().unwrap(), 1);
    let today = store
        .follow_ups(FollowUpScope::OpenAndHandledSince(at("00:00")))
        .unwrap();
    let handled = today[1]
        .handled
        .as_ref()
        .expect("an item handled today is still shown");
    assert_eq!(handled.staff_name, "Anouk");
    assert_eq!(handled.note, "Gesproken bij het ophalen");
    let tomorrow: Timestamp = "2026-03-03T00:00:00Z".parse().unwrap();
    let next_day = store
        .follow_ups(FollowUpScope::OpenAndHandledSince(tomorrow))
        .unwrap();
    assert_eq!(
        next_day.len(),
        1,
        "a handled item leaves the list the next day"
    );
    assert_eq!(store.follow_ups(FollowUpScope::All).unwrap().len(), 2);
    let types = store.outbox_types().unwrap();
    assert!(
        types
            .iter()
            .any(|(_, t)| t == "nl.welkom.followup.handled.v1"),
        "the note goes upstream"
    );
    let too_long = "x".repeat(welkom_store::MAX_NOTE_CHARS + 1);
    assert!(
        store
            .mark_talked(talk, &anouk, &too_long, at("16:01"))
            .is_err()
    );
    assert_eq!(
        store.open_follow_up_count().unwrap(),
        1,
        "nothing half-written"
    );

    // Rebuilt from the ratings, follow-ups and notes, the open list is the same.
    let before = store
        .follow_ups(FollowUpScope::OpenAndHandledSince(at("00:00")))
        .unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.execute("DELETE FROM follow_ups_open", []).unwrap();
    assert_eq!(store.open_follow_up_count().unwrap(), 0);
    assert_eq!(store.rebuild_open_follow_ups().unwrap(), 1);
    assert_eq!(
        store
            .follow_ups(FollowUpScope::OpenAndHandledSince(at("00:00")))
            .unwrap(),
        before
    );
}

#[test]
fn present_lists_children_dropped_off_and_not_picked_up() {
    let (_dir, mut store) = store();
    store
        .record_visit(&visit("G1", &["C1", "C2"], Moment::DropOff, "07:10"))
        .unwrap();
    store
        .record_visit(&visit("G2", &["C3"], Moment::DropOff, "07:20"))
        .unwrap();
    // Fleur goes home early; Mila is picked up.
    store
        .record_visit(&visit("G1", &["C2"], Moment::PickUp, "12:00"))
        .unwrap();
    store
        .record_visit(&visit("G2", &["C3"], Moment::PickUp, "16:00"))
        .unwrap();
    let present = store.present_children(day()).unwrap();
    let names: Vec<&str> = present.iter().map(|c| c.first_name.as_str()).collect();
    assert_eq!(names, ["Daan"]);
    assert_eq!(present[0].group, "Vlinders");
    assert_eq!(present[0].since, at("07:10"));
    let next_day: Date = "2026-03-03".parse().unwrap();
    assert!(store.present_children(next_day).unwrap().is_empty());
}

#[test]
fn a_pin_throttle_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite");
    let mut store = Store::open(&path).unwrap();
    let state = ThrottleState {
        debt_clears_at: Some(at("08:00")),
    };
    store.save_throttle_state(PinPad::Staff, state).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.throttle_state(PinPad::Staff).unwrap(), state);
    assert_eq!(
        store.throttle_state(PinPad::Guardian).unwrap(),
        ThrottleState::default()
    );
}

#[test]
fn a_manager_issues_and_revokes_pins_and_links_badges() {
    let (_dir, mut store) = store();
    let sanne = GuardianId("G1".into());
    let joost = GuardianId("G2".into());
    let pin = store.issue_pin(&sanne).unwrap();
    assert!(!welkom_core::pin::is_trivial(&pin), "{pin}");
    assert_eq!(store.guardian_by_pin(&pin).unwrap(), Some(sanne.clone()));
    assert_eq!(
        store.guardian_by_pin("4826").unwrap(),
        None,
        "the old PIN is gone"
    );
    store.revoke_pin(&sanne).unwrap();
    assert_eq!(store.guardian_by_pin(&pin).unwrap(), None);
    let overview = store.guardian_overview().unwrap();
    let row = overview.iter().find(|g| g.id == sanne).unwrap();
    assert!(!row.has_pin && !row.has_badge);
    assert_eq!(row.children, ["Daan", "Fleur"]);

    store.link_badge(&sanne, " 04A7F2C1 ").unwrap();
    assert_eq!(store.guardian_by_badge("04A7F2C1").unwrap(), Some(sanne));
    assert!(matches!(
        store.link_badge(&joost, "04A7F2C1"),
        Err(welkom_store::StoreError::BadgeTaken)
    ));
    assert!(store.issue_pin(&GuardianId("nobody".into())).is_err());
}

#[test]
fn pins_issued_again_and_again_stay_unique_and_never_trivial() {
    let (_dir, mut store) = store();
    let guardians: Vec<GuardianId> = store
        .guardian_overview()
        .unwrap()
        .into_iter()
        .map(|g| g.id)
        .collect();
    assert!(guardians.len() >= 3);
    for round in 0..400 {
        let who = &guardians[round % guardians.len()];
        let pin = store.issue_pin(who).unwrap();
        assert!(welkom_core::pin::is_well_formed(&pin) && !welkom_core::pin::is_trivial(&pin));
        assert_eq!(store.guardian_by_pin(&pin).unwrap().as_ref(), Some(who));
    }
    // Every guardian still holds a PIN of their own: no two share a hash.
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let (with_pin, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(pin_hash), count(DISTINCT pin_hash) FROM guardians WHERE active = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(with_pin, distinct);
    assert_eq!(with_pin as usize, guardians.len());
}
