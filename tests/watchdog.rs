//! systemd's watchdog: the real kiosk in a virtual display, with `NOTIFY_SOCKET`
//! pointing at a socket this test binds and `WATCHDOG_USEC` set, says `READY=1` and
//! then `WATCHDOG=1` while frames are drawn (also when nobody touches it), and stops
//! pinging while its frame loop is stalled (the debug build's
//! `WELKOM_TEST_STALL_FILE` makes the frame loop sleep while that file exists), and
//! pings again once it runs.
//!
//! Needs Xvfb (`.ci/run` installs it), so it is ignored by a plain `cargo test`; run
//! it with `cargo test --test watchdog -- --include-ignored`.

mod common;

use common::display;
use std::os::unix::net::UnixDatagram;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The messages that arrive within `within`.
fn collect(socket: &UnixDatagram, within: Duration) -> Vec<String> {
    let end = Instant::now() + within;
    let mut out = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return out;
        }
        socket.set_read_timeout(Some(left)).unwrap();
        match socket.recv(&mut buf) {
            Ok(n) => out.push(String::from_utf8_lossy(&buf[..n]).into_owned()),
            Err(_) => return out,
        }
    }
}

fn pings(messages: &[String]) -> usize {
    messages.iter().filter(|m| *m == "WATCHDOG=1").count()
}

#[test]
#[ignore = "needs Xvfb: apt-get install xvfb"]
fn the_frame_loop_feeds_the_watchdog_and_a_stalled_loop_does_not() {
    display::need("Xvfb", "watchdog test", "xvfb");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let socket_path = dir.path().join("notify");
    let socket = UnixDatagram::bind(&socket_path).unwrap();
    let stall = dir.path().join("stall");

    let (display, mut running) = display::start_xvfb();
    running.0.push(
        Command::new(env!("CARGO_BIN_EXE_welkom"))
            .args(["--data-dir", data.to_str().unwrap(), "--windowed"])
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("NOTIFY_SOCKET", &socket_path)
            // 600 ms: a ping at most every 300 ms.
            .env("WATCHDOG_USEC", "600000")
            .env_remove("WATCHDOG_PID")
            .env("WELKOM_TEST_STALL_FILE", &stall)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("kiosk.log")).unwrap())
            .spawn()
            .unwrap(),
    );
    let log = || std::fs::read_to_string(dir.path().join("kiosk.log")).unwrap_or_default();

    // Ready after the first frame.
    socket
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buf = [0u8; 256];
    let first = match socket.recv(&mut buf) {
        Ok(n) => String::from_utf8_lossy(&buf[..n]).into_owned(),
        Err(_) => String::new(),
    };
    assert!(
        first == "READY=1",
        "expected READY=1 first, got {first:?}; log:\n{}",
        log()
    );
    // Nobody touches the kiosk: the frame loop still runs for the watchdog.
    let running_loop = collect(&socket, Duration::from_secs(3));
    let count = pings(&running_loop);
    assert!(
        (5..=14).contains(&count),
        "expected a ping about every 300 ms from an idle kiosk in 3 s, got {count}: {running_loop:?}"
    );

    // Stall the frame loop: a frame already under way may still ping once.
    std::fs::write(&stall, b"").unwrap();
    collect(&socket, Duration::from_millis(700));
    let stalled = collect(&socket, Duration::from_secs(2));
    assert_eq!(
        pings(&stalled),
        0,
        "a stalled frame loop must not ping: {stalled:?}"
    );

    // Running again: pinging again.
    std::fs::remove_file(&stall).unwrap();
    let again = collect(&socket, Duration::from_secs(2));
    assert!(
        pings(&again) >= 2,
        "the frame loop runs again but does not ping: {again:?}"
    );
}
