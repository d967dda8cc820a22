//! Reading a virtual display as a person would: a screenshot, the words on it with
//! their centres (by OCR), and xdotool for the mouse and keys.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs xdotool on the display; what it printed.
pub fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Words on screen with their centres, read by OCR from a screenshot.
pub fn words_on_screen(display: &str, shot: &Path) -> Vec<(String, i32, i32)> {
    let status = Command::new("import")
        .args(["-window", "root", shot.to_str().unwrap()])
        .env("DISPLAY", display)
        .status()
        .unwrap();
    assert!(status.success(), "screenshot");
    let out = Command::new("tesseract")
        .args([shot.to_str().unwrap(), "-", "-l", "eng", "tsv"])
        .stderr(Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 12 || f[11].trim().is_empty() {
                return None;
            }
            let n = |i: usize| f[i].parse::<i32>().ok();
            Some((
                f[11].trim().to_owned(),
                n(6)? + n(8)? / 2,
                n(7)? + n(9)? / 2,
            ))
        })
        .collect()
}

/// Waits (30 s at most) until the word is on screen; its centre.
pub fn wait_for_word(display: &str, shot: &Path, word: &str) -> (i32, i32) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let words = words_on_screen(display, shot);
        if let Some((_, x, y)) = words
            .iter()
            .find(|(w, _, _)| w.trim_matches(|c: char| !c.is_alphanumeric()) == word)
        {
            return (*x, *y);
        }
        assert!(
            Instant::now() < deadline,
            "'{word}' did not appear; the screen showed: {:?}",
            words.iter().map(|w| &w.0).collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}
