//! `welkom pair` against a real hub on port 0 over TLS with a throw-away
//! certificate: the code the hub made pairs the tablet once and writes its
//! [upstream] into welkom.toml; the paired kiosk's `welkom sync` then delivers its
//! events, which the hub accepts. The same code a second time, an expired code and
//! a hub whose certificate is not trusted write nothing.

mod common;

#[path = "../crates/sync/tests/common/mod.rs"]
mod rated_kiosk;

use common::tls_hub::start_hub;
use common::welkom;
use jiff::{SignedDuration, Timestamp};
use std::process::Output;

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_tablet_pairs_over_tls_once_and_then_sends_what_the_hub_accepts() {
    let hub = start_hub();
    let ca = hub.ca.to_str().unwrap();
    let code = hub.code(Timestamp::now());
    let tablet = tempfile::tempdir().unwrap();
    let data = tablet.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // Two rated visits waiting in the tablet's outbox (four events).
    drop(rated_kiosk::kiosk(&data, 2));

    let paired = welkom(
        &data,
        &[
            "pair",
            "--hub",
            &hub.url,
            "--code",
            &code.to_lowercase(),
            "--ca-file",
            ca,
        ],
    );
    assert!(paired.status.success(), "{}", text(&paired));
    let config = std::fs::read_to_string(data.join("welkom.toml")).unwrap();
    assert!(
        config.contains(&format!("url = \"{}\"", hub.url)),
        "{config}"
    );
    assert!(config.contains("token = \"wlk_"), "{config}");
    assert!(config.contains("kind = \"welkom\""), "{config}");
    assert!(config.contains(&format!("ca_file = \"{ca}\"")), "{config}");
    assert!(config.contains("name = \"De Egel\""), "{config}");
    let printed = text(&paired);
    assert!(
        !printed.contains("wlk_"),
        "the token is not printed: {printed}"
    );
    assert!(!printed.contains(&code), "nor the code: {printed}");

    // The file passes the kiosk's own check, and its sync delivers to the hub.
    let checked = welkom(&data, &["check-config"]);
    assert!(checked.status.success(), "{}", text(&checked));
    assert_eq!(hub.ratings(), 0);
    let synced = welkom(&data, &["sync"]);
    assert!(synced.status.success(), "{}", text(&synced));
    assert!(text(&synced).contains("4 events sent"), "{}", text(&synced));
    assert_eq!(
        hub.ratings(),
        2,
        "the hub accepted the paired tablet's events"
    );

    // The same code on a second tablet: refused, nothing written.
    let second = tablet.path().join("second");
    let again = welkom(
        &second,
        &["pair", "--hub", &hub.url, "--code", &code, "--ca-file", ca],
    );
    assert!(!again.status.success());
    assert!(
        text(&again).contains("wrong, already used or expired"),
        "{}",
        text(&again)
    );
    assert!(!second.join("welkom.toml").exists());
}

#[test]
fn an_expired_code_or_an_untrusted_hub_writes_nothing() {
    let hub = start_hub();
    let ca = hub.ca.to_str().unwrap();
    let tablet = tempfile::tempdir().unwrap();
    let data = tablet.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let own = "# our kiosk\n[location]\nname = \"Het Anker\"\n";
    std::fs::write(data.join("welkom.toml"), own).unwrap();

    let expired = hub.code(Timestamp::now() - SignedDuration::from_mins(16));
    let out = welkom(
        &data,
        &[
            "pair",
            "--hub",
            &hub.url,
            "--code",
            &expired,
            "--ca-file",
            ca,
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("wrong, already used or expired"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(data.join("welkom.toml")).unwrap(),
        own
    );

    // Without the CA file the throw-away certificate is not trusted: the code is
    // not spent and still pairs once the CA file is given.
    let code = hub.code(Timestamp::now());
    let out = welkom(&data, &["pair", "--hub", &hub.url, "--code", &code]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("certificate is not trusted"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(data.join("welkom.toml")).unwrap(),
        own
    );

    // Plain http:// to another machine is refused before anything is sent.
    let out = welkom(
        &data,
        &["pair", "--hub", "http://192.0.2.7:8080", "--code", &code],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("https"), "{}", text(&out));

    let out = welkom(
        &data,
        &["pair", "--hub", &hub.url, "--code", &code, "--ca-file", ca],
    );
    assert!(out.status.success(), "{}", text(&out));
    let config = std::fs::read_to_string(data.join("welkom.toml")).unwrap();
    assert!(config.starts_with("# our kiosk"), "{config}");
    assert!(
        config.contains("name = \"Het Anker\""),
        "the name stays: {config}"
    );
    assert!(!config.contains("De Egel"), "{config}");
}
