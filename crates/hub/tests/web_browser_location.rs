//! The location page in a real browser (headless chromium over WebDriver) with
//! thirteen weeks of invented ratings and visits in three groups: Today's numbers
//! equal `Db::day_tally`, axe-core finds no serious or critical problem, nothing
//! overflows sideways on a phone, and screenshots of each trend period and a group
//! are left in the temporary folder to look at.

mod browser;
mod common;

use common::BackEnd;
use common::web::{PASSWORD, start};
use serde_json::{Value, json};
use welkom_hub::db::{NewDevice, Role};

/// A small deterministic generator, so every run has the same invented data.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % sides
    }
}

fn event(kiosk: &NewDevice, event_type: &str, time: &str, data: Value) -> Value {
    let id = data["id"].as_str().unwrap().to_owned();
    json!({"specversion": "1.0", "id": id, "source": common::source(kiosk),
           "type": event_type, "time": time, "datacontenttype": "application/json",
           "data": data})
}

/// Thirteen weeks of weekdays up to Friday 6 March 2026 (today only up to now):
/// per group and moment a few visits and ratings, the groups each with their own
/// mood, Fridays a bit lower; Kikkers is small, so it often has fewer than five.
fn thirteen_weeks(hub: &common::Hub, kiosk: &NewDevice) {
    let mut dice = Dice(2026);
    let last: jiff::civil::Date = "2026-03-06".parse().unwrap();
    let groups = [("Egeltjes", 9, 0), ("Vlinders", 8, 1), ("Kikkers", 4, 2)];
    for back in (0..91).rev() {
        let day = last.checked_sub(jiff::Span::new().days(back)).unwrap();
        let weekday = day.weekday().to_monday_one_offset();
        if weekday > 5 {
            continue;
        }
        let mut batch = Vec::new();
        for (group, size, mood) in groups {
            for (moment, first_hour) in [("drop_off", 7), ("pick_up", 16)] {
                if back == 0 && moment == "pick_up" {
                    continue;
                }
                for child in 0..size {
                    let hour = first_hour + dice.roll(3);
                    let time = format!("{day}T{hour:02}:{:02}:00+01:00", dice.roll(60));
                    let visit = uuid::Uuid::now_v7().to_string();
                    batch.push(event(
                        kiosk,
                        "nl.welkom.visit.recorded.v1",
                        &time,
                        json!({"id": visit, "guardian_id": format!("G-{group}-{child}"),
                               "moment": moment, "moment_corrected": false,
                               "children": [format!("C-{group}-{child}")],
                               "local_date": day.to_string(), "groups": [group]}),
                    ));
                    if dice.roll(10) < 7 {
                        let friday = u64::from(weekday == 5);
                        let score = (4 - (dice.roll(3 + mood + friday) / 2).min(3)) as u8;
                        let id = uuid::Uuid::now_v7().to_string();
                        batch.push(event(
                            kiosk,
                            "nl.welkom.rating.recorded.v1",
                            &time,
                            json!({"id": id, "moment": moment, "local_date": day.to_string(),
                                   "score": score, "scale": 4, "supersedes": null,
                                   "misuse": false, "groups": [group]}),
                        ));
                    }
                }
            }
        }
        let answer = common::send(hub, &kiosk.token, &Value::from(batch));
        assert_eq!(answer.0, 200, "{answer:?}");
    }
}

#[test]
#[ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm install in crates/hub/tests/browser"]
fn the_location_page_in_a_browser() {
    let web = start(BackEnd::Sqlite);
    let hub = &web.hub;
    // Friday 6 March 2026, 12:00 in Amsterdam.
    web.clock
        .advance(std::time::Duration::from_secs(4 * 24 * 3600 + 3 * 3600));
    let location = hub.location("Kinderopvang De Vlinder");
    let kiosk = hub.device(&location);
    thirteen_weeks(hub, &kiosk);
    hub.user("locatiemanager@example.org", Role::Manager, &[&location]);
    let today: jiff::civil::Date = "2026-03-06".parse().unwrap();
    let tally = hub
        .runtime
        .block_on(hub.db.day_tally(&location, today))
        .unwrap();
    assert!(tally.drop_off.total.answers >= 5, "a day with percentages");

    let browser = browser::Browser::start();
    let page = format!("{}/locations/{}", hub.url, location.id);
    for (width, height) in [(1366, 768), (390, 844)] {
        let size = format!("{width}x{height}");
        browser.viewport(width, height);
        browser.log_in(&hub.url, "locatiemanager@example.org", PASSWORD);

        browser.goto(&page);
        assert_eq!(browser.text("h1"), "Kinderopvang De Vlinder");
        let shown = |field: &str| {
            browser.text(&format!(
                "[data-moment=drop_off][data-row=total][data-key=''][data-field={field}]"
            ))
        };
        let total = &tally.drop_off.total;
        assert_eq!(shown("answers"), total.answers.to_string());
        assert_eq!(shown("visits"), total.visits.to_string());
        assert_eq!(
            shown("enthusiastic_percent"),
            // WebDriver's text shows the page's no-break space as a space.
            format!("{:.0} %", total.enthusiastic_percent.unwrap())
        );
        let fits =
            browser.script("return document.documentElement.scrollWidth <= window.innerWidth;");
        assert_eq!(
            fits,
            Value::Bool(true),
            "nothing overflows sideways at {size}"
        );
        browser.assert_accessible("location");
        browser.screenshot(&format!("location-today-{size}"));
        browser.script("document.getElementById('choice-heading').scrollIntoView(); return null;");
        browser.screenshot(&format!("location-trend-4w-{size}"));
        browser.script("document.getElementById('heat-heading').scrollIntoView(); return null;");
        browser.screenshot(&format!("location-heat-{size}"));

        for query in ["trend=13w", "trend=52w&group=Kikkers"] {
            browser.goto(&format!("{page}?{query}"));
            assert_eq!(
                browser
                    .script("return document.querySelectorAll('svg.chart__svg').length;")
                    .as_u64(),
                Some(2),
                "{query}"
            );
            let fits =
                browser.script("return document.documentElement.scrollWidth <= window.innerWidth;");
            assert_eq!(fits, Value::Bool(true), "{query} at {size}");
            // The table behind the charts, opened, is checked too.
            browser
                .script("document.querySelector('details.trend-table').open = true; return null;");
            browser.assert_accessible(query);
            browser
                .script("document.getElementById('choice-heading').scrollIntoView(); return null;");
            let name = query.replace(['=', '&'], "-");
            browser.screenshot(&format!("location-{name}-{size}"));
        }
        browser.goto(&format!("{page}?lang=en&trend=13w"));
        browser.assert_accessible("location in English");
        browser.script("document.getElementById('choice-heading').scrollIntoView(); return null;");
        browser.screenshot(&format!("location-en-13w-{size}"));
        browser.goto(&format!("{page}?lang=nl"));
        browser.click(".account__logout button");
    }
}
