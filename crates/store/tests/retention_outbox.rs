//! Retention reaches the outbox: on a kiosk whose events were never sent (no
//! upstream, or one out of reach), old events lose their guardian, visit, children,
//! staff name and note, and stay events the upstream accepts.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde_json::Value;
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_protocol::EventData;
use welkom_store::{NewFollowUp, NewRating, NewVisit, Privacy, StaffRole, Store};

const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;4826;C1;Daan;Vlinders
G1;Sanne;de Vries;4826;C2;Fleur;Rupsen
G2;Joost;Visser;8152;C3;Mila;Vlinders
";

/// The kiosk's clock, pinned: Monday 2 March 2026, 08:15 in Amsterdam.
const NOW: &str = "2026-03-02T07:15:00Z";
/// The retention period in days.
const RETENTION_DAYS: i64 = 180;

/// The first day whose links are kept, from the pinned clock in the location's zone.
fn cutoff() -> Date {
    let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
    let today = NOW.parse::<Timestamp>().unwrap().to_zoned(zone).date();
    today.checked_sub(RETENTION_DAYS.days()).unwrap()
}

struct Kiosk {
    store: Store,
    _dir: tempfile::TempDir,
}

impl Kiosk {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
        let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
        store.import_roster(&roster, Timestamp::UNIX_EPOCH).unwrap();
        Self { store, _dir: dir }
    }

    /// A visit and a rating at 08:00 on `day`; the rating's id.
    fn rate(&mut self, guardian: &str, children: &[&str], day: &str, score: u8) -> EventId {
        let at: Timestamp = format!("{day}T07:00:00Z").parse().unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId(guardian.into()),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: children.iter().map(|c| ChildId((*c).into())).collect(),
            at,
            local_date: day.parse().unwrap(),
        };
        let rating = NewRating {
            id: EventId::new(),
            score,
            scale: Scale::Four,
            at,
            misuse: false,
            privacy: Privacy::Linked,
            replaces: None,
        };
        self.store.record_rating(&visit, &rating).unwrap().id
    }

    fn talk(&mut self, rating: EventId, guardian: &str, day: &str) {
        self.store
            .record_follow_up(&NewFollowUp {
                id: EventId::new(),
                rating_id: rating,
                reasons: vec!["handover".into()],
                talk_request: true,
                guardian_id: Some(GuardianId(guardian.into())),
                at: format!("{day}T07:01:00Z").parse().unwrap(),
            })
            .unwrap();
    }

    /// Every waiting event as (type, data), after checking the protocol accepts it.
    fn waiting(&self) -> Vec<(String, Value)> {
        self.store
            .outbox_batch(1000)
            .unwrap()
            .into_iter()
            .map(|e| {
                let parsed = EventData::parse(&e.event_type, &e.id, &e.data);
                assert!(parsed.is_ok(), "{}: {parsed:?} — {}", e.event_type, e.data);
                (e.event_type, e.data)
            })
            .collect()
    }
}

#[test]
fn old_waiting_events_lose_guardian_children_and_staff_names_and_stay_valid() {
    let mut k = Kiosk::new();
    let cutoff = cutoff();
    assert_eq!(cutoff, "2025-09-03".parse::<Date>().unwrap());
    // Long ago, before the cutoff: two families, a low face with a talk request.
    let old_low = k.rate("G1", &["C1", "C2"], "2025-06-02", 1);
    k.talk(old_low, "G1", "2025-06-02");
    k.rate("G2", &["C3"], "2025-06-02", 4);
    // Last week: kept as it is.
    let recent_low = k.rate("G1", &["C1"], "2026-02-23", 2);
    k.talk(recent_low, "G1", "2026-02-23");
    // Staff talked about both only now: the note on the old rating follows the
    // rating's day, the note on the recent one stays.
    let anouk = k
        .store
        .add_staff(
            "Anouk Verbeek",
            StaffRole::Staff,
            "472913",
            NOW.parse().unwrap(),
        )
        .unwrap();
    for rating in [old_low, recent_low] {
        k.store
            .mark_talked(
                rating,
                &anouk,
                "Gebeld met Sanne over Daan",
                NOW.parse().unwrap(),
            )
            .unwrap();
    }
    let before = k.waiting();
    assert_eq!(before.len(), 10, "nothing was ever sent");

    let preview = k.store.preview_retention(cutoff).unwrap();
    assert_eq!(k.waiting(), before, "a preview changes nothing");
    let report = k.store.apply_retention(cutoff).unwrap();
    assert_eq!(report, preview, "the preview says what happens");
    assert_eq!(
        report.outbox_stripped, 6,
        "two visits, two ratings, a talk request and a note of the old day"
    );
    assert_eq!(
        report.outbox_deleted, 0,
        "nothing was sent, nothing is deleted"
    );
    assert_eq!(report.notes_cleared, 1);

    let after = k.waiting();
    assert_eq!(after.len(), before.len(), "every event is still to be sent");
    let old_rating_id = old_low.to_string();
    for ((kind, was), (_, now)) in before.iter().zip(&after) {
        let old_day = was["local_date"].as_str().is_some_and(|d| d < "2025-09-03")
            || was["rating_id"] == old_rating_id.as_str();
        let text = now.to_string();
        if old_day {
            for personal in ["G1", "G2", "C1", "C2", "C3", "Anouk", "Sanne"] {
                assert!(
                    !text.contains(personal),
                    "{personal} left in {kind}: {text}"
                );
            }
            assert!(now.get("visit_id").is_none(), "{text}");
        } else {
            assert_eq!(was, now, "a recent event keeps everything");
        }
        match kind.as_str() {
            "nl.welkom.visit.recorded.v1" if old_day => {
                assert_eq!(now["children"], Value::Array(vec![]));
                assert_eq!(now["groups"], was["groups"], "the groups stay");
                assert_eq!(now["moment"], was["moment"]);
            }
            "nl.welkom.rating.recorded.v1" => {
                assert_eq!(now["score"], was["score"], "the face stays");
                assert_eq!(now["groups"], was["groups"], "the groups stay");
                assert_eq!(now["local_date"], was["local_date"]);
            }
            "nl.welkom.rating.followup.v1" => {
                assert_eq!(now["talk_request"], true, "that a talk was asked stays");
                assert_eq!(now["reasons"], was["reasons"]);
            }
            "nl.welkom.followup.handled.v1" if old_day => {
                assert_eq!(now["staff_name"], "");
                assert_eq!(now["note"], "");
                assert_eq!(
                    now["rating_id"], was["rating_id"],
                    "that it was handled stays"
                );
            }
            _ => {}
        }
    }
    let recent_note = after
        .iter()
        .find(|(kind, data)| {
            kind == "nl.welkom.followup.handled.v1"
                && data["rating_id"] == recent_low.to_string().as_str()
        })
        .unwrap();
    assert_eq!(recent_note.1["staff_name"], "Anouk Verbeek");

    // The notes themselves follow the same rule.
    let handled: Vec<(String, String)> = k
        .store
        .follow_ups(welkom_store::FollowUpScope::All)
        .unwrap()
        .into_iter()
        .filter_map(|f| f.handled.map(|h| (h.staff_name, h.note)))
        .collect();
    assert_eq!(handled.len(), 2, "both still show as handled");
    assert!(
        handled.contains(&(String::new(), String::new())),
        "{handled:?}"
    );
    assert!(
        handled.contains(&("Anouk Verbeek".into(), "Gebeld met Sanne over Daan".into())),
        "{handled:?}"
    );

    let again = k.store.apply_retention(cutoff).unwrap();
    assert_eq!(again.total(), 0, "a second run finds nothing: {again:?}");
}
