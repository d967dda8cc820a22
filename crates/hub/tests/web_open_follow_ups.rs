//! The overview's open follow-ups are the Follow-ups page's: on both back ends, the
//! number in a location's row equals the open ones the page's default view lists,
//! whatever arrives and in whatever order: a superseded rating (its replacement sent
//! first), misuse, a noted one (the note sent before its rating), a talk request on
//! a good face (the answer sent before its rating), an old one still open, and one
//! dated after today (on neither). The number links to that page.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub, rating, send};
use serde_json::{Value, json};
use welkom_hub::clock::Clock;
use welkom_hub::db::{Location, NewDevice, Role};

fn accepted(hub: &Hub, device: &NewDevice, events: Vec<Value>) {
    let n = events.len();
    let (status, answer) = send(hub, &device.token, &Value::Array(events));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["accepted"], n, "{answer}");
}

/// An event of a device about a rating (an answer or a note).
fn about(device: &NewDevice, event_type: &str, rating: &Value, data: Value) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    let mut data = data;
    data["id"] = json!(id);
    data["rating_id"] = rating["data"]["id"].clone();
    json!({"specversion": "1.0", "id": id, "source": common::source(device),
           "type": event_type, "time": "2026-03-02T08:30:00+01:00",
           "datacontenttype": "application/json", "data": data})
}

fn note(device: &NewDevice, rating: &Value) -> Value {
    about(
        device,
        "nl.welkom.followup.handled.v1",
        rating,
        json!({"staff_name": "Els", "note": "Gesproken"}),
    )
}

fn talk_request(device: &NewDevice, rating: &Value) -> Value {
    about(
        device,
        "nl.welkom.rating.followup.v1",
        rating,
        json!({"reasons": ["atmosphere"], "talk_request": true}),
    )
}

/// The overview's number of open follow-ups of a location, and where it links.
fn overview_count(body: &str, location: &Location) -> (String, String) {
    let row_start = body
        .find(&format!("<tr data-location=\"{}\">", location.id))
        .unwrap_or_else(|| panic!("no row of {} in\n{body}", location.name));
    let row = &body[row_start..row_start + body[row_start..].find("</tr>").unwrap()];
    let cell = &row[row
        .find("data-cell=\"follow-ups\"")
        .expect("a follow-ups cell")..];
    let href_at = cell.find("href=\"").expect("a link") + 6;
    let href = &cell[href_at..href_at + cell[href_at..].find('"').unwrap()];
    let text_at = href_at + cell[href_at..].find('>').unwrap() + 1;
    let text = &cell[text_at..text_at + cell[text_at..].find('<').unwrap()];
    (text.trim().to_owned(), href.to_owned())
}

fn the_overview_counts_what_the_follow_ups_page_lists(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    // The test clock: Monday 2 March 2026, 09:00 in Amsterdam.
    let zonnebloem = hub.location("De Zonnebloem");
    let anker = hub.location("Het Anker");
    let (kiosk, other) = (hub.device(&zonnebloem), hub.device(&anker));
    let day = |d: &str, hm: &str| format!("{d}T{hm}:00+01:00");
    let groups = ["Egeltjes"];

    let open_today = rating(&kiosk, 1, &day("2026-03-02", "07:10"), &groups);
    let open_old = rating(&kiosk, 2, &day("2026-02-10", "07:10"), &groups);
    let mut misuse = rating(&kiosk, 1, &day("2026-03-02", "07:20"), &groups);
    misuse["data"]["misuse"] = json!(true);
    let noted = rating(&kiosk, 1, &day("2026-03-02", "07:30"), &groups);
    let superseded = rating(&kiosk, 1, &day("2026-03-02", "07:40"), &groups);
    let mut replacing = rating(&kiosk, 4, &day("2026-03-02", "07:41"), &groups);
    replacing["data"]["supersedes"] = superseded["data"]["id"].clone();
    let good_with_talk = rating(&kiosk, 4, &day("2026-03-02", "07:50"), &groups);
    let future = rating(&kiosk, 1, &day("2026-03-03", "07:10"), &groups);
    let future_talk = rating(&kiosk, 3, &day("2026-03-04", "07:10"), &groups);

    // Out of order: the replacement, the note and the answer before their ratings.
    accepted(
        hub,
        &kiosk,
        vec![
            replacing.clone(),
            note(&kiosk, &noted),
            talk_request(&kiosk, &good_with_talk),
            talk_request(&kiosk, &future_talk),
        ],
    );
    accepted(
        hub,
        &kiosk,
        vec![
            open_today.clone(),
            open_old.clone(),
            misuse.clone(),
            noted.clone(),
            superseded.clone(),
            good_with_talk.clone(),
            future.clone(),
            future_talk.clone(),
        ],
    );
    // Another location's low rating counts there only.
    accepted(
        hub,
        &other,
        vec![rating(&other, 1, &day("2026-03-02", "07:15"), &groups)],
    );

    hub.user("manager@zonnebloem.example", Role::Manager, &[&zonnebloem]);
    let log_in = || {
        let mut manager = Browser::new(&hub.url);
        let answer = manager.log_in("manager@zonnebloem.example", PASSWORD);
        assert_eq!(answer.status, 303, "{}", answer.body);
        manager
    };
    let mut manager = log_in();
    let path = format!("/locations/{}/follow-ups", zonnebloem.id);
    let page = manager.get(&path);
    assert_eq!(page.status, 200, "{}: {}", hub.back_end, page.body);
    let listed = page.body.matches("follow-up--open").count();
    assert_eq!(
        listed, 3,
        "{}: today's, the old one and the talk request",
        hub.back_end
    );
    let overview = manager.get("/overview");
    assert_eq!(overview.status, 200, "{}", overview.body);
    let (count, href) = overview_count(&overview.body, &zonnebloem);
    assert_eq!(
        count,
        listed.to_string(),
        "{}: the same number",
        hub.back_end
    );
    assert_eq!(href, path, "the number opens the page's default view");

    // Noting one, and tomorrow's arriving on its day: both views move together.
    accepted(hub, &kiosk, vec![note(&kiosk, &open_old)]);
    web.clock.advance(std::time::Duration::from_secs(24 * 3600));
    let mut manager = log_in();
    let page = manager.get(&path);
    let listed = page.body.matches("follow-up--open").count();
    assert_eq!(
        listed, 3,
        "{}: one noted, tomorrow's now today's",
        hub.back_end
    );
    let (count, _) = overview_count(&manager.get("/overview").body, &zonnebloem);
    assert_eq!(count, listed.to_string(), "{}", hub.back_end);

    // The same through the database, for both locations.
    let now = web.clock.now();
    let open = hub
        .runtime
        .block_on(
            hub.db
                .open_follow_ups(&[zonnebloem.clone(), anker.clone()], now),
        )
        .unwrap();
    assert_eq!(open.get(&zonnebloem.id), Some(&3));
    assert_eq!(open.get(&anker.id), Some(&1));
}
on_both_back_ends!(the_overview_counts_what_the_follow_ups_page_lists);
