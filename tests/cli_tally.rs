//! `welkom tally` shows what `Store::day_tally` computes: the JSON is the same tally,
//! the table names groups and hours but no guardian or child.

mod common;

use common::rated_visits::{LocalDay, Pass};
use common::welkom;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use std::process::Output;
use welkom_core::Moment;
use welkom_core::tally::DayTally;
use welkom_store::Store;

/// Invented families; Tess has children in two groups.
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Tess;Brouwer;4826;C1;Lotte;Vlinders
G1;Tess;Brouwer;4826;C2;Siem;Rupsen
G2;Ravi;Pinas;7391;C3;Anouk;Rupsen
G3;Mirte;Kok;3917;C4;Bram;Vlinders
G4;Kofi;Mensah;6048;C5;Yara;Kikkers
G5;Ilse;Smit;5173;C6;Ties;Vlinders
G6;Jurre;Dekker;8152;C7;Noa;
";

const NAMES: [&str; 13] = [
    "Tess", "Brouwer", "Lotte", "Siem", "Ravi", "Pinas", "Anouk", "Mirte", "Bram", "Kofi",
    "Mensah", "Yara", "Dekker",
];

/// The location is on Bonaire (UTC-4 all year), so hours in the wrong zone would show.
const ZONE: &str = "America/Kralendijk";
const DAY: Date = date(2026, 3, 2);

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn tally_json_is_the_store_tally_and_the_table_names_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("welkom.toml"),
        format!("[location]\ntime_zone = \"{ZONE}\"\n"),
    )
    .unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    let out = welkom(&data, &["import-roster", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut store = Store::open(&data.join("welkom.sqlite")).unwrap();
    let (drop_off, pick_up) = (Moment::DropOff, Moment::PickUp);
    // Who, which children, moment, local time, faces in turn (a second one re-rates),
    // misuse.
    type Row<'a> = (&'a str, &'a [&'a str], Moment, (i8, i8), &'a [u8], bool);
    let passes: [Row<'_>; 8] = [
        ("G1", &["C1", "C2"], drop_off, (7, 58), &[2, 4], false),
        ("G2", &["C3"], drop_off, (8, 5), &[4], false),
        ("G3", &["C4"], drop_off, (8, 10), &[3], false),
        ("G4", &["C5"], drop_off, (8, 20), &[1], false),
        ("G5", &["C6"], drop_off, (8, 40), &[4], false),
        ("G6", &["C7"], drop_off, (9, 1), &[], false),
        ("G6", &["C7"], pick_up, (16, 30), &[4, 4, 4], true),
        ("G1", &["C1"], pick_up, (17, 5), &[3], false),
    ];
    let day = LocalDay {
        date: DAY,
        zone: ZONE,
    };
    for (guardian, children, moment, time, scores, misuse) in passes {
        let pass = Pass {
            guardian,
            children,
            moment,
            time,
            scores,
            misuse,
        };
        day.record(&mut store, &pass);
    }
    // Another day, not in the tally.
    let next = LocalDay {
        date: DAY.tomorrow().unwrap(),
        zone: ZONE,
    };
    next.record(
        &mut store,
        &Pass {
            guardian: "G2",
            children: &["C3"],
            moment: drop_off,
            time: (8, 0),
            scores: &[1],
            misuse: false,
        },
    );
    let expected = store.day_tally(DAY, &TimeZone::get(ZONE).unwrap()).unwrap();
    drop(store);

    // The day has something in every kind of row, so the comparison means something.
    let drop = &expected.drop_off;
    assert_eq!((drop.total.answers, drop.total.visits), (5, 6));
    assert_eq!(drop.total.enthusiastic_percent, Some(60.0));
    assert_eq!(drop.groups.len(), 3);
    assert_eq!(
        drop.hours.iter().map(|h| h.hour).collect::<Vec<_>>(),
        [7, 8, 9]
    );
    assert_eq!(expected.pick_up.misuse, 3);

    let out = welkom(
        &data,
        &["tally", "--format", "json", "--date", &DAY.to_string()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let shown: DayTally = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown, expected);

    let out = welkom(&data, &["tally", "--date", &DAY.to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("Tally for Monday 2026-03-02 (America/Kralendijk)"),
        "{table}"
    );
    assert!(table.contains("Group Vlinders"), "{table}");
    assert!(table.contains("07:00-07:59"), "{table}");
    for name in NAMES {
        assert!(!table.contains(name), "{name} in:\n{table}");
    }

    // Today by default; a bad date is refused with the value named.
    let out = welkom(&data, &["tally"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = welkom(&data, &["tally", "--date", "2026-02-30"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("2026-02-30"), "{}", stderr(&out));
}
