//! The overview with numbers, the Devices page and the Export page in a real
//! browser (headless chromium over WebDriver) with a month of invented data, at a
//! laptop's and a phone's size: axe-core finds no serious or critical problem, the
//! sort links and forms work without script, and screenshots are left in the
//! temporary folder to look at.

mod browser;
mod common;

use common::web::{PASSWORD, start};
use common::{BackEnd, Hub, rating, send, visit};
use serde_json::{Value, json};
use welkom_hub::db::{DeviceReport, Location, NewDevice, Role};

/// A month of ratings and visits up to Monday 2 March 2026: `mood` sets how many
/// of each day's answers are low (out of ten), `busy` how many answer per day.
fn a_month(hub: &Hub, kiosk: &NewDevice, mood: usize, busy: usize) {
    let first: jiff::civil::Date = "2026-02-01".parse().unwrap();
    for offset in 0..30 {
        let day = first.checked_add(jiff::Span::new().days(offset)).unwrap();
        if day > "2026-03-02".parse().unwrap() || day.weekday().to_monday_one_offset() > 5 {
            continue;
        }
        let mut batch = Vec::new();
        let answers = busy + (offset as usize * 7) % 4;
        for i in 0..answers {
            // Low faces early in the month weigh more for a "worsening" location.
            let spin = (i * 7 + offset as usize * 3) % 10;
            let score = match spin {
                s if s < mood => 1 + (s % 2) as u8,
                s if s < mood + 4 => 4,
                _ => 3,
            };
            let time = format!("{day}T07:{:02}:00+01:00", (i * 3) % 60);
            batch.push(rating(kiosk, score, &time, &["Egeltjes"]));
        }
        for i in 0..answers * 2 {
            batch.push(visit(
                kiosk,
                &format!("{day}T06:{:02}:00+01:00", i % 60),
                &["Egeltjes"],
            ));
        }
        let (status, answer) = send(hub, &kiosk.token, &Value::Array(batch));
        assert_eq!(status, 200, "{answer}");
    }
}

fn report(hub: &Hub, device: &NewDevice, at: &str, waiting: u64, offset_ms: i64) {
    hub.runtime
        .block_on(hub.db.record_device_report(
            &device.id,
            &DeviceReport {
                received_at: at.parse().unwrap(),
                waiting: Some(waiting),
                app_version: Some("0.1.0".into()),
                clock_offset_ms: Some(offset_ms),
            },
        ))
        .unwrap();
}

/// Low ratings nobody talked about yet.
fn open_follow_ups(hub: &Hub, kiosk: &NewDevice, n: usize) {
    let batch: Vec<Value> = (0..n)
        .map(|i| {
            let mut r = rating(
                kiosk,
                1,
                &format!("2026-03-02T07:{:02}:00+01:00", 40 + i),
                &["Vossen"],
            );
            r["data"]["guardian_id"] = json!(format!("G-{i}"));
            r
        })
        .collect();
    let (status, answer) = send(hub, &kiosk.token, &Value::Array(batch));
    assert_eq!(status, 200, "{answer}");
}

#[test]
#[ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm install in crates/hub/tests/browser"]
fn overview_devices_and_export_in_a_browser() {
    let web = start(BackEnd::Sqlite);
    let hub = &web.hub;
    let names = [
        ("Kinderopvang De Vlinder", 1, 9),
        ("Kindercentrum De Boomhut", 4, 7),
        ("BSO Het Kompas", 2, 5),
        ("Peuteropvang Zonnestraal", 0, 1),
    ];
    let mut locations: Vec<(Location, NewDevice)> = Vec::new();
    for (name, mood, busy) in names {
        let location = hub.location(name);
        let kiosk = hub.device(&location);
        a_month(hub, &kiosk, mood, busy);
        locations.push((location, kiosk));
    }
    open_follow_ups(hub, &locations[1].1, 3);
    // Kiosks: the hall's tablet heard from this morning, one silent since Friday, a
    // new one never heard from, and a revoked one.
    let vlinder = &locations[0].0;
    report(hub, &locations[0].1, "2026-03-02T07:55:00Z", 0, 1_000);
    let upstairs = hub.device(vlinder);
    report(hub, &upstairs, "2026-02-27T15:10:00Z", 14, -95_000);
    hub.device(vlinder);
    let old = hub.device(vlinder);
    hub.runtime.block_on(hub.db.revoke_device(&old.id)).unwrap();
    for (_, kiosk) in &locations[1..] {
        report(hub, kiosk, "2026-03-02T07:30:00Z", 0, 0);
    }
    let all: Vec<&Location> = locations.iter().map(|(l, _)| l).collect();
    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    hub.user("locatiemanager@example.org", Role::Manager, &[vlinder]);
    let browser = browser::Browser::start();
    let log_in = |email: &str| browser.log_in(&hub.url, email, PASSWORD);

    for (width, height) in [(1366, 768), (390, 844)] {
        let size = format!("{width}x{height}");
        browser.viewport(width, height);
        log_in("kwaliteit@example.org");
        assert_eq!(browser.text("h1"), "Overzicht");
        let table = browser.text(".overview");
        for location in &all {
            assert!(table.contains(&location.name), "{table}");
        }
        assert!(table.contains('%') && table.contains("Stil"), "{table}");
        browser.assert_accessible("overview with numbers");
        browser.screenshot(&format!("overview-numbers-{size}"));

        // Sorting by a column header, no script.
        browser.click("th a[href^='?sort=name']");
        assert!(browser.url().contains("sort=name"), "{}", browser.url());
        let first = browser.text("tbody tr th");
        assert_eq!(first, "BSO Het Kompas");
        assert_eq!(
            browser.script(
                "return document.querySelector('th[aria-sort]').getAttribute('aria-sort');"
            ),
            json!("ascending")
        );
        browser.assert_accessible("overview sorted");
        browser.screenshot(&format!("overview-sorted-{size}"));
        // The language switch keeps the order.
        browser.click("a[hreflang=en]");
        assert!(browser.url().contains("sort=name"), "{}", browser.url());
        assert_eq!(browser.text("h1"), "Overview");
        browser.screenshot(&format!("overview-sorted-en-{size}"));
        browser.click("a[hreflang=nl]");

        // The Devices page.
        browser.goto(&format!("{}/locations/{}/devices", hub.url, vlinder.id));
        assert!(
            browser.text("h1").starts_with("Kiosks"),
            "{}",
            browser.text("h1")
        );
        let list = browser.text(".device-list");
        assert!(
            list.contains("Stil") && list.contains("Ingetrokken"),
            "{list}"
        );
        browser.assert_accessible("devices");
        browser.screenshot(&format!("devices-{size}"));
        browser.script("document.querySelector('.device-add').scrollIntoView(); return null;");
        browser.screenshot(&format!("devices-add-{size}"));

        // Revoke the silent one, after the confirmation page.
        if width == 1366 {
            browser.click(&format!("a[href$='/devices/{}/revoke']", upstairs.id));
            assert_eq!(browser.text("h1"), "Kiosk intrekken?");
            browser.assert_accessible("revoke confirmation");
            browser.screenshot(&format!("devices-revoke-{size}"));
            browser.click("form.form button[type=submit]");
            assert!(browser.url().contains("revoked="), "{}", browser.url());
            assert!(browser.text("[role=status]").contains("ingetrokken"));
        }
        // Add one: the token once.
        browser.click(".device-add button[type=submit]");
        assert_eq!(browser.text("h1"), "Nieuwe kiosk toegevoegd");
        assert!(browser.text("[data-token]").starts_with("wlk_"));
        browser.assert_accessible("device added");
        browser.screenshot(&format!("devices-added-{size}"));
        // Pair a tablet: a one-time code, large, with its end time.
        browser.goto(&format!("{}/locations/{}/devices", hub.url, vlinder.id));
        browser.click("form[action$='/devices/pair'] button[type=submit]");
        let code = browser.text("[data-pairing-code]");
        assert!(code.len() == 9 && code.as_bytes()[4] == b'-', "{code}");
        assert!(!browser.text("[data-expires]").is_empty());
        browser.assert_accessible("pairing code");
        browser.screenshot(&format!("devices-pair-code-{size}"));

        // The Export page; a bad period shows the form again.
        browser.goto(&format!("{}/locations/{}/export", hub.url, vlinder.id));
        assert!(
            browser.text("h1").starts_with("Exporteren"),
            "{}",
            browser.text("h1")
        );
        browser.assert_accessible("export");
        browser.screenshot(&format!("export-{size}"));
        browser.goto(&format!(
            "{}/locations/{}/export/ratings.csv?from=2026-03-01&to=2026-02-01",
            hub.url, vlinder.id
        ));
        assert!(browser.text("[role=alert]").contains("De periode begint"));
        browser.assert_accessible("export with a message");
        browser.screenshot(&format!("export-error-{size}"));

        // An unknown path: the not-found page.
        browser.goto(&format!("{}/no-such-page", hub.url));
        assert_eq!(browser.text("h1"), "Pagina niet gevonden");
        browser.screenshot(&format!("not-found-path-{size}"));
        browser.goto(&format!("{}/overview", hub.url));
        browser.click(".account__logout button");
        // The manager sees one location.
        log_in("locatiemanager@example.org");
        assert_eq!(
            browser.script("return document.querySelectorAll('tbody tr').length;"),
            json!(1)
        );
        browser.screenshot(&format!("overview-manager-{size}"));
        browser.click(".account__logout button");
    }
}
