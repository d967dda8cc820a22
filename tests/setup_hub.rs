//! The set-up's hub step against a real hub on port 0: a one-time code from the hub
//! pairs the tablet (its `[upstream]` written and loaded back, the hub's name for
//! the location shown), the same code a second time is refused, and so is an
//! expired one, in plain words. Over TLS, a hub whose certificate comes from the
//! organisation's own CA is not trusted until that CA, found on the USB stick, is
//! chosen; it is then kept in the data directory and named in `[upstream] ca_file`.

mod common;

use common::TestKiosk;
use common::setup_steps::{fresh, setup, step, tap_and_wait, through_name_and_pin, type_text};
use egui_kittest::kittest::Queryable;
use jiff::{SignedDuration, Timestamp};
use welkom::setup::{HubProblem, Step};
use welkom_hub::BackgroundHub;
use welkom_hub::db::Location;

fn hub(dir: &tempfile::TempDir) -> (BackgroundHub, Location) {
    let hub = BackgroundHub::start(&format!(
        "sqlite:{}",
        dir.path().join("hub.sqlite").display()
    ))
    .unwrap();
    let (location, _) = hub.location_with_device("De Egel").unwrap();
    (hub, location)
}

/// A one-time code for the location, made at `at`.
fn code(hub: &BackgroundHub, location: &Location, at: Timestamp) -> String {
    hub.runtime
        .block_on(hub.db.add_pairing_code(&location.id, "test", at))
        .unwrap()
        .code
}

/// A fresh tablet at the hub step with the hub's address and this code typed; then
/// "Verbinden" and the answer awaited.
fn pair(hub: &BackgroundHub, code: &str) -> TestKiosk {
    let (mut k, _) = fresh();
    through_name_and_pin(&mut k);
    k.tap("Verbinden met de hub");
    assert_eq!(step(&k), Step::Hub);
    for _ in 0.."https://".len() {
        k.tap("Wissen");
    }
    type_text(&mut k, &hub.url);
    k.tap("Koppelcode: ");
    type_text(&mut k, code);
    assert_eq!(setup(&k).hub.address, hub.url);
    tap_and_wait(&mut k, "Verbinden");
    k
}

#[test]
fn a_code_from_the_hub_pairs_the_tablet_once() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, location) = hub(&dir);
    let code = code(&hub, &location, Timestamp::now());

    let mut k = pair(&hub, &code);
    assert_eq!(setup(&k).hub.problem, None);
    assert_eq!(setup(&k).paired.as_deref(), Some("De Egel"));
    assert!(k.shows("Verbonden met De Egel"));
    let config = welkom::config::load(&k.dir.path().join("welkom.toml")).unwrap();
    assert_eq!(config.upstream.url, hub.url);
    assert!(config.upstream.token.starts_with("wlk_"));
    assert_eq!(config.location.name, "De Boomhut", "the name typed stays");
    assert_eq!(k.harness.state().kiosk.config, config, "applied at once");
    let devices = hub
        .runtime
        .block_on(hub.db.device_by_token(&config.upstream.token))
        .unwrap()
        .expect("the hub knows the tablet");
    assert_eq!(devices.location_id, location.id);

    // Back at the choice the hub is named, and the set-up can finish: the roster
    // comes from the hub.
    k.tap("Volgende");
    assert_eq!(step(&k), Step::Choice);
    assert!(k.shows("Hub: verbonden met De Egel"));
    k.tap("Klaar: naar het welkomstscherm");
    assert!(k.harness.state().setup().is_none());
    assert!(k.on_welcome());

    // The same code on another tablet: refused, in words, and nothing written.
    let k = pair(&hub, &code);
    assert_eq!(setup(&k).hub.problem, Some(HubProblem::BadCode));
    assert!(
        k.shows("De koppelcode klopt niet, is al gebruikt of is verlopen. Vraag een nieuwe code.")
    );
    assert!(!k.harness.state().kiosk.config.upstream.is_set());
    assert_eq!(setup(&k).paired, None);
}

#[test]
fn an_expired_code_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, location) = hub(&dir);
    let old = code(
        &hub,
        &location,
        Timestamp::now() - SignedDuration::from_mins(16),
    );
    let k = pair(&hub, &old);
    assert_eq!(setup(&k).hub.problem, Some(HubProblem::BadCode));
    assert!(
        k.shows("De koppelcode klopt niet, is al gebruikt of is verlopen. Vraag een nieuwe code.")
    );
    let config = welkom::config::load(&k.dir.path().join("welkom.toml")).unwrap();
    assert!(!config.upstream.is_set(), "nothing written");
}

#[test]
fn over_tls_the_organisations_ca_from_the_stick_makes_the_hub_trusted() {
    let hub = common::tls_hub::start_hub();
    let code = hub.code(Timestamp::now());
    let (mut k, stick) = fresh();
    through_name_and_pin(&mut k);
    std::fs::copy(&hub.ca, stick.join("organisatie-ca.pem")).unwrap();
    k.tap("Verbinden met de hub");
    for _ in 0.."https://".len() {
        k.tap("Wissen");
    }
    type_text(&mut k, &hub.url);
    k.tap("Koppelcode: ");
    type_text(&mut k, &code);

    // Without the CA: not trusted, said so, nothing written, the code not spent.
    tap_and_wait(&mut k, "Verbinden");
    assert_eq!(setup(&k).hub.problem, Some(HubProblem::Untrusted));
    assert!(
        k.harness
            .query_by_label_contains("niet vertrouwd")
            .is_some()
    );
    assert!(!k.harness.state().kiosk.config.upstream.is_set());

    k.tap("Certificaat van de organisatie: organisatie-ca.pem");
    assert_eq!(setup(&k).hub.code, code, "the code typed stays");
    tap_and_wait(&mut k, "Verbinden");
    assert_eq!(setup(&k).hub.problem, None);
    assert!(k.shows("Verbonden met De Egel"));
    let kept = k.dir.path().join("hub-ca.pem");
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        std::fs::read(&hub.ca).unwrap(),
        "the CA is kept beside the data, off the stick"
    );
    let config = welkom::config::load(&k.dir.path().join("welkom.toml")).unwrap();
    assert_eq!(config.upstream.url, hub.url);
    assert_eq!(
        config.upstream.ca_file(),
        Some(std::path::absolute(&kept).unwrap())
    );
}
