//! A virtual display for the tests that run the real kiosk binary (end-to-end,
//! watchdog): Xvfb started on a display of the test's own, and every process the
//! test starts killed when it ends, however it ends.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

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

/// Starts Xvfb at 1280×800 on a display it finds free itself (`-displayfd`: a fixed
/// number met another X server now and then, another test's or a person's), and
/// waits until it is ready; the display's name and the running server.
pub fn start_xvfb() -> (String, Killed) {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut number = String::new();
    let stdout = xvfb.stdout.take().expect("Xvfb's standard output");
    BufReader::new(stdout)
        .read_line(&mut number)
        .expect("Xvfb says its display number when it is ready");
    assert!(
        !number.trim().is_empty(),
        "Xvfb did not start (no display number)"
    );
    (format!(":{}", number.trim()), Killed(vec![xvfb]))
}
