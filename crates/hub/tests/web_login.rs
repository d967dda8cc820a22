//! The hub's web pages over real HTTP, on both back ends: log-in and log-out, wrong
//! passwords and their throttle, CSRF, the session cookie and its end, who sees
//! which location, languages and the security headers.

mod common;

use common::BackEnd;
use common::web::{Browser, PASSWORD, start};
use std::time::Duration;
use welkom_hub::db::Role;

fn logs_in_sees_the_overview_and_logs_out(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let vlinder = hub.location("De Vlinder");
    hub.user("Manager@Example.org", Role::Manager, &[&vlinder]);
    let mut browser = Browser::new(&hub.url);

    let home = browser.get("/");
    assert_eq!((home.status, home.location()), (303, Some("/login")));
    let overview = browser.get("/overview");
    assert_eq!(
        (overview.status, overview.location()),
        (303, Some("/login"))
    );

    // The email is read in any case.
    let answer = browser.log_in("manager@EXAMPLE.org", PASSWORD);
    assert_eq!((answer.status, answer.location()), (303, Some("/overview")));
    let cookie = answer
        .set_cookie("welkom_session")
        .expect("a session cookie");
    let value = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("welkom_session=");
    assert_eq!(value.len(), 64, "256 bits, hex: {cookie}");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP: no Secure flag: {cookie}"
    );
    // Only the hash of the session id is stored.
    let rows = hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
    assert!(
        rows.iter().all(|r| !r.contains(value)),
        "the session id is stored in clear"
    );

    let overview = browser.get("/overview");
    assert_eq!(overview.status, 200, "{}", overview.body);
    assert!(overview.body.contains("De Vlinder"), "{}", overview.body);
    assert!(overview.body.contains("manager@example.org"));
    assert!(
        overview
            .body
            .contains(&format!("/locations/{}", vlinder.id))
    );
    assert_eq!(browser.get("/").location(), Some("/overview"));
    assert_eq!(browser.get("/login").location(), Some("/overview"));

    let csrf = overview
        .hidden("csrf")
        .expect("the log-out form carries a token");
    let stolen = browser.cookies.clone();
    let out = browser.post("/logout", &[("csrf", &csrf)]);
    assert_eq!((out.status, out.location()), (303, Some("/login")));
    assert!(
        out.set_cookie("welkom_session")
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(browser.get("/overview").location(), Some("/login"));
    // The session is gone on the hub, not only in the browser.
    let mut replay = Browser::new(&hub.url);
    replay.cookies = stolen;
    assert_eq!(replay.get("/overview").location(), Some("/login"));
}
on_both_back_ends!(logs_in_sees_the_overview_and_logs_out);

fn a_wrong_password_and_an_unknown_email_look_the_same(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("admin@example.org", Role::Admin, &[]);
    let mut browser = Browser::new(&hub.url);
    let wrong = browser.log_in("admin@example.org", "not the password");
    let unknown = browser.log_in("nobody@example.org", "not the password");
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    let message = "Het e-mailadres of het wachtwoord klopt niet";
    assert!(wrong.body.contains(message), "{}", wrong.body);
    assert!(unknown.body.contains(message));
    assert_eq!(
        wrong.body.replace("admin@example.org", "X"),
        unknown.body.replace("nobody@example.org", "X"),
        "the two answers differ beyond the email typed"
    );
    assert!(wrong.set_cookie("welkom_session").is_none());
    assert_eq!(browser.get("/overview").location(), Some("/login"));
}
on_both_back_ends!(a_wrong_password_and_an_unknown_email_look_the_same);

fn wrong_passwords_are_throttled_per_account(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("admin@example.org", Role::Admin, &[]);
    let mut browser = Browser::new(&hub.url);
    for _ in 0..5 {
        assert_eq!(
            browser
                .log_in("admin@example.org", "guess guess guess")
                .status,
            401
        );
    }
    // The sixth try waits, even with the right password; the page says how long.
    let throttled = browser.log_in("admin@example.org", PASSWORD);
    assert_eq!(throttled.status, 429, "{}", throttled.body);
    assert!(
        throttled.body.contains("Te veel mislukte pogingen")
            && throttled.body.contains("een minuut"),
        "{}",
        throttled.body
    );
    assert!(throttled.set_cookie("welkom_session").is_none());
    // An unknown account is throttled just the same (nothing tells them apart).
    for _ in 0..5 {
        assert_eq!(
            browser
                .log_in("ghost@example.org", "guess guess guess")
                .status,
            401
        );
    }
    assert_eq!(
        browser
            .log_in("ghost@example.org", "guess guess guess")
            .status,
        429
    );

    web.clock.advance(Duration::from_secs(31));
    let answer = browser.log_in("admin@example.org", PASSWORD);
    assert_eq!((answer.status, answer.location()), (303, Some("/overview")));
}
on_both_back_ends!(wrong_passwords_are_throttled_per_account);

fn guesses_elsewhere_do_not_lock_out_a_browser_that_logged_in_before(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("manager@example.org", Role::Admin, &[]);
    // The manager's laptop logged in last week and was logged out.
    let mut laptop = Browser::new(&hub.url);
    let first = laptop.log_in("manager@example.org", PASSWORD);
    assert_eq!(first.status, 303, "{}", first.body);
    let known = first
        .set_cookie("welkom_known_browser")
        .expect("a known-browser cookie after a right password");
    assert!(
        known.contains("HttpOnly") && known.contains("SameSite=Lax") && known.contains("Max-Age="),
        "{known}"
    );
    laptop.cookies.remove("welkom_session");

    // Someone else guesses until the account is throttled for them.
    let mut stranger = Browser::new(&hub.url);
    for _ in 0..5 {
        let guess = stranger.log_in("manager@example.org", "guess guess guess");
        assert_eq!(guess.status, 401);
    }
    assert_eq!(
        stranger.log_in("manager@example.org", PASSWORD).status,
        429,
        "the account is throttled for a browser it does not know"
    );
    // A cookie copied from the laptop for another account, or made up, changes
    // nothing for the stranger.
    stranger.cookies.insert(
        "welkom_known_browser".into(),
        format!("{}.{}", "ab".repeat(16), "cd".repeat(32)),
    );
    assert_eq!(stranger.log_in("manager@example.org", PASSWORD).status, 429);
    // Guesses at other accounts until the address is throttled as well (behind a
    // proxy every browser has one address).
    for i in 0..20 {
        stranger.log_in(&format!("ghost{i}@example.org"), "guess guess guess");
    }
    assert_eq!(
        stranger
            .log_in("ghost-next@example.org", "guess guess guess")
            .status,
        429,
        "the address is throttled"
    );

    // The laptop still gets in, at once.
    let back = laptop.log_in("manager@example.org", PASSWORD);
    assert_eq!((back.status, back.location()), (303, Some("/overview")));
    laptop.cookies.remove("welkom_session");

    // Its own wrong passwords are throttled like any (a stolen cookie gives a thief
    // no more guesses than the account has).
    for _ in 0..5 {
        assert_eq!(
            laptop
                .log_in("manager@example.org", "guess guess guess")
                .status,
            401
        );
    }
    assert_eq!(laptop.log_in("manager@example.org", PASSWORD).status, 429);
}
on_both_back_ends!(guesses_elsewhere_do_not_lock_out_a_browser_that_logged_in_before);

fn wrong_passwords_are_throttled_per_address(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("admin@example.org", Role::Admin, &[]);
    let mut browser = Browser::new(&hub.url);
    // Twenty accounts, one wrong password each, from one address.
    for i in 0..20 {
        let email = format!("guess{i}@example.org");
        assert_eq!(browser.log_in(&email, "guess guess guess").status, 401);
    }
    let throttled = browser.log_in("admin@example.org", PASSWORD);
    assert_eq!(throttled.status, 429, "{}", throttled.body);
    web.clock.advance(Duration::from_secs(31));
    assert_eq!(browser.log_in("admin@example.org", PASSWORD).status, 303);
}
on_both_back_ends!(wrong_passwords_are_throttled_per_address);

fn forms_without_their_csrf_token_are_refused(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("admin@example.org", Role::Admin, &[]);
    let mut browser = Browser::new(&hub.url);

    // Log-in: no token, a wrong one, or a token without its cookie.
    let form = browser.get("/login");
    let token = form.hidden("csrf").unwrap();
    let missing = browser.post(
        "/login",
        &[("email", "admin@example.org"), ("password", PASSWORD)],
    );
    assert_eq!(missing.status, 403, "{}", missing.body);
    assert!(missing.body.contains("Formulier niet geaccepteerd"));
    let wrong = browser.post(
        "/login",
        &[
            ("email", "admin@example.org"),
            ("password", PASSWORD),
            ("csrf", &"0".repeat(64)),
        ],
    );
    assert_eq!(wrong.status, 403);
    let mut elsewhere = Browser::new(&hub.url);
    let forged = elsewhere.post(
        "/login",
        &[
            ("email", "admin@example.org"),
            ("password", PASSWORD),
            ("csrf", &token),
        ],
    );
    assert_eq!(forged.status, 403, "a token without its cookie");

    // Log-out: the session's token only.
    assert_eq!(browser.log_in("admin@example.org", PASSWORD).status, 303);
    let overview = browser.get("/overview");
    let csrf = overview.hidden("csrf").unwrap();
    assert_eq!(browser.post("/logout", &[]).status, 403);
    assert_eq!(browser.post("/logout", &[("csrf", &token)]).status, 403);
    assert_eq!(browser.get("/overview").status, 200, "still logged in");
    assert_eq!(browser.post("/logout", &[("csrf", &csrf)]).status, 303);
}
on_both_back_ends!(forms_without_their_csrf_token_are_refused);

fn a_session_ends_after_eight_idle_hours_or_seven_days(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("admin@example.org", Role::Admin, &[]);
    let hour = Duration::from_secs(3600);

    let mut browser = Browser::new(&hub.url);
    assert_eq!(browser.log_in("admin@example.org", PASSWORD).status, 303);
    web.clock.advance(7 * hour);
    assert_eq!(browser.get("/overview").status, 200, "7 idle hours");
    web.clock.advance(7 * hour);
    assert_eq!(browser.get("/overview").status, 200, "used 7 hours ago");
    web.clock.advance(8 * hour + Duration::from_secs(1));
    assert_eq!(
        browser.get("/overview").location(),
        Some("/login"),
        "8 idle hours"
    );

    // Used every 7 hours, a session still ends after 7 days.
    let mut browser = Browser::new(&hub.url);
    assert_eq!(browser.log_in("admin@example.org", PASSWORD).status, 303);
    for _ in 0..23 {
        web.clock.advance(7 * hour);
        assert_eq!(browser.get("/overview").status, 200);
    }
    web.clock.advance(7 * hour);
    assert_eq!(
        browser.get("/overview").location(),
        Some("/login"),
        "after 7 days"
    );
}
on_both_back_ends!(a_session_ends_after_eight_idle_hours_or_seven_days);

fn a_manager_sees_only_their_locations_and_an_admin_sees_all(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    let a = hub.location("Locatie Appel");
    let b = hub.location("Locatie Boom");
    hub.user("manager@example.org", Role::Manager, &[&a]);
    hub.user("admin@example.org", Role::Admin, &[]);

    let mut manager = Browser::new(&hub.url);
    assert_eq!(manager.log_in("manager@example.org", PASSWORD).status, 303);
    let overview = manager.get("/overview");
    assert!(overview.body.contains("Locatie Appel"));
    assert!(!overview.body.contains("Locatie Boom"), "{}", overview.body);
    assert!(!overview.body.contains(&b.id));
    let own = manager.get(&format!("/locations/{}", a.id));
    assert_eq!(own.status, 200);
    assert!(own.body.contains("Locatie Appel"));
    // Typing the other location's address: 404, the same page as for no location.
    let other = manager.get(&format!("/locations/{}", b.id));
    assert_eq!(other.status, 404, "{}", other.body);
    assert!(!other.body.contains("Locatie Boom"));
    let none = manager.get("/locations/01900000-0000-7000-8000-000000000000");
    assert_eq!(none.status, 404);
    assert_eq!(
        other.body, none.body,
        "a hidden location and no location look the same"
    );

    let mut admin = Browser::new(&hub.url);
    assert_eq!(admin.log_in("admin@example.org", PASSWORD).status, 303);
    let overview = admin.get("/overview");
    assert!(overview.body.contains("Locatie Appel") && overview.body.contains("Locatie Boom"));
    assert_eq!(admin.get(&format!("/locations/{}", b.id)).status, 200);
    // Without a session, a location's page sends to the log-in.
    let mut stranger = Browser::new(&hub.url);
    assert_eq!(
        stranger.get(&format!("/locations/{}", a.id)).location(),
        Some("/login")
    );
}
on_both_back_ends!(a_manager_sees_only_their_locations_and_an_admin_sees_all);

fn pages_speak_dutch_or_english_and_carry_security_headers(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.location("<script>alert(1)</script>");
    hub.user("admin@example.org", Role::Admin, &[]);

    let mut browser = Browser::new(&hub.url);
    let dutch = browser.get("/login");
    assert!(dutch.body.contains("<html lang=\"nl\">") && dutch.body.contains("Inloggen"));
    let csp = dutch.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(dutch.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(dutch.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(dutch.header("cache-control"), Some("no-store"));

    let mut english = Browser::new(&hub.url);
    english
        .extra
        .push(("Accept-Language".into(), "en-GB,en;q=0.9,nl;q=0.5".into()));
    let page = english.get("/login");
    assert!(page.body.contains("<html lang=\"en\">") && page.body.contains("Log in"));

    // A choice in the page wins and is remembered.
    let chosen = browser.get("/login?lang=en");
    assert!(chosen.body.contains("<html lang=\"en\">"));
    assert!(
        chosen
            .set_cookie("welkom_lang")
            .unwrap()
            .starts_with("welkom_lang=en")
    );
    assert!(browser.get("/login").body.contains("<html lang=\"en\">"));

    // Names are text, never markup.
    assert_eq!(browser.log_in("admin@example.org", PASSWORD).status, 303);
    let overview = browser.get("/overview");
    assert!(
        !overview.body.contains("<script>alert(1)</script>"),
        "{}",
        overview.body
    );
    assert!(
        overview
            .body
            .contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || overview.body.contains("&lt;script&gt;"),
        "{}",
        overview.body
    );
    assert!(overview.header("content-security-policy").is_some());

    let css = browser.get("/static/hub.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.header("cache-control").unwrap().contains("max-age"));
    let etag = css.header("etag").unwrap().to_owned();
    browser.extra.push(("If-None-Match".into(), etag));
    assert_eq!(browser.get("/static/hub.css").status, 304);
}
on_both_back_ends!(pages_speak_dutch_or_english_and_carry_security_headers);

fn ended_sessions_and_old_failed_log_ins_are_dropped(back_end: BackEnd) {
    let web = start(back_end);
    let hub = &web.hub;
    hub.user("admin@example.org", Role::Admin, &[]);
    let mut browser = Browser::new(&hub.url);
    assert_eq!(browser.log_in("admin@example.org", PASSWORD).status, 303);
    assert_eq!(
        Browser::new(&hub.url)
            .log_in("admin@example.org", "wrong password")
            .status,
        401
    );
    let rows = || hub.runtime.block_on(hub.db.all_rows_as_text()).unwrap();
    let kept = |prefix: &str| rows().iter().filter(|r| r.starts_with(prefix)).count();
    assert_eq!(kept("sessions:"), 1);
    assert!(rows().iter().any(|r| r.contains("address:127.0.0.1")));

    let settings = welkom_hub::web::WebSettings {
        clock: std::sync::Arc::new(web.clock.clone()),
        ..Default::default()
    };
    // Within the limits, both stay.
    web.clock.advance(Duration::from_secs(30 * 60));
    hub.runtime
        .block_on(welkom_hub::web::forget_ended(&hub.db, &settings));
    assert_eq!(kept("sessions:"), 1);
    assert!(kept("login_throttle:") > 0);
    // Past them, both go.
    web.clock.advance(Duration::from_secs(8 * 3600));
    hub.runtime
        .block_on(welkom_hub::web::forget_ended(&hub.db, &settings));
    assert_eq!(kept("sessions:"), 0);
    assert_eq!(kept("login_throttle:"), 0, "{:?}", rows());
}
on_both_back_ends!(ended_sessions_and_old_failed_log_ins_are_dropped);
