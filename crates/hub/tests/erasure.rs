//! A family erased at a kiosk is erased at the hub: from every stored event of the
//! location (also an erased child in another guardian's visit), from the roster, from
//! events of the family that arrive later, and from the database's bytes.

mod common;

use common::{BackEnd, send, source};
use jiff::civil::Date;
use serde_json::{Value, json};
use welkom_hub::db::NewDevice;

const ROSTER: &str = "guardian_id,guardian_first_name,guardian_last_name,child_id,child_first_name,child_last_name,group\n\
G-ERASE-7731,Annabella,Zwanenburg,C-ERASE-4410,Abelientje,Zwanenburg,Vlinders\n\
G-ERASE-7731,Annabella,Zwanenburg,C-SHARED-2290,Samira,Kwakkel,Vlinders\n\
G-KEEP-1182,Bertus,Kwakkel,C-SHARED-2290,Samira,Kwakkel,Vlinders\n\
G-KEEP-5503,Cornelia,Dijkhuis,C-KEEP-6604,Casper,Dijkhuis,Rupsen\n";

/// Every byte sequence that must be gone after the erasure: the guardian's and the
/// erased child's ids and names.
const ERASED: [&str; 5] = [
    "G-ERASE-7731",
    "C-ERASE-4410",
    "Annabella",
    "Zwanenburg",
    "Abelientje",
];

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A CloudEvent of a device; `data.id` (if any) is the event's id.
fn event(device: &NewDevice, event_type: &str, time: &str, data: Value) -> Value {
    let id = data
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(uuid, str::to_owned);
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": event_type, "time": time, "datacontenttype": "application/json", "data": data
    })
}

fn visit(device: &NewDevice, id: &str, guardian: &str, children: &[&str], time: &str) -> Value {
    event(
        device,
        "nl.welkom.visit.recorded.v1",
        time,
        json!({"id": id, "guardian_id": guardian, "moment": "drop_off", "moment_corrected": false,
               "children": children, "local_date": "2026-03-02", "groups": ["Vlinders"]}),
    )
}

fn rating(
    device: &NewDevice,
    id: &str,
    guardian: &str,
    visit: &str,
    score: u8,
    time: &str,
) -> Value {
    event(
        device,
        "nl.welkom.rating.recorded.v1",
        time,
        json!({"id": id, "moment": "drop_off", "local_date": "2026-03-02", "score": score,
               "scale": 4, "supersedes": null, "misuse": false, "visit_id": visit,
               "guardian_id": guardian, "groups": ["Vlinders"]}),
    )
}

fn note(device: &NewDevice, rating: &str, text: &str, time: &str) -> Value {
    event(
        device,
        "nl.welkom.followup.handled.v1",
        time,
        json!({"id": uuid(), "rating_id": rating, "staff_name": "Els", "note": text}),
    )
}

fn accepted(answer: &(u16, Value), n: u64) {
    assert_eq!(answer.0, 200, "{answer:?}");
    assert_eq!(answer.1["accepted"], n, "{answer:?}");
    assert_eq!(answer.1["refused"], json!([]), "{answer:?}");
}

/// The erased ids and names found in a text.
fn traces(text: &str) -> Vec<&'static str> {
    ERASED.into_iter().filter(|t| text.contains(t)).collect()
}

fn an_erased_family_is_gone_from_events_roster_late_events_and_bytes(back_end: BackEnd) {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let (kiosk_1, kiosk_2) = (hub.device(&location), hub.device(&location));
        let roster =
            welkom_core::roster::parse(ROSTER.as_bytes(), &welkom_core::LanguageTag::dutch())
                .unwrap();
        hub.runtime
            .block_on(hub.db.import_roster(&location.id, roster, false))
            .unwrap();

        let (va, ra) = (uuid(), uuid());
        let (vb, rb, vc, rc) = (uuid(), uuid(), uuid(), uuid());
        let t = |hm: &str| format!("2026-03-02T{hm}:00+01:00");
        accepted(
            &send(
                hub,
                &kiosk_1.token,
                &json!([
                    visit(
                        &kiosk_1,
                        &va,
                        "G-ERASE-7731",
                        &["C-ERASE-4410", "C-SHARED-2290"],
                        &t("08:01")
                    ),
                    rating(&kiosk_1, &ra, "G-ERASE-7731", &va, 1, &t("08:02")),
                    event(
                        &kiosk_1,
                        "nl.welkom.rating.followup.v1",
                        &t("08:03"),
                        json!({"id": uuid(), "rating_id": ra, "reasons": ["sfeer"],
                                 "talk_request": true, "guardian_id": "G-ERASE-7731"})
                    ),
                    note(
                        &kiosk_1,
                        &ra,
                        "Gesproken met Annabella over Abelientje",
                        &t("09:30")
                    ),
                ]),
            ),
            4,
        );
        accepted(
            &send(
                hub,
                &kiosk_2.token,
                &json!([
                    // The erased child, brought by the other home.
                    visit(
                        &kiosk_2,
                        &vb,
                        "G-KEEP-1182",
                        &["C-SHARED-2290", "C-ERASE-4410"],
                        &t("08:10")
                    ),
                    rating(&kiosk_2, &rb, "G-KEEP-1182", &vb, 4, &t("08:11")),
                    visit(&kiosk_2, &vc, "G-KEEP-5503", &["C-KEEP-6604"], &t("08:20")),
                    rating(&kiosk_2, &rc, "G-KEEP-5503", &vc, 3, &t("08:21")),
                ]),
            ),
            4,
        );
        let day: Date = "2026-03-02".parse().unwrap();
        let tally_before = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
        let events_before = hub
            .runtime
            .block_on(hub.db.events_data(&location.id))
            .unwrap();
        assert!(
            events_before
                .iter()
                .any(|d| !traces(&d.to_string()).is_empty())
        );

        // Kiosk 1 erases the family; Samira stays, as Bertus still brings her.
        accepted(
            &send(
                hub,
                &kiosk_1.token,
                &json!([event(
                    &kiosk_1,
                    "nl.welkom.family.erased.v1",
                    &t("10:00"),
                    json!({"guardian_id": "G-ERASE-7731", "child_ids": ["C-ERASE-4410"]})
                )]),
            ),
            1,
        );
        let tally_after = hub.runtime.block_on(hub.db.tally(&location, day)).unwrap();
        assert_eq!(
            tally_after, tally_before,
            "{}: the counts stay",
            hub.back_end
        );
        let events = hub
            .runtime
            .block_on(hub.db.events_data(&location.id))
            .unwrap();
        assert_eq!(events.len(), events_before.len() + 1);
        for data in &events {
            assert_eq!(
                traces(&data.to_string()),
                Vec::<&str>::new(),
                "{}: {data}",
                hub.back_end
            );
        }
        let by_id = |id: &str| {
            events
                .iter()
                .find(|d| d["id"] == id)
                .unwrap_or_else(|| panic!("{id}"))
                .clone()
        };
        assert_eq!(by_id(&va)["children"], json!(["C-SHARED-2290"]));
        assert!(by_id(&ra).get("visit_id").is_none());
        assert_eq!(
            by_id(&vb)["guardian_id"],
            "G-KEEP-1182",
            "the other home stays"
        );
        assert_eq!(by_id(&vb)["children"], json!(["C-SHARED-2290"]));
        assert_eq!(by_id(&rc)["guardian_id"], "G-KEEP-5503");
        assert!(
            events
                .iter()
                .any(|d| d["note"] == "" && d["staff_name"] == "Els"),
            "the note is emptied, that it was handled stays"
        );

        // Kiosk 2 was offline: the family's morning arrives after the erasure.
        let (late_visit, late_rating) = (uuid(), uuid());
        accepted(
            &send(
                hub,
                &kiosk_2.token,
                &json!([
                    visit(
                        &kiosk_2,
                        &late_visit,
                        "G-ERASE-7731",
                        &["C-ERASE-4410", "C-SHARED-2290"],
                        &t("07:55")
                    ),
                    rating(
                        &kiosk_2,
                        &late_rating,
                        "G-ERASE-7731",
                        &late_visit,
                        2,
                        &t("07:56")
                    ),
                    note(&kiosk_2, &ra, "Annabella belde terug", &t("10:30")),
                ]),
            ),
            3,
        );
        let events = hub
            .runtime
            .block_on(hub.db.events_data(&location.id))
            .unwrap();
        assert_eq!(
            events.len(),
            events_before.len() + 4,
            "late events are kept"
        );
        for data in &events {
            assert_eq!(
                traces(&data.to_string()),
                Vec::<&str>::new(),
                "{}: {data}",
                hub.back_end
            );
        }
        let late = events
            .iter()
            .find(|d| d["id"] == late_visit.as_str())
            .unwrap();
        assert_eq!(late["children"], json!(["C-SHARED-2290"]));
        assert_eq!(
            hub.runtime
                .block_on(hub.db.ratings(&location.id))
                .unwrap()
                .len(),
            4,
            "the late rating counts"
        );

        // The roster the kiosks get, and every row of every table.
        let (_, roster) = hub
            .runtime
            .block_on(hub.db.roster(&location.id))
            .unwrap()
            .unwrap();
        let roster = String::from_utf8(roster).unwrap();
        assert_eq!(traces(&roster), Vec::<&str>::new(), "{roster}");
        assert!(
            roster.contains("Samira") && roster.contains("Bertus") && roster.contains("Casper")
        );
        let rows = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
        assert!(
            rows.iter().any(|r| r.contains("Samira")),
            "the check can see names"
        );
        for row in &rows {
            assert_eq!(traces(row), Vec::<&str>::new(), "{}: {row}", hub.back_end);
        }
        // The follow-ups kept at ingest are among the rows checked: the family's low
        // rating stays a follow-up, handled by Els, without guardian or note.
        assert!(
            rows.iter()
                .any(|r| r.starts_with("follow_ups:") && r.contains(ra.as_str())),
            "{}: the follow-ups are read",
            hub.back_end
        );
        assert!(
            rows.iter().any(|r| r.starts_with("follow_up_notes:")
                && r.contains(ra.as_str())
                && r.contains("Els")),
            "{}: the notes are read",
            hub.back_end
        );

        // On SQLite, not a byte of them in the files.
        if let Some(file) = &hub.sqlite {
            let mut seen_names = false;
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", file.display());
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                seen_names |= contains(&bytes, b"Samira");
                for trace in ERASED {
                    assert!(!contains(&bytes, trace.as_bytes()), "{trace} in {path}");
                }
            }
            assert!(seen_names, "the files hold the roster that stays");
        }
    });
}

on_both_back_ends!(an_erased_family_is_gone_from_events_roster_late_events_and_bytes);

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Erases the family of `ROSTER` through kiosk events.
fn erase_family(hub: &common::Hub, device: &NewDevice) {
    accepted(
        &send(
            hub,
            &device.token,
            &json!([event(
                device,
                "nl.welkom.family.erased.v1",
                "2026-03-02T10:00:00+01:00",
                json!({"guardian_id": "G-ERASE-7731", "child_ids": ["C-ERASE-4410"]})
            )]),
        ),
        1,
    );
}

fn parse(csv: &str) -> welkom_core::roster::Roster {
    welkom_core::roster::parse(csv.as_bytes(), &welkom_core::LanguageTag::dutch()).unwrap()
}

fn an_old_roster_file_does_not_bring_an_erased_family_back(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let kiosk = hub.device(&location);
        let import = |csv: &str| {
            hub.runtime
                .block_on(hub.db.import_roster(&location.id, parse(csv), false))
        };
        import(ROSTER).unwrap();
        erase_family(hub, &kiosk);
        let (etag, after_erasure) = hub
            .runtime
            .block_on(hub.db.roster(&location.id))
            .unwrap()
            .unwrap();

        // The same file again: refused, naming the erased ids, and nothing changes.
        let refused = import(ROSTER).unwrap_err().to_string();
        assert!(
            refused.contains("guardian 'G-ERASE-7731'") && refused.contains("child 'C-ERASE-4410'"),
            "{}: {refused}",
            hub.back_end
        );
        assert!(refused.contains("Nothing was changed"), "{refused}");
        assert!(
            !refused.contains("C-SHARED-2290") && !refused.contains("Annabella"),
            "only erased ids are named, never a name: {refused}"
        );
        let stored = hub.runtime.block_on(hub.db.roster(&location.id)).unwrap();
        assert_eq!(stored, Some((etag, after_erasure)), "{}", hub.back_end);

        // Enrolled again under new ids, the family is welcome.
        let readmitted = ROSTER
            .replace("G-ERASE-7731", "G-BACK-8801")
            .replace("C-ERASE-4410", "C-BACK-8802");
        import(&readmitted).unwrap();

        // The erasure is kept per location: another location may use those ids.
        let other = hub.location("Het Klaverblad");
        hub.runtime
            .block_on(hub.db.import_roster(&other.id, parse(ROSTER), false))
            .unwrap();
    });
}
on_both_back_ends!(an_old_roster_file_does_not_bring_an_erased_family_back);

fn a_stored_roster_the_hub_cannot_read_goes_whole_on_erasure(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let kiosk = hub.device(&location);
        // A roster stored by an older hub that this one no longer reads.
        let unreadable = format!("{ROSTER}G-ERASE-7731,Annabella\n").into_bytes();
        assert!(
            welkom_core::roster::parse(&unreadable, &welkom_core::LanguageTag::dutch()).is_err()
        );
        hub.runtime
            .block_on(hub.db.put_roster(&location.id, unreadable))
            .unwrap();
        erase_family(hub, &kiosk);
        let stored = hub.runtime.block_on(hub.db.roster(&location.id)).unwrap();
        assert_eq!(stored, None, "{}: no erased name may stay", hub.back_end);
    });
}
on_both_back_ends!(a_stored_roster_the_hub_cannot_read_goes_whole_on_erasure);

/// PostgreSQL only (SQLite has one writer): a family erased by one kiosk while
/// another kiosk's batch with a late event of that family is being stored. Both
/// batches insert their rows and then wait for the location's turn (the test holds
/// it); the erasure goes first and cannot see the other batch's uncommitted rows;
/// that batch finds the new erasure when its turn comes and strips its events again.
#[test]
#[ignore = "needs PostgreSQL: apt-get install postgresql"]
fn an_erasure_committed_while_a_batch_inserts_reaches_that_batch() {
    let hub = common::require_postgres();
    let location = hub.location("De Boomhut");
    let (kiosk_1, kiosk_2) = (hub.device(&location), hub.device(&location));
    let (client, connection) = hub
        .runtime
        .block_on(tokio_postgres::connect(
            &hub.database_url(),
            tokio_postgres::NoTls,
        ))
        .unwrap();
    hub.runtime.spawn(connection);
    let waiting = || -> i64 {
        hub.runtime
            .block_on(client.query_one(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                &[],
            ))
            .unwrap()
            .get(0)
    };
    let wait_for = |n: i64| {
        let started = std::time::Instant::now();
        while waiting() < n {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "{n} batches never waited for the location's turn"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };
    // The location's turn, held by the test.
    hub.runtime.block_on(client.batch_execute("BEGIN")).unwrap();
    hub.runtime
        .block_on(client.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&location.id],
        ))
        .unwrap();

    std::thread::scope(|scope| {
        let erasure = scope.spawn(|| erase_family(&hub, &kiosk_1));
        wait_for(1);
        let (visit_id, rating_id) = (uuid(), uuid());
        let t = |hm: &str| format!("2026-03-02T{hm}:00+01:00");
        let batch = json!([
            visit(
                &kiosk_2,
                &visit_id,
                "G-ERASE-7731",
                &["C-ERASE-4410", "C-SHARED-2290"],
                &t("09:01")
            ),
            rating(
                &kiosk_2,
                &rating_id,
                "G-ERASE-7731",
                &visit_id,
                1,
                &t("09:02")
            ),
        ]);
        let (hub, kiosk_2) = (&hub, &kiosk_2);
        let late = scope.spawn(move || send(hub, &kiosk_2.token, &batch));
        wait_for(2);
        hub.runtime
            .block_on(client.batch_execute("COMMIT"))
            .unwrap();
        erasure.join().unwrap();
        accepted(&late.join().unwrap(), 2);
    });

    let rows = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
    let found: Vec<&str> = rows.iter().flat_map(|row| traces(row)).collect();
    assert!(found.is_empty(), "still stored: {found:?}\n{rows:#?}");
    assert!(
        rows.iter().any(|row| row.contains("C-SHARED-2290")),
        "the other guardian's child stays in the late visit"
    );
}
