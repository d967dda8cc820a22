//! Every event the store puts in the outbox is one the protocol accepts, and the
//! sync client's view of the outbox (batch, sent, set aside) holds.

use jiff::Timestamp;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_protocol::EventData;
use welkom_store::{NewFollowUp, NewRating, NewVisit, Privacy, StaffRole, Store};

const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G1;Sanne;de Vries;4826;C2;Fleur;Rupsen
G2;Joost;Visser;8152;C3;Mila;Vlinders
";

fn at(time: &str) -> Timestamp {
    format!("2026-03-02T{time}:00Z").parse().unwrap()
}

fn visit(guardian: &str, children: &[&str], moment: Moment, time: &str) -> NewVisit {
    NewVisit {
        id: EventId::new(),
        guardian_id: GuardianId(guardian.into()),
        moment,
        moment_corrected: false,
        children: children.iter().map(|c| ChildId((*c).into())).collect(),
        at: at(time),
        local_date: "2026-03-02".parse().unwrap(),
    }
}

fn rating(score: u8, time: &str, privacy: Privacy, replaces: Option<EventId>) -> NewRating {
    NewRating {
        id: EventId::new(),
        score,
        scale: Scale::Four,
        at: at(time),
        misuse: false,
        privacy,
        replaces,
    }
}

/// A day with every kind of event: visits, linked and anonymous ratings, a
/// re-rating, reasons with a talk request, a staff note, an erased family.
fn busy_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.sqlite")).unwrap();
    let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
    store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
    let sanne = visit("G1", &["C1", "C2"], Moment::DropOff, "07:10");
    let first = rating(4, "07:10", Privacy::Linked, None);
    store.record_rating(&sanne, &first).unwrap();
    let again = rating(1, "07:11", Privacy::Linked, Some(first.id));
    store.record_rating(&sanne, &again).unwrap();
    store
        .record_follow_up(&NewFollowUp {
            id: EventId::new(),
            rating_id: again.id,
            reasons: vec!["handover".into()],
            talk_request: true,
            guardian_id: Some(GuardianId("G1".into())),
            at: at("07:12"),
        })
        .unwrap();
    let joost = visit("G2", &["C3"], Moment::DropOff, "07:20");
    store
        .record_rating(&joost, &rating(2, "07:20", Privacy::Anonymous, None))
        .unwrap();
    store
        .record_visit(&visit("G2", &["C3"], Moment::PickUp, "15:00"))
        .unwrap();
    let anouk = store
        .add_staff("Anouk", StaffRole::Staff, "472913", at("06:00"))
        .unwrap();
    store
        .mark_talked(again.id, &anouk, "Gesproken", at("16:00"))
        .unwrap();
    store
        .erase_family(&GuardianId("G2".into()), at("17:00"))
        .unwrap()
        .expect("Joost's family is erased");
    (dir, store)
}

#[test]
fn every_outbox_event_is_one_the_protocol_accepts() {
    let (_dir, store) = busy_store();
    let events = store.outbox_batch(1000).unwrap();
    let mut types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(
        types.len(),
        EventData::TYPES.len(),
        "every type is made: {types:?}"
    );
    for event in &events {
        let parsed = EventData::parse(&event.event_type, &event.id, &event.data);
        assert!(
            parsed.is_ok(),
            "{}: {:?} — {}",
            event.event_type,
            parsed,
            event.data
        );
        let id = uuid::Uuid::parse_str(&event.id).unwrap();
        assert_eq!(id.get_version_num(), 7, "ids are UUIDv7");
        assert!(event.time.parse::<Timestamp>().is_ok(), "time is RFC 3339");
        if let Ok(EventData::Rating(r)) = parsed {
            assert!(!r.groups.is_empty(), "a rating carries its groups");
        }
    }
    let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "oldest first");
}

#[test]
fn sent_events_leave_the_batch_and_a_refused_one_is_set_aside() {
    let (_dir, mut store) = busy_store();
    let all = store.outbox_batch(1000).unwrap();
    assert!(all.len() >= 6);
    let first_two = store.outbox_batch(2).unwrap();
    assert_eq!(first_two, all[..2]);
    store
        .mark_sent(&[all[0].seq, all[1].seq], at("18:00"))
        .unwrap();
    store
        .set_aside(
            all[2].seq,
            "data.score 7 is not between 1 and the scale 4",
            at("18:00"),
        )
        .unwrap();
    let rest = store.outbox_batch(1000).unwrap();
    assert_eq!(rest, all[3..], "the others go on");
    let aside = store.set_aside_events().unwrap();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].event, all[2]);
    assert!(aside[0].reason.contains("score 7"));
    let summary = store.outbox_summary().unwrap();
    assert_eq!(summary.waiting, (all.len() - 3) as u64);
    assert_eq!(summary.sent, 2);
    assert_eq!(summary.set_aside, 1);

    assert_eq!(store.sync_state("roster_etag").unwrap(), None);
    store.set_sync_state("roster_etag", "\"abc\"").unwrap();
    store.set_sync_state("roster_etag", "\"def\"").unwrap();
    assert_eq!(
        store.sync_state("roster_etag").unwrap().as_deref(),
        Some("\"def\"")
    );
}
