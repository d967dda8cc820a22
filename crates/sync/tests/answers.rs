//! The sync client against upstreams that are not a Welkom hub, or whose answers do
//! not add up: a plain receiver is found by asking and addressed by its own url, a
//! 2xx without a body accounts for every event, a Welkom answer that does not
//! account for the batch marks nothing sent blindly, and a missing roster is no
//! failure.

mod common;

use common::kiosk;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use welkom_store::Store;
use welkom_sync::{
    Attempt, Peer, RosterFetch, SyncClient, SyncState, SyncStatus, Upstream, UpstreamKind,
};

/// A request as the fake upstream saw it.
#[derive(Clone, Debug)]
struct Request {
    method: String,
    path: String,
    authorization: Option<String>,
    /// The `Welkom-Waiting` and `Date` headers, which only a Welkom hub is sent.
    reported: Vec<String>,
    body: Vec<u8>,
}

/// What the fake upstream answers: status, whether it says `Welkom-Protocol`, body.
type Answer = (u16, bool, Vec<u8>);

/// An HTTP upstream on a free port that answers with `answer` and records requests.
struct Fake {
    url: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Fake {
    fn start(answer: impl Fn(&Request) -> Answer + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let answer = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (seen, answer) = (seen.clone(), answer.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let mut parts = line.split_whitespace();
                    let method = parts.next().unwrap_or_default().to_owned();
                    let path = parts.next().unwrap_or_default().to_owned();
                    let (mut length, mut authorization) = (0, None);
                    let mut reported = Vec::new();
                    loop {
                        let mut header = String::new();
                        reader.read_line(&mut header).unwrap();
                        let header = header.trim_end();
                        if header.is_empty() {
                            break;
                        }
                        let (name, value) = header.split_once(':').unwrap();
                        match name.to_ascii_lowercase().as_str() {
                            "content-length" => length = value.trim().parse().unwrap(),
                            "authorization" => authorization = Some(value.trim().to_owned()),
                            "welkom-waiting" | "date" => reported.push(header.to_owned()),
                            _ => {}
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    let request = Request {
                        method,
                        path,
                        authorization,
                        reported,
                        body,
                    };
                    let (status, welkom, body) = answer(&request);
                    seen.lock().unwrap().push(request);
                    let mut stream = stream;
                    let protocol = if welkom { "welkom-protocol: 1\r\n" } else { "" };
                    let head = format!(
                        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\n{protocol}connection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                });
            }
        });
        Self { url, requests }
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// The ids of a batch a fake received.
fn batch_ids(request: &Request) -> Vec<String> {
    let batch: Vec<serde_json::Value> = serde_json::from_slice(&request.body).unwrap();
    batch
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

fn upstream(url: &str, token: &str) -> Upstream {
    Upstream {
        timeout: Duration::from_secs(5),
        location_name: "De Boomhut".into(),
        ..Upstream::new(url, token)
    }
}

#[test]
fn a_plain_receiver_is_found_by_asking_and_takes_the_batch_at_its_own_url() {
    // No /v1/device (404), no /v1/roster; a POST to its url gets 202 without a body.
    let fake = Fake::start(|r| match r.method.as_str() {
        "POST" if r.path == "/in/welkom" => (202, false, Vec::new()),
        _ => (404, false, b"not found".to_vec()),
    });
    let dir = tempfile::tempdir().unwrap();
    let status = SyncStatus::default();
    let mut client = SyncClient::new(
        kiosk(dir.path(), 3),
        upstream(&format!("{}/in/welkom", fake.url), "wlk_1"),
        status.clone(),
    );
    assert_eq!(client.fetch_roster().unwrap(), RosterFetch::NotOffered);
    assert_eq!(
        client.send_once().unwrap(),
        Attempt::Sent {
            delivered: 6,
            refused: 0
        },
        "202 without a body accounts for every event"
    );
    assert_eq!(client.send_once().unwrap(), Attempt::Idle);
    let requests = fake.requests();
    assert_eq!(
        requests
            .iter()
            .map(|r| (r.method.as_str(), r.path.as_str()))
            .collect::<Vec<_>>(),
        [("GET", "/in/welkom/v1/device"), ("POST", "/in/welkom")],
        "asked once, never asked for a roster, posted to the url itself"
    );
    assert_eq!(requests[1].authorization.as_deref(), Some("Bearer wlk_1"));
    for request in &requests {
        assert_eq!(
            request.reported,
            Vec::<String>::new(),
            "a plain receiver is not told the kiosk's waiting count or clock"
        );
    }
    let source = client.identity().unwrap().1.to_owned();
    assert!(
        source.starts_with("/locations/de-boomhut/devices/"),
        "{source}"
    );
    let snapshot = status.snapshot();
    assert_eq!(snapshot.state, SyncState::Connected);
    assert_eq!(snapshot.peer, Some(Peer::Receiver));

    // The device's id is kept: a new client on the same store uses the same source.
    let store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
    let mut again = SyncClient::new(
        store,
        upstream(&format!("{}/in/welkom", fake.url), "wlk_1"),
        SyncStatus::default(),
    );
    assert_eq!(again.send_once().unwrap(), Attempt::Idle);
    assert_eq!(again.identity().unwrap().1, source);
}

#[test]
fn a_welkom_answer_that_does_not_account_for_the_batch_marks_nothing_sent() {
    // A hub whose answer counts one event too few and refuses the first event.
    let first_id = Arc::new(Mutex::new(None::<String>));
    let seen_first = first_id.clone();
    let fake = Fake::start(move |r| match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/v1/device") => (
            200,
            true,
            br#"{"device":"d1","location":"l1","location_name":"De Boomhut"}"#.to_vec(),
        ),
        ("POST", "/v1/events") => {
            let ids = batch_ids(r);
            *seen_first.lock().unwrap() = Some(ids[0].clone());
            let answer = serde_json::json!({
                "accepted": ids.len() - 2,
                "duplicates": 0,
                "refused": [{"id": ids[0], "reason": "data.score is not on the scale"}],
            });
            (200, true, serde_json::to_vec(&answer).unwrap())
        }
        _ => (404, true, Vec::new()),
    });
    let dir = tempfile::tempdir().unwrap();
    let status = SyncStatus::default();
    let mut client = SyncClient::new(
        kiosk(dir.path(), 4),
        upstream(&fake.url, "wlk_1"),
        status.clone(),
    );
    let attempt = client.send_once().unwrap();
    let Attempt::RetryAfter(None, message) = &attempt else {
        panic!("{attempt:?}");
    };
    assert!(
        message.contains("accounts for 7 of the 8 events"),
        "{message}"
    );
    let summary = client.store().outbox_summary().unwrap();
    assert_eq!(summary.sent, 0, "nothing marked sent blindly");
    assert_eq!(summary.set_aside, 1, "the refusal it names is believed");
    assert_eq!(summary.waiting, 7, "the rest goes again");
    let aside = client.store().set_aside_events().unwrap();
    assert_eq!(Some(aside[0].event.id.clone()), *first_id.lock().unwrap());
    assert!(matches!(
        status.snapshot().state,
        SyncState::Retrying { .. }
    ));
    assert_eq!(
        client.identity().unwrap(),
        (Peer::Hub, "/locations/l1/devices/d1")
    );
    // A hub is told what waits and the kiosk's clock; an upstream not yet known to
    // be a hub (the first question) is told neither.
    let requests = fake.requests();
    assert_eq!(requests[0].path, "/v1/device");
    assert!(
        requests[0].reported.is_empty(),
        "{:?}",
        requests[0].reported
    );
    let post = &requests[1].reported;
    assert!(
        post.iter()
            .any(|h| h.eq_ignore_ascii_case("welkom-waiting: 8")),
        "{post:?}"
    );
    let date = post
        .iter()
        .find_map(|h| {
            h.strip_prefix("date: ")
                .or_else(|| h.strip_prefix("Date: "))
        })
        .unwrap_or_else(|| panic!("no Date in {post:?}"));
    let sent = httpdate::parse_http_date(date).unwrap();
    let off = std::time::SystemTime::now()
        .duration_since(sent)
        .unwrap_or_default();
    assert!(off < Duration::from_secs(60), "the kiosk's clock: {date}");
}

/// A hub always answers a batch with its counts. A 2xx without them (a captive
/// portal or a proxy's page in between) marks nothing sent: the events wait and go
/// again, and the status says why.
#[test]
fn a_hubs_2xx_without_its_counts_marks_nothing_sent() {
    let fake = Fake::start(|r| match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/v1/device") => (200, true, br#"{"device":"d1","location":"l1"}"#.to_vec()),
        ("POST", "/v1/events") => (
            200,
            false,
            b"<html>Log in to the guest Wi-Fi</html>".to_vec(),
        ),
        _ => (404, true, Vec::new()),
    });
    let dir = tempfile::tempdir().unwrap();
    let mut client = SyncClient::new(
        kiosk(dir.path(), 2),
        upstream(&fake.url, "wlk_1"),
        SyncStatus::default(),
    );
    let attempt = client.send_once().unwrap();
    let Attempt::RetryAfter(_, message) = &attempt else {
        panic!("{attempt:?}");
    };
    assert!(message.contains("accounts for 0 of the 4"), "{message}");
    let summary = client.store().outbox_summary().unwrap();
    assert_eq!(summary.sent, 0, "nothing marked sent");
    assert_eq!(summary.set_aside, 0, "nothing set aside");
    assert_eq!(summary.waiting, 4, "all still waiting");
}

#[test]
fn an_upstream_named_welkom_that_is_not_one_says_so_and_sends_nothing() {
    let fake = Fake::start(|_| (404, false, Vec::new()));
    let dir = tempfile::tempdir().unwrap();
    let mut client = SyncClient::new(
        kiosk(dir.path(), 1),
        Upstream {
            kind: UpstreamKind::Welkom,
            ..upstream(&fake.url, "wlk_1")
        },
        SyncStatus::default(),
    );
    let attempt = client.send_once().unwrap();
    let Attempt::RetryAfter(_, message) = &attempt else {
        panic!("{attempt:?}");
    };
    assert!(message.contains("not a Welkom hub"), "{message}");
    assert!(message.contains("kind = \"cloudevents\""), "{message}");
    assert!(fake.requests().iter().all(|r| r.method == "GET"));
    assert_eq!(client.store().outbox_summary().unwrap().waiting, 2);
    // Named a Welkom hub, it is told what waits and the kiosk's clock at once.
    let asked = &fake.requests()[0].reported;
    assert!(
        asked
            .iter()
            .any(|h| h.eq_ignore_ascii_case("welkom-waiting: 2")),
        "{asked:?}"
    );
    assert!(
        asked
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("date: ")),
        "{asked:?}"
    );
}

#[test]
fn a_busy_upstream_is_asked_again_and_not_taken_for_a_plain_receiver() {
    let fake = Fake::start(|_| (503, false, Vec::new()));
    let dir = tempfile::tempdir().unwrap();
    let mut client = SyncClient::new(
        kiosk(dir.path(), 1),
        upstream(&fake.url, "wlk_1"),
        SyncStatus::default(),
    );
    assert!(matches!(
        client.send_once().unwrap(),
        Attempt::RetryAfter(..)
    ));
    assert_eq!(client.identity(), None, "nothing decided yet");
    assert!(fake.requests().iter().all(|r| r.method == "GET"));
}
