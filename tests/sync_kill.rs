//! The kiosk's process killed (SIGKILL) while it sends, and started again: every
//! event reaches the hub exactly once. `welkom sync` sends through a proxy that holds
//! each request a moment, so the kill lands while batches are on their way.

#[allow(dead_code)]
#[path = "../crates/hub/tests/common/proxy.rs"]
mod proxy;

#[allow(dead_code)]
#[path = "../crates/sync/tests/common/mod.rs"]
mod kiosk_store;

use proxy::{Mode, Proxy};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use welkom_hub::BackgroundHub;
use welkom_store::Store;

#[test]
fn the_kiosk_killed_mid_send_and_restarted_doubles_and_loses_nothing() {
    let hub_dir = tempfile::tempdir().unwrap();
    let hub = BackgroundHub::start(&format!(
        "sqlite:{}",
        hub_dir.path().join("hub.sqlite").display()
    ))
    .unwrap();
    let (location, device) = hub.location_with_device("De Boomhut").unwrap();
    let proxy = Proxy::start(hub.address);

    let kiosk = tempfile::tempdir().unwrap();
    std::fs::write(
        kiosk.path().join("welkom.toml"),
        format!(
            "[upstream]\nurl = \"{}\"\ntoken = \"{}\"\n",
            proxy.url, device.token
        ),
    )
    .unwrap();
    drop(kiosk_store::kiosk(kiosk.path(), 1000));

    let at_hub = || {
        hub.runtime
            .block_on(hub.db.ratings(&location.id))
            .unwrap()
            .len()
    };
    let sync = || {
        Command::new(env!("CARGO_BIN_EXE_welkom"))
            .arg("sync")
            .env("WELKOM_DATA_DIR", kiosk.path())
            .env("WELKOM_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    proxy.set(Mode::Slow(Duration::from_millis(300)));
    let mut first = sync();
    let started = Instant::now();
    while at_hub() == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "nothing arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let before = at_hub();
    assert!(before < 1000, "killed before the end ({before} ratings in)");

    proxy.set(Mode::Pass);
    let status = sync().wait().unwrap();
    assert!(status.success());
    assert_eq!(at_hub(), 1000, "every rating exactly once");
    let store = Store::open(&kiosk.path().join("welkom.sqlite")).unwrap();
    assert_eq!(store.outbox_summary().unwrap().waiting, 0);
}
