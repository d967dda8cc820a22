//! The Export page of a location over real HTTP, on both back ends: the form (the
//! last full month by default), downloads as CSV and as an Excel workbook holding
//! what `welkom-hub export ratings` writes for the same period, with a safe file
//! name, without names, a name or group with markup or a formula kept harmless, and
//! a bad period shown on the form again, never an error page.

mod common;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub, rating, send};
use serde_json::{Value, json};
use std::io::{Cursor, Read};
use std::process::Command;
use welkom_hub::db::{Location, Role};

/// Invented families, with the guardian the ratings name.
const ROSTER: &str = "guardian_id,guardian_first_name,guardian_last_name,child_id,child_first_name,group\n\
G-EX-1001,Fenna,Vermeulen,C-EX-2001,Lotte,Egeltjes\n";

const NAME: &str = "=HYPERLINK(\"http://x\")<script>alert(1)</script>";
const FORMULA_GROUP: &str = "=HYPERLINK(\"http://x\",\"y\")";

fn logged_in(hub: &Hub, email: &str) -> Browser {
    let mut browser = Browser::new(&hub.url);
    let answer = browser.log_in(email, PASSWORD);
    assert_eq!(answer.status, 303, "{}", answer.body);
    browser
}

/// A location with ratings in January, February and March, naming a guardian.
fn rated_location(hub: &Hub) -> Location {
    let location = hub.location(NAME);
    let roster =
        welkom_core::roster::parse(ROSTER.as_bytes(), &welkom_core::LanguageTag::dutch()).unwrap();
    hub.runtime
        .block_on(hub.db.import_roster(&location.id, roster, false))
        .unwrap();
    let device = hub.device(&location);
    let mut events = Vec::new();
    for (score, time, group) in [
        (4, "2026-01-31T23:30:00Z", "Egeltjes"), // 1 February in Amsterdam
        (1, "2026-02-02T07:15:00Z", FORMULA_GROUP),
        (3, "2026-02-14T16:05:00Z", "+31 6 12345678"),
        (2, "2026-02-28T22:59:00Z", "Egeltjes"), // 28 February in Amsterdam
        (4, "2026-02-28T23:00:00Z", "Egeltjes"), // 1 March in Amsterdam
        (3, "2026-01-15T08:00:00Z", "Egeltjes"),
    ] {
        let mut event = rating(&device, score, time, &[group]);
        event["data"]["guardian_id"] = json!("G-EX-1001");
        // The kiosk's day, in Amsterdam.
        let local = time
            .parse::<jiff::Timestamp>()
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap())
            .date();
        event["data"]["local_date"] = json!(local.to_string());
        events.push(event);
    }
    let (status, answer) = send(hub, &device.token, &Value::Array(events));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["accepted"], 6, "{answer}");
    location
}

/// A download: status, headers, bytes.
fn download(hub: &Hub, browser: &Browser, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let cookies: Vec<String> = browser
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let response = common::agent()
        .get(&format!("{}{path}", hub.url))
        .header("Cookie", &cookies.join("; "))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .read_to_end(&mut bytes)
        .unwrap();
    (status, headers, bytes)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// What `welkom-hub export ratings` writes for this period.
fn cli_export(hub: &Hub, location: &Location, format: &str, from: &str, to: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("ratings.{format}"));
    let output = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args(["--database", &hub.database_url(), "export", "ratings"])
        .args(["--location", &location.id, "--format", format])
        .args(["--from", from, "--to", to, "--out"])
        .arg(&out)
        .env("WELKOM_HUB_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(out).unwrap()
}

/// Every part of a workbook but its creation time (docProps/core.xml), by name.
fn workbook_parts(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx.to_vec())).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name != "docProps/core.xml" {
            parts.push((name, bytes));
        }
    }
    parts.sort();
    parts
}

fn every_text_of(xlsx: &[u8]) -> String {
    workbook_parts(xlsx)
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
}

fn ratings_are_exported_as_the_command_line_does(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let location = rated_location(hub);
    hub.user("manager@example.org", Role::Manager, &[&location]);
    let mut manager = logged_in(hub, "manager@example.org");
    let base = format!("/locations/{}/export", location.id);

    // The form: the last full month (the test clock is Monday 2 March 2026).
    let form = manager.get(&base);
    assert_eq!(form.status, 200, "{}: {}", hub.back_end, form.body);
    assert!(form.body.contains("value=\"2026-02-01\""), "{}", form.body);
    assert!(form.body.contains("value=\"2026-02-28\""));
    assert!(
        form.body
            .contains(&format!("formaction=\"{base}/ratings.csv\""))
    );
    assert!(
        form.body
            .contains(&format!("formaction=\"{base}/ratings.xlsx\""))
    );
    assert!(!form.body.contains("<script>alert"), "the name is text");
    assert!(form.body.contains("&#60;script&#62;alert(1)"));
    // A period typed before is kept.
    let typed = manager.get(&format!("{base}?from=2026-01-01&to=2026-01-31"));
    assert!(
        typed.body.contains("value=\"2026-01-01\"") && typed.body.contains("value=\"2026-01-31\"")
    );

    // CSV of February: the command line's bytes.
    let query = "from=2026-02-01&to=2026-02-28";
    let (status, headers, csv) = download(hub, &manager, &format!("{base}/ratings.csv?{query}"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&csv));
    assert_eq!(header(&headers, "content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        header(&headers, "content-disposition"),
        "attachment; filename=\"welkom-hyperlink-http-x-script-alert-1-script-2026-02-01-2026-02-28.csv\""
    );
    assert_eq!(header(&headers, "cache-control"), "no-store");
    assert_eq!(
        csv,
        cli_export(hub, &location, "csv", "2026-02-01", "2026-02-28")
    );
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(
        text.lines().count(),
        1 + 4,
        "February's four ratings:\n{text}"
    );
    assert!(
        text.contains("\"'=HYPERLINK("),
        "a formula stays text:\n{text}"
    );
    for line in text.lines().skip(1) {
        assert!(line.contains(",2026-02-"), "{line}");
    }
    for name in ["Fenna", "Vermeulen", "Lotte", "G-EX-1001", "C-EX-2001"] {
        assert!(!text.contains(name), "{name} in the export");
    }

    // The workbook: the command line's, cell for cell (all but its creation time).
    let (status, headers, xlsx) = download(hub, &manager, &format!("{base}/ratings.xlsx?{query}"));
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(header(&headers, "content-disposition").ends_with("-2026-02-01-2026-02-28.xlsx\""));
    let from_cli = cli_export(hub, &location, "xlsx", "2026-02-01", "2026-02-28");
    assert_eq!(workbook_parts(&xlsx), workbook_parts(&from_cli));
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.clone())).unwrap();
    let sheet = welkom_hub::export::xlsx::SHEET;
    assert_eq!(book.worksheet_range(sheet).unwrap().rows().count(), 1 + 4);
    let formulas = book
        .worksheet_formula(sheet)
        .unwrap()
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .count();
    assert_eq!(formulas, 0, "no cell is a formula");
    let texts = every_text_of(&xlsx);
    for name in ["Fenna", "Vermeulen", "G-EX-1001"] {
        assert!(!texts.contains(name), "{name} in the workbook");
    }

    // A one-day period holds that day only, in the location's time zone.
    let (_, _, one_day) = download(
        hub,
        &manager,
        &format!("{base}/ratings.csv?from=2026-03-01&to=2026-03-01"),
    );
    assert_eq!(String::from_utf8(one_day).unwrap().lines().count(), 2);
}
on_both_back_ends!(ratings_are_exported_as_the_command_line_does);

fn a_bad_period_shows_the_form_again(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let location = hub.location("De Zonnebloem");
    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    let mut admin = logged_in(hub, "kwaliteit@example.org");
    let base = format!("/locations/{}/export", location.id);
    for (query, field, says) in [
        (
            "from=2026-02-30&to=2026-03-01",
            "from",
            "geen datum die de hub kan lezen: 2026-02-30",
        ),
        (
            "from=2026-02-01&to=tomorrow",
            "to",
            "‘Tot en met’ is geen datum",
        ),
        (
            "from=2026-03-01&to=2026-02-01",
            "from",
            "De periode begint (01-03-2026) na de laatste dag (01-02-2026)",
        ),
        ("to=2026-02-01", "from", "Kies bij ‘Van’ een dag"),
        (
            "from=%3Cscript%3Ealert(1)%3C/script%3E&to=2026-02-01",
            "from",
            "&#60;script&#62;alert(1)",
        ),
        ("", "from", "Kies bij ‘Van’ een dag"),
    ] {
        for format in ["csv", "xlsx"] {
            let page = admin.get(&format!("{base}/ratings.{format}?{query}"));
            assert_eq!(page.status, 400, "{}: {query}", hub.back_end);
            assert!(
                page.header("content-type")
                    .unwrap()
                    .starts_with("text/html"),
                "{query}"
            );
            assert!(page.body.contains(says), "{query}: {}", page.body);
            assert!(page.body.contains("role=\"alert\""));
            assert!(
                page.body.contains(&format!(
                    "id=\"{field}\" name=\"{field}\" type=\"date\" required"
                )),
                "{query}"
            );
            let invalid = page
                .body
                .find("aria-invalid=\"true\"")
                .expect("a field marked");
            let field_at = page.body.find(&format!("id=\"{field}\"")).unwrap();
            assert!(invalid > field_at, "{query}: the right field is marked");
            assert!(!page.body.contains("<script>alert"), "{query}");
        }
    }
    // English.
    let english = admin.get(&format!(
        "{base}/ratings.csv?from=2026-03-01&to=2026-02-01&lang=en"
    ));
    assert!(
        english
            .body
            .contains("The period starts (01-03-2026) after its last day (01-02-2026)")
    );
}
on_both_back_ends!(a_bad_period_shows_the_form_again);
