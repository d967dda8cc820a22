//! A virtual display for the tests that run the real kiosk binary (end-to-end,
//! watchdog): Xvfb started on a display of the test's own, and every process the
//! test starts killed when it ends, however it ends.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Processes killed (last started first) when dropped.
pub struct Killed(pub Vec<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        for child in self.0.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Fails with the install hint when `tool` is not on the path.
pub fn need(tool: &str, test: &str, install: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "the {test} needs `{tool}`: apt-get install {install}"
    );
}

/// Starts Xvfb at 1280×800 on display `:{base + pid % 20}` (so two test binaries
/// running at once do not meet); the display's name and the running server.
pub fn start_xvfb(base: u32) -> (String, Killed) {
    let display = format!(":{}", base + std::process::id() % 20);
    let xvfb = Command::new("Xvfb")
        .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    (display, Killed(vec![xvfb]))
}
