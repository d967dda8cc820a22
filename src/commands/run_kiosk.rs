//! Running the kiosk: full-screen without decorations, or windowed for development.

use crate::app::WelkomApp;
use crate::clock::{Clock, SystemClock};
use crate::i18n::Texts;
use crate::kiosk::Kiosk;
use crate::{config, demo};
use anyhow::Context;
use std::path::Path;
use std::sync::Arc;

/// Where USB sticks are mounted, when not in the usual places (a `:`-separated list
/// of folders, like `PATH`).
pub const MEDIA_ROOTS_VARIABLE: &str = "WELKOM_MEDIA_ROOTS";

/// Builds the app for a data directory: configuration, store, translations. With
/// `demo`, the demo location is (re)written there first.
pub fn build_app(data_dir: &Path, demo: bool, clock: Arc<dyn Clock>) -> anyhow::Result<WelkomApp> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let config_file = super::config_path(data_dir);
    if demo {
        std::fs::write(&config_file, demo::CONFIG)
            .with_context(|| format!("cannot write {}", config_file.display()))?;
    } else if !config_file.exists() {
        // A new installation gets the annotated defaults to edit.
        std::fs::write(&config_file, config::DEFAULT_FILE)
            .with_context(|| format!("cannot write {}", config_file.display()))?;
    }
    let config = super::load_config(data_dir)?;
    let mut store = super::open_store(data_dir)?;
    if demo {
        demo::install(&mut store, config.location.time_zone.zone(), clock.now())?;
    }
    let texts = Texts::load(&config.location.language)?;
    let mut kiosk = Kiosk::new(config, store, clock);
    kiosk.set_data_dir(data_dir.to_owned());
    if let Some(roots) = std::env::var_os(MEDIA_ROOTS_VARIABLE) {
        kiosk.set_media_roots(std::env::split_paths(&roots).collect());
    }
    let mut app = WelkomApp::new(kiosk, texts);
    app.allow_setup(!demo);
    Ok(app)
}

/// Runs the kiosk until it is closed.
pub fn run_kiosk(data_dir: &Path, windowed: bool, demo: bool) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    // Before any thread starts: large buffers freed at start leave the process.
    crate::heap_tuning::keep_large_blocks_apart();
    let mut app = build_app(data_dir, demo, Arc::new(SystemClock))?;
    let _sync = crate::upstream::start(&mut app.kiosk);
    tracing::info!(
        data_dir = %data_dir.display(),
        demo,
        guardians = app.kiosk.store.active_guardian_count().unwrap_or(0),
        "starting the kiosk"
    );
    // Old links to guardians are dropped soon after the start and each night, on a
    // connection of its own.
    if let Err(e) = crate::retention::spawn_after(
        crate::retention::START_DELAY,
        app.kiosk.store.path().to_owned(),
        Some(super::config_path(data_dir)),
        app.kiosk.config.clone(),
        Arc::new(SystemClock),
    ) {
        tracing::error!(error = %e, "the retention thread could not start");
    }
    // An empty icon: eframe would otherwise decode its own PNG icon at start (a
    // megabyte kept for a window a kiosk never shows the frame of).
    let viewport = egui::ViewportBuilder::default()
        .with_title("Welkom")
        .with_icon(Arc::new(egui::IconData::default()));
    let viewport = if windowed {
        viewport.with_inner_size([1280.0, 800.0])
    } else {
        viewport.with_fullscreen(true).with_decorations(false)
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let mut first_frame = Some(started);
    eframe::run_native(
        "Welkom",
        options,
        Box::new(move |cc| {
            app.prepare(&cc.egui_ctx);
            Ok(Box::new(FirstFrameLogger {
                app,
                started: first_frame.take(),
                watchdog: crate::watchdog::Watchdog::from_env(),
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the kiosk window could not run: {e}"))
}

/// Logs the time from start to the first frame once, and feeds systemd's watchdog
/// from each frame (see [`crate::watchdog`]).
struct FirstFrameLogger {
    app: WelkomApp,
    started: Option<std::time::Instant>,
    watchdog: Option<crate::watchdog::Watchdog>,
}

impl eframe::App for FirstFrameLogger {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        eframe::App::raw_input_hook(&mut self.app, ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        crate::watchdog::stall_for_test();
        eframe::App::ui(&mut self.app, ui, frame);
        if let Some(watchdog) = &mut self.watchdog {
            watchdog.frame_drawn(std::time::Instant::now());
            if let Some(every) = watchdog.interval() {
                // An idle kiosk still draws a frame this often, and no more.
                ui.ctx().request_repaint_after(every);
            }
        }
        if let Some(started) = self.started.take() {
            tracing::info!(
                first_frame_ms = started.elapsed().as_millis() as u64,
                "first frame drawn"
            );
        }
    }
}
