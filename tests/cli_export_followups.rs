//! `welkom export followups` lists every low rating and talk request, open and
//! handled, newest first, in CSV and in JSON, with who talked and their note.

mod common;

use common::welkom;
use jiff::Timestamp;
use jiff::civil::{Date, date};
use std::process::Output;
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
use welkom_store::{FollowUpScope, NewFollowUp, NewRating, NewVisit, Privacy, StaffRole, Store};

/// Invented families; Wietske brings two children in two groups.
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
GF1;Wietske;Haverkamp;4826;CF1;Joris;Vlinders
GF1;Wietske;Haverkamp;4826;CF2;Nina;Rupsen
GF2;Badr;Ouazzani;7391;CF3;Ilyas;Rupsen
GF3;Roos;Terpstra;3917;CF4;Lieke;Kikkers
";

const DAY: Date = date(2026, 3, 2);

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A UTC time on `DAY`.
fn at(hour: i8, minute: i8) -> Timestamp {
    DAY.at(hour, minute, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
}

/// A visit by `guardian` with `children` at `time`, rated `score` on four faces.
fn rate(
    store: &mut Store,
    (guardian, children): (&str, &[&str]),
    moment: Moment,
    time: Timestamp,
    score: u8,
    privacy: Privacy,
) -> EventId {
    let visit = NewVisit {
        id: EventId::new(),
        guardian_id: GuardianId(guardian.into()),
        moment,
        moment_corrected: false,
        children: children.iter().map(|&c| ChildId(c.into())).collect(),
        at: time,
        local_date: DAY,
    };
    let rating = NewRating {
        id: EventId::new(),
        score,
        scale: Scale::Four,
        at: time,
        misuse: false,
        privacy,
        replaces: None,
    };
    store.record_rating(&visit, &rating).unwrap().id
}

/// What the guardian answered after the face.
fn follow_up(store: &mut Store, rating: EventId, reasons: &[&str], talk: Option<&str>) {
    store
        .record_follow_up(&NewFollowUp {
            id: EventId::new(),
            rating_id: rating,
            reasons: reasons.iter().map(|&r| r.to_owned()).collect(),
            talk_request: talk.is_some(),
            guardian_id: talk.map(|g| GuardianId(g.into())),
            at: Timestamp::now(),
        })
        .unwrap();
}

/// Splits CSV text into rows of fields, honouring quotes (a quoted field may hold
/// commas, doubled quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the CSV ends with a line break"
    );
    rows
}

#[test]
fn followups_export_lists_open_and_handled_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    let out = welkom(&data, &["import-roster", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut store = Store::open(&data.join("welkom.sqlite")).unwrap();
    // 1. A low face with a reason, not talked about yet.
    let low = rate(
        &mut store,
        ("GF1", &["CF1", "CF2"]),
        Moment::DropOff,
        at(7, 50),
        1,
        Privacy::Linked,
    );
    follow_up(&mut store, low, &["handover", "information"], None);
    // 2. A good face, not a follow-up: not exported.
    rate(
        &mut store,
        ("GF3", &["CF4"]),
        Moment::DropOff,
        at(8, 5),
        4,
        Privacy::Linked,
    );
    // 3. A talk request after a neutral face, handled by a staff member.
    let handled = rate(
        &mut store,
        ("GF2", &["CF3"]),
        Moment::DropOff,
        at(8, 20),
        3,
        Privacy::Linked,
    );
    follow_up(&mut store, handled, &[], Some("GF2"));
    let staff = store
        .add_staff("Marloes Vink", StaffRole::Staff, "5173", at(9, 0))
        .unwrap();
    let talked_at = at(15, 45);
    store
        .mark_talked(
            handled,
            &staff,
            "  Gesproken bij het ophalen, \"alles goed\"  ",
            talked_at,
        )
        .unwrap();
    // 4. An anonymous low face: no guardian, no children, but its groups.
    let anonymous = rate(
        &mut store,
        ("GF3", &["CF4"]),
        Moment::PickUp,
        at(16, 10),
        2,
        Privacy::Anonymous,
    );
    // 5. A talk request without reasons after a good face, still open.
    let talk = rate(
        &mut store,
        ("GF1", &["CF1"]),
        Moment::PickUp,
        at(17, 0),
        4,
        Privacy::Linked,
    );
    follow_up(&mut store, talk, &[], Some("GF1"));
    let listed: Vec<EventId> = store
        .follow_ups(FollowUpScope::All)
        .unwrap()
        .iter()
        .map(|i| i.rating_id)
        .collect();
    assert_eq!(listed, [talk, anonymous, handled, low]);
    drop(store);

    // CSV: a header row, then one row per follow-up, newest first.
    let out = welkom(&data, &["export", "followups", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[0],
        [
            "rating_id",
            "date",
            "time",
            "moment",
            "score",
            "scale",
            "guardian_id",
            "guardian_name",
            "children",
            "groups",
            "reasons",
            "talk_request",
            "low",
            "status",
            "handled_by",
            "handled_at",
            "note"
        ]
    );
    let expected: [[&str; 17]; 4] = [
        [
            &talk.to_string(),
            "2026-03-02",
            "2026-03-02T17:00:00Z",
            "pick_up",
            "4",
            "4",
            "GF1",
            "Wietske Haverkamp",
            "Joris",
            "Vlinders",
            "",
            "true",
            "false",
            "open",
            "",
            "",
            "",
        ],
        [
            &anonymous.to_string(),
            "2026-03-02",
            "2026-03-02T16:10:00Z",
            "pick_up",
            "2",
            "4",
            "",
            "",
            "",
            "Kikkers",
            "",
            "false",
            "true",
            "open",
            "",
            "",
            "",
        ],
        [
            &handled.to_string(),
            "2026-03-02",
            "2026-03-02T08:20:00Z",
            "drop_off",
            "3",
            "4",
            "GF2",
            "Badr Ouazzani",
            "Ilyas",
            "Rupsen",
            "",
            "true",
            "false",
            "handled",
            "Marloes Vink",
            "2026-03-02T15:45:00Z",
            "Gesproken bij het ophalen, \"alles goed\"",
        ],
        [
            &low.to_string(),
            "2026-03-02",
            "2026-03-02T07:50:00Z",
            "drop_off",
            "1",
            "4",
            "GF1",
            "Wietske Haverkamp",
            "Joris|Nina",
            "Vlinders|Rupsen",
            "handover|information",
            "false",
            "true",
            "open",
            "",
            "",
            "",
        ],
    ];
    assert_eq!(rows.len(), 1 + expected.len(), "{csv}");
    for (row, want) in rows[1..].iter().zip(&expected) {
        assert_eq!(row, want, "{csv}");
    }
    // The note is quoted, its quotes doubled, as the ratings export quotes.
    assert!(
        csv.contains(",\"Gesproken bij het ophalen, \"\"alles goed\"\"\"\n"),
        "{csv}"
    );

    // JSON: an array with the same rows; what is not known is null.
    let out = welkom(&data, &["export", "followups", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), expected.len());
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["rating_id"].as_str().unwrap())
        .collect();
    let want_ids = [talk, anonymous, handled, low].map(|id| id.to_string());
    assert_eq!(ids, want_ids);

    let open_talk = &items[0];
    assert_eq!(open_talk["date"], "2026-03-02");
    assert_eq!(open_talk["time"], "2026-03-02T17:00:00Z");
    assert_eq!(open_talk["moment"], "pick_up");
    assert_eq!(open_talk["score"], 4);
    assert_eq!(open_talk["scale"], 4);
    assert_eq!(open_talk["guardian_id"], "GF1");
    assert_eq!(open_talk["guardian_name"], "Wietske Haverkamp");
    assert_eq!(open_talk["children"], serde_json::json!(["Joris"]));
    assert_eq!(open_talk["reasons"], serde_json::json!([]));
    assert_eq!(open_talk["talk_request"], true);
    assert_eq!(open_talk["low"], false);
    assert_eq!(open_talk["status"], "open");
    assert!(open_talk["handled_by"].is_null());
    assert!(open_talk["handled_at"].is_null());
    assert!(open_talk["note"].is_null());

    let anonymous_low = &items[1];
    assert!(anonymous_low["guardian_id"].is_null());
    assert!(anonymous_low["guardian_name"].is_null());
    assert_eq!(anonymous_low["children"], serde_json::json!([]));
    assert_eq!(anonymous_low["groups"], serde_json::json!(["Kikkers"]));
    assert_eq!(anonymous_low["low"], true);
    assert_eq!(anonymous_low["status"], "open");

    let talked = &items[2];
    assert_eq!(talked["status"], "handled");
    assert_eq!(talked["handled_by"], "Marloes Vink");
    assert_eq!(talked["handled_at"], "2026-03-02T15:45:00Z");
    assert_eq!(talked["note"], "Gesproken bij het ophalen, \"alles goed\"");
    assert_eq!(talked["talk_request"], true);
    assert_eq!(talked["guardian_name"], "Badr Ouazzani");

    let open_low = &items[3];
    assert_eq!(open_low["children"], serde_json::json!(["Joris", "Nina"]));
    assert_eq!(
        open_low["groups"],
        serde_json::json!(["Vlinders", "Rupsen"])
    );
    assert_eq!(
        open_low["reasons"],
        serde_json::json!(["handover", "information"])
    );
    assert_eq!(open_low["talk_request"], false);
    assert_eq!(open_low["low"], true);
    assert_eq!(open_low["status"], "open");

    // Every row has the same fields in both formats.
    for item in items {
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), rows[0].len(), "{item}");
        for column in &rows[0] {
            assert!(item.get(column).is_some(), "{column} missing in {item}");
        }
    }
}

#[test]
fn an_empty_store_exports_a_header_and_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = welkom(&data, &["export", "followups"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1, "{csv}");
    assert!(csv.starts_with("rating_id,date,time,"), "{csv}");
    let out = welkom(&data, &["export", "followups", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json, serde_json::json!([]));
}
