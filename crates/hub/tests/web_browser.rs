//! The hub's pages in a real browser (headless chromium over WebDriver): log in,
//! see the overview, a location's follow-ups (a month of invented data), log out, at
//! a laptop's and a phone's size; axe-core finds no
//! serious or critical problem on any page; screenshots are left in the temporary
//! folder to look at.

mod browser;
mod common;

use common::BackEnd;
use common::web::{PASSWORD, start};
use welkom_hub::db::Role;

#[test]
#[ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm install in crates/hub/tests/browser"]
fn log_in_see_the_overview_and_log_out_in_a_browser() {
    let web = start(BackEnd::Sqlite);
    let hub = &web.hub;
    let vlinder = hub.location("Kinderopvang De Vlinder");
    let boom = hub.location("Kindercentrum De Boomhut");
    let hidden = hub.location("Locatie Zonnebloem (niet van deze manager)");
    hub.user(
        "locatiemanager@example.org",
        Role::Manager,
        &[&vlinder, &boom],
    );
    let browser = browser::Browser::start();

    for (width, height) in [(1366, 768), (390, 844)] {
        let size = format!("{width}x{height}");
        browser.viewport(width, height);
        browser.goto(&format!("{}/", hub.url));
        assert!(browser.url().ends_with("/login"), "{}", browser.url());
        assert_eq!(browser.text("h1"), "Inloggen");
        browser.assert_accessible("login");
        browser.screenshot(&format!("login-{size}"));

        // A wrong password shows the message on the same page.
        browser.fill("#email", "locatiemanager@example.org");
        browser.fill("#password", "not the password");
        browser.click("form.form button[type=submit]");
        assert!(browser.text("[role=alert]").contains("klopt niet"));
        browser.assert_accessible("login with a message");
        browser.screenshot(&format!("login-failed-{size}"));

        browser.fill("#email", "locatiemanager@example.org");
        browser.fill("#password", PASSWORD);
        browser.click("form.form button[type=submit]");
        assert!(browser.url().ends_with("/overview"), "{}", browser.url());
        assert_eq!(browser.text("h1"), "Overzicht");
        let list = browser.text(".overview");
        assert!(
            list.contains("De Vlinder") && list.contains("De Boomhut"),
            "{list}"
        );
        assert!(!list.contains("Zonnebloem"), "{list}");
        browser.assert_accessible("overview");
        browser.screenshot(&format!("overview-{size}"));

        browser.click(".overview__name a");
        assert!(browser.url().contains("/locations/"), "{}", browser.url());
        browser.assert_accessible("location");
        browser.screenshot(&format!("location-{size}"));

        // Another manager's location, typed in: the not-found page.
        browser.goto(&format!("{}/locations/{}", hub.url, hidden.id));
        assert_eq!(browser.text("h1"), "Pagina niet gevonden");
        browser.assert_accessible("not found");
        browser.screenshot(&format!("not-found-{size}"));

        // The language switch: English, remembered on the next page.
        browser.goto(&format!("{}/overview", hub.url));
        browser.click("a[hreflang=en]");
        assert_eq!(browser.text("h1"), "Overview");
        browser.goto(&format!("{}/overview", hub.url));
        assert_eq!(browser.text("h1"), "Overview");
        browser.assert_accessible("overview in English");
        browser.screenshot(&format!("overview-en-{size}"));
        browser.click("a[hreflang=nl]");
        assert_eq!(browser.text("h1"), "Overzicht");

        browser.click(".account__logout button");
        assert!(browser.url().ends_with("/login"), "{}", browser.url());
        browser.goto(&format!("{}/overview", hub.url));
        assert!(
            browser.url().ends_with("/login"),
            "logged out: {}",
            browser.url()
        );
    }
}

/// Invented families for the Follow-ups page.
const FOLLOW_UP_ROSTER: &str = "guardian_id,guardian_first_name,guardian_last_name,child_id,child_first_name,group\n\
G-B-01,Fenna,Vermeulen,C-B-01,Lotte,Egeltjes\n\
G-B-02,Jorrit,Hoekstra,C-B-02,Sem,Egeltjes\n\
G-B-03,Aylin,Demir,C-B-03,Elif,Vossen\n\
G-B-04,Priya,Ramdin,C-B-04,Anand,Vossen\n\
G-B-05,Kasia,Nowak,C-B-05,Zofia,Egeltjes\n\
G-B-06,Youssef,El Amrani,C-B-06,Amira,Vossen\n";

/// A month of low ratings, answers and notes at a location, sent by its kiosk.
fn a_month_of_follow_ups(hub: &common::Hub, kiosk: &welkom_hub::db::NewDevice) {
    use serde_json::json;
    let reasons = [
        "handover",
        "information",
        "attention",
        "atmosphere",
        "food",
        "other",
        "parkeren",
    ];
    let staff = ["Els", "Mohamed", "Sanne"];
    let notes = [
        "Bij het ophalen gesproken; de overdracht was te kort, morgen meer tijd.",
        "Gebeld. Zorgen over het eten, samen met de mentor opgepakt.",
        "Kort gesproken, alles weer goed.",
    ];
    let first: jiff::civil::Date = "2026-02-05".parse().unwrap();
    let mut n = 0usize;
    for offset in 0..30 {
        let day = first.checked_add(jiff::Span::new().days(offset)).unwrap();
        if day.weekday().to_monday_one_offset() > 5 {
            continue;
        }
        let mut batch = Vec::new();
        for slot in 0..(1 + offset % 2) {
            n += 1;
            let id = uuid::Uuid::now_v7().to_string();
            let guardian = format!("G-B-0{}", 1 + n % 6);
            let moment = if slot == 0 { "drop_off" } else { "pick_up" };
            let hour = if slot == 0 { 7 + n % 2 } else { 16 + n % 2 };
            let time = format!("{day}T{hour:02}:{:02}:00+01:00", (n * 7) % 60);
            let event = |event_type: &str, id: &str, time: &str, data: serde_json::Value| {
                json!({"specversion": "1.0", "id": id, "source": common::source(kiosk),
                       "type": event_type, "time": time, "datacontenttype": "application/json",
                       "data": data})
            };
            batch.push(event(
                "nl.welkom.rating.recorded.v1",
                &id,
                &time,
                json!({"id": id, "moment": moment, "local_date": day.to_string(),
                       "score": 1 + n % 2, "scale": 4, "supersedes": null, "misuse": false,
                       "guardian_id": guardian, "groups": ["Egeltjes"]}),
            ));
            let answer = uuid::Uuid::now_v7().to_string();
            let talk = n.is_multiple_of(3);
            batch.push(event(
                "nl.welkom.rating.followup.v1",
                &answer,
                &time,
                json!({"id": answer, "rating_id": id,
                       "reasons": [reasons[n % 7], reasons[(n + 3) % 7]],
                       "talk_request": talk, "guardian_id": if talk { Some(&guardian) } else { None }}),
            ));
            // The older ones were talked about a day later.
            if offset < 26 && !n.is_multiple_of(4) {
                let note = uuid::Uuid::now_v7().to_string();
                let next = day.checked_add(jiff::Span::new().days(1)).unwrap();
                batch.push(event(
                    "nl.welkom.followup.handled.v1",
                    &note,
                    &format!("{next}T09:15:00+01:00"),
                    json!({"id": note, "rating_id": id, "staff_name": staff[n % 3],
                           "note": notes[n % 3]}),
                ));
            }
        }
        let answer = common::send(hub, &kiosk.token, &serde_json::Value::from(batch));
        assert_eq!(answer.0, 200, "{answer:?}");
    }
}

#[test]
#[ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm install in crates/hub/tests/browser"]
fn the_follow_ups_page_in_a_browser() {
    let web = start(BackEnd::Sqlite);
    let hub = &web.hub;
    // Friday 6 March 2026, late afternoon.
    web.clock
        .advance(std::time::Duration::from_secs(4 * 24 * 3600 + 8 * 3600));
    let location = hub.location("Kinderopvang De Vlinder");
    let roster = welkom_core::roster::parse(
        FOLLOW_UP_ROSTER.as_bytes(),
        &welkom_core::LanguageTag::dutch(),
    )
    .unwrap();
    hub.runtime
        .block_on(hub.db.import_roster(&location.id, roster, false))
        .unwrap();
    let kiosk = hub.device(&location);
    a_month_of_follow_ups(hub, &kiosk);
    hub.user("locatiemanager@example.org", Role::Manager, &[&location]);
    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    let browser = browser::Browser::start();
    let log_in = |email: &str| browser.log_in(&hub.url, email, PASSWORD);

    for (width, height) in [(1366, 768), (390, 844)] {
        let size = format!("{width}x{height}");
        browser.viewport(width, height);
        log_in("locatiemanager@example.org");
        browser.goto(&format!("{}/locations/{}", hub.url, location.id));
        browser.click(&format!("a[href='/locations/{}/follow-ups']", location.id));
        assert!(
            browser.text("h1").starts_with("Opvolgen"),
            "{}",
            browser.text("h1")
        );
        let list = browser.text(".follow-up-list");
        assert!(
            [
                "Vermeulen",
                "Hoekstra",
                "Demir",
                "Ramdin",
                "Nowak",
                "El Amrani"
            ]
            .iter()
            .any(|name| list.contains(name)),
            "names for the manager: {list}"
        );
        browser.assert_accessible("follow-ups");
        browser.screenshot(&format!("follow-ups-{size}"));

        // The period chooser, a plain GET form.
        browser.script("document.getElementById('period').value = '4weeks'; return null;");
        browser.click(".period-form button[type=submit]");
        assert!(browser.url().contains("period=4weeks"), "{}", browser.url());
        assert!(browser.text("#handled-heading").contains("Gesproken"));
        browser.assert_accessible("follow-ups, four weeks");
        browser.screenshot(&format!("follow-ups-4weeks-{size}"));
        browser.script("document.getElementById('handled-heading').scrollIntoView(); return null;");
        browser.screenshot(&format!("follow-ups-handled-{size}"));
        browser.click(".account__logout button");

        // The admin: counts only.
        log_in("kwaliteit@example.org");
        browser.goto(&format!(
            "{}/locations/{}/follow-ups?period=4weeks",
            hub.url, location.id
        ));
        let page = browser.text("main");
        assert!(
            !page.contains("Vermeulen") && !page.contains("Els"),
            "{page}"
        );
        browser.assert_accessible("follow-ups for an admin");
        browser.screenshot(&format!("follow-ups-admin-{size}"));
        browser.click(".account__logout button");
    }
}
