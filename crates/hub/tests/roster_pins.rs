//! PINs of a roster imported at the hub: issued once for the location and written
//! once for the manager, served only as argon2id verifiers, accepted by every kiosk
//! of the location through the real sync client, and kept on a re-import.

mod common;

use common::BackEnd;
use std::time::Duration;
use welkom_core::{GuardianId, LanguageTag};
use welkom_store::Store;
use welkom_sync::{RosterFetch, SyncClient, SyncStatus, Upstream};

/// Sanne brings her PIN; Joost and Emma get one from the hub.
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Sanne;de Vries;58213;C1;Daan;Vlinders
G2;Joost;Visser;;C2;Mila;Rupsen
G3;Emma;Bakker;;C3;Noah;Kikkers
G3;Emma;Bakker;;C1;Daan;Vlinders
";

fn kiosk(dir: &std::path::Path, url: &str, token: &str) -> SyncClient {
    SyncClient::new(
        Store::open(&dir.join("welkom.sqlite")).unwrap(),
        Upstream {
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            ..Upstream::new(url, token)
        },
        SyncStatus::default(),
    )
}

/// The roster as the hub serves it to a device.
fn served(hub: &common::Hub, token: &str) -> String {
    let response = common::agent()
        .get(&format!("{}/v1/roster", hub.url))
        .header("Authorization", &format!("Bearer {token}"))
        .header("Welkom-Protocol", "1")
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.into_body().read_to_string().unwrap()
}

/// Every field of a CSV text.
fn fields(csv: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

fn hub_pins_are_issued_once_and_work_on_every_kiosk_of_the_location(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let (device_1, device_2) = (hub.device(&location), hub.device(&location));
        let roster = welkom_core::roster::parse(ROSTER.as_bytes(), &LanguageTag::dutch()).unwrap();
        let imported = hub
            .runtime
            .block_on(hub.db.import_roster(&location.id, roster.clone(), false))
            .unwrap();
        assert_eq!(imported.pins_given, 1, "{}", hub.back_end);
        let issued: Vec<(String, String)> = imported
            .issued
            .iter()
            .map(|p| (p.guardian_id.clone(), p.pin.clone()))
            .collect();
        assert_eq!(
            issued.iter().map(|(g, _)| g.as_str()).collect::<Vec<_>>(),
            ["G2", "G3"]
        );
        for (_, pin) in &issued {
            assert_eq!(pin.len(), 5);
            assert!(!welkom_core::pin::is_trivial(pin), "{pin}");
        }
        assert_ne!(issued[0].1, issued[1].1);

        // No PIN in clear in what the hub serves: no `pin` column, no field a PIN.
        let text = served(hub, &device_1.token);
        let all = fields(&text);
        assert!(!all.iter().any(|f| f == "pin"), "{text}");
        for pin in issued.iter().map(|(_, p)| p.as_str()).chain(["58213"]) {
            assert!(!all.iter().any(|f| f == pin), "{pin} in {text}");
        }
        assert_eq!(
            all.iter()
                .filter(|f| f.starts_with("$argon2id$v=19$"))
                .count(),
            4,
            "a verifier on each row: {text}"
        );

        // Two kiosks of the location, each with its own store and token.
        let (dir_1, dir_2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut kiosk_1 = kiosk(dir_1.path(), &hub.url, &device_1.token);
        let mut kiosk_2 = kiosk(dir_2.path(), &hub.url, &device_2.token);
        for kiosk in [&mut kiosk_1, &mut kiosk_2] {
            assert_eq!(
                kiosk.fetch_roster().unwrap(),
                RosterFetch::Applied { new_pins: 0 },
                "the kiosk issues no PINs of its own"
            );
            let store = kiosk.store();
            for (guardian, pin) in issued
                .iter()
                .chain([&("G1".to_owned(), "58213".to_owned())])
            {
                assert_eq!(
                    store.guardian_by_pin(pin).unwrap(),
                    Some(GuardianId(guardian.clone())),
                    "{}: {pin}",
                    hub.back_end
                );
            }
            assert_eq!(store.guardian_by_pin("48213").unwrap(), None);
        }

        // Importing the same file again issues nothing and changes no PIN.
        let again = hub
            .runtime
            .block_on(hub.db.import_roster(&location.id, roster, false))
            .unwrap();
        assert!(again.issued.is_empty());
        assert_eq!((again.pins_given, again.pins_kept), (1, 2));
        assert_eq!(
            again.etag, imported.etag,
            "the same verifiers, the same roster"
        );
        assert_eq!(served(hub, &device_2.token), text);
        assert_eq!(kiosk_1.fetch_roster().unwrap(), RosterFetch::Unchanged);

        // A guardian added later gets a PIN; the others keep theirs.
        let grown = format!("{ROSTER}G4;Ilse;de Boer;;C4;Finn;Rupsen\n");
        let grown = welkom_core::roster::parse(grown.as_bytes(), &LanguageTag::dutch()).unwrap();
        let third = hub
            .runtime
            .block_on(hub.db.import_roster(&location.id, grown, false))
            .unwrap();
        assert_eq!(third.issued.len(), 1);
        assert_eq!(third.issued[0].guardian_id, "G4");
        assert_ne!(third.issued[0].pin, issued[0].1);
        assert_ne!(third.issued[0].pin, issued[1].1);
        assert_eq!(
            kiosk_2.fetch_roster().unwrap(),
            RosterFetch::Applied { new_pins: 0 }
        );
        assert_eq!(
            kiosk_2.store().guardian_by_pin(&issued[0].1).unwrap(),
            Some(GuardianId("G2".into()))
        );
        assert_eq!(
            kiosk_2
                .store()
                .guardian_by_pin(&third.issued[0].pin)
                .unwrap(),
            Some(GuardianId("G4".into()))
        );

        // After a leak: new PINs for all but the one the file gives.
        let grown = format!("{ROSTER}G4;Ilse;de Boer;;C4;Finn;Rupsen\n");
        let grown = welkom_core::roster::parse(grown.as_bytes(), &LanguageTag::dutch()).unwrap();
        let reissued = hub
            .runtime
            .block_on(hub.db.import_roster(&location.id, grown, true))
            .unwrap();
        assert_eq!(reissued.issued.len(), 3);
        assert_eq!(reissued.pins_kept, 0);
        kiosk_1.fetch_roster().unwrap();
        let store = kiosk_1.store();
        for new in &reissued.issued {
            assert_eq!(
                store.guardian_by_pin(&new.pin).unwrap(),
                Some(GuardianId(new.guardian_id.clone()))
            );
        }
        let (joost_before, joost_now) = (&issued[0].1, &reissued.issued[0].pin);
        if joost_before != joost_now {
            assert_ne!(
                store.guardian_by_pin(joost_before).unwrap(),
                Some(GuardianId("G2".into())),
                "the old PIN is gone"
            );
        }
        assert_eq!(
            store.guardian_by_pin("58213").unwrap(),
            Some(GuardianId("G1".into()))
        );
    });
}

on_both_back_ends!(hub_pins_are_issued_once_and_work_on_every_kiosk_of_the_location);

#[test]
fn roster_import_writes_new_pins_once_to_a_private_file() {
    let hub = common::start();
    let location = hub.location("De Boomhut");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roster.csv");
    std::fs::write(&file, ROSTER).unwrap();
    let database = format!("sqlite:{}", hub.sqlite.as_ref().unwrap().display());
    let import = |pins_out: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
            .args(["--database", &database, "roster", "import", "--location"])
            .arg(&location.id)
            .arg("--pins-out")
            .arg(pins_out)
            .arg(&file)
            .output()
            .unwrap()
    };
    let first = dir.path().join("pins-1.csv");
    let output = import(&first);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("2 new PINs written to"), "{stdout}");
    let pins = std::fs::read_to_string(&first).unwrap();
    let lines: Vec<&str> = pins.lines().collect();
    assert_eq!(
        lines[0],
        "guardian_id;guardian_first_name;guardian_last_name;pin"
    );
    assert_eq!(lines.len(), 3, "{pins}");
    assert!(lines[1].starts_with("G2;Joost;Visser;") && lines[2].starts_with("G3;Emma;Bakker;"));
    for line in &lines[1..] {
        let pin = line.rsplit(';').next().unwrap();
        assert!(!stdout.contains(pin), "a PIN is never printed: {stdout}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&first).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Again: nothing new, so no file; the old file is never overwritten.
    let second = dir.path().join("pins-2.csv");
    let output = import(&second);
    assert!(output.status.success(), "{output:?}");
    assert!(!second.exists());
    let output = import(&first);
    assert!(
        !output.status.success(),
        "an existing PIN file is not replaced"
    );
    assert_eq!(std::fs::read_to_string(&first).unwrap(), pins);
}
