//! The overview with numbers over real HTTP, on both back ends: each location's
//! last seven days against the seven before exactly as `Db::overview` (the core's
//! `Comparison`) counts them, the five-answer rule, open follow-ups, kiosks' last
//! contact with a silent one flagged, the order (what needs attention first, or a
//! column's), a manager seeing only their own locations; and, for every page, the
//! language links keeping the other query parameters and a browser's unknown path
//! answering the HTML not-found page while the API's stays JSON.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub, agent, rating, send, visit};
use serde_json::{Value, json};
use welkom_hub::db::{DeviceReport, Location, NewDevice, Role};

/// A batch a device sends; every event accepted.
fn accepted(hub: &Hub, device: &NewDevice, events: Vec<Value>) {
    let n = events.len();
    let (status, answer) = send(hub, &device.token, &Value::Array(events));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["accepted"], n, "{answer}");
}

/// Ratings of these scores on a day (Amsterdam), one a minute from 08:00.
fn ratings(device: &NewDevice, day: &str, scores: &[u8]) -> Vec<Value> {
    scores
        .iter()
        .enumerate()
        .map(|(i, score)| {
            rating(
                device,
                *score,
                &format!("{day}T08:{:02}:00+01:00", i % 60),
                &["Egeltjes"],
            )
        })
        .collect()
}

fn visits(device: &NewDevice, day: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            visit(
                device,
                &format!("{day}T07:{:02}:00+01:00", i % 60),
                &["Egeltjes"],
            )
        })
        .collect()
}

/// A staff note about a rating: it is no longer open.
fn note(device: &NewDevice, rating: &Value) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    json!({"specversion": "1.0", "id": id, "source": common::source(device),
           "type": "nl.welkom.followup.handled.v1", "time": "2026-03-01T10:00:00+01:00",
           "datacontenttype": "application/json",
           "data": {"id": id, "rating_id": rating["id"], "staff_name": "Els", "note": "Gesproken"}})
}

/// The text of a row's cell, tags dropped and spaces collapsed.
fn cell(body: &str, location: &Location, which: &str) -> String {
    let row_start = body
        .find(&format!("<tr data-location=\"{}\">", location.id))
        .unwrap_or_else(|| panic!("no row of {} in\n{body}", location.name));
    let row = &body[row_start..row_start + body[row_start..].find("</tr>").unwrap()];
    let start = row
        .find(&format!("data-cell=\"{which}\">"))
        .unwrap_or_else(|| panic!("no {which} in {row}"));
    let cell = &row[start..start + row[start..].find("</td>").unwrap()];
    let cell = &cell[cell.find('>').unwrap() + 1..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The locations' ids in the order the page lists them.
fn order(body: &str, locations: &[&Location]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = locations
        .iter()
        .filter_map(|l| {
            body.find(&format!("<tr data-location=\"{}\">", l.id))
                .map(|at| (at, l.name.clone()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, name)| name).collect()
}

fn logged_in(hub: &Hub, email: &str) -> Browser {
    let mut browser = Browser::new(&hub.url);
    let answer = browser.log_in(email, PASSWORD);
    assert_eq!(answer.status, 303, "{}", answer.body);
    browser
}

fn the_overview_shows_each_locations_week_against_the_last(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    // The test clock: Monday 2 March 2026; the last week is 24 February to 2 March.
    let zonnebloem = hub.location("De Zonnebloem");
    let anker = hub.location("Het Anker <b>&</b>");
    let vlinder = hub.location("De Vlinder");
    let (kiosk_z, kiosk_a, kiosk_v) = (
        hub.device(&zonnebloem),
        hub.device(&anker),
        hub.device(&vlinder),
    );

    // De Zonnebloem. Last week: 10 answers (2 top, 3 low, 5 middling), 20 visits,
    // one low rating talked about, a misuse tap not counted. The week before: 6
    // answers (3 top, 1 low), 10 visits.
    let mut last_week = ratings(&kiosk_z, "2026-02-26", &[4, 4, 1, 2, 1, 3, 3, 3, 3, 3]);
    let mut misuse = rating(&kiosk_z, 1, "2026-02-26T09:00:00+01:00", &["Egeltjes"]);
    misuse["data"]["misuse"] = json!(true);
    let talked = note(&kiosk_z, &last_week[2]["data"]);
    last_week.push(misuse);
    last_week.push(talked);
    last_week.extend(visits(&kiosk_z, "2026-02-27", 20));
    accepted(hub, &kiosk_z, last_week);
    let mut before = ratings(&kiosk_z, "2026-02-18", &[4, 4, 4, 1, 3, 3]);
    before.extend(visits(&kiosk_z, "2026-02-18", 10));
    accepted(hub, &kiosk_z, before);
    // An older week counts for neither.
    accepted(
        hub,
        &kiosk_z,
        ratings(&kiosk_z, "2026-02-10", &[1, 1, 1, 1, 1]),
    );

    // Het Anker: three answers, too few for a share; two of them low and open.
    accepted(hub, &kiosk_a, ratings(&kiosk_a, "2026-03-02", &[1, 2, 4]));
    // A second kiosk there, last heard from three days ago.
    let silent = hub.device(&anker);
    let three_days_ago: jiff::Timestamp = "2026-02-27T08:00:00Z".parse().unwrap();
    hub.runtime
        .block_on(hub.db.record_device_report(
            &silent.id,
            &DeviceReport {
                received_at: three_days_ago,
                waiting: Some(12),
                app_version: Some("0.1.0".into()),
                clock_offset_ms: Some(0),
            },
        ))
        .unwrap();

    // De Vlinder: five answers, one low (20%); no visits, so no response rate.
    accepted(
        hub,
        &kiosk_v,
        ratings(&kiosk_v, "2026-03-01", &[4, 3, 3, 3, 2]),
    );
    // A kiosk never heard from, and a revoked one (not counted).
    let _never = hub.device(&vlinder);
    let revoked = hub.device(&vlinder);
    hub.runtime
        .block_on(hub.db.revoke_device(&revoked.id))
        .unwrap();

    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    hub.user("manager@zonnebloem.example", Role::Manager, &[&zonnebloem]);

    // The numbers the page must show are the core's.
    let now: jiff::Timestamp = "2026-03-02T08:00:00Z".parse().unwrap();
    let rows = hub
        .runtime
        .block_on(
            hub.db
                .overview(&[zonnebloem.clone(), anker.clone(), vlinder.clone()], now),
        )
        .unwrap();
    let z = &rows[0].week;
    assert_eq!((z.last.answers, z.before.answers), (10, 6));
    assert_eq!(z.last.enthusiastic_percent, Some(20.0));
    assert_eq!(z.last.low_percent, Some(30.0));
    assert_eq!(z.last.response_rate_percent, Some(50.0));
    assert_eq!(z.enthusiastic_change_points, Some(-30.0));
    assert_eq!(z.low_change_points, Some(13.3));
    assert_eq!(z.response_rate_change_points, Some(-10.0));
    assert_eq!(rows[1].week.last.answers, 3);
    assert_eq!(
        rows[1].week.last.low_percent, None,
        "fewer than five answers"
    );
    assert_eq!(rows[2].week.last.low_percent, Some(20.0));
    assert_eq!(rows[2].week.last.response_rate_percent, None, "no visits");
    let open = hub
        .runtime
        .block_on(
            hub.db
                .open_follow_ups(&[zonnebloem.clone(), anker.clone(), vlinder.clone()], now),
        )
        .unwrap();
    // Zonnebloem: 3 low last week (1 talked about), 1 the week before, 5 older.
    assert_eq!(
        open.get(&zonnebloem.id),
        Some(&(2 + 1 + 5)),
        "{}",
        hub.back_end
    );
    assert_eq!(open.get(&anker.id), Some(&2));
    assert_eq!(open.get(&vlinder.id), Some(&1));

    let mut admin = logged_in(hub, "kwaliteit@example.org");
    let page = admin.get("/overview");
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    let z_cell = |which| cell(body, &zonnebloem, which);
    assert!(
        z_cell("answers").starts_with("10 ▲ +4"),
        "{}",
        z_cell("answers")
    );
    assert!(z_cell("answers").contains("4 meer dan vorige week"));
    assert!(
        z_cell("enthusiastic").starts_with("20 % ▼ -30,0"),
        "{}",
        z_cell("enthusiastic")
    );
    assert!(z_cell("enthusiastic").contains("30,0 procentpunt lager dan vorige week"));
    assert!(
        z_cell("low").starts_with("30 % ▲ +13,3"),
        "{}",
        z_cell("low")
    );
    assert!(
        body.contains("change change--worse"),
        "a higher low share is marked worse"
    );
    assert!(
        z_cell("response").starts_with("50 % ▼ -10,0"),
        "{}",
        z_cell("response")
    );
    assert_eq!(z_cell("follow-ups"), "8");
    // Het Anker: no share below five answers, and the silent kiosk.
    let a_cell = |which| cell(body, &anker, which);
    assert_eq!(a_cell("answers"), "3 ▲ +3 3 meer dan vorige week");
    for share in ["enthusiastic", "low", "response"] {
        assert_eq!(a_cell(share), "– minder dan 5 antwoorden", "{share}");
    }
    assert!(!a_cell("low").contains('%'));
    assert_eq!(a_cell("follow-ups"), "2");
    assert_eq!(a_cell("contact"), "Stil 3 dagen geleden 2 kiosks");
    assert!(
        body.contains("Het Anker &#60;b&#62;&#38;&#60;/b&#62;"),
        "the name is text"
    );
    assert!(!body.contains("<b>&</b>"));
    // De Vlinder: a share but no change (the week before had no answers); a kiosk
    // never heard from; the revoked one is not counted.
    let v_cell = |which| cell(body, &vlinder, which);
    assert_eq!(v_cell("low"), "20 %");
    assert!(
        body.contains("20\u{a0}%"),
        "a percentage never wraps from its number"
    );
    assert_eq!(v_cell("response"), "– minder dan 5 antwoorden");
    assert_eq!(v_cell("contact"), "Stil Nog nooit 2 kiosks");
    // Names link to the location.
    assert!(body.contains(&format!(
        "<a href=\"/locations/{}\">De Zonnebloem</a>",
        zonnebloem.id
    )));
    assert!(body.contains(&format!("href=\"/locations/{}/devices\"", anker.id)));

    // What needs attention first: the highest low share, then a location without.
    let all = [&zonnebloem, &anker, &vlinder];
    assert_eq!(
        order(body, &all),
        ["De Zonnebloem", "De Vlinder", "Het Anker <b>&</b>"]
    );
    assert!(
        !body.contains("aria-sort"),
        "the default order is no column's"
    );

    // A column's order, both ways; its header says so.
    let by_name = admin.get("/overview?sort=name&dir=asc");
    assert_eq!(
        order(&by_name.body, &all),
        ["De Vlinder", "De Zonnebloem", "Het Anker <b>&</b>"]
    );
    assert!(
        by_name
            .body
            .contains("aria-sort=\"ascending\"><a href=\"?sort=name&#38;dir=desc\""),
        "{}",
        by_name.body
    );
    let by_follow_ups = admin.get("/overview?sort=follow-ups&dir=asc");
    assert_eq!(
        order(&by_follow_ups.body, &all),
        ["De Vlinder", "Het Anker <b>&</b>", "De Zonnebloem"]
    );
    let by_contact = admin.get("/overview?sort=contact&dir=desc");
    assert_eq!(
        order(&by_contact.body, &all)[0],
        "De Vlinder",
        "never heard from: longest silent"
    );
    let by_low = admin.get("/overview?sort=low&dir=asc");
    assert_eq!(
        order(&by_low.body, &all),
        ["De Vlinder", "De Zonnebloem", "Het Anker <b>&</b>"],
        "no share comes last either way"
    );
    assert!(by_low.body.contains("aria-sort=\"ascending\""));
    // An unknown key or direction is ignored.
    for query in ["sort=%3Cscript%3E&dir=up", "sort=low&dir=%22", "sort="] {
        let page = admin.get(&format!("/overview?{query}"));
        assert_eq!(page.status, 200, "{query}");
        assert!(!page.body.contains("<script>"));
    }
    assert_eq!(
        order(&admin.get("/overview?sort=bogus").body, &all),
        ["De Zonnebloem", "De Vlinder", "Het Anker <b>&</b>"]
    );
    // The language links keep the order.
    assert!(
        by_name
            .body
            .contains("href=\"?sort=name&#38;dir=asc&#38;lang=en\""),
        "{}",
        by_name.body
    );
    let english = admin.get("/overview?sort=name&dir=asc&lang=en");
    assert!(
        english
            .body
            .contains("href=\"?sort=name&#38;dir=asc&#38;lang=nl\"")
    );
    assert!(english.body.contains("fewer than 5 answers"));
    assert!(cell(&english.body, &zonnebloem, "low").starts_with("30% ▲ +13.3"));

    // A manager sees their own location only.
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let own = manager.get("/overview");
    assert_eq!(order(&own.body, &all), ["De Zonnebloem"]);
    assert!(!own.body.contains("Het Anker") && !own.body.contains("De Vlinder"));
    assert!(!own.body.contains(&anker.id) && !own.body.contains(&vlinder.id));
}
on_both_back_ends!(the_overview_shows_each_locations_week_against_the_last);

fn language_links_keep_the_query_and_unknown_paths_answer_a_page(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let location = hub.location("De Zonnebloem");
    hub.user("manager@zonnebloem.example", Role::Manager, &[&location]);
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let follow_ups = manager.get(&format!(
        "/locations/{}/follow-ups?period=4weeks&lang=nl",
        location.id
    ));
    assert_eq!(follow_ups.status, 200);
    assert!(
        follow_ups
            .body
            .contains("href=\"?period=4weeks&#38;lang=en\""),
        "{}",
        follow_ups.body
    );
    // Encoded again, never passed through as typed.
    let odd = manager.get("/overview?note=%22%3E%3Cscript%3Ex&lang=en");
    assert!(
        odd.body
            .contains("href=\"?note=%22%3E%3Cscript%3Ex&#38;lang=nl\""),
        "{}",
        odd.body
    );
    assert!(!odd.body.contains("<script>x"));

    // A browser's unknown path: the HTML not-found page, with the pages' headers.
    let mut browser = Browser::new(&hub.url);
    for path in ["/no-such-page", "/locations", "/overview/extra"] {
        let page = browser.get(path);
        assert_eq!(page.status, 404, "{path}");
        assert!(
            page.header("content-type")
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(
            page.body.contains("Pagina niet gevonden"),
            "{path}: {}",
            page.body
        );
        assert!(page.header("content-security-policy").is_some(), "{path}");
    }
    let english = browser.get("/no-such-page?lang=en");
    assert!(english.body.contains("Page not found"), "{}", english.body);
    // The API keeps its JSON.
    for path in ["/v1/no-such-thing", "/v1"] {
        let answer = agent().get(&format!("{}{path}", hub.url)).call().unwrap();
        assert_eq!(answer.status().as_u16(), 404, "{path}");
        let kind = answer
            .headers()
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(kind.contains("json"), "{path}: {kind}");
    }
}
on_both_back_ends!(language_links_keep_the_query_and_unknown_paths_answer_a_page);
