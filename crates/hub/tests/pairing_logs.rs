//! The hub's log while tablets pair, wrong codes are tried and pairing is
//! throttled: it says what happened, and never holds a code or a token.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn the_log_never_holds_a_code_or_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
    let hub = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_welkom-hub"));
        command
            .args(["--database", &database])
            .args(args)
            .env("WELKOM_HUB_LOG", "debug");
        command
    };
    let made = hub(&["location", "add", "De Egel"]).output().unwrap();
    assert!(made.status.success());
    let location = String::from_utf8(made.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let pair_out = hub(&["device", "pair", "--location", &location])
        .output()
        .unwrap();
    assert!(pair_out.status.success());
    let code = String::from_utf8(pair_out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("code").map(|c| c.trim().to_owned()))
        .unwrap();

    let log_file = dir.path().join("hub.log");
    let mut child = hub(&["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_file).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();

    let wait = Duration::from_secs(20);
    let paired = welkom_sync::pair(&url, &code, "Tablet", None, wait).expect("pairs");
    let wrong = if code == "ZZZZ-ZZZZ" {
        "YYYY-YYYY"
    } else {
        "ZZZZ-ZZZZ"
    };
    for _ in 0..7 {
        let _ = welkom_sync::pair(&url, wrong, "Tablet", None, wait);
    }
    assert!(matches!(
        welkom_sync::pair(&url, &code, "Tablet", None, wait),
        Err(welkom_sync::PairError::TooManyTries { .. })
    ));
    let _ = child.kill();
    let _ = child.wait();

    let mut log = String::new();
    std::fs::File::open(&log_file)
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("a tablet paired"), "{log}");
    assert!(log.contains("a pairing code was refused"), "{log}");
    assert!(log.contains("pairing throttled"), "{log}");
    for secret in [
        code.as_str(),
        &code.replace('-', ""),
        wrong,
        &wrong.replace('-', ""),
        paired.token.as_str(),
        &paired.token["wlk_".len()..],
    ] {
        assert!(!log.contains(secret), "the log holds {secret}:\n{log}");
    }
}
