//! The Follow-ups page of a location over real HTTP, on both back ends, fed with
//! events sent by a device: open and handled, a later answer replacing an earlier,
//! names for the location's manager only, counts for an admin, erasure and retention
//! clearing what they must, markup shown as text, another location's manager kept
//! out, and an older database back-filled from its events.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub, send, source};
use serde_json::{Value, json};
use welkom_hub::db::{Location, NewDevice, Role};

/// Invented families. The third guardian's name is markup and a formula.
const ROSTER: &str = "guardian_id,guardian_first_name,guardian_last_name,child_id,child_first_name,group\n\
G-FU-1001,Fenna,Vermeulen,C-FU-2001,Lotte,Egeltjes\n\
G-FU-1002,Jorrit,Hoekstra,C-FU-2002,Sem,Egeltjes\n\
G-FU-1003,<img src=x onerror=alert(1)>,=HYPERLINK(\"http://x\"),C-FU-2003,Noor,Egeltjes\n";

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A CloudEvent of a device; `data.id` (if any) is the event's id.
fn event(device: &NewDevice, event_type: &str, time: &str, data: Value) -> Value {
    let id = data
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(uuid, str::to_owned);
    json!({
        "specversion": "1.0", "id": id, "source": source(device),
        "type": event_type, "time": time, "datacontenttype": "application/json", "data": data
    })
}

/// Monday 2 March 2026 (the test clock's day) at `hm`, Amsterdam time.
fn at(hm: &str) -> String {
    format!("2026-03-02T{hm}:00+01:00")
}

struct Rate<'a> {
    id: &'a str,
    guardian: Option<&'a str>,
    score: u8,
    hm: &'a str,
    misuse: bool,
    supersedes: Option<&'a str>,
}

fn rating(device: &NewDevice, r: Rate<'_>) -> Value {
    let mut data = json!({"id": r.id, "moment": "drop_off", "local_date": "2026-03-02",
        "score": r.score, "scale": 4, "supersedes": r.supersedes, "misuse": r.misuse,
        "groups": ["Egeltjes"]});
    if let Some(g) = r.guardian {
        data["guardian_id"] = json!(g);
    }
    event(device, "nl.welkom.rating.recorded.v1", &at(r.hm), data)
}

fn low(id: &str, guardian: &str, score: u8, hm: &str) -> Rate<'static> {
    Rate {
        id: Box::leak(id.to_owned().into_boxed_str()),
        guardian: Some(Box::leak(guardian.to_owned().into_boxed_str())),
        score,
        hm: Box::leak(hm.to_owned().into_boxed_str()),
        misuse: false,
        supersedes: None,
    }
}

fn answer(
    device: &NewDevice,
    rating: &str,
    reasons: &[&str],
    talk: Option<&str>,
    hm: &str,
) -> Value {
    let mut data = json!({"id": uuid(), "rating_id": rating, "reasons": reasons,
                          "talk_request": talk.is_some()});
    if let Some(g) = talk {
        data["guardian_id"] = json!(g);
    }
    event(device, "nl.welkom.rating.followup.v1", &at(hm), data)
}

fn note(device: &NewDevice, rating: &str, staff: &str, text: &str, hm: &str) -> Value {
    event(
        device,
        "nl.welkom.followup.handled.v1",
        &at(hm),
        json!({"id": uuid(), "rating_id": rating, "staff_name": staff, "note": text}),
    )
}

fn accepted(hub: &Hub, device: &NewDevice, batch: Value) {
    let n = batch.as_array().map_or(0, Vec::len);
    let answer = send(hub, &device.token, &batch);
    assert_eq!(answer.0, 200, "{answer:?}");
    assert_eq!(answer.1["accepted"], n, "{answer:?}");
}

fn import_roster(hub: &Hub, location: &Location) {
    let roster =
        welkom_core::roster::parse(ROSTER.as_bytes(), &welkom_core::LanguageTag::dutch()).unwrap();
    hub.runtime
        .block_on(hub.db.import_roster(&location.id, roster, false))
        .unwrap();
}

fn logged_in(hub: &Hub, email: &str) -> Browser {
    let mut browser = Browser::new(&hub.url);
    let answer = browser.log_in(email, PASSWORD);
    assert_eq!(answer.status, 303, "{}", answer.body);
    browser
}

/// The number in a count cell of the page.
fn count(body: &str, which: &str) -> String {
    let marker = format!("data-count=\"{which}\">");
    let start = body.find(&marker).unwrap_or_else(|| panic!("{which}")) + marker.len();
    body[start..start + body[start..].find('<').unwrap()].to_owned()
}

fn position(body: &str, text: &str) -> usize {
    body.find(text)
        .unwrap_or_else(|| panic!("'{text}' not on the page:\n{body}"))
}

/// The ratings of the first location: which are listed and how.
struct Morning {
    fenna: String,
    jorrit: String,
    noor_parent: String,
    not_low: String,
    misuse: String,
    superseded: String,
}

fn a_morning(hub: &Hub, kiosk: &NewDevice) -> Morning {
    let m = Morning {
        fenna: uuid(),
        jorrit: uuid(),
        noor_parent: uuid(),
        not_low: uuid(),
        misuse: uuid(),
        superseded: uuid(),
    };
    let replacing = uuid();
    accepted(
        hub,
        kiosk,
        json!([
            rating(kiosk, low(&m.fenna, "G-FU-1001", 1, "07:10")),
            rating(kiosk, low(&m.jorrit, "G-FU-1002", 2, "07:20")),
            answer(kiosk, &m.jorrit, &["food"], None, "07:21"),
            // A later answer replaces the earlier one.
            answer(
                kiosk,
                &m.jorrit,
                &["atmosphere", "parking"],
                Some("G-FU-1002"),
                "07:22"
            ),
            // Not low, but a talk request.
            rating(kiosk, low(&m.noor_parent, "G-FU-1003", 4, "07:30")),
            answer(kiosk, &m.noor_parent, &[], Some("G-FU-1003"), "07:31"),
            // Not listed: a good face, misuse, a low face tapped again as a good one.
            rating(kiosk, low(&m.not_low, "G-FU-1001", 3, "07:40")),
            rating(
                kiosk,
                Rate {
                    misuse: true,
                    ..low(&m.misuse, "G-FU-1001", 1, "07:41")
                }
            ),
            rating(kiosk, low(&m.superseded, "G-FU-1002", 1, "07:42")),
            rating(
                kiosk,
                Rate {
                    supersedes: Some(Box::leak(m.superseded.clone().into_boxed_str())),
                    ..low(&replacing, "G-FU-1002", 4, "07:43")
                }
            ),
            note(
                kiosk,
                &m.jorrit,
                "Els",
                "Gesproken <script>alert(1)</script> =SUM(A1)",
                "08:30"
            ),
        ]),
    );
    m
}

fn open_and_handled_with_names_for_the_manager_and_counts_for_the_admin(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let zonnebloem = hub.location("De Zonnebloem");
    let anker = hub.location("Het Anker");
    import_roster(hub, &zonnebloem);
    let (kiosk, other_kiosk) = (hub.device(&zonnebloem), hub.device(&anker));
    let morning = a_morning(hub, &kiosk);
    let elsewhere = uuid();
    accepted(
        hub,
        &other_kiosk,
        json!([rating(
            &other_kiosk,
            low(&elsewhere, "G-FU-1001", 1, "07:15")
        )]),
    );
    hub.user("manager@zonnebloem.example", Role::Manager, &[&zonnebloem]);
    hub.user("manager@anker.example", Role::Manager, &[&anker]);
    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    let path = format!("/locations/{}/follow-ups", zonnebloem.id);

    // The location page links to it.
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let location_page = manager.get(&format!("/locations/{}", zonnebloem.id));
    assert!(location_page.body.contains(&path), "{}", location_page.body);

    let page = manager.get(&path);
    assert_eq!(page.status, 200, "{}: {}", hub.back_end, page.body);
    let body = &page.body;
    assert!(body.contains("<html lang=\"nl\""));
    // Open first, oldest first; then handled.
    let fenna = position(body, "Fenna Vermeulen");
    let noor_parent = position(body, "&#60;img src=x onerror=alert(1)&#62;");
    let jorrit = position(body, "Jorrit Hoekstra");
    assert!(
        fenna < noor_parent && noor_parent < jorrit,
        "{}: order {fenna} {noor_parent} {jorrit}",
        hub.back_end
    );
    assert!(position(body, "id=\"open-heading\"") < fenna);
    assert!(noor_parent < position(body, "id=\"handled-heading\""));
    assert!(position(body, "id=\"handled-heading\"") < jorrit);
    // Reasons in words (the kiosk's), an unknown key as it is; the later answer only.
    assert!(body.contains("Sfeer in de groep, parking"), "{body}");
    assert!(
        !body.contains("Eten en drinken"),
        "the earlier answer shows"
    );
    assert!(body.contains("Wil graag even praten"));
    assert!(
        body.contains("Door Els, maandag 02-03-2026 om 08:30"),
        "{body}"
    );
    assert!(body.contains("maandag 02-03-2026 om 07:10"), "{body}");
    assert!(body.contains("Niet goed (1 van 4)"), "{body}");
    // Markup and formulas are text.
    assert!(!body.contains("<img src=x"), "{body}");
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(body.contains("Gesproken &#60;script&#62;alert(1)&#60;/script&#62; =SUM(A1)"));
    assert!(body.contains("=HYPERLINK(&#34;http://x&#34;)"), "{body}");
    // Counted ratings only.
    for (which, n) in [
        ("open-low", "1"),
        ("open-talk", "1"),
        ("handled-low", "1"),
        ("handled-talk", "1"),
    ] {
        assert_eq!(count(body, which), n, "{}: {which}", hub.back_end);
    }
    for hidden in [
        &morning.not_low,
        &morning.misuse,
        &morning.superseded,
        &elsewhere,
        &anker.id,
        &other_kiosk.id,
    ] {
        assert!(!body.contains(hidden.as_str()), "{hidden} on the page");
    }

    // English, and the four weeks.
    let english = manager.get(&format!("{path}?lang=en&period=4weeks"));
    assert!(english.body.contains("Atmosphere in the group, parking"));
    assert!(english.body.contains("By Els, Monday 02-03-2026 at 08:30"));
    assert!(english.body.contains("value=\"4weeks\" selected"));
    assert!(english.body.contains("From 03-02-2026 to 02-03-2026"));

    // A week later: the open ones stay, the one handled last week is only in the
    // last four weeks.
    web.clock
        .advance(std::time::Duration::from_secs(7 * 24 * 3600));
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let next_week = manager.get(&path);
    assert!(next_week.body.contains("Fenna Vermeulen"), "still open");
    assert!(!next_week.body.contains("Jorrit"), "handled last week");
    assert_eq!(count(&next_week.body, "open-low"), "1");
    assert_eq!(count(&next_week.body, "handled-low"), "0");
    let four_weeks = manager.get(&format!("{path}?period=4weeks"));
    assert!(four_weeks.body.contains("Jorrit Hoekstra"));
    assert_eq!(count(&four_weeks.body, "handled-low"), "1");

    // Another location's manager: as if it did not exist.
    let mut stranger = logged_in(hub, "manager@anker.example");
    let refused = stranger.get(&path);
    assert_eq!(refused.status, 404, "{}", hub.back_end);
    assert!(!refused.body.contains("Fenna") && !refused.body.contains("De Zonnebloem"));
    let own = stranger.get(&format!("/locations/{}/follow-ups", anker.id));
    assert_eq!(count(&own.body, "open-low"), "1");
    assert!(
        !own.body.contains("Fenna"),
        "no roster at Het Anker: no names"
    );
    assert!(own.body.contains("Ouder (naam niet bekend)"));

    // The admin: counts, no names, no notes.
    let mut admin = logged_in(hub, "kwaliteit@example.org");
    let counts = admin.get(&format!("{path}?period=4weeks"));
    assert_eq!(counts.status, 200);
    for (which, n) in [("open-low", "1"), ("open-talk", "1"), ("handled-low", "1")] {
        assert_eq!(count(&counts.body, which), n);
    }
    for secret in ["Fenna", "Jorrit", "img", "Els", "alert", "SUM", "parking"] {
        assert!(!counts.body.contains(secret), "{secret} shown to the admin");
    }

    // Without a session: to the log-in page.
    let anonymous = Browser::new(&hub.url).get(&path);
    assert_eq!(anonymous.location(), Some("/login"));
}
on_both_back_ends!(open_and_handled_with_names_for_the_manager_and_counts_for_the_admin);

/// A location where nobody notes the talks: the page lists the newest open ones
/// and counts all of them, for the manager and for the admin alike.
fn a_long_open_list_shows_the_newest_and_counts_the_rest(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let zonnebloem = hub.location("De Zonnebloem");
    import_roster(hub, &zonnebloem);
    let kiosk = hub.device(&zonnebloem);
    let (open, handled) = (205, uuid());
    let mut batch: Vec<Value> = (0..open)
        .map(|i| {
            let hm = format!("{:02}:{:02}", 6 + i / 60, i % 60);
            rating(&kiosk, low(&uuid(), "G-FU-1001", 1, &hm))
        })
        .collect();
    batch.push(rating(&kiosk, low(&handled, "G-FU-1002", 1, "05:59")));
    batch.push(note(&kiosk, &handled, "Els", "Gesproken", "10:00"));
    accepted(hub, &kiosk, Value::Array(batch));
    hub.user("manager@zonnebloem.example", Role::Manager, &[&zonnebloem]);
    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    let path = format!("/locations/{}/follow-ups", zonnebloem.id);

    let body = logged_in(hub, "manager@zonnebloem.example").get(&path).body;
    assert_eq!(count(&body, "open-low"), "205", "{}", hub.back_end);
    assert_eq!(count(&body, "handled-low"), "1", "{}", hub.back_end);
    let shown = body.matches("class=\"follow-up follow-up--open\"").count();
    assert_eq!(shown, 200, "{}: the newest 200 listed", hub.back_end);
    assert!(
        body.contains("Hieronder de 200 nieuwste van 205 open. De 5 oudere"),
        "{body}"
    );
    // The newest are listed (oldest of them first), the five oldest are not.
    assert!(body.contains("om 09:24"), "the newest");
    assert!(position(&body, "om 06:05") < position(&body, "om 09:24"));
    for oldest in ["om 06:00", "om 06:04"] {
        assert!(!body.contains(oldest), "{oldest} is listed");
    }
    // The handled one is listed in full.
    assert!(body.contains("Jorrit Hoekstra"), "{body}");

    let admin = logged_in(hub, "kwaliteit@example.org").get(&path).body;
    assert_eq!(count(&admin, "open-low"), "205");
    assert_eq!(count(&admin, "handled-low"), "1");
    assert!(!admin.contains("data-older-open") && !admin.contains("Fenna"));
}
on_both_back_ends!(a_long_open_list_shows_the_newest_and_counts_the_rest);

fn an_erased_family_leaves_no_trace_in_the_follow_ups(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let location = hub.location("De Zonnebloem");
    import_roster(hub, &location);
    let kiosk = hub.device(&location);
    let morning = a_morning(hub, &kiosk);
    hub.user("manager@zonnebloem.example", Role::Manager, &[&location]);
    accepted(
        hub,
        &kiosk,
        json!([event(
            &kiosk,
            "nl.welkom.family.erased.v1",
            &at("10:00"),
            json!({"guardian_id": "G-FU-1002", "child_ids": ["C-FU-2002"]})
        )]),
    );
    // A late note about their rating arrives after the erasure.
    accepted(
        hub,
        &kiosk,
        json!([note(
            &kiosk,
            &morning.jorrit,
            "Els",
            "Jorrit belde terug",
            "10:30"
        )]),
    );
    let rows = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
    let ours: Vec<&String> = rows
        .iter()
        .filter(|r| r.starts_with("follow_ups:") || r.starts_with("follow_up_notes:"))
        .collect();
    assert!(ours.len() >= 4, "{}: {ours:?}", hub.back_end);
    assert!(
        ours.iter().any(|r| r.contains("G-FU-1001")),
        "another family stays"
    );
    for row in &ours {
        for trace in ["G-FU-1002", "Jorrit", "Gesproken", "SUM"] {
            assert!(!row.contains(trace), "{}: {trace} in {row}", hub.back_end);
        }
    }
    let page = logged_in(hub, "manager@zonnebloem.example")
        .get(&format!("/locations/{}/follow-ups", location.id));
    assert!(!page.body.contains("Jorrit"), "{}", page.body);
    assert!(page.body.contains("Fenna Vermeulen"));
    assert!(page.body.contains("Anonieme ouder"), "{}", page.body);
    // Still handled, by Els, without the note.
    assert_eq!(count(&page.body, "handled-low"), "1");
    assert!(page.body.contains("Door Els"));
}
on_both_back_ends!(an_erased_family_leaves_no_trace_in_the_follow_ups);

fn retention_drops_guardians_staff_names_and_notes(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let location = hub.location("De Zonnebloem");
    import_roster(hub, &location);
    let kiosk = hub.device(&location);
    a_morning(hub, &kiosk);
    hub.user("manager@zonnebloem.example", Role::Manager, &[&location]);
    let cutoff = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60);
    hub.runtime
        .block_on(hub.db.apply_retention(cutoff))
        .unwrap();
    let rows = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
    let ours: Vec<&String> = rows
        .iter()
        .filter(|r| r.starts_with("follow_ups:") || r.starts_with("follow_up_notes:"))
        .collect();
    assert!(ours.len() >= 4, "{}: {ours:?}", hub.back_end);
    for row in &ours {
        for trace in ["G-FU-", "Els", "Gesproken"] {
            assert!(!row.contains(trace), "{}: {trace} in {row}", hub.back_end);
        }
    }
    let page = logged_in(hub, "manager@zonnebloem.example")
        .get(&format!("/locations/{}/follow-ups", location.id));
    for (which, n) in [("open-low", "1"), ("open-talk", "1"), ("handled-low", "1")] {
        assert_eq!(count(&page.body, which), n, "the follow-ups stay");
    }
    assert!(!page.body.contains("Fenna") && !page.body.contains("Els"));
    assert!(page.body.contains("Sfeer in de groep"), "the reasons stay");
}
on_both_back_ends!(retention_drops_guardians_staff_names_and_notes);

/// The schema version before the follow-ups' migration (0007).
const BEFORE_FOLLOW_UPS: i64 = 6;

/// Makes the database look as it did before migration 0007 (no follow-up tables),
/// over a connection of its own.
fn back_before_follow_ups(back_end: BackEnd, url: &str, runtime: &tokio::runtime::Runtime) {
    const DROP: &str = "DROP TABLE follow_up_notes; DROP TABLE follow_ups;";
    match back_end {
        BackEnd::Sqlite => {
            let path = url.strip_prefix("sqlite:").unwrap();
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.busy_timeout(std::time::Duration::from_secs(5))
                .unwrap();
            conn.execute_batch(DROP).unwrap();
            conn.pragma_update(None, "user_version", BEFORE_FOLLOW_UPS)
                .unwrap();
        }
        BackEnd::Postgres => runtime.block_on(async {
            let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(connection);
            client
                .batch_execute(&format!(
                    "{DROP} UPDATE hub_schema SET version = {BEFORE_FOLLOW_UPS};"
                ))
                .await
                .unwrap();
        }),
    }
}

fn an_older_database_is_back_filled_from_its_events(back_end: BackEnd) {
    let dir = tempfile::tempdir().unwrap();
    let cluster = match back_end {
        BackEnd::Sqlite => None,
        BackEnd::Postgres => Some(common::postgres::TempPostgres::require()),
    };
    let url = match &cluster {
        Some(cluster) => cluster.url.clone(),
        None => format!("sqlite:{}", dir.path().join("hub.sqlite").display()),
    };
    let hub = Hub::from_background(
        welkom_hub::BackgroundHub::start(&url).unwrap(),
        if cluster.is_some() {
            "postgres"
        } else {
            "sqlite"
        },
    );
    let location = hub.location("De Zonnebloem");
    let kiosk = hub.device(&location);
    a_morning(&hub, &kiosk);
    let day: jiff::civil::Date = "2026-03-02".parse().unwrap();
    let read = |db: &welkom_hub::Db| {
        let listed = hub
            .runtime
            .block_on(db.follow_ups(&location, day, day, 100))
            .unwrap();
        let mut items = listed.open;
        items.extend(listed.handled);
        items
    };
    let at_ingest = read(&hub.db);
    assert_eq!(at_ingest.len(), 3, "{}: {at_ingest:?}", hub.back_end);

    back_before_follow_ups(back_end, &url, &hub.runtime);
    let reopened = hub.runtime.block_on(welkom_hub::Db::open(&url)).unwrap();
    let back_filled = read(&reopened);
    assert_eq!(back_filled, at_ingest, "{}", hub.back_end);
    assert_eq!(
        back_filled[2].reasons,
        ["atmosphere", "parking"],
        "the later answer"
    );
    assert!(back_filled[2].handled.is_some());
    drop(cluster);
}
on_both_back_ends!(an_older_database_is_back_filled_from_its_events);
