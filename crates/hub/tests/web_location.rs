//! The page of one location over real HTTP, on both back ends, fed with events sent
//! by a device: Today equals `Db::day_tally` and the API's tally number for number,
//! the trend is drawn as SVG with a line per moment and a gap (never 0 %) where a
//! week has fewer than five answers, the heat map is blank below five answers,
//! `?group=` narrows trend and heat map, another location's manager gets 404, and
//! markup in a group's name stays text on the page and in the charts.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub, agent, send, source};
use serde_json::{Value, json};
use welkom_hub::db::{Location, NewDevice, Role};

/// The test clock's day, Monday 2 March 2026.
const TODAY: &str = "2026-03-02";

/// A rating (scale of four faces) at `date` `hm` Amsterdam time.
fn rating(
    device: &NewDevice,
    moment: &str,
    date: &str,
    hm: &str,
    score: u8,
    groups: &[&str],
) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": "nl.welkom.rating.recorded.v1", "time": format!("{date}T{hm}:00+01:00"),
        "datacontenttype": "application/json",
        "data": {"id": id, "moment": moment, "local_date": date, "score": score,
                 "scale": 4, "supersedes": null, "misuse": false, "groups": groups}
    })
}

/// A visit at `date` `hm` Amsterdam time.
fn visit(device: &NewDevice, moment: &str, date: &str, hm: &str, groups: &[&str]) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": "nl.welkom.visit.recorded.v1", "time": format!("{date}T{hm}:00+01:00"),
        "datacontenttype": "application/json",
        "data": {"id": id, "guardian_id": "G-LOC-1", "moment": moment, "moment_corrected": false,
                 "children": ["C-LOC-1"], "local_date": date, "groups": groups}
    })
}

/// Ratings with these scores, a minute apart from `hm`.
fn ratings(
    device: &NewDevice,
    moment: &str,
    date: &str,
    hm: &str,
    scores: &[u8],
    groups: &[&str],
) -> Vec<Value> {
    let (h, m) = hm.split_once(':').unwrap();
    let (h, m): (u32, u32) = (h.parse().unwrap(), m.parse().unwrap());
    scores
        .iter()
        .enumerate()
        .map(|(i, score)| {
            let minute = m + u32::try_from(i).unwrap();
            rating(
                device,
                moment,
                date,
                &format!("{h:02}:{minute:02}"),
                *score,
                groups,
            )
        })
        .collect()
}

fn accepted(hub: &Hub, device: &NewDevice, events: Vec<Value>) {
    let n = events.len();
    let answer = send(hub, &device.token, &Value::from(events));
    assert_eq!(answer.0, 200, "{answer:?}");
    assert_eq!(answer.1["accepted"], n, "{answer:?}");
}

/// A hub with one location, its kiosk and its manager logged in, the clock moved to
/// 18:00 Amsterdam time (17:00 UTC) on Monday 2 March 2026.
struct Setup {
    web: common::web::WebHub,
    location: Location,
    kiosk: NewDevice,
}

fn setup(back_end: BackEnd) -> Setup {
    let web = start(back_end);
    web.clock.advance(std::time::Duration::from_secs(9 * 3600));
    let location = web.hub.location("De Zonnebloem");
    let kiosk = web.hub.device(&location);
    web.hub
        .user("manager@zonnebloem.example", Role::Manager, &[&location]);
    Setup {
        web,
        location,
        kiosk,
    }
}

fn logged_in(hub: &Hub, email: &str) -> Browser {
    let mut browser = Browser::new(&hub.url);
    let answer = browser.log_in(email, PASSWORD);
    assert_eq!(answer.status, 303, "{}", answer.body);
    browser
}

fn page(hub: &Hub, browser: &mut Browser, path: &str) -> String {
    let answer = browser.get(path);
    assert_eq!(
        answer.status, 200,
        "{path} on {}: {}",
        hub.back_end, answer.body
    );
    answer.body
}

/// The text of every element with these data- attributes (Today's scheme).
fn today_field(body: &str, moment: &str, row: &str, key: &str, field: &str) -> Vec<String> {
    let marker = format!(
        "data-moment=\"{moment}\" data-row=\"{row}\" data-key=\"{key}\" data-field=\"{field}\">"
    );
    texts_after(body, &marker)
}

fn texts_after(body: &str, marker: &str) -> Vec<String> {
    body.match_indices(marker)
        .map(|(at, _)| {
            let start = at + marker.len();
            let end = start + body[start..].find('<').unwrap();
            body[start..end].to_owned()
        })
        .collect()
}

/// Checks that one row of Today on the page shows exactly the cell's numbers.
fn assert_row(body: &str, moment: &str, row: &str, key: &str, cell: &Value) {
    for field in ["answers", "visits", "enthusiastic", "low"] {
        assert_eq!(
            today_field(body, moment, row, key, field),
            vec![cell[field].as_u64().unwrap().to_string()],
            "{moment} {row} {key:?} {field}"
        );
    }
    for field in [
        "enthusiastic_percent",
        "low_percent",
        "response_rate_percent",
    ] {
        let expected: Vec<String> = cell[field]
            .as_f64()
            .map(|p| format!("{p:.0}\u{a0}%"))
            .into_iter()
            .collect();
        assert_eq!(
            today_field(body, moment, row, key, field),
            expected,
            "{moment} {row} {key:?} {field}: {cell}"
        );
    }
}

/// Today on the page equals `Db::day_tally` and the API's tally, number for number,
/// with the five-answer rule: a group or hour with fewer than five answers (and
/// pick-up's total) has counts and no percentage.
fn today_equals_the_tally(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    let mut events = ratings(
        &s.kiosk,
        "drop_off",
        TODAY,
        "07:40",
        &[4, 4, 4, 3, 2, 1],
        &["Egeltjes"],
    );
    events.extend(ratings(
        &s.kiosk,
        "drop_off",
        TODAY,
        "08:10",
        &[4, 3, 3],
        &["Vlinders"],
    ));
    events.extend(ratings(
        &s.kiosk,
        "pick_up",
        TODAY,
        "16:30",
        &[4, 1],
        &["Egeltjes"],
    ));
    for hm in [
        "07:30", "07:35", "07:50", "08:05", "08:20", "08:25", "08:40", "08:45", "08:50", "08:55",
        "08:58",
    ] {
        events.push(visit(&s.kiosk, "drop_off", TODAY, hm, &["Egeltjes"]));
    }
    events.push(visit(&s.kiosk, "pick_up", TODAY, "16:29", &["Egeltjes"]));
    // Yesterday's ratings are not today's.
    events.extend(ratings(
        &s.kiosk,
        "drop_off",
        "2026-03-01",
        "08:00",
        &[1, 1, 1, 1, 1],
        &["Egeltjes"],
    ));
    accepted(hub, &s.kiosk, events);

    let date: jiff::civil::Date = TODAY.parse().unwrap();
    let tally = hub
        .runtime
        .block_on(hub.db.day_tally(&s.location, date))
        .unwrap();
    let tally = serde_json::to_value(&tally).unwrap();
    let api = agent()
        .get(&format!(
            "{}/v1/locations/{}/tally?date={TODAY}",
            hub.url, s.location.id
        ))
        .header("Authorization", &format!("Bearer {}", s.kiosk.token))
        .header("Welkom-Protocol", "1")
        .call()
        .unwrap()
        .into_body()
        .read_json::<Value>()
        .unwrap();
    assert_eq!(api, tally, "the API's tally is the roll-ups' Today");

    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let body = page(hub, &mut manager, &format!("/locations/{}", s.location.id));
    let mut rows = 0;
    for moment in ["drop_off", "pick_up"] {
        let m = &tally[moment];
        assert_row(&body, moment, "total", "", &m["total"]);
        for g in m["groups"].as_array().unwrap() {
            assert_row(
                &body,
                moment,
                "group",
                g["group"].as_str().unwrap(),
                &g["cell"],
            );
            rows += 1;
        }
        for h in m["hours"].as_array().unwrap() {
            assert_row(&body, moment, "hour", &h["hour"].to_string(), &h["cell"]);
            rows += 1;
        }
    }
    assert_eq!(
        rows, 6,
        "drop-off: two groups, two hours; pick-up: a group, an hour"
    );
    // The figures worked out by hand, so the comparison above cannot be empty.
    assert_eq!(
        today_field(&body, "drop_off", "total", "", "answers"),
        ["9"]
    );
    assert_eq!(
        today_field(&body, "drop_off", "total", "", "visits"),
        ["11"]
    );
    assert_eq!(
        today_field(&body, "drop_off", "total", "", "enthusiastic_percent"),
        ["44\u{a0}%"]
    );
    assert_eq!(
        today_field(&body, "drop_off", "total", "", "response_rate_percent"),
        ["82\u{a0}%"]
    );
    assert_eq!(
        today_field(&body, "drop_off", "group", "Egeltjes", "low_percent"),
        ["33\u{a0}%"]
    );
    assert_eq!(
        today_field(&body, "drop_off", "hour", "7", "answers"),
        ["6"]
    );
    assert!(
        today_field(
            &body,
            "drop_off",
            "group",
            "Vlinders",
            "enthusiastic_percent"
        )
        .is_empty()
    );
    assert!(today_field(&body, "pick_up", "total", "", "enthusiastic_percent").is_empty());
    assert!(
        body.contains("Te weinig antwoorden"),
        "pick-up has fewer than five"
    );
}
on_both_back_ends!(today_equals_the_tally);

/// The `<svg>` elements of a page, in order.
fn svgs(body: &str) -> Vec<&str> {
    body.match_indices("<svg ")
        .map(|(at, _)| &body[at..at + body[at..].find("</svg>").unwrap()])
        .collect()
}

/// The polylines of a colour in an SVG, each as its number of points.
fn polylines(svg: &str, colour: &str) -> Vec<usize> {
    svg.match_indices("<polyline")
        .map(|(at, _)| &svg[at..at + svg[at..].find("/>").unwrap()])
        .filter(|p| p.contains(&format!("stroke=\"{colour}\"")))
        .map(|p| {
            let points = p.split("points=\"").nth(1).unwrap();
            points[..points.find('"').unwrap()]
                .split_whitespace()
                .count()
        })
        .collect()
}

/// The row of the trend's table for a point (0 is the oldest).
fn table_row(body: &str, point: usize) -> &str {
    let marker = format!("<tr data-point=\"{point}\">");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no {marker}"));
    &body[at..at + body[at..].find("</tr>").unwrap()]
}

const DROP_OFF: &str = "#0B5D52";
const PICK_UP: &str = "#B34700";

/// The 13-week trend: two charts (enthusiastic, low), each a line per moment; a week
/// with fewer than five answers is a gap, not 0 %, and has no percentage in the table.
fn trend_is_a_chart_with_gaps(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    // The weeks end on Mondays: 24 Feb–2 Mar is week 12 of 0..=12, 17–23 Feb week 11,
    // 10–16 Feb week 10 (three answers only), 3–9 Feb week 9.
    let mut events = Vec::new();
    for (date, n) in [
        ("2026-03-02", 6),
        ("2026-02-18", 5),
        ("2026-02-11", 3),
        ("2026-02-04", 5),
        ("2026-01-28", 5),
    ] {
        events.extend(ratings(
            &s.kiosk,
            "drop_off",
            date,
            "08:00",
            &vec![4; n],
            &["Egeltjes"],
        ));
        events.extend(ratings(
            &s.kiosk,
            "pick_up",
            date,
            "16:30",
            &vec![1; n],
            &["Egeltjes"],
        ));
    }
    accepted(hub, &s.kiosk, events);
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let body = page(
        hub,
        &mut manager,
        &format!("/locations/{}?trend=13w", s.location.id),
    );
    let charts = svgs(&body);
    assert_eq!(charts.len(), 2, "enthusiastic and low");
    assert!(!body.contains("Nog geen dag of week"), "there are points");
    for chart in &charts {
        assert!(
            chart.contains("role=\"img\"") && chart.contains("viewBox="),
            "{chart}"
        );
    }
    // Enthusiastic: drop-off 100 % in weeks 8, 9 (a line of two), a gap at 10, then
    // 11 and 12 (another line of two); pick-up 0 % the same weeks.
    assert_eq!(polylines(charts[0], DROP_OFF), [2, 2], "{}", charts[0]);
    assert_eq!(polylines(charts[0], PICK_UP), [2, 2], "{}", charts[0]);
    assert_eq!(polylines(charts[1], DROP_OFF), [2, 2]);
    assert!(charts[0].contains(">Egeltjes") || charts[0].contains("Alle groepen"));
    assert_eq!(body.matches("<tr data-point=").count(), 13);
    let gap = table_row(&body, 10);
    assert!(
        gap.contains("data-moment=\"drop_off\" data-field=\"answers\">3<"),
        "{gap}"
    );
    assert!(
        !gap.contains("_percent"),
        "fewer than five answers: no share: {gap}"
    );
    let full = table_row(&body, 11);
    assert!(
        full.contains("data-moment=\"drop_off\" data-field=\"enthusiastic_percent\">100\u{a0}%<"),
        "{full}"
    );
    assert!(
        full.contains("data-moment=\"pick_up\" data-field=\"low_percent\">100\u{a0}%<"),
        "{full}"
    );

    // A year: 52 weeks; four weeks (the default): 28 days and the week-on-week line.
    let year = page(
        hub,
        &mut manager,
        &format!("/locations/{}?trend=52w", s.location.id),
    );
    assert_eq!(year.matches("<tr data-point=").count(), 52);
    assert_eq!(svgs(&year).len(), 2);
    let month = page(hub, &mut manager, &format!("/locations/{}", s.location.id));
    assert_eq!(month.matches("<tr data-point=").count(), 28);
    assert!(
        month.contains("aria-current=\"page\">4 weken<"),
        "4 weeks is the default"
    );
    assert!(
        month.contains(
            "Brengen: 100\u{a0}% enthousiast deze week, 100\u{a0}% de week ervoor (+0 procentpunt)"
        ),
        "{month}"
    );
    // Every day with answers has a point; no line joins days across a gap.
    let days = svgs(&month);
    assert!(
        polylines(days[0], DROP_OFF).is_empty(),
        "no two days in a row have answers"
    );
    assert!(days[0].matches("<circle").count() >= 2);
}
on_both_back_ends!(trend_is_a_chart_with_gaps);

/// The heat map's square for a weekday and hour.
fn square(body: &str, weekday: u8, hour: u8) -> &str {
    let marker = format!("data-weekday=\"{weekday}\" data-hour=\"{hour}\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no square {weekday} {hour}"));
    let start = body[..at].rfind("<td").unwrap();
    &body[start..at + body[at..].find("</td>").unwrap()]
}

/// A square with four answers is blank; one with five shows its share and its
/// answers, coloured by its band.
fn heat_map_is_blank_below_five(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    let mut events = ratings(
        &s.kiosk,
        "drop_off",
        "2026-03-02",
        "08:00",
        &[4, 4, 4, 4, 1],
        &["Egeltjes"],
    );
    events.extend(ratings(
        &s.kiosk,
        "drop_off",
        "2026-02-24",
        "09:00",
        &[4, 4, 4, 4],
        &["Egeltjes"],
    ));
    accepted(hub, &s.kiosk, events);
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let body = page(hub, &mut manager, &format!("/locations/{}", s.location.id));
    let five = square(&body, 1, 8);
    assert!(five.contains("data-answers=\"5\""), "{five}");
    assert!(
        five.contains("data-field=\"enthusiastic_percent\">80\u{a0}%<"),
        "{five}"
    );
    assert!(
        five.contains("heat--band-4") && five.contains("5 antw."),
        "{five}"
    );
    let four = square(&body, 2, 9);
    assert!(four.contains("data-answers=\"4\""), "{four}");
    assert!(
        !four.contains('%') && !four.contains("heat--band"),
        "blank: {four}"
    );
    let inner = &four[four.find('>').unwrap() + 1..];
    assert!(inner.trim().is_empty(), "nothing in the square: {four}");
}
on_both_back_ends!(heat_map_is_blank_below_five);

/// `?group=` narrows trend and heat map to the group; Today keeps every group; a
/// group the location never had is 404.
fn group_narrows(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    let mut events = ratings(
        &s.kiosk,
        "drop_off",
        TODAY,
        "08:00",
        &[4, 4, 4, 4, 4],
        &["Egeltjes"],
    );
    events.extend(ratings(
        &s.kiosk,
        "drop_off",
        TODAY,
        "08:10",
        &[1, 1, 1, 1, 1],
        &["Vlinders"],
    ));
    // A group whose name holds a space and an ampersand (picked up, so that the
    // drop-off figures below stay as they are).
    events.extend(ratings(
        &s.kiosk,
        "pick_up",
        TODAY,
        "16:10",
        &[4, 4, 4, 4, 4],
        &["Grote Beren & Co"],
    ));
    accepted(hub, &s.kiosk, events);
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let path = format!("/locations/{}", s.location.id);
    let share = |body: &str| -> Vec<String> {
        texts_after(
            table_row(body, 27),
            "data-moment=\"drop_off\" data-field=\"enthusiastic_percent\">",
        )
    };
    let heat = |body: &str| -> Vec<String> {
        texts_after(square(body, 1, 8), "data-field=\"enthusiastic_percent\">")
    };
    let all = page(hub, &mut manager, &path);
    assert_eq!(share(&all), ["50\u{a0}%"]);
    assert_eq!(heat(&all), ["50\u{a0}%"]);
    assert!(
        all.contains("href=\"/locations/") && all.contains("group=Egeltjes"),
        "the choice"
    );
    let egeltjes = page(hub, &mut manager, &format!("{path}?group=Egeltjes"));
    assert_eq!(share(&egeltjes), ["100\u{a0}%"]);
    assert_eq!(heat(&egeltjes), ["100\u{a0}%"]);
    assert_eq!(
        today_field(&egeltjes, "drop_off", "group", "Vlinders", "answers"),
        ["5"],
        "Today shows every group"
    );
    let vlinders = page(
        hub,
        &mut manager,
        &format!("{path}?trend=13w&group=Vlinders"),
    );
    assert_eq!(
        texts_after(
            table_row(&vlinders, 12),
            "data-moment=\"drop_off\" data-field=\"enthusiastic_percent\">"
        ),
        ["0\u{a0}%"]
    );
    assert_eq!(heat(&vlinders), ["0\u{a0}%"]);
    assert_eq!(manager.get(&format!("{path}?group=Kikkers")).status, 404);
    // The page's own link to that group (a form's encoding: '+' for a space) and the
    // same choice written with %20 both open it.
    assert!(all.contains("group=Grote+Beren+%26+Co"), "the link");
    for query in ["group=Grote+Beren+%26+Co", "group=Grote%20Beren%20%26%20Co"] {
        let beren = manager.get(&format!("{path}?{query}"));
        assert_eq!(beren.status, 200, "{query}");
        assert!(beren.body.contains("Grote Beren &amp; Co"), "{query}");
    }
}
on_both_back_ends!(group_narrows);

/// A manager of another location gets 404 for the page, whatever the query; the
/// page never names the other location.
fn another_manager_gets_404(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    accepted(
        hub,
        &s.kiosk,
        ratings(&s.kiosk, "drop_off", TODAY, "08:00", &[4; 5], &["Egeltjes"]),
    );
    let anker = hub.location("Het Anker");
    hub.user("manager@anker.example", Role::Manager, &[&anker]);
    let mut stranger = logged_in(hub, "manager@anker.example");
    let path = format!("/locations/{}", s.location.id);
    for query in [
        "",
        "?group=Egeltjes",
        "?trend=52w&group=Egeltjes",
        "?group=Kikkers",
        "?trend=13w",
    ] {
        let refused = stranger.get(&format!("{path}{query}"));
        assert_eq!(refused.status, 404, "{query} on {}", hub.back_end);
        assert!(!refused.body.contains("Zonnebloem") && !refused.body.contains("Egeltjes"));
    }
    let own = stranger.get(&format!("/locations/{}", anker.id));
    assert_eq!(own.status, 200);
    assert!(own.body.contains("Het Anker") && !own.body.contains("Egeltjes"));
    assert!(
        own.body
            .contains("Nog geen dag of week met minstens 5 antwoorden"),
        "empty charts are said to be empty"
    );
    // Without a session: to the log-in page.
    let anonymous = Browser::new(&hub.url).get(&format!("{path}?group=Egeltjes"));
    assert_eq!(anonymous.status, 303);
}
on_both_back_ends!(another_manager_gets_404);

/// A group named like markup is text on the page (Today, the choice) and in the
/// charts drawn by the charting library.
fn markup_in_a_group_stays_text(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    let evil = "<script>alert(1)</script>";
    accepted(
        hub,
        &s.kiosk,
        ratings(&s.kiosk, "drop_off", TODAY, "08:00", &[4; 5], &[evil]),
    );
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let path = format!("/locations/{}", s.location.id);
    let body = page(hub, &mut manager, &path);
    assert!(!body.contains("<script"), "no script on the page");
    assert!(
        body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "shown as text"
    );
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("group", evil)
        .finish();
    let chosen = page(hub, &mut manager, &format!("{path}?{query}"));
    assert!(!chosen.contains("<script"), "no script on the page");
    let charts = svgs(&chosen);
    assert_eq!(charts.len(), 2);
    for chart in charts {
        assert!(
            chart.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{chart}"
        );
    }
}
on_both_back_ends!(markup_in_a_group_stays_text);

/// The group choice lists each group with an answer or a visit in the period, once,
/// sorted; a group seen only before the period, another location's group and the
/// moment's total are not in it.
fn group_choice_is_the_periods_groups(back_end: BackEnd) {
    let s = setup(back_end);
    let hub = &s.web.hub;
    let mut events = ratings(&s.kiosk, "drop_off", TODAY, "08:00", &[4], &["Vlinders"]);
    events.extend(ratings(
        &s.kiosk,
        "pick_up",
        "2026-02-20",
        "17:00",
        &[3, 3],
        &["Egeltjes", "Vlinders"],
    ));
    events.push(visit(
        &s.kiosk,
        "drop_off",
        "2026-02-02",
        "08:00",
        &["Bijtjes"],
    ));
    events.extend(ratings(
        &s.kiosk,
        "drop_off",
        "2025-12-01",
        "08:00",
        &[2],
        &["Uilen"],
    ));
    accepted(hub, &s.kiosk, events);
    let other = hub.location("De Regenboog");
    let other_kiosk = hub.device(&other);
    accepted(
        hub,
        &other_kiosk,
        ratings(&other_kiosk, "drop_off", TODAY, "08:00", &[4], &["Mieren"]),
    );
    let groups = |first: &str| {
        hub.runtime
            .block_on(hub.db.location_groups(
                &s.location,
                first.parse().unwrap(),
                TODAY.parse().unwrap(),
            ))
            .unwrap()
    };
    assert_eq!(groups("2026-02-01"), ["Bijtjes", "Egeltjes", "Vlinders"]);
    assert_eq!(groups("2026-02-10"), ["Egeltjes", "Vlinders"]);
    assert_eq!(groups(TODAY), ["Vlinders"]);
    assert_eq!(
        groups("2025-03-03"),
        ["Bijtjes", "Egeltjes", "Uilen", "Vlinders"]
    );
}
on_both_back_ends!(group_choice_is_the_periods_groups);
