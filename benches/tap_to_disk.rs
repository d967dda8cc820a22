//! (a) Tap to committed rating: the time `Kiosk::handle(Action::Rate)` takes, which
//! includes the durable commit (WAL, `synchronous=FULL`, on a file on disk).
//!
//! Run: `cargo bench --bench tap_to_disk`

mod common;

use std::time::{Duration, Instant};
use welkom::clock::ManualClock;
use welkom::kiosk::{Action, Screen};

const TAPS: usize = 2000;
const FAMILIES: usize = 500;

fn main() {
    let dir = common::scratch("tap");
    let clock = ManualClock::new("2026-03-02T07:00:00Z".parse().unwrap());
    let mut app = common::app(dir.path(), FAMILIES, &clock);
    let kiosk = &mut app.kiosk;
    let mut samples = Vec::with_capacity(TAPS);
    for i in 0..TAPS {
        for d in common::pin(i % FAMILIES).chars() {
            kiosk.handle(Action::Digit(d));
        }
        kiosk.handle(Action::SubmitPin);
        assert!(matches!(kiosk.screen(), Screen::Rate(_)), "identified");
        let score = 1 + (i % 4) as u8;
        let started = Instant::now();
        kiosk.handle(Action::Rate(score));
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(matches!(kiosk.screen(), Screen::ThankYou(_)), "stored");
        clock.advance(Duration::from_secs(2));
        kiosk.handle(Action::Done);
    }
    samples.sort_by(f64::total_cmp);
    println!(
        "tap to committed rating ({TAPS} taps, {FAMILIES} families, synchronous=FULL on {}): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        dir.path().display(),
        common::percentile(&samples, 50.0),
        common::percentile(&samples, 99.0),
        samples[samples.len() - 1],
    );
}
