//! Export and erasure of a family, on a store with the test roster.

use super::*;
use crate::Privacy;
use crate::test_support::{Fixture, day};
use serde_json::json;

fn scores(f: &Fixture) -> Vec<(i64, i64)> {
    let mut stmt = f
        .store
        .conn
        .prepare("SELECT score, count(*) FROM ratings GROUP BY score ORDER BY score")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn count(f: &Fixture, sql: &str) -> i64 {
    f.store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn stripping_removes_named_values_and_keeps_the_event_id() {
    let personal: BTreeSet<&str> = ["G1", "C1", "v1"].into_iter().collect();
    let mut data = json!({
        "id": "v1",
        "guardian_id": "G1",
        "visit_id": "v1",
        "children": ["C1", "C9"],
        "moment": "drop_off",
    });
    assert!(strip_personal(&mut data, &personal));
    assert_eq!(
        data,
        json!({ "id": "v1", "children": ["C9"], "moment": "drop_off" })
    );
    assert!(
        !strip_personal(&mut data, &personal),
        "nothing left to remove"
    );
}

#[test]
fn an_unknown_guardian_is_none_and_changes_nothing() {
    let mut f = Fixture::new();
    let nobody = GuardianId("G404".into());
    assert!(f.store.family_export(&nobody).unwrap().is_none());
    assert!(f.store.preview_family_erase(&nobody).unwrap().is_none());
    let events = f.store.outbox_waiting().unwrap();
    assert!(
        f.store
            .erase_family(&nobody, "2025-03-03T09:00:00Z".parse().unwrap())
            .unwrap()
            .is_none()
    );
    assert_eq!(f.store.outbox_waiting().unwrap(), events, "no event either");
}

#[test]
fn export_shows_one_family_and_never_the_pin_hash() {
    let mut f = Fixture::new();
    let d = day("2025-03-03");
    let linked = f.rate("G3", d, 4);
    let anonymous = f.rate_with("G3", d, 1, Privacy::Anonymous);
    f.follow_up_by(anonymous, true, Some(GuardianId("G3".into())));
    f.note(anonymous, "Gesprek gehad");
    f.rate("G4", d, 2);
    f.rate("G1", d, 3);

    let record = f
        .store
        .family_export(&GuardianId("G3".into()))
        .unwrap()
        .unwrap();
    assert_eq!(record.guardian.first_name, "Wendela");
    assert!(record.guardian.pin_set);
    let text = serde_json::to_string(&record).unwrap();
    assert!(!text.contains("pin_hash"), "{text}");
    let hash: String = f
        .store
        .conn
        .query_row("SELECT pin_hash FROM guardians WHERE id = 'G3'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!text.contains(&hash), "the hash itself never shows");

    let children: Vec<&str> = record.children.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(children, ["C3", "C4"]);
    let ratings: Vec<String> = record.ratings.iter().map(|r| r.id.clone()).collect();
    assert_eq!(
        ratings,
        [linked.to_string(), anonymous.to_string()],
        "the anonymous rating shows because the talk request names the guardian"
    );
    assert_eq!(record.staff_notes.len(), 1);
    assert!(record.follow_ups[0].names_guardian);
    // G4 brought the shared child C4: the visit shows, G4 does not.
    let by_other: Vec<&VisitRecord> = record
        .visits
        .iter()
        .filter(|v| !v.by_this_guardian)
        .collect();
    assert_eq!(by_other.len(), 1);
    assert_eq!(by_other[0].children, [ChildId("C4".into())]);
    assert!(
        !text.contains("\"G4\"") && !text.contains("\"G1\""),
        "{text}"
    );
    assert!(
        !text.contains("Karim") && !text.contains("Marnix"),
        "{text}"
    );
}

#[test]
fn erasure_removes_the_family_keeps_a_shared_child_and_the_statistic() {
    let mut f = Fixture::new();
    let d = day("2025-03-03");
    let low = f.rate("G3", d, 1);
    f.follow_up(low, true);
    f.note(low, "Gebeld met Wendela over Siebe");
    let anonymous = f.rate_with("G3", d, 2, Privacy::Anonymous);
    f.follow_up_by(anonymous, true, Some(GuardianId("G3".into())));
    f.rate("G4", d, 3);
    f.rate("G1", d, 4);
    // Some events were sent already; the later ones wait.
    f.store
        .conn
        .execute(
            "UPDATE outbox SET sent_at = 1 WHERE seq <= (SELECT max(seq) / 2 FROM outbox)",
            [],
        )
        .unwrap();
    let statistic = scores(&f);
    let g3 = GuardianId("G3".into());
    let export = f.store.family_export(&g3).unwrap().unwrap();

    let preview = f.store.preview_family_erase(&g3).unwrap().unwrap();
    assert_eq!(
        count(&f, "SELECT count(*) FROM guardians WHERE id = 'G3'"),
        1
    );
    let at = "2025-03-04T09:00:00Z".parse().unwrap();
    let erasure = f.store.erase_family(&g3, at).unwrap().unwrap();
    assert_eq!(
        FamilyErasure {
            erased_event: None,
            ..erasure.clone()
        },
        preview,
        "the preview says exactly what happens"
    );

    assert_eq!(erasure.children_erased, [ChildId("C3".into())]);
    assert_eq!(erasure.children_kept, [ChildId("C4".into())]);
    assert_eq!(
        count(&f, "SELECT count(*) FROM guardians WHERE id = 'G3'"),
        0
    );
    assert_eq!(
        count(&f, "SELECT count(*) FROM children WHERE id = 'C3'"),
        0
    );
    assert_eq!(
        count(
            &f,
            "SELECT count(*) FROM guardian_children WHERE child_id = 'C4'"
        ),
        1,
        "G4 still brings Jelte"
    );
    assert_eq!(
        count(
            &f,
            "SELECT count(*) FROM visit_children WHERE child_id = 'C3'"
        ),
        0
    );
    for sql in [
        "SELECT count(*) FROM ratings WHERE guardian_id = 'G3'",
        "SELECT count(*) FROM visits WHERE guardian_id = 'G3'",
        "SELECT count(*) FROM rating_followups WHERE guardian_id = 'G3'",
        "SELECT count(*) FROM follow_up_notes WHERE note <> ''",
        "SELECT count(*) FROM outbox o, json_tree(o.data) t
         WHERE t.atom IN ('G3', 'C3') AND o.type <> 'nl.welkom.family.erased.v1'",
    ] {
        assert_eq!(count(&f, sql), 0, "{sql}");
    }
    assert_eq!(
        count(&f, "SELECT count(*) FROM follow_up_notes"),
        1,
        "that it was handled stays"
    );
    assert_eq!(
        scores(&f),
        statistic,
        "the anonymous statistic is unchanged"
    );
    assert_eq!(
        count(
            &f,
            "SELECT count(*) FROM ratings WHERE guardian_id IS NOT NULL"
        ),
        2,
        "other families keep their links"
    );
    assert!(!erasure.outbox_deleted.is_empty() && !erasure.outbox_rewritten.is_empty());
    let (kind, data): (String, String) = f
        .store
        .conn
        .query_row(
            "SELECT type, data FROM outbox WHERE event_id = ?1",
            [erasure.erased_event.unwrap().to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kind, "nl.welkom.family.erased.v1");
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data, json!({ "guardian_id": "G3", "child_ids": ["C3"] }));

    // Everything removed was in the export.
    let exported: BTreeSet<String> = std::iter::empty()
        .chain(export.children.iter().map(|c| c.id.0.clone()))
        .chain(export.visits.iter().map(|v| v.id.clone()))
        .chain(export.ratings.iter().map(|r| r.id.clone()))
        .chain(export.follow_ups.iter().map(|r| r.id.clone()))
        .chain(export.staff_notes.iter().map(|r| r.id.clone()))
        .chain(export.outbox.iter().map(|r| r.event_id.clone()))
        .collect();
    let removed = std::iter::empty()
        .chain(erasure.children_erased.iter().map(|c| c.0.clone()))
        .chain(erasure.visits_unlinked.iter().cloned())
        .chain(erasure.ratings_unlinked.iter().cloned())
        .chain(erasure.follow_ups_unlinked.iter().cloned())
        .chain(erasure.notes_emptied.iter().cloned())
        .chain(erasure.outbox_rewritten.iter().cloned())
        .chain(erasure.outbox_deleted.iter().cloned());
    for id in removed {
        assert!(exported.contains(&id), "{id} was removed but not exported");
    }

    assert!(f.store.compact().unwrap());
    assert_eq!(f.store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_waiting_staff_note_about_the_family_loses_its_text_and_others_keep_theirs() {
    let mut f = Fixture::new();
    let d = day("2025-03-03");
    let theirs = f.rate("G3", d, 1);
    let other = f.rate("G1", d, 1);
    let at: jiff::Timestamp = "2025-03-03T15:00:00Z".parse().unwrap();
    let staff = f
        .store
        .add_staff("Anouk", crate::StaffRole::Manager, "280461", at)
        .unwrap();
    f.store
        .mark_talked(theirs, &staff, "Gebeld met Wendela over Siebe", at)
        .unwrap();
    f.store
        .mark_talked(other, &staff, "Ilse gesproken", at)
        .unwrap();

    let erasure = f
        .store
        .erase_family(&GuardianId("G3".into()), at)
        .unwrap()
        .unwrap();
    let notes: Vec<(String, String)> = f
        .store
        .conn
        .prepare(
            "SELECT json_extract(data, '$.rating_id'), json_extract(data, '$.note') FROM outbox
             WHERE type = 'nl.welkom.followup.handled.v1' ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        notes,
        [
            (theirs.to_string(), String::new()),
            (other.to_string(), "Ilse gesproken".to_owned())
        ],
        "the family's note is emptied in the waiting event too"
    );
    assert_eq!(
        count(
            &f,
            "SELECT count(*) FROM outbox WHERE data LIKE '%Wendela%'"
        ),
        0
    );
    assert!(!erasure.outbox_rewritten.is_empty());
}
