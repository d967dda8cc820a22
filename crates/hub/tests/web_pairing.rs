//! "Pair a tablet" on a location's Devices page, over real HTTP on both back ends:
//! the code is shown once, large, with its end time, never cached, and pairs a
//! tablet at that location; the form without its CSRF token is refused; sending it
//! again makes no second code; an admin may too; a manager of another location
//! gets the not-found page and no code.

mod common;

use common::web::{Browser, PASSWORD, start};
use common::{BackEnd, Hub};
use std::time::Duration;
use welkom_hub::db::{Location, Role};
use welkom_sync::{PairError, pair};

fn logged_in(hub: &Hub, email: &str) -> Browser {
    let mut browser = Browser::new(&hub.url);
    let answer = browser.log_in(email, PASSWORD);
    assert_eq!(answer.status, 303, "{}", answer.body);
    browser
}

fn pair_path(location: &Location) -> String {
    format!("/locations/{}/devices/pair", location.id)
}

/// The CSRF token and the pair form's one-time number on a Devices page.
fn pair_form(browser: &mut Browser, location: &Location) -> (String, String) {
    let page = browser.get(&format!("/locations/{}/devices", location.id));
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = page.hidden("csrf").expect("a CSRF token");
    let form = &page.body[page
        .body
        .find(&format!("action=\"{}\"", pair_path(location)))
        .unwrap_or_else(|| panic!("no pair form in\n{}", page.body))..];
    let marker = "name=\"nonce\" value=\"";
    let start = form.find(marker).expect("the pair form's number") + marker.len();
    let nonce = form[start..start + form[start..].find('"').unwrap()].to_owned();
    (csrf, nonce)
}

/// The code on the page, if any.
fn code_on(body: &str) -> Option<String> {
    let marker = "<code data-pairing-code>";
    let start = body.find(marker)? + marker.len();
    Some(body[start..start + body[start..].find('<')?].to_owned())
}

fn pairs(hub: &Hub, code: &str) -> Result<welkom_sync::Pairing, PairError> {
    pair(&hub.url, code, "Tablet", None, Duration::from_secs(20))
}

fn a_manager_makes_a_code_that_pairs_a_tablet_once(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let egel = hub.location("De Egel");
    hub.user("manager@egel.example", Role::Manager, &[&egel]);
    hub.user("admin@example.org", Role::Admin, &[]);
    let mut manager = logged_in(hub, "manager@egel.example");
    let (csrf, nonce) = pair_form(&mut manager, &egel);

    // Without the session's CSRF token: refused, no code.
    let forged = manager.post(
        &pair_path(&egel),
        &[("csrf", "0".repeat(64).as_str()), ("nonce", nonce.as_str())],
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert_eq!(code_on(&forged.body), None);
    let without = manager.post(&pair_path(&egel), &[("nonce", nonce.as_str())]);
    assert_eq!(without.status, 403);

    let form = [("csrf", csrf.as_str()), ("nonce", nonce.as_str())];
    let made = manager.post(&pair_path(&egel), &form);
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.header("cache-control"), Some("no-store"));
    let code = code_on(&made.body).expect("the code is shown");
    assert_eq!(code.len(), 9, "{code}");
    // Dutch first; 08:00 UTC is 09:00 in Amsterdam, plus 15 minutes.
    assert!(made.body.contains("Geldig tot 09:15"), "{}", made.body);

    // Sent again (a reload): no second code.
    let again = manager.post(&pair_path(&egel), &form);
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(code_on(&again.body), None);

    let paired = pairs(hub, &code).expect("the page's code pairs");
    assert_eq!(paired.location_id, egel.id);
    assert_eq!(pairs(hub, &code).unwrap_err(), PairError::CodeRefused);

    // An admin may make one for any location.
    let mut admin = logged_in(hub, "admin@example.org");
    let (csrf, nonce) = pair_form(&mut admin, &egel);
    let by_admin = admin.post(
        &pair_path(&egel),
        &[("csrf", csrf.as_str()), ("nonce", nonce.as_str())],
    );
    assert_eq!(by_admin.status, 200);
    let second = code_on(&by_admin.body).unwrap();
    assert_ne!(second, code);
    assert_eq!(pairs(hub, &second).unwrap().location_id, egel.id);
}
on_both_back_ends!(a_manager_makes_a_code_that_pairs_a_tablet_once);

fn another_locations_manager_gets_no_code(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let egel = hub.location("De Egel");
    let anker = hub.location("Het Anker");
    hub.user("manager@anker.example", Role::Manager, &[&anker]);
    let mut stranger = logged_in(hub, "manager@anker.example");
    let (csrf, nonce) = pair_form(&mut stranger, &anker);
    let answer = stranger.post(
        &pair_path(&egel),
        &[("csrf", csrf.as_str()), ("nonce", nonce.as_str())],
    );
    assert_eq!(answer.status, 404, "{}", answer.body);
    assert_eq!(code_on(&answer.body), None);
    assert!(!answer.body.contains("De Egel"));
    // The number was not spent on the refused form: their own location's code works.
    // (Through a new connection: the hub answers 404 before reading a form's body
    // and may close the connection the refused form came on.)
    let mut stranger = {
        let mut again = Browser::new(&hub.url);
        again.cookies = stranger.cookies.clone();
        again
    };
    let own = stranger.post(
        &pair_path(&anker),
        &[("csrf", csrf.as_str()), ("nonce", nonce.as_str())],
    );
    assert_eq!(own.status, 200);
    let code = code_on(&own.body).unwrap();
    assert_eq!(pairs(hub, &code).unwrap().location_id, anker.id);
}
on_both_back_ends!(another_locations_manager_gets_no_code);
