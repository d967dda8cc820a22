//! The sync client and the hub when things go wrong. Each case ends with every event
//! at the hub exactly once: the hub down for a while, answering 500, answering later
//! than the client waits, resetting the connection, committing but losing the answer,
//! killed mid-batch and started again, and the kiosk dying between sending and
//! marking.

mod common;

use common::kiosk::more as kiosk_more;
use common::rated_kiosk::kiosk;

use common::proxy::{Mode, Proxy};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use welkom_hub::BackgroundHub;
use welkom_hub::db::NewDevice;
use welkom_store::Store;
use welkom_sync::{Attempt, SyncClient, SyncStatus, Upstream};

fn client(store: Store, url: &str, token: &str, timeout: Duration) -> SyncClient {
    SyncClient::new(
        store,
        Upstream {
            interval: Duration::from_secs(30),
            timeout,
            ..Upstream::new(url, token)
        },
        SyncStatus::default(),
    )
}

/// Sends until nothing waits (a few failures allowed on the way).
fn drain(client: &mut SyncClient) {
    for _ in 0..50 {
        match client.send_once().unwrap() {
            Attempt::Idle => return,
            Attempt::RetryAfter(..) => std::thread::sleep(Duration::from_millis(100)),
            _ => {}
        }
    }
    panic!("the outbox did not drain");
}

struct Setup {
    hub: BackgroundHub,
    device: NewDevice,
    location: String,
    proxy: Proxy,
    _dir: tempfile::TempDir,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let hub = BackgroundHub::start(&format!(
        "sqlite:{}",
        dir.path().join("hub.sqlite").display()
    ))
    .unwrap();
    let (location, device) = hub.location_with_device("De Boomhut").unwrap();
    let location = location.id;
    let proxy = Proxy::start(hub.address);
    Setup {
        hub,
        device,
        location,
        proxy,
        _dir: dir,
    }
}

impl Setup {
    fn ratings_at_hub(&self) -> usize {
        self.hub
            .runtime
            .block_on(self.hub.db.ratings(&self.location))
            .unwrap()
            .len()
    }
}

#[test]
fn every_fault_ends_with_every_event_at_the_hub_exactly_once() {
    for (fault, mode) in [
        ("the hub down", Mode::Down),
        ("a 500", Mode::Error500),
        ("a reset connection", Mode::Reset),
        (
            "an answer slower than the client waits",
            Mode::Slow(Duration::from_millis(1500)),
        ),
        ("the answer lost after the commit", Mode::LoseAnswer),
    ] {
        let s = setup();
        let dir = tempfile::tempdir().unwrap();
        let store = kiosk(dir.path(), 120);
        let mut c = client(
            store,
            &s.proxy.url,
            &s.device.token,
            Duration::from_millis(800),
        );
        // The device's source is learnt while all is well.
        s.proxy.set(Mode::Pass);
        c.send_once().unwrap();
        let sent_before = s.ratings_at_hub();
        kiosk_more(dir.path(), 50);
        s.proxy.set(mode);
        for _ in 0..3 {
            let attempt = c.send_once().unwrap();
            assert!(
                matches!(attempt, Attempt::RetryAfter(..)),
                "{fault}: {attempt:?}"
            );
        }
        assert!(
            c.store().outbox_summary().unwrap().waiting > 0,
            "{fault}: nothing is marked sent without an answer"
        );
        if mode == Mode::LoseAnswer {
            // The case is only what it says if the hub did commit: it holds every
            // rating although the kiosk heard nothing back.
            assert_eq!(
                s.ratings_at_hub(),
                170,
                "{fault}: the hub committed before the answer was lost"
            );
        }
        // A slow answer may still arrive at the hub meanwhile.
        std::thread::sleep(Duration::from_millis(1800));
        s.proxy.set(Mode::Pass);
        drain(&mut c);
        assert_eq!(
            s.ratings_at_hub(),
            170,
            "{fault}: every rating exactly once (was {sent_before} before)"
        );
        assert_eq!(c.store().outbox_summary().unwrap().waiting, 0, "{fault}");
    }
}

#[test]
fn the_kiosk_dying_between_sending_and_marking_sends_again_without_doubling() {
    let s = setup();
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk(dir.path(), 300);
    let mut c = client(store, &s.proxy.url, &s.device.token, Duration::from_secs(5));
    s.proxy.set(Mode::LoseAnswer);
    assert!(matches!(c.send_once().unwrap(), Attempt::RetryAfter(..)));
    assert_eq!(
        s.ratings_at_hub(),
        0,
        "the source is learnt first: nothing sent yet"
    );
    s.proxy.set(Mode::Pass);
    c.send_once().unwrap();
    assert_eq!(
        s.ratings_at_hub(),
        250,
        "the first batch: 500 of 600 events"
    );
    s.proxy.set(Mode::LoseAnswer);
    // The hub commits the next batch; the kiosk never learns it (it dies here).
    let _ = c.send_once().unwrap();
    assert_eq!(
        s.ratings_at_hub(),
        300,
        "the hub committed the batch whose answer was lost"
    );
    assert_eq!(
        c.store().outbox_summary().unwrap().waiting,
        100,
        "the kiosk still holds the batch"
    );
    drop(c);
    s.proxy.set(Mode::Pass);
    let store = Store::open(&dir.path().join("welkom.sqlite")).unwrap();
    let mut again = client(store, &s.proxy.url, &s.device.token, Duration::from_secs(5));
    drain(&mut again);
    assert_eq!(s.ratings_at_hub(), 300);
}

/// The hub as its own process, killed with SIGKILL mid-batch and started again on
/// the same database file.
struct HubProcess {
    child: Child,
    address: std::net::SocketAddr,
}

fn start_hub_process(database: &str) -> HubProcess {
    let mut child = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args(["--database", database, "serve", "--listen", "127.0.0.1:0"])
        .env("WELKOM_HUB_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("the hub said: {line}"))
        .parse()
        .unwrap();
    HubProcess { child, address }
}

#[test]
fn the_hub_killed_mid_batch_and_restarted_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
    // Location and device through the admin commands, as an administrator would.
    let admin = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
            .arg("--database")
            .arg(&database)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let location = admin(&["location", "add", "De Boomhut"]).trim().to_owned();
    let printed = admin(&["device", "add", "--location", &location]);
    let token = printed
        .lines()
        .find_map(|l| l.strip_prefix("token  "))
        .unwrap()
        .to_owned();

    let mut hub = start_hub_process(&database);
    let proxy = Proxy::start(hub.address);
    let kiosk_dir = tempfile::tempdir().unwrap();
    let store = kiosk(kiosk_dir.path(), 1500);
    let mut c = client(store, &proxy.url, &token, Duration::from_secs(5));
    c.send_once().unwrap();
    // The next batch is held a moment on its way and the hub is killed as it arrives.
    proxy.set(Mode::Slow(Duration::from_millis(300)));
    let sender = std::thread::spawn(move || {
        let attempt = c.send_once().unwrap();
        (c, attempt)
    });
    std::thread::sleep(Duration::from_millis(320));
    hub.child.kill().unwrap();
    hub.child.wait().unwrap();
    let (mut c, attempt) = sender.join().unwrap();
    assert!(
        matches!(attempt, Attempt::RetryAfter(..) | Attempt::Sent { .. }),
        "{attempt:?}"
    );
    let hub = start_hub_process(&database);
    proxy.retarget(hub.address);
    proxy.set(Mode::Pass);
    drain(&mut c);
    let mut hub = hub;
    let exported = admin(&[
        "export",
        "ratings",
        "--location",
        &location,
        "--format",
        "json",
    ]);
    hub.child.kill().unwrap();
    let _ = hub.child.wait();
    let ratings: Vec<serde_json::Value> = serde_json::from_str(&exported).unwrap();
    assert_eq!(ratings.len(), 1500, "every rating exactly once");
}

#[test]
fn a_batch_refused_as_too_large_is_split_and_retry_after_is_honoured() {
    let s = setup();
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk(dir.path(), 200);
    let mut c = client(store, &s.proxy.url, &s.device.token, Duration::from_secs(5));
    s.proxy.set(Mode::Busy(7));
    assert_eq!(
        c.send_once().unwrap(),
        Attempt::RetryAfter(
            Some(Duration::from_secs(7)),
            "the upstream answered 503".into()
        ),
        "the wait the upstream asks for"
    );
    // An upstream that takes at most about 40 KB: the 400 events go in smaller parts.
    s.proxy.set(Mode::Limit(40_000));
    let mut splits = 0;
    loop {
        match c.send_once().unwrap() {
            Attempt::Idle => break,
            Attempt::Split => splits += 1,
            Attempt::Sent { .. } => {}
            other => panic!("{other:?}"),
        }
        assert!(splits < 20, "the batch keeps being split");
    }
    assert!(splits >= 2, "split {splits} times");
    assert_eq!(s.ratings_at_hub(), 200);
}

#[test]
fn the_proxys_reset_is_a_real_tcp_reset_and_down_is_an_orderly_close() {
    use std::io::{Read, Write};
    let s = setup();
    for (mode, reset) in [(Mode::Reset, true), (Mode::Down, false)] {
        s.proxy.set(mode);
        let address = s.proxy.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nhost: hub\r\n\r\n")
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut buffer = [0u8; 64];
        match stream.read(&mut buffer) {
            Err(e) if reset => assert_eq!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset,
                "{mode:?}: {e}"
            ),
            Ok(0) if !reset => {}
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}
