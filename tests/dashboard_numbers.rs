//! One day's numbers, three ways, for the same events: the kiosk's `welkom tally`,
//! the hub's `GET /v1/locations/{id}/tally` after the kiosk's own `welkom sync` sent
//! them, and the location page of the hub's dashboard in a real browser (headless
//! chromium over WebDriver). Every number the page shows under Today must be the
//! kiosk's; a percentage the five-answer rule hides must not be on the page at all.

mod common;

#[path = "../crates/hub/tests/browser/mod.rs"]
mod browser;

use common::rated_visits::{LocalDay, Pass};
use common::welkom;
use jiff::civil::{Date, date};
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Output;
use std::sync::Arc;
use welkom_core::Moment;
use welkom_core::tally::{Cell, DayTally};
use welkom_hub::BackgroundHub;
use welkom_hub::clock::ManualClock;
use welkom_hub::db::Role;
use welkom_hub::web::WebSettings;
use welkom_store::Store;

/// The hub's locations are in Amsterdam's time zone.
const ZONE: &str = "Europe/Amsterdam";
/// A Thursday.
const DAY: Date = date(2026, 3, 5);
const THURSDAY: LocalDay = LocalDay {
    date: DAY,
    zone: ZONE,
};
const PASSWORD: &str = "invented password 42";

/// Invented families. One group's name holds markup, which the page must show as
/// text (and which the comparison below finds back only if it does).
const ROSTER: &str = "\
guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group
G1;Tess;Brouwer;4826;C1;Lotte;Vlinders
G1;Tess;Brouwer;4826;C2;Siem;<b>Rupsen</b>
G2;Ravi;Pinas;7391;C3;Anouk;<b>Rupsen</b>
G3;Mirte;Kok;3917;C4;Bram;Vlinders
G4;Kofi;Mensah;6048;C5;Yara;Kikkers
G5;Ilse;Smit;5173;C6;Ties;Vlinders
G6;Jurre;Dekker;8152;C7;Noa;Vlinders
G7;Femke;Visser;2741;C8;Luuk;Vlinders
G8;Daan;Mulder;9360;C9;Fleur;Kikkers
";

fn checked(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What the page should show for a tally: `(moment, row, key, field)` → the text.
fn expected_numbers(tally: &DayTally) -> BTreeMap<(String, String, String, String), String> {
    let mut out = BTreeMap::new();
    for (moment, m) in [("drop_off", &tally.drop_off), ("pick_up", &tally.pick_up)] {
        let mut put = |row: &str, key: String, cell: &Cell| {
            let mut field = |name: &str, text: String| {
                out.insert(
                    (
                        moment.to_owned(),
                        row.to_owned(),
                        key.clone(),
                        name.to_owned(),
                    ),
                    text,
                );
            };
            field("answers", cell.answers.to_string());
            field("visits", cell.visits.to_string());
            field("enthusiastic", cell.enthusiastic.to_string());
            field("low", cell.low.to_string());
            for (name, value) in [
                ("enthusiastic_percent", cell.enthusiastic_percent),
                ("low_percent", cell.low_percent),
                ("response_rate_percent", cell.response_rate_percent),
            ] {
                if let Some(value) = value {
                    field(name, format!("{value:.0}"));
                }
            }
        };
        put("total", String::new(), &m.total);
        for g in &m.groups {
            put("group", g.group.clone(), &g.cell);
        }
        for h in &m.hours {
            put("hour", h.hour.to_string(), &h.cell);
        }
    }
    out
}

/// Every number of Today on the page (elements with `data-row` and `data-field`;
/// the trend and the heat map mark theirs otherwise), the same way keyed;
/// a percentage's text keeps only its digits ("60 %" → "60").
fn page_numbers(browser: &browser::Browser) -> BTreeMap<(String, String, String, String), String> {
    let found = browser.script(
        "return Array.from(document.querySelectorAll('[data-row][data-field]')).map(e => \
         [e.dataset.moment || '', e.dataset.row || '', e.dataset.key || '', \
          e.dataset.field, e.textContent.trim()]);",
    );
    let mut out = BTreeMap::new();
    for item in found.as_array().expect("a list") {
        let parts: Vec<String> = item
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect();
        let [moment, row, key, field, text] = <[String; 5]>::try_from(parts).unwrap();
        let text = if field.ends_with("_percent") {
            text.trim_end_matches('%').trim().to_owned()
        } else {
            text
        };
        let previous = out.insert((moment, row, key, field), text.clone());
        assert!(
            previous.is_none() || previous.as_deref() == Some(text.as_str()),
            "one number shown twice, differently"
        );
    }
    out
}

#[test]
#[ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm install in crates/hub/tests/browser"]
fn the_location_page_shows_the_kiosks_numbers_as_the_hub_api_and_welkom_tally_do() {
    // The hub, its clock at DAY 17:30 in the location's zone.
    let clock = ManualClock::new(THURSDAY.at(17, 30));
    let hub_dir = tempfile::tempdir().unwrap();
    let hub = BackgroundHub::start_with(
        &format!("sqlite:{}", hub_dir.path().join("hub.sqlite").display()),
        WebSettings {
            clock: Arc::new(clock),
            ..WebSettings::default()
        },
    )
    .unwrap();
    let (location, device) = hub.location_with_device("Kinderopvang De Vlinder").unwrap();
    assert_eq!(location.time_zone, ZONE);
    let hash = welkom_hub::password::hash(PASSWORD).unwrap();
    hub.runtime
        .block_on(hub.db.add_user(
            "locatiemanager@example.org",
            Role::Manager,
            std::slice::from_ref(&location.id),
            &hash,
            0,
        ))
        .unwrap();

    // The kiosk: its roster, a day of taps, then `welkom sync` to the hub.
    let kiosk = tempfile::tempdir().unwrap();
    let data = kiosk.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("welkom.toml"),
        format!(
            "[location]\ntime_zone = \"{ZONE}\"\n\n[upstream]\nurl = \"{}\"\ntoken = \"{}\"\n",
            hub.url, device.token
        ),
    )
    .unwrap();
    let roster = kiosk.path().join("roster.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    checked(
        welkom(&data, &["import-roster", roster.to_str().unwrap()]),
        "import-roster",
    );
    let mut store = Store::open(&data.join("welkom.sqlite")).unwrap();
    let (drop_off, pick_up) = (Moment::DropOff, Moment::PickUp);
    type Row<'a> = (&'a str, &'a [&'a str], Moment, (i8, i8), &'a [u8]);
    let passes: [Row<'_>; 13] = [
        ("G1", &["C1", "C2"], drop_off, (7, 48), &[2, 4]),
        ("G2", &["C3"], drop_off, (7, 55), &[4]),
        ("G3", &["C4"], drop_off, (8, 5), &[3]),
        ("G4", &["C5"], drop_off, (8, 12), &[1]),
        ("G5", &["C6"], drop_off, (8, 20), &[4]),
        ("G6", &["C7"], drop_off, (8, 31), &[4]),
        ("G7", &["C8"], drop_off, (8, 44), &[2]),
        ("G8", &["C9"], drop_off, (9, 2), &[]),
        ("G1", &["C1"], pick_up, (16, 10), &[3]),
        ("G3", &["C4"], pick_up, (16, 25), &[4]),
        ("G5", &["C6"], pick_up, (16, 40), &[4]),
        ("G6", &["C7"], pick_up, (17, 5), &[1]),
        ("G7", &["C8"], pick_up, (17, 12), &[]),
    ];
    for (guardian, children, moment, time, scores) in passes {
        let pass = Pass {
            guardian,
            children,
            moment,
            time,
            scores,
            misuse: false,
        };
        THURSDAY.record(&mut store, &pass);
    }
    drop(store);
    let sent = checked(welkom(&data, &["sync"]), "welkom sync");
    assert!(sent.contains("events sent"), "{sent}");

    // 1. The kiosk's own tally.
    let kiosk_json = checked(
        welkom(
            &data,
            &["tally", "--format", "json", "--date", &DAY.to_string()],
        ),
        "welkom tally",
    );
    let kiosk_tally: DayTally = serde_json::from_str(&kiosk_json).unwrap();
    // The day has percentages shown and hidden, so the comparison means something.
    assert_eq!(kiosk_tally.drop_off.total.answers, 7);
    assert!(kiosk_tally.drop_off.total.enthusiastic_percent.is_some());
    assert!(kiosk_tally.pick_up.total.enthusiastic_percent.is_none());
    assert!(
        kiosk_tally
            .drop_off
            .groups
            .iter()
            .any(|g| g.group == "<b>Rupsen</b>")
    );

    // 2. The hub's API, asked with the kiosk's token.
    let api: Value = ureq_get(
        &format!("{}/v1/locations/{}/tally?date={DAY}", hub.url, location.id),
        &device.token,
    );
    let api_tally: DayTally = serde_json::from_value(api).unwrap();
    assert_eq!(api_tally, kiosk_tally, "the hub's tally is the kiosk's");

    // 3. The page, as the manager sees it after logging in.
    let browser = browser::Browser::start();
    for (width, height) in [(1366, 768), (390, 844)] {
        browser.viewport(width, height);
        browser.log_in(&hub.url, "locatiemanager@example.org", PASSWORD);
        browser.click(&format!("a[href='/locations/{}']", location.id));
        assert!(
            browser
                .url()
                .ends_with(&format!("/locations/{}", location.id)),
            "{}",
            browser.url()
        );
        let shown = page_numbers(&browser);
        let expected = expected_numbers(&kiosk_tally);
        for (key, text) in &expected {
            assert_eq!(
                shown.get(key),
                Some(text),
                "{key:?} at {width}×{height}: the page shows {:?}, the kiosk {text}",
                shown.get(key)
            );
        }
        let extra: Vec<_> = shown
            .keys()
            .filter(|k| !expected.contains_key(*k))
            .collect();
        assert!(
            extra.is_empty(),
            "numbers on the page the kiosk does not have (a hidden percentage?): {extra:?}"
        );
        assert!(
            browser.text("main").contains("<b>Rupsen</b>"),
            "a group's markup is shown as text"
        );
        browser.assert_accessible("location with today's numbers");
        browser.screenshot(&format!("location-numbers-{width}x{height}"));
    }
}

/// `GET url` with a bearer token, as JSON.
fn ureq_get(url: &str, token: &str) -> Value {
    let mut answer = ureq::get(url)
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    answer.body_mut().read_json().unwrap()
}
