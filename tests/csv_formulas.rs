//! Every CSV the kiosk writes shows text from people as text: a roster name, a reason
//! or a staff note that starts like a spreadsheet formula gets a `'` before it, in
//! the ratings export, the follow-ups export and the issued-PIN file.

mod common;

use common::welkom;
use jiff::Timestamp;
use jiff::civil::Date;
use welkom_core::{ChildId, EventId, GuardianId, Moment, Scale};
use welkom_store::{NewFollowUp, NewRating, NewVisit, Privacy, StaffRole, Store};

/// Invented names that a spreadsheet would run as formulas. GQ1 has no PIN, so the
/// import writes an issued-PIN file naming them.
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
GQ1;\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";+31 6 12345678;;CQ1;@SUM(A1);-Vlinders
GQ2;Roos;Terpstra;3917;CQ2;Lieke;Kikkers
";

const HYPERLINK: &str = "=HYPERLINK(\"http://x\",\"y\")";

/// The records of a CSV text, header first.
fn records(text: &str, separator: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The cell of a record by its column's name.
fn column<'a>(records: &'a [Vec<String>], row: usize, name: &str) -> &'a str {
    let index = records[0].iter().position(|h| h == name).unwrap();
    &records[row][index]
}

/// No cell of any record starts a formula.
fn assert_no_formula(records: &[Vec<String>], what: &str) {
    for record in records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: {cell:?} would run as a formula"
            );
        }
    }
}

#[test]
fn names_reasons_and_notes_that_look_like_formulas_are_exported_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    let out = welkom(&data, &["import-roster", roster.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The issued-PIN file.
    let pin_file = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("issued-pins-"))
        .expect("an issued-PIN file");
    let pins = records(&std::fs::read_to_string(&pin_file).unwrap(), b';');
    assert_eq!(
        column(&pins, 1, "guardian_first_name"),
        format!("'{HYPERLINK}")
    );
    assert_eq!(column(&pins, 1, "guardian_last_name"), "'+31 6 12345678");
    assert_no_formula(&pins, "issued-PIN file");

    let day: Date = "2026-03-02".parse().unwrap();
    let at: Timestamp = "2026-03-02T07:15:00Z".parse().unwrap();
    {
        let mut store = Store::open(&data.join("welkom.sqlite")).unwrap();
        let visit = NewVisit {
            id: EventId::new(),
            guardian_id: GuardianId("GQ1".into()),
            moment: Moment::DropOff,
            moment_corrected: false,
            children: vec![ChildId("CQ1".into())],
            at,
            local_date: day,
        };
        let rating = NewRating {
            id: EventId::new(),
            score: 1,
            scale: Scale::Four,
            at,
            misuse: false,
            privacy: Privacy::Linked,
            replaces: None,
        };
        let rating = store.record_rating(&visit, &rating).unwrap().id;
        store
            .record_follow_up(&NewFollowUp {
                id: EventId::new(),
                rating_id: rating,
                reasons: vec!["=1+1".into()],
                talk_request: true,
                guardian_id: Some(GuardianId("GQ1".into())),
                at,
            })
            .unwrap();
        let staff = store
            .add_staff("@Anouk", StaffRole::Manager, "280461", at)
            .unwrap();
        store
            .mark_talked(rating, &staff, "-5 minuten te laat, =2+3", at)
            .unwrap();
    }

    let out = welkom(&data, &["export", "ratings", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ratings = records(&String::from_utf8(out.stdout).unwrap(), b',');
    assert_eq!(ratings.len(), 2, "{ratings:?}");
    assert_eq!(
        column(&ratings, 1, "guardian_name"),
        format!("'{HYPERLINK} +31 6 12345678")
    );
    assert_eq!(column(&ratings, 1, "children"), "'@SUM(A1)");
    assert_eq!(column(&ratings, 1, "groups"), "'-Vlinders");
    assert_eq!(column(&ratings, 1, "reasons"), "'=1+1");
    assert_eq!(column(&ratings, 1, "score"), "1", "numbers stay numbers");
    assert_no_formula(&ratings, "ratings export");

    let out = welkom(&data, &["export", "followups", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let followups = records(&String::from_utf8(out.stdout).unwrap(), b',');
    assert_eq!(followups.len(), 2, "{followups:?}");
    assert_eq!(
        column(&followups, 1, "guardian_name"),
        format!("'{HYPERLINK} +31 6 12345678")
    );
    assert_eq!(column(&followups, 1, "handled_by"), "'@Anouk");
    assert_eq!(column(&followups, 1, "note"), "'-5 minuten te laat, =2+3");
    assert_eq!(column(&followups, 1, "reasons"), "'=1+1");
    assert_no_formula(&followups, "follow-ups export");

    // The JSON exports keep the text as it was given.
    let out = welkom(&data, &["export", "followups", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["note"], "-5 minuten te laat, =2+3");
}
