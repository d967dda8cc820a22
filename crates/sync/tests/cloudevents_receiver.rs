//! Any CloudEvents receiver is an upstream: the real sync client against a receiver
//! built on the official CloudEvents SDK (`tests/receivers/cloudevents_receiver.py`),
//! which knows nothing of Welkom, validates every event and answers 202 without a
//! body. Every event arrives exactly once, under a stable `source`, and the missing
//! roster is no failure.
//!
//! These need python3 with the `cloudevents` package, so they are ignored by a plain
//! `cargo test`; CI runs them with `--include-ignored`. Run without the package,
//! they fail and say what to install.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use welkom_store::Store;
use welkom_sync::{
    Attempt, Peer, RosterFetch, Source, SyncClient, SyncState, SyncStatus, Upstream, UpstreamKind,
};

mod common;

use common::{add_ratings, kiosk};

const NEEDS: &str = "needs python3 with cloudevents: pip install cloudevents";

/// The receiver, on a free port; killed when dropped.
struct Receiver {
    child: Child,
    url: String,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn receiver() -> Receiver {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/receivers/cloudevents_receiver.py");
    let has_sdk = Command::new("python3")
        .args(["-c", "import cloudevents"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    assert!(has_sdk, "{NEEDS}");
    let mut child = Command::new("python3")
        .arg(&script)
        .arg("0")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{NEEDS} ({e})"));
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("listening on ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the receiver said {line:?}; {NEEDS}"));
    Receiver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

impl Receiver {
    /// The (source, id) pairs the receiver took, in order.
    fn received(&self) -> Vec<(String, String)> {
        let body = ureq::get(&format!("{}/received", self.url))
            .call()
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap();
        serde_json::from_str(&body).unwrap()
    }
}

/// Every event id in the kiosk's outbox.
fn outbox_ids(database: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let mut stmt = conn.prepare("SELECT event_id FROM outbox").unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn drain(client: &mut SyncClient) -> usize {
    let mut sent = 0;
    for _ in 0..100 {
        match client.send_once().unwrap() {
            Attempt::Idle => return sent,
            Attempt::Sent { delivered, refused } => {
                assert_eq!(refused, 0, "the receiver refuses nothing valid");
                sent += delivered;
            }
            other => panic!("{other:?}"),
        }
    }
    panic!("the outbox did not drain");
}

#[test]
#[ignore = "needs python3 with cloudevents: pip install cloudevents"]
fn every_event_reaches_a_plain_cloudevents_receiver_exactly_once() {
    let receiver = receiver();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("welkom.sqlite");
    let store = kiosk(dir.path(), 400);
    let status = SyncStatus::default();
    let upstream = Upstream {
        interval: Duration::from_secs(30),
        timeout: Duration::from_secs(10),
        location_name: "De Boomhut".into(),
        // A token the receiver does not ask for: sent, and ignored.
        ..Upstream::new(receiver.url.clone(), "wlk_unused")
    };
    let mut client = SyncClient::new(store, upstream.clone(), status.clone());

    // No /v1/roster there: no roster, and no failure either.
    assert_eq!(client.fetch_roster().unwrap(), RosterFetch::NotOffered);
    // 800 events: two batches (at most 500 each).
    assert_eq!(drain(&mut client), 800);
    let (peer, source) = client.identity().unwrap();
    assert_eq!(peer, Peer::Receiver, "found by asking: no /v1/device there");
    let source = source.to_owned();
    let parsed = Source::parse(&source).unwrap();
    assert_eq!(parsed.location, "de-boomhut");
    let snapshot = status.snapshot();
    assert_eq!(snapshot.state, SyncState::Connected, "no noise");
    assert_eq!(snapshot.peer, Some(Peer::Receiver));

    // More events later, from a restarted kiosk: the same source, nothing twice.
    drop(client);
    let mut store = Store::open(&database).unwrap();
    add_ratings(&mut store, 30, 400);
    let mut again = SyncClient::new(store, upstream, SyncStatus::default());
    assert_eq!(drain(&mut again), 60);
    assert_eq!(again.identity().unwrap().1, source, "a stable device id");

    let received = receiver.received();
    assert_eq!(received.len(), 860, "every event once");
    let ids: BTreeSet<String> = received.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(ids.len(), 860, "no event twice");
    assert_eq!(ids, outbox_ids(&database), "exactly the kiosk's events");
    assert!(received.iter().all(|(s, _)| *s == source));
    assert_eq!(again.store().outbox_summary().unwrap().waiting, 0);
}

#[test]
#[ignore = "needs python3 with cloudevents: pip install cloudevents"]
fn a_receiver_named_as_such_gets_the_configured_source_without_a_token() {
    let receiver = receiver();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("welkom.sqlite");
    let upstream = Upstream {
        kind: UpstreamKind::CloudEvents,
        source: Some("/locations/de-boomhut/devices/entree".into()),
        // The receiver's address with a path: events go to it as given.
        ..Upstream::new(format!("{}/events/welkom", receiver.url), "")
    };
    let mut client = SyncClient::new(kiosk(dir.path(), 25), upstream, SyncStatus::default());
    assert_eq!(drain(&mut client), 50);
    let received = receiver.received();
    assert_eq!(received.len(), 50);
    assert!(
        received
            .iter()
            .all(|(s, _)| s == "/locations/de-boomhut/devices/entree")
    );
    let ids: BTreeSet<String> = received.into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, outbox_ids(&database));
}
