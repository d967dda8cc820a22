//! systemd's watchdog, fed from the frame loop.
//!
//! Under `welkom-kiosk.service` systemd sets `NOTIFY_SOCKET` and `WATCHDOG_USEC` in the
//! environment of `cage`, which hands them on to the kiosk. The kiosk sends `READY=1`
//! once its first frame is drawn and `WATCHDOG=1` from the frame loop, at most every
//! `WATCHDOG_USEC / 2`. Because the pings come from the frame loop itself (never from
//! another thread), a frozen frame loop stops them and systemd restarts the session.
//!
//! `WATCHDOG_PID` names the process systemd started: `cage`, the kiosk's parent. A
//! ping is only sent when that variable is unset, names this process or names its
//! parent (the unit's `NotifyAccess=all` lets systemd accept it).

use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The watchdog of the service the kiosk runs in, if any.
#[derive(Debug)]
pub struct Watchdog {
    socket: UnixDatagram,
    target: Target,
    /// `WATCHDOG_USEC / 2`, or `None` when only readiness is reported.
    every: Option<Duration>,
    last_ping: Option<Instant>,
    ready_sent: bool,
}

/// Where the notifications go.
#[derive(Debug)]
enum Target {
    /// A socket file.
    Path(PathBuf),
    /// A socket in Linux's abstract namespace (`@name`).
    Abstract(Vec<u8>),
}

impl Watchdog {
    /// The watchdog described by the environment, or `None` when the kiosk does not
    /// run under systemd (no `NOTIFY_SOCKET`).
    pub fn from_env() -> Option<Self> {
        let socket_name = std::env::var_os("NOTIFY_SOCKET")?;
        let usec = std::env::var("WATCHDOG_USEC").ok();
        let pid = std::env::var("WATCHDOG_PID").ok();
        Self::new(socket_name.into(), usec.as_deref(), pid.as_deref())
    }

    fn new(socket_name: PathBuf, usec: Option<&str>, pid: Option<&str>) -> Option<Self> {
        use std::os::unix::ffi::OsStrExt;
        let bytes = socket_name.as_os_str().as_bytes();
        let target = match bytes.first() {
            Some(b'@') => Target::Abstract(bytes[1..].to_vec()),
            Some(b'/') => Target::Path(socket_name.clone()),
            _ => {
                tracing::warn!("NOTIFY_SOCKET is neither a path nor @name; no watchdog");
                return None;
            }
        };
        let ours = match pid.map(str::parse::<u32>) {
            None => true,
            Some(Ok(pid)) => {
                pid == std::process::id() || pid == std::os::unix::process::parent_id()
            }
            Some(Err(_)) => false,
        };
        let every = usec
            .and_then(|u| u.parse::<u64>().ok())
            .filter(|&u| u > 0 && ours)
            .map(|u| Duration::from_micros(u / 2));
        let socket = match UnixDatagram::unbound() {
            Ok(socket) => socket,
            Err(e) => {
                tracing::warn!("cannot open a socket for systemd's notifications: {e}");
                return None;
            }
        };
        Some(Self {
            socket,
            target,
            every,
            last_ping: None,
            ready_sent: false,
        })
    }

    /// How often the frame loop must run for the watchdog: a kiosk idle for hours
    /// asks for a repaint this often, and no more.
    pub fn interval(&self) -> Option<Duration> {
        self.every
    }

    /// Called once per drawn frame: `READY=1` after the first, then `WATCHDOG=1`
    /// whenever half the watchdog's time has passed since the last ping.
    pub fn frame_drawn(&mut self, now: Instant) {
        if !self.ready_sent {
            self.ready_sent = self.send(b"READY=1");
        }
        let Some(every) = self.every else { return };
        if self
            .last_ping
            .is_none_or(|last| now.duration_since(last) >= every)
        {
            // A failed ping is retried on the next frame.
            if self.send(b"WATCHDOG=1") {
                self.last_ping = Some(now);
            }
        }
    }

    fn send(&self, message: &[u8]) -> bool {
        let sent = match &self.target {
            Target::Path(path) => self.socket.send_to(message, path),
            Target::Abstract(name) => {
                use std::os::linux::net::SocketAddrExt;
                std::os::unix::net::SocketAddr::from_abstract_name(name)
                    .and_then(|addr| self.socket.send_to_addr(message, &addr))
            }
        };
        match sent {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!("cannot notify systemd: {e}");
                false
            }
        }
    }
}

/// A way for the watchdog test to stall the frame loop honestly: while the file named
/// in `WELKOM_TEST_STALL_FILE` exists, the frame loop sleeps instead of drawing. Only
/// in debug builds (as `cargo test` builds the binary); a packaged release build has
/// no such hook.
#[cfg(debug_assertions)]
pub fn stall_for_test() {
    if let Some(file) = std::env::var_os("WELKOM_TEST_STALL_FILE") {
        while std::path::Path::new(&file).exists() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Release builds never stall.
#[cfg(not(debug_assertions))]
pub fn stall_for_test() {}

#[cfg(test)]
mod tests {
    use super::*;

    fn listener() -> (tempfile::TempDir, PathBuf, UnixDatagram) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let socket = UnixDatagram::bind(&path).unwrap();
        socket.set_nonblocking(true).unwrap();
        (dir, path, socket)
    }

    fn received(socket: &UnixDatagram) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = [0u8; 64];
        while let Ok(n) = socket.recv(&mut buf) {
            out.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
        out
    }

    #[test]
    fn ready_once_then_pings_at_most_every_half_period() {
        let (_dir, path, socket) = listener();
        let mut dog = Watchdog::new(path, Some("2000000"), None).unwrap();
        assert_eq!(dog.interval(), Some(Duration::from_secs(1)));
        let t0 = Instant::now();
        dog.frame_drawn(t0);
        dog.frame_drawn(t0 + Duration::from_millis(500));
        dog.frame_drawn(t0 + Duration::from_millis(1000));
        assert_eq!(received(&socket), ["READY=1", "WATCHDOG=1", "WATCHDOG=1"]);
    }

    #[test]
    fn another_process_watchdog_is_not_fed() {
        let (_dir, path, socket) = listener();
        let mut dog = Watchdog::new(path, Some("2000000"), Some("1")).unwrap();
        assert_eq!(dog.interval(), None);
        dog.frame_drawn(Instant::now());
        assert_eq!(received(&socket), ["READY=1"]);
    }

    #[test]
    fn a_parent_watchdog_is_fed() {
        let (_dir, path, _socket) = listener();
        let parent = std::os::unix::process::parent_id().to_string();
        let dog = Watchdog::new(path, Some("4000000"), Some(&parent)).unwrap();
        assert_eq!(dog.interval(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn a_relative_socket_name_is_refused() {
        assert!(Watchdog::new("notify".into(), Some("1"), None).is_none());
    }
}
