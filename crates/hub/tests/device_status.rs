//! What each kiosk reports about itself, for the Devices page: the real sync client
//! sends a real kiosk store's events to a real hub, which records the kiosk's last
//! contact, its waiting count, its version and its clock offset; forged headers store
//! nothing bad; a revoked device shows as revoked; `welkom-hub device list` prints it.

mod common;

use common::{BackEnd, Hub, agent, rated_kiosk};
use jiff::Timestamp;
use std::time::{Duration, SystemTime};
use welkom_hub::db::{DeviceStatus, NewDevice};
use welkom_sync::{Attempt, RosterFetch, SyncClient, SyncStatus, Upstream};

/// The one device of `hub` with this id, as `Db::devices` shows it.
fn status(hub: &Hub, device: &NewDevice) -> DeviceStatus {
    let devices = hub
        .runtime
        .block_on(hub.db.devices(&device.location_id))
        .unwrap();
    devices
        .into_iter()
        .find(|d| d.id == device.id)
        .unwrap_or_else(|| panic!("device {} is not listed", device.id))
}

fn client(dir: &std::path::Path, hub: &Hub, token: &str, ratings: usize) -> SyncClient {
    SyncClient::new(
        rated_kiosk::kiosk(dir, ratings),
        Upstream {
            timeout: Duration::from_secs(10),
            ..Upstream::new(&hub.url, token)
        },
        SyncStatus::default(),
    )
}

fn a_kiosk_reports_its_version_waiting_count_and_clock(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Vlinders");
        let device = hub.device(&location);
        let before = Timestamp::now();
        assert_eq!(
            status(hub, &device).last_contact_at,
            None,
            "never heard yet"
        );

        let dir = tempfile::tempdir().unwrap();
        // Three rated visits: six events wait.
        let mut client = client(dir.path(), hub, &device.token, 3);
        assert_eq!(
            client.send_once().unwrap(),
            Attempt::Sent {
                delivered: 6,
                refused: 0
            }
        );
        let after = Timestamp::now();
        let sent = status(hub, &device);
        assert_eq!(sent.app_version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        assert_eq!(
            sent.last_waiting,
            Some(6),
            "the batch's six events waited when it was sent"
        );
        let contact = sent.last_contact_at.expect("a last contact");
        assert!(before <= contact && contact <= after, "{contact}");
        let offset = sent.clock_offset_ms.expect("a clock offset");
        assert!(
            offset.abs() <= 5_000,
            "the kiosk and hub share a clock: {offset} ms"
        );
        assert!(!sent.revoked());

        // The next request (the roster) says that nothing waits any more.
        assert_eq!(client.fetch_roster().unwrap(), RosterFetch::NoRoster);
        assert_eq!(status(hub, &device).last_waiting, Some(0));
    });
}

/// A request with these extra headers, as the device; its status.
fn raw_request(hub: &Hub, device: &NewDevice, headers: &[(&str, &str)]) -> u16 {
    let mut request = agent()
        .get(&format!("{}/v1/device", hub.url))
        .header("Authorization", &format!("Bearer {}", device.token));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.call().unwrap().status().as_u16()
}

fn forged_reports_store_nothing_bad(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Rupsen");
        let device = hub.device(&location);

        // A kiosk whose clock is two minutes ahead.
        let ahead = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        let good = [
            ("Welkom-Waiting", "12"),
            ("User-Agent", "welkom/9.8.7"),
            ("Date", ahead.as_str()),
        ];
        assert_eq!(raw_request(hub, &device, &good), 200);
        let told = status(hub, &device);
        assert_eq!(told.last_waiting, Some(12));
        assert_eq!(told.app_version.as_deref(), Some("9.8.7"));
        let offset = told.clock_offset_ms.unwrap();
        assert!(
            (115_000..=122_000).contains(&offset),
            "two minutes ahead, positive: {offset} ms"
        );

        let long = format!("welkom/1.2.3-{}", "x".repeat(500));
        let forged: [&[(&str, &str)]; 4] = [
            &[
                ("Welkom-Waiting", "-5"),
                ("User-Agent", "welkom/<script>alert(1)</script>"),
                ("Date", "Thu, 01 Jan 1970 00:00:00 GMT"),
            ],
            &[
                ("Welkom-Waiting", "99999999999999999999"),
                ("User-Agent", long.as_str()),
                ("Date", "Fri, 01 Jan 2100 00:00:00 GMT"),
            ],
            &[
                ("Welkom-Waiting", "12; DROP TABLE devices"),
                ("User-Agent", "curl/8.5.0"),
                ("Date", "yesterday"),
            ],
            &[("Welkom-Waiting", "1e3"), ("User-Agent", "welkom/1.2")],
        ];
        for headers in forged {
            let last = status(hub, &device).last_contact_at.unwrap();
            // A report that differs from the last is written at once; the same one
            // again within a second is not, so each forgery waits its turn.
            std::thread::sleep(Duration::from_millis(1_100));
            assert_eq!(
                raw_request(hub, &device, headers),
                200,
                "a bad header never fails the request: {headers:?}"
            );
            let now = status(hub, &device);
            assert!(
                now.last_contact_at.unwrap() > last,
                "the contact counts: {headers:?}"
            );
            assert_eq!(now.last_waiting, None, "{headers:?}");
            assert_eq!(now.app_version, None, "{headers:?}");
            assert_eq!(now.clock_offset_ms, None, "{headers:?}");
        }
        let rows = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
        for row in rows {
            assert!(!row.contains("<script>"), "{row}");
            assert!(!row.contains("xxxxxxxx"), "{row}");
            assert!(!row.contains("DROP TABLE"), "{row}");
        }
    });
}

fn a_revoked_device_is_shown_as_revoked(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Egeltjes");
        let kept = hub.device(&location);
        let revoked = hub.device(&location);
        let other = hub.device(&hub.location("Elders"));
        assert_eq!(raw_request(hub, &revoked, &[("Welkom-Waiting", "3")]), 200);
        let heard = status(hub, &revoked).last_contact_at.unwrap();
        assert!(
            hub.runtime
                .block_on(hub.db.revoke_device(&revoked.id))
                .unwrap()
        );
        std::thread::sleep(Duration::from_millis(1_100));
        assert_eq!(raw_request(hub, &revoked, &[("Welkom-Waiting", "4")]), 403);

        let devices = hub.runtime.block_on(hub.db.devices(&location.id)).unwrap();
        let ids: Vec<&str> = devices.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [kept.id.as_str(), revoked.id.as_str()],
            "the location's devices, oldest first, no other location's"
        );
        assert!(!ids.contains(&other.id.as_str()));
        assert!(!devices[0].revoked());
        assert!(devices[1].revoked());
        let revoked_at = devices[1].revoked_at.unwrap();
        assert!(revoked_at >= heard, "{revoked_at} {heard}");
        assert_eq!(
            devices[1].last_contact_at,
            Some(heard),
            "a refused token is no contact"
        );
        assert_eq!(devices[1].last_waiting, Some(3));
    });
}

/// A batch's report is written in the batch's transaction; a batch that stores
/// nothing (a body that is not a batch) still counts as the device's contact.
fn a_batch_refused_whole_still_counts_as_contact(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Kikkers");
        let device = hub.device(&location);
        let before = Timestamp::now();
        let status_code = agent()
            .post(&format!("{}/v1/events", hub.url))
            .header("Authorization", &format!("Bearer {}", device.token))
            .header("Content-Type", "application/cloudevents-batch+json")
            .header("Welkom-Waiting", "7")
            .header("User-Agent", "welkom/1.4.0")
            .send("this is not a batch")
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(status_code, 400);
        let told = status(hub, &device);
        assert!(
            // Stored to the millisecond.
            told.last_contact_at
                .is_some_and(|at| at.as_millisecond() >= before.as_millisecond()),
            "{told:?}"
        );
        assert_eq!(told.last_waiting, Some(7));
        assert_eq!(told.app_version.as_deref(), Some("1.4.0"));
        let stored = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
        assert!(!stored.iter().any(|row| row.contains("not a batch")));
    });
}

on_both_back_ends!(
    a_batch_refused_whole_still_counts_as_contact,
    a_kiosk_reports_its_version_waiting_count_and_clock,
    forged_reports_store_nothing_bad,
    a_revoked_device_is_shown_as_revoked,
);

#[test]
fn device_list_prints_each_kiosk_on_one_line() {
    let hub = common::start();
    let database = format!("sqlite:{}", hub.sqlite.as_ref().unwrap().display());
    let location = hub.location("De Vlinders");
    let silent = hub.device(&location);
    let sending = hub.device(&location);
    let revoked = hub.device(&location);
    hub.runtime
        .block_on(hub.db.revoke_device(&revoked.id))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut client = client(dir.path(), &hub, &sending.token, 2);
    assert!(matches!(client.send_once().unwrap(), Attempt::Sent { .. }));

    let list = |location: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
            .args([
                "--database",
                &database,
                "device",
                "list",
                "--location",
                location,
            ])
            .env("WELKOM_HUB_LOG", "warn")
            .output()
            .unwrap()
    };
    let out = list(&location.id);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let today = Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap())
        .strftime("%Y-%m-%d")
        .to_string();
    assert!(lines[0].starts_with(&silent.id), "{text}");
    assert!(lines[0].contains(&format!("added {today}")), "{text}");
    assert!(lines[0].contains("active"), "{text}");
    assert!(lines[0].contains("never heard from"), "{text}");
    assert!(lines[0].contains("clock unknown"), "{text}");
    assert!(lines[1].starts_with(&sending.id), "{text}");
    assert!(
        lines[1].contains(&format!("last contact {today}")),
        "{text}"
    );
    assert!(lines[1].contains("4 waiting"), "{text}");
    assert!(
        lines[1].contains(&format!("version {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        lines[1].contains("clock ±0s (in step)")
            || lines[1].contains("clock -1s (behind)")
            || lines[1].contains("clock +1s (ahead)"),
        "{text}"
    );
    assert!(lines[2].starts_with(&revoked.id), "{text}");
    assert!(lines[2].contains(&format!("revoked {today}")), "{text}");

    let unknown = list("no-such-location");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("there is no location 'no-such-location'")
    );
}
