//! The kiosk's font atlas stays small: drawn as eframe draws it (the driver's texture
//! limit in the raw input, passed through the app's input hook), the welcome screen
//! and a greeting fit an atlas no wider than `font_atlas::MAX_SIDE`, where egui alone
//! would make it as wide as the driver allows (16,384 pixels under Mesa).

use egui::{Pos2, RawInput, Rect, Vec2, vec2};
use std::sync::Arc;
use welkom::app::WelkomApp;
use welkom::clock::ManualClock;
use welkom::commands::build_app;
use welkom::font_atlas::MAX_SIDE;
use welkom::kiosk::{Action, Screen};

/// Mesa's software OpenGL's largest texture.
const DRIVER_LIMIT: usize = 16_384;

fn frame(ctx: &egui::Context, app: &mut WelkomApp, size: Vec2) {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        max_texture_side: Some(DRIVER_LIMIT),
        ..Default::default()
    };
    eframe::App::raw_input_hook(app, ctx, &mut raw);
    let mut output = ctx.run_ui(raw, |ui| app.show(ui));
    // Tessellating is where the glyphs' bitmaps are made at the latest.
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    // No painter here: the texture uploads are dropped.
    output.textures_delta.clear();
}

fn demo_app(dir: &std::path::Path) -> WelkomApp {
    let clock = ManualClock::new("2026-03-02T07:15:00Z".parse().unwrap());
    build_app(dir, true, Arc::new(clock)).unwrap()
}

#[test]
fn the_welcome_screen_and_a_greeting_fit_a_small_atlas() {
    for size in [
        vec2(1280.0, 800.0),
        vec2(1920.0, 1080.0),
        vec2(1024.0, 600.0),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = demo_app(dir.path());
        let ctx = egui::Context::default();
        for _ in 0..3 {
            frame(&ctx, &mut app, size);
        }
        assert!(matches!(app.kiosk.screen(), Screen::Welcome(_)));
        let [w, h] = ctx.fonts(|f| f.font_image_size());
        assert!(w <= MAX_SIDE, "{size:?}: the atlas is {w} wide");
        // 2048 × 512 RGBA pixels: 4 MB, where egui alone made 16,384 × 128 (8 MB).
        assert!(h <= 512, "{size:?}: the atlas is {w}×{h}");

        // Sanne (demo PIN 4826) is greeted: more glyphs, still in the same atlas.
        for digit in "4826".chars() {
            app.kiosk.handle(Action::Digit(digit));
        }
        app.kiosk.handle(Action::SubmitPin);
        for _ in 0..3 {
            frame(&ctx, &mut app, size);
        }
        assert!(matches!(app.kiosk.screen(), Screen::Rate(_)), "greeted");
        let [w, h] = ctx.fonts(|f| f.font_image_size());
        assert!(w <= MAX_SIDE && h <= 1024, "{size:?}: the atlas is {w}×{h}");
    }
}
