//! (b) CPU time per frame of the greeting/rating screen and the thank-you screen with
//! a 500-family roster: egui layout plus tessellation, measured as this thread's CPU
//! time.
//!
//! Run: `cargo bench --bench frame_cpu`

mod common;

use std::time::Duration;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::kiosk::{Action, Screen};

const FRAMES: usize = 600;

fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

fn frames(ctx: &egui::Context, app: &mut WelkomApp, size: egui::Vec2) -> Vec<f64> {
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    // Warm up: fonts, galley caches.
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let mut samples = Vec::with_capacity(FRAMES);
    for _ in 0..FRAMES {
        let started = thread_cpu_ms();
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        samples.push(thread_cpu_ms() - started);
    }
    samples.sort_by(f64::total_cmp);
    samples
}

fn main() {
    let dir = common::scratch("frame");
    let clock = ManualClock::new("2026-03-02T07:00:00Z".parse().unwrap());
    let mut app = common::app(dir.path(), 500, &clock);
    for (w, h) in [(1280.0, 800.0), (1920.0, 1080.0)] {
        let ctx = egui::Context::default();
        let size = egui::vec2(w, h);
        for d in common::pin(3).chars() {
            app.kiosk.handle(Action::Digit(d));
        }
        app.kiosk.handle(Action::SubmitPin);
        assert!(matches!(app.kiosk.screen(), Screen::Rate(_)));
        let rate = frames(&ctx, &mut app, size);
        app.kiosk.handle(Action::Rate(1));
        let thanks = frames(&ctx, &mut app, size);
        clock.advance(Duration::from_secs(30));
        app.kiosk.tick();
        let welcome = frames(&ctx, &mut app, size);
        for (name, s) in [
            ("greeting+rating", &rate),
            ("thank-you+reasons", &thanks),
            ("welcome", &welcome),
        ] {
            println!(
                "{name:18} {w}x{h}: CPU per frame p50 {:.3} ms, p99 {:.3} ms ({FRAMES} frames)",
                common::percentile(s, 50.0),
                common::percentile(s, 99.0)
            );
        }
    }
}
