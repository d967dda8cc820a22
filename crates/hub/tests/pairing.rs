//! Pairing a tablet by a one-time code: `welkom-hub device pair` makes a code that
//! `POST /v1/pair` (through the kiosk's client, `welkom_sync::pair`) exchanges once
//! for a device and its token; a used, an expired and a wrong code get the same
//! refusal; two tablets racing with one code get one device; wrong codes are
//! throttled per address and overall.

mod common;

use common::web::{WebHub, start_with};
use common::{BackEnd, Hub, agent};
use std::time::Duration;
use welkom_hub::api::PairingThrottle;
use welkom_hub::db::{Location, ThrottlePolicy};
use welkom_hub::web::WebSettings;
use welkom_sync::{PairError, Pairing, pair};

const WAIT: Duration = Duration::from_secs(20);

fn pair_with(hub: &Hub, code: &str) -> Result<Pairing, PairError> {
    pair(&hub.url, code, "Tablet bij de deur", None, WAIT)
}

/// `welkom-hub device pair --location ID` run against the hub's database: the code
/// it printed, and everything it printed.
fn cli_code(hub: &Hub, location: &Location) -> (String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args([
            "--database",
            &hub.database_url(),
            "device",
            "pair",
            "--location",
            &location.id,
        ])
        .env("WELKOM_HUB_LOG", "warn")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stdout}{stderr}");
    let code = stdout
        .lines()
        .find_map(|l| l.strip_prefix("code"))
        .map(|c| c.trim().to_owned())
        .unwrap_or_else(|| panic!("no code printed: {stdout}"));
    (code, format!("{stdout}{stderr}"))
}

/// The raw answer to `POST /v1/pair` with this code: status and body.
fn post_code(hub: &Hub, code: &str) -> (u16, String, Option<String>) {
    let mut response = agent()
        .post(&format!("{}/v1/pair", hub.url))
        .send_json(serde_json::json!({"code": code, "device_name": "x", "app_version": "0"}))
        .unwrap();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (
        response.status().as_u16(),
        response.body_mut().read_to_string().unwrap(),
        retry,
    )
}

fn device_count(hub: &Hub, location: &Location) -> usize {
    hub.runtime
        .block_on(hub.db.devices(&location.id))
        .unwrap()
        .len()
}

fn a_code_from_the_cli_pairs_once(back_end: BackEnd) {
    back_end.run(|hub| {
        let location = hub.location("De Egel");
        let (code, printed) = cli_code(hub, &location);
        assert_eq!(code.len(), 9, "ABCD-EFGH: {code}");
        assert_eq!(code.as_bytes()[4], b'-');
        assert!(printed.contains("valid until"), "{printed}");
        assert!(printed.contains("welkom pair --hub"), "{printed}");

        // Typed in lower case without the dash, as a person might.
        let typed = code.replace('-', "").to_lowercase();
        let paired = pair_with(hub, &typed).expect("a fresh code pairs");
        assert_eq!(paired.location_id, location.id);
        assert_eq!(paired.location_name, "De Egel");
        assert_eq!(paired.time_zone, "Europe/Amsterdam");
        assert!(paired.token.starts_with("wlk_"));

        // The token is a device's like any other: the hub knows who it is.
        let auth = hub
            .runtime
            .block_on(hub.db.device_by_token(&paired.token))
            .unwrap()
            .expect("the token belongs to a device");
        assert_eq!(auth.device_id, paired.device_id);
        assert_eq!(auth.location_id, location.id);
        let mut whoami = agent()
            .get(&format!("{}/v1/device", hub.url))
            .header("Authorization", &format!("Bearer {}", paired.token))
            .call()
            .unwrap();
        assert_eq!(whoami.status().as_u16(), 200);
        assert!(
            whoami
                .body_mut()
                .read_to_string()
                .unwrap()
                .contains(&paired.device_id)
        );

        // The same code a second time: refused, and no second device.
        assert_eq!(pair_with(hub, &code).unwrap_err(), PairError::CodeRefused);
        assert_eq!(device_count(hub, &location), 1);
    });
}

fn used_expired_and_wrong_codes_get_the_same_answer(back_end: BackEnd) {
    let WebHub { hub, clock } = start_with(back_end, WebSettings::default());
    let location = hub.location("De Egel");
    let now = || welkom_hub::clock::Clock::now(&clock);
    let code = |at| {
        hub.runtime
            .block_on(hub.db.add_pairing_code(&location.id, "test", at))
            .unwrap()
            .code
    };
    let used = code(now());
    pair_with(&hub, &used).expect("pairs");
    let expired = code(now());
    let nearly = code(now());
    clock.advance(Duration::from_secs(14 * 60 + 59));
    pair_with(&hub, &nearly).expect("a code 14:59 old still pairs");
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        pair_with(&hub, &expired).unwrap_err(),
        PairError::CodeRefused,
        "15 minutes on, a code has expired"
    );

    let wrong = if used == "ABCD-EFGH" {
        "ABCD-EFGJ"
    } else {
        "ABCD-EFGH"
    };
    let answers: Vec<_> = [&used, &expired, wrong, "not a code"]
        .into_iter()
        .map(|c| post_code(&hub, c))
        .collect();
    assert_eq!(answers[0].0, 403);
    for answer in &answers {
        assert_eq!(
            (answer.0, &answer.1),
            (answers[0].0, &answers[0].1),
            "no answer tells a used, an expired and a wrong code apart"
        );
    }
    assert!(!answers[0].1.contains(&used), "{}", answers[0].1);
    assert_eq!(device_count(&hub, &location), 2);
}

fn two_tablets_racing_with_one_code_get_one_device(back_end: BackEnd) {
    // The losers' tries count as wrong ones: the address gets room for them.
    let settings = WebSettings {
        pairing_throttle: PairingThrottle {
            address: ThrottlePolicy {
                free_tries: 1000,
                ..PairingThrottle::ADDRESS
            },
            overall: ThrottlePolicy {
                free_tries: 1000,
                ..PairingThrottle::OVERALL
            },
        },
        ..WebSettings::default()
    };
    let WebHub { hub, clock } = start_with(back_end, settings);
    let hub = &hub;
    {
        let location = hub.location("De Egel");
        for round in 0..3 {
            let code = hub
                .runtime
                .block_on(hub.db.add_pairing_code(
                    &location.id,
                    "test",
                    welkom_hub::clock::Clock::now(&clock),
                ))
                .unwrap()
                .code;
            let barrier = std::sync::Barrier::new(6);
            let results: Vec<Result<Pairing, PairError>> = std::thread::scope(|s| {
                let tries: Vec<_> = (0..6)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            pair_with(hub, &code)
                        })
                    })
                    .collect();
                tries.into_iter().map(|t| t.join().unwrap()).collect()
            });
            let won = results.iter().filter(|r| r.is_ok()).count();
            assert_eq!(won, 1, "round {round}: {results:?}");
            for lost in results.iter().filter_map(|r| r.as_ref().err()) {
                assert_eq!(lost, &PairError::CodeRefused);
            }
            assert_eq!(device_count(hub, &location), round + 1);
        }
    }
}

fn the_sixth_wrong_code_from_one_address_waits(back_end: BackEnd) {
    let WebHub { hub, clock } = start_with(back_end, WebSettings::default());
    let location = hub.location("De Egel");
    let good = hub
        .runtime
        .block_on(hub.db.add_pairing_code(
            &location.id,
            "test",
            welkom_hub::clock::Clock::now(&clock),
        ))
        .unwrap()
        .code;
    let wrong = if good == "ZZZZ-ZZZZ" {
        "YYYY-YYYY"
    } else {
        "ZZZZ-ZZZZ"
    };
    for n in 1..=5 {
        assert_eq!(post_code(&hub, wrong).0, 403, "wrong code {n}");
    }
    let (status, body, retry) = post_code(&hub, wrong);
    assert_eq!(status, 429, "{body}");
    assert_eq!(retry.as_deref(), Some("900"), "{body}");
    // While the address waits, even the right code is not looked at.
    match pair_with(&hub, &good) {
        Err(e @ PairError::TooManyTries { .. }) => assert_eq!(e.wait_minutes(), Some(15)),
        other => panic!("not throttled: {other:?}"),
    }
    assert_eq!(device_count(&hub, &location), 0);
    // After the wait (15 minutes after the last wrong try) a right code pairs.
    clock.advance(Duration::from_secs(10 * 60));
    assert!(matches!(
        pair_with(&hub, &good),
        Err(PairError::TooManyTries { .. })
    ));
    clock.advance(Duration::from_secs(5 * 60));
    let fresh = hub
        .runtime
        .block_on(hub.db.add_pairing_code(
            &location.id,
            "test",
            welkom_hub::clock::Clock::now(&clock),
        ))
        .unwrap()
        .code;
    pair_with(&hub, &fresh).expect("the wait is over");
}

fn wrong_codes_from_everywhere_together_are_limited_too(back_end: BackEnd) {
    // Many addresses are played here by one address with a generous own limit.
    let settings = WebSettings {
        pairing_throttle: PairingThrottle {
            address: ThrottlePolicy {
                free_tries: 1000,
                ..PairingThrottle::ADDRESS
            },
            overall: ThrottlePolicy {
                free_tries: 8,
                ..PairingThrottle::OVERALL
            },
        },
        ..WebSettings::default()
    };
    let WebHub { hub, clock } = start_with(back_end, settings);
    let location = hub.location("De Egel");
    let good = hub
        .runtime
        .block_on(hub.db.add_pairing_code(
            &location.id,
            "test",
            welkom_hub::clock::Clock::now(&clock),
        ))
        .unwrap()
        .code;
    for n in 0..8 {
        let wrong = format!("AAAA-AAA{}", (b'0' + n) as char);
        assert_ne!(wrong, good);
        assert_eq!(post_code(&hub, &wrong).0, 403);
    }
    assert_eq!(post_code(&hub, "AAAA-AAAZ").0, 429);
    assert!(matches!(
        pair_with(&hub, &good),
        Err(PairError::TooManyTries { .. })
    ));
}

/// The numbers docs/protocol.md gives.
#[test]
fn the_default_limits_are_the_documented_ones() {
    assert_eq!(PairingThrottle::ADDRESS.free_tries, 5);
    assert_eq!(PairingThrottle::ADDRESS.first_wait_ms, 15 * 60_000);
    assert_eq!(PairingThrottle::OVERALL.free_tries, 50);
    assert_eq!(
        welkom_hub::db::PAIRING_CODE_LIFETIME,
        jiff::SignedDuration::from_mins(15)
    );
}

on_both_back_ends!(
    a_code_from_the_cli_pairs_once,
    used_expired_and_wrong_codes_get_the_same_answer,
    two_tablets_racing_with_one_code_get_one_device,
    the_sixth_wrong_code_from_one_address_waits,
    wrong_codes_from_everywhere_together_are_limited_too,
);

#[test]
fn an_unknown_location_gets_no_code() {
    let hub = common::start();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args([
            "--database",
            &hub.database_url(),
            "device",
            "pair",
            "--location",
            "nope",
        ])
        .env("WELKOM_HUB_LOG", "warn")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("location list"), "{stderr}");
}
