//! The hub's pages in a real browser (headless chromium over WebDriver): log in,
//! see the overview, log out, at a laptop's and a phone's size; axe-core finds no
//! serious or critical problem on any page; screenshots are left in the temporary
//! folder to look at.

mod browser;
mod common;

use common::BackEnd;
use common::web::{PASSWORD, start};
use welkom_hub::db::Role;

#[test]
#[ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm install in crates/hub/tests/browser"]
fn log_in_see_the_overview_and_log_out_in_a_browser() {
    let web = start(BackEnd::Sqlite);
    let hub = &web.hub;
    let vlinder = hub.location("Kinderopvang De Vlinder");
    let boom = hub.location("Kindercentrum De Boomhut");
    let hidden = hub.location("Locatie Zonnebloem (niet van deze manager)");
    hub.user(
        "locatiemanager@example.org",
        Role::Manager,
        &[&vlinder, &boom],
    );
    let browser = browser::Browser::start();

    for (width, height) in [(1366, 768), (390, 844)] {
        let size = format!("{width}x{height}");
        browser.viewport(width, height);
        browser.goto(&format!("{}/", hub.url));
        assert!(browser.url().ends_with("/login"), "{}", browser.url());
        assert_eq!(browser.text("h1"), "Inloggen");
        browser.assert_accessible("login");
        browser.screenshot(&format!("login-{size}"));

        // A wrong password shows the message on the same page.
        browser.fill("#email", "locatiemanager@example.org");
        browser.fill("#password", "not the password");
        browser.click("form.form button[type=submit]");
        assert!(browser.text("[role=alert]").contains("klopt niet"));
        browser.assert_accessible("login with a message");
        browser.screenshot(&format!("login-failed-{size}"));

        browser.fill("#email", "locatiemanager@example.org");
        browser.fill("#password", PASSWORD);
        browser.click("form.form button[type=submit]");
        assert!(browser.url().ends_with("/overview"), "{}", browser.url());
        assert_eq!(browser.text("h1"), "Overzicht");
        let list = browser.text(".location-list");
        assert!(
            list.contains("De Vlinder") && list.contains("De Boomhut"),
            "{list}"
        );
        assert!(!list.contains("Zonnebloem"), "{list}");
        browser.assert_accessible("overview");
        browser.screenshot(&format!("overview-{size}"));

        browser.click(".location-list a");
        assert!(browser.url().contains("/locations/"), "{}", browser.url());
        browser.assert_accessible("location");
        browser.screenshot(&format!("location-{size}"));

        // Another manager's location, typed in: the not-found page.
        browser.goto(&format!("{}/locations/{}", hub.url, hidden.id));
        assert_eq!(browser.text("h1"), "Pagina niet gevonden");
        browser.assert_accessible("not found");
        browser.screenshot(&format!("not-found-{size}"));

        // The language switch: English, remembered on the next page.
        browser.goto(&format!("{}/overview", hub.url));
        browser.click("a[hreflang=en]");
        assert_eq!(browser.text("h1"), "Overview");
        browser.goto(&format!("{}/overview", hub.url));
        assert_eq!(browser.text("h1"), "Overview");
        browser.assert_accessible("overview in English");
        browser.screenshot(&format!("overview-en-{size}"));
        browser.click("a[hreflang=nl]");
        assert_eq!(browser.text("h1"), "Overzicht");

        browser.click(".account__logout button");
        assert!(browser.url().ends_with("/login"), "{}", browser.url());
        browser.goto(&format!("{}/overview", hub.url));
        assert!(
            browser.url().ends_with("/login"),
            "logged out: {}",
            browser.url()
        );
    }
}
