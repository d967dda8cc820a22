//! The Devices page of a location over real HTTP, on both back ends: each kiosk
//! with what it last reported; adding one (its token shown once, never cached, and
//! accepted by the API); revoking one after a confirmation (its token then refused
//! by the API); forms without their CSRF token refused; and a manager of another
//! location kept out of every page and form, as if it did not exist.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub, rating, send};
use serde_json::Value;
use welkom_hub::db::{DeviceReport, Location, Role};

fn logged_in(hub: &Hub, email: &str) -> Browser {
    let mut browser = Browser::new(&hub.url);
    let answer = browser.log_in(email, PASSWORD);
    assert_eq!(answer.status, 303, "{}", answer.body);
    browser
}

/// The status the API gives a batch of one rating sent with this token.
fn api_status(hub: &Hub, location: &Location, device_id: &str, token: &str) -> u16 {
    let device = welkom_hub::db::NewDevice {
        id: device_id.to_owned(),
        location_id: location.id.clone(),
        token: token.to_owned(),
    };
    let batch = Value::Array(vec![rating(&device, 3, "2026-03-02T07:30:00Z", &[])]);
    send(hub, token, &batch).0
}

/// The token on the page of a new device.
fn token_on(body: &str) -> String {
    let marker = "<code data-token>";
    let start = body
        .find(marker)
        .unwrap_or_else(|| panic!("no token in\n{body}"))
        + marker.len();
    body[start..start + body[start..].find('<').unwrap()].to_owned()
}

fn device_count(hub: &Hub, location: &Location) -> usize {
    hub.runtime
        .block_on(hub.db.devices(&location.id))
        .unwrap()
        .len()
}

fn kiosks_are_listed_added_and_revoked(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let zonnebloem = hub.location("De Zonnebloem");
    let anker = hub.location("Het Anker");
    let kiosk = hub.device(&zonnebloem);
    let other_kiosk = hub.device(&anker);
    // What the kiosk last said, two hours before the test clock's 08:00 UTC.
    hub.runtime
        .block_on(hub.db.record_device_report(
            &kiosk.id,
            &DeviceReport {
                received_at: "2026-03-02T06:00:00Z".parse().unwrap(),
                waiting: Some(3),
                app_version: Some("1.2.3".into()),
                clock_offset_ms: Some(-90_000),
            },
        ))
        .unwrap();
    let quiet = hub.device(&zonnebloem);
    hub.user("manager@zonnebloem.example", Role::Manager, &[&zonnebloem]);
    hub.user("kwaliteit@example.org", Role::Admin, &[]);
    let path = format!("/locations/{}/devices", zonnebloem.id);

    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let list = manager.get(&path);
    assert_eq!(list.status, 200, "{}: {}", hub.back_end, list.body);
    let body = &list.body;
    assert!(body.contains(&format!("data-device=\"{}\"", kiosk.id)));
    assert!(
        body.contains("2 uur geleden (02-03-2026 om 07:00)"),
        "{body}"
    );
    assert!(body.contains("3 wachten op verzending"));
    assert!(body.contains(">1.2.3<"));
    assert!(body.contains("loopt 1m30s achter"));
    // The second kiosk was never heard from: marked silent, all unknown.
    assert!(body.contains(&format!("data-device=\"{}\"", quiet.id)));
    assert!(body.contains("Nog nooit") && body.contains("onbekend") && body.contains(">Stil<"));
    assert!(!body.contains(&other_kiosk.id), "another location's kiosk");
    assert!(!body.contains(&kiosk.token), "a token is never shown again");

    // Add a kiosk: the token on the answer, once, never cached.
    let csrf = list
        .hidden("csrf")
        .expect("the page's forms carry the CSRF token");
    let nonce = list
        .hidden("nonce")
        .expect("the add form carries a one-time number");
    let added = manager.post(&path, &[("csrf", &csrf), ("nonce", &nonce)]);
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(added.header("cache-control"), Some("no-store"));
    assert_eq!(
        added.location(),
        None,
        "no redirect: the token is in no URL"
    );
    let token = token_on(&added.body);
    assert!(token.starts_with("wlk_") && token.len() > 40, "{token}");
    assert!(added.body.contains("[upstream]"), "{}", added.body);
    assert!(
        added.body.contains(&format!("token = &#34;{token}&#34;")),
        "{}",
        added.body
    );
    assert!(
        // Asked on this machine (127.0.0.1): where kiosks find the hub is for the
        // manager to fill in, and only over https.
        added.body.contains("url = &#34;https://HUB-ADDRESS&#34;"),
        "{}",
        added.body
    );
    let devices = hub
        .runtime
        .block_on(hub.db.devices(&zonnebloem.id))
        .unwrap();
    assert_eq!(devices.len(), 3);
    let new_id = devices[2].id.clone();
    assert!(added.body.contains(&new_id));
    assert_eq!(
        api_status(hub, &zonnebloem, &new_id, &token),
        200,
        "the new token works"
    );
    let again = manager.get(&path);
    assert!(again.body.contains(&new_id) && !again.body.contains(&token));

    // Revoke it: a confirmation first, then the token is refused.
    let revoke_path = format!("{path}/{new_id}/revoke");
    let confirm = manager.get(&revoke_path);
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert!(confirm.body.contains("Ja, kiosk intrekken"));
    assert!(confirm.body.contains(&format!("action=\"{revoke_path}\"")));
    let without = manager.post(&revoke_path, &[]);
    assert_eq!(without.status, 403, "no CSRF token");
    let wrong = manager.post(&revoke_path, &[("csrf", "0".repeat(64).as_str())]);
    assert_eq!(wrong.status, 403, "a wrong CSRF token");
    assert_eq!(
        api_status(hub, &zonnebloem, &new_id, &token),
        200,
        "not revoked yet"
    );
    let revoked = manager.post(&revoke_path, &[("csrf", &csrf)]);
    assert_eq!(revoked.status, 303, "{}", revoked.body);
    let back = revoked.location().unwrap().to_owned();
    assert_eq!(back, format!("{path}?revoked={new_id}"));
    assert_eq!(
        api_status(hub, &zonnebloem, &new_id, &token),
        403,
        "a revoked token is refused"
    );
    let after = manager.get(&back);
    assert!(
        after
            .body
            .contains(&format!("Kiosk {new_id} is ingetrokken")),
        "{}",
        after.body
    );
    assert!(
        after.body.contains(&format!(
            "class=\"device device--revoked\" data-device=\"{new_id}\""
        )),
        "{}",
        after.body
    );
    assert!(
        !after.body.contains(&format!("href=\"{revoke_path}\"")),
        "no revoke link for a revoked kiosk"
    );
    // The other kiosks still work.
    assert_eq!(api_status(hub, &zonnebloem, &kiosk.id, &kiosk.token), 200);
    // A notice for a kiosk that is not revoked (or elsewhere) is not shown.
    let made_up = manager.get(&format!("{path}?revoked={}", kiosk.id));
    assert!(!made_up.body.contains("is ingetrokken"));

    // Adding without the token: refused, nothing added.
    let refused = manager.post(&path, &[]);
    assert_eq!(refused.status, 403);
    assert_eq!(device_count(hub, &zonnebloem), 3);

    // An admin may add and revoke too.
    let mut admin = logged_in(hub, "kwaliteit@example.org");
    let admin_list = admin.get(&path);
    assert_eq!(admin_list.status, 200);
    let admin_csrf = admin_list.hidden("csrf").unwrap();
    let admin_nonce = admin_list.hidden("nonce").unwrap();
    let by_admin = admin.post(&path, &[("csrf", &admin_csrf), ("nonce", &admin_nonce)]);
    assert_eq!(by_admin.status, 200);
    assert_eq!(device_count(hub, &zonnebloem), 4);

    // Without a session: to the log-in page, nothing done.
    let mut anonymous = Browser::new(&hub.url);
    assert_eq!(anonymous.get(&path).location(), Some("/login"));
    assert_eq!(
        anonymous
            .post(&path, &[("csrf", &csrf), ("nonce", &nonce)])
            .location(),
        Some("/login")
    );
    assert_eq!(device_count(hub, &zonnebloem), 4);
}
on_both_back_ends!(kiosks_are_listed_added_and_revoked);

fn another_locations_manager_gets_404_everywhere(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let zonnebloem = hub.location("De Zonnebloem");
    let anker = hub.location("Het Anker");
    let kiosk = hub.device(&zonnebloem);
    let anker_kiosk = hub.device(&anker);
    hub.user("manager@anker.example", Role::Manager, &[&anker]);
    let mut stranger = logged_in(hub, "manager@anker.example");
    let own = stranger.get(&format!("/locations/{}/devices", anker.id));
    assert_eq!(own.status, 200);
    let csrf = own.hidden("csrf").unwrap();
    let z = &zonnebloem.id;

    for path in [
        format!("/locations/{z}/devices"),
        format!("/locations/{z}/devices/{}/revoke", kiosk.id),
        format!("/locations/{z}/export"),
        format!("/locations/{z}/export/ratings.csv?from=2026-02-01&to=2026-02-28"),
        format!("/locations/{z}/export/ratings.xlsx?from=2026-02-01&to=2026-02-28"),
        // A kiosk of their own location under the other's path.
        format!("/locations/{z}/devices/{}/revoke", anker_kiosk.id),
    ] {
        let page = stranger.get(&path);
        assert_eq!(page.status, 404, "{}: GET {path}", hub.back_end);
        assert!(!page.body.contains("De Zonnebloem") && !page.body.contains(&kiosk.id));
    }
    for path in [
        format!("/locations/{z}/devices"),
        format!("/locations/{z}/devices/{}/revoke", kiosk.id),
    ] {
        let answer = stranger.post(&path, &[("csrf", &csrf)]);
        assert_eq!(answer.status, 404, "{}: POST {path}", hub.back_end);
        assert!(!answer.body.contains("wlk_"));
    }
    assert_eq!(device_count(hub, &zonnebloem), 1, "nothing added");
    assert_eq!(
        api_status(hub, &zonnebloem, &kiosk.id, &kiosk.token),
        200,
        "nothing revoked"
    );
    // Their own kiosk cannot be revoked through another location's path either
    // (that path is 404 above), nor another's kiosk through their own path.
    let crossed = stranger.post(
        &format!("/locations/{}/devices/{}/revoke", anker.id, kiosk.id),
        &[("csrf", &csrf)],
    );
    assert_eq!(crossed.status, 404);
    assert_eq!(api_status(hub, &zonnebloem, &kiosk.id, &kiosk.token), 200);
    assert_eq!(
        api_status(hub, &anker, &anker_kiosk.id, &anker_kiosk.token),
        200
    );
}
on_both_back_ends!(another_locations_manager_gets_404_everywhere);

fn sending_the_add_form_again_adds_nothing(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let zonnebloem = hub.location("De Zonnebloem");
    hub.user("manager@zonnebloem.example", Role::Manager, &[&zonnebloem]);
    let path = format!("/locations/{}/devices", zonnebloem.id);
    let mut manager = logged_in(hub, "manager@zonnebloem.example");
    let list = manager.get(&path);
    let csrf = list.hidden("csrf").unwrap();
    let nonce = list.hidden("nonce").unwrap();
    let form = [("csrf", csrf.as_str()), ("nonce", nonce.as_str())];
    let added = manager.post(&path, &form);
    assert_eq!(added.status, 200, "{}: {}", hub.back_end, added.body);
    let token = token_on(&added.body);
    assert_eq!(device_count(hub, &zonnebloem), 1);

    // The browser sends the same form again (a reload of the answer page).
    let again = manager.post(&path, &form);
    assert_eq!(again.status, 409, "{}: {}", hub.back_end, again.body);
    assert!(
        again.body.contains("Deze kiosk is al toegevoegd"),
        "{}",
        again.body
    );
    assert!(again.body.contains("data-notice=\"not-added\""));
    assert!(!again.body.contains(&token), "the token is shown once");
    assert!(!again.body.contains("wlk_"), "no other token either");
    assert_eq!(device_count(hub, &zonnebloem), 1, "{}", hub.back_end);

    // A number this session was never given, or another session's: nothing added.
    let made_up = manager.post(&path, &[("csrf", csrf.as_str()), ("nonce", "0123abcd")]);
    assert_eq!(made_up.status, 400, "{}", made_up.body);
    assert!(
        made_up.body.contains("Formulier verlopen"),
        "{}",
        made_up.body
    );
    let without = manager.post(&path, &[("csrf", csrf.as_str())]);
    assert_eq!(without.status, 400);
    let second_list = manager.get(&path);
    let unused = second_list.hidden("nonce").unwrap();
    assert_ne!(unused, nonce, "a new number for each form");
    let mut other = logged_in(hub, "manager@zonnebloem.example");
    let other_csrf = other.get(&path).hidden("csrf").unwrap();
    let stolen = other.post(
        &path,
        &[("csrf", other_csrf.as_str()), ("nonce", unused.as_str())],
    );
    assert_eq!(stolen.status, 400, "a number works only in its own session");
    assert_eq!(device_count(hub, &zonnebloem), 1);

    // A fresh form of the page adds one more, in English too.
    let english = manager.get(&format!("{path}?lang=en"));
    let fresh = english.hidden("nonce").unwrap();
    let added = manager.post(
        &format!("{path}?lang=en"),
        &[("csrf", csrf.as_str()), ("nonce", fresh.as_str())],
    );
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(device_count(hub, &zonnebloem), 2);
    let again = manager.post(
        &format!("{path}?lang=en"),
        &[("csrf", csrf.as_str()), ("nonce", fresh.as_str())],
    );
    assert!(
        again.body.contains("This kiosk was already added"),
        "{}",
        again.body
    );
    assert_eq!(device_count(hub, &zonnebloem), 2);
}
on_both_back_ends!(sending_the_add_form_again_adds_nothing);
