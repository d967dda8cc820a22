//! (b) CPU time per frame of the greeting/rating screen and the thank-you screen with
//! a 500-family roster, and (e) of the staff views (Today, Trend, follow-ups) after a
//! busy morning: egui layout plus tessellation, measured as this thread's CPU time.
//!
//! Each app draws into one egui context for its whole life, as the kiosk does, so
//! every row is drawn with the kiosk's own fonts (installed on the app's first frame)
//! and its colours; each row checks that the fonts are in place.
//!
//! Run: `cargo bench --bench frame_cpu`

mod common;

use std::time::Duration;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::kiosk::{Action, Screen, StaffView};
use welkom_store::StaffRole;

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
    let kiosk_fonts = ctx.fonts(|f| f.definitions().font_data.contains_key("dejavu"));
    assert!(
        kiosk_fonts,
        "the frames were drawn without the kiosk's fonts"
    );
    samples.sort_by(f64::total_cmp);
    samples
}

/// A busy morning: `visits` families drop off two minutes apart from 07:00, six
/// groups, most rate (some low, with a reason and now and then a talk request).
fn busy_morning(app: &mut WelkomApp, clock: &ManualClock, visits: usize) {
    for i in 0..visits {
        for d in common::pin(i).chars() {
            app.kiosk.handle(Action::Digit(d));
        }
        app.kiosk.handle(Action::SubmitPin);
        assert!(matches!(app.kiosk.screen(), Screen::Rate(_)));
        if i % 10 != 9 {
            let score = [4, 4, 3, 4, 2, 4, 3, 1, 4, 3][i % 10];
            app.kiosk.handle(Action::Rate(score));
            if score <= 2 {
                clock.advance(Duration::from_secs(2));
                app.kiosk.handle(Action::ToggleReason("handover".into()));
                if i % 3 == 0 {
                    app.kiosk.handle(Action::ToggleTalk);
                }
            }
            clock.advance(Duration::from_secs(2));
            app.kiosk.handle(Action::Done);
        } else {
            app.kiosk.handle(Action::Skip);
        }
        clock.advance(Duration::from_secs(116));
        app.kiosk.tick();
    }
}

/// Opens staff mode with a staff member's PIN (checked on its own thread).
fn open_staff_mode(app: &mut WelkomApp, pin: &str) {
    app.kiosk.handle(Action::OpenStaff);
    for d in pin.chars() {
        app.kiosk.handle(Action::Digit(d));
    }
    app.kiosk.handle(Action::SubmitPin);
    while app.kiosk.staff_checking() {
        std::thread::sleep(Duration::from_millis(5));
        app.kiosk.tick();
    }
    assert!(matches!(app.kiosk.screen(), Screen::Staff(_)));
}

fn staff_views(clock: &ManualClock) {
    let dir = common::scratch("frame-staff");
    let mut app = common::app(dir.path(), 200, clock);
    busy_morning(&mut app, clock, 200);
    let now = app.kiosk.now();
    app.kiosk
        .store
        .add_staff("Marieke", StaffRole::Staff, "280461", now)
        .unwrap();
    open_staff_mode(&mut app, "280461");
    let ctx = egui::Context::default();
    for (w, h) in [(1280.0, 800.0), (1920.0, 1080.0)] {
        for view in [StaffView::Today, StaffView::Trend, StaffView::FollowUp] {
            app.kiosk.handle(Action::ShowStaffView(view));
            let samples = frames(&ctx, &mut app, egui::vec2(w, h));
            println!(
                "staff {:10} {w}x{h}: CPU per frame p50 {:.3} ms, p99 {:.3} ms ({FRAMES} frames)",
                format!("{view:?}"),
                common::percentile(&samples, 50.0),
                common::percentile(&samples, 99.0)
            );
        }
    }
}

fn main() {
    let dir = common::scratch("frame");
    let clock = ManualClock::new("2026-03-02T07:00:00Z".parse().unwrap());
    let mut app = common::app(dir.path(), 500, &clock);
    let ctx = egui::Context::default();
    for (w, h) in [(1280.0, 800.0), (1920.0, 1080.0)] {
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
    let morning = ManualClock::new("2026-03-03T06:00:00Z".parse().unwrap());
    staff_views(&morning);
}
