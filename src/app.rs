//! The kiosk's window: reads the keyboard (PIN digits, badge bursts), applies the
//! guardian's actions to the [`Kiosk`], draws the current screen, and asks for a
//! repaint only when something on screen will change.

use crate::i18n::Texts;
use crate::kiosk::{Action, BurstDetector, Kiosk, Screen};
use crate::screens::staff::StaffUi;
use crate::screens::{self, View};
use crate::setup::{Setup, SetupAction};
use crate::theme::{self, Metrics};
use egui::{Event, Key, Ui};
use std::time::Duration;
use welkom_core::GuardianId;

/// The kiosk application.
pub struct WelkomApp {
    /// The flow and its store.
    pub kiosk: Kiosk,
    texts: Texts,
    badge: BurstDetector,
    names: Option<Vec<(GuardianId, String)>>,
    staff_ui: StaffUi,
    close_sent: bool,
    fonts_installed: bool,
    visuals_of: Option<egui::Color32>,
    setup: Option<Setup>,
    setup_checked: bool,
    setup_allowed: bool,
}

impl WelkomApp {
    /// An app around a kiosk.
    pub fn new(kiosk: Kiosk, texts: Texts) -> Self {
        Self {
            kiosk,
            texts,
            badge: BurstDetector::default(),
            names: None,
            staff_ui: StaffUi::default(),
            close_sent: false,
            fonts_installed: false,
            visuals_of: None,
            setup: None,
            setup_checked: false,
            setup_allowed: true,
        }
    }

    /// Whether the first start's set-up may open (not for the demo).
    pub fn allow_setup(&mut self, allowed: bool) {
        self.setup_allowed = allowed;
    }

    /// The first start's set-up, while it is shown.
    pub fn setup(&self) -> Option<&Setup> {
        self.setup.as_ref()
    }

    /// Installs the kiosk's fonts and lets the kiosk's threads wake the screen, once.
    /// Called before the first frame where the window is made, so that frame is drawn
    /// in the kiosk's fonts already; otherwise on the first frame.
    pub fn prepare(&mut self, ctx: &egui::Context) {
        if !self.fonts_installed {
            theme::install_fonts(ctx);
            self.fonts_installed = true;
            let waker = ctx.clone();
            self.kiosk
                .set_waker(std::sync::Arc::new(move || waker.request_repaint()));
        }
    }

    /// One frame: input, timeouts, drawing.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.prepare(&ctx);
        if !self.setup_checked {
            // Decided on the first frame: whatever was stored before it counts.
            self.setup_checked = true;
            self.open_setup_if_needed(&ctx);
        }
        if self.setup.is_some() {
            self.show_setup(ui);
            return;
        }
        let mut actions = self.keyboard_actions(ui);
        let was_dark = self.kiosk.is_dark();
        if ui.input(|i| i.pointer.any_pressed() || i.smooth_scroll_delta != egui::Vec2::ZERO)
            || (was_dark && !actions.is_empty())
        {
            self.kiosk.touched();
        }
        self.kiosk.tick();
        if self.kiosk.is_dark() || (was_dark && actions.is_empty()) {
            // Outside opening hours: black, with nothing on it; the touch that wakes
            // it lands on no button, and the next frame shows the welcome screen.
            egui::Frame::new()
                .fill(egui::Color32::BLACK)
                .show(ui, |ui| ui.set_min_size(ui.available_size()));
            if was_dark && !self.kiosk.is_dark() {
                ctx.request_repaint();
            } else {
                ctx.request_repaint_after(self.next_change());
            }
            return;
        }

        let palette = if self.kiosk.is_open() {
            theme::DAY
        } else {
            theme::NIGHT
        };
        if self.visuals_of != Some(palette.background) {
            ctx.set_visuals(theme::visuals_for(&palette));
            self.visuals_of = Some(palette.background);
        }
        let metrics = Metrics::for_size(ui.available_size());
        let frame = egui::Frame::new()
            .fill(palette.background)
            .inner_margin(metrics.px(24.0));
        if matches!(self.kiosk.screen(), Screen::Names) && self.names.is_none() {
            self.names = Some(self.load_names());
        }
        frame.show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            let view = View {
                kiosk: &self.kiosk,
                texts: &self.texts,
                metrics,
                palette,
            };
            match self.kiosk.screen() {
                Screen::Welcome(w) => screens::welcome::show(ui, &view, w, &mut actions),
                Screen::Names => {
                    let names = self.names.as_deref().unwrap_or_default();
                    screens::names::show(ui, &view, names, &mut actions)
                }
                Screen::Rate(v) => screens::rate::show(ui, &view, v, &mut actions),
                Screen::ThankYou(t) => screens::thank_you::show(ui, &view, t, &mut actions),
                Screen::StaffPin(pad) => {
                    screens::staff::pin_pad::show(ui, &view, pad, &mut actions)
                }
                Screen::Staff(session) => {
                    screens::staff::show(ui, &view, session, &mut self.staff_ui, &mut actions)
                }
            }
        });

        let had_actions = !actions.is_empty();
        for action in actions {
            self.kiosk.handle(action);
        }
        if !matches!(self.kiosk.screen(), Screen::Names) {
            self.names = None;
        }
        if !matches!(self.kiosk.screen(), Screen::Staff(_)) {
            self.staff_ui = StaffUi::default();
        }
        if self.kiosk.exit_requested() && !self.close_sent {
            self.close_sent = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if had_actions {
            ctx.request_repaint();
        } else {
            ctx.request_repaint_after(self.next_change());
        }
    }

    fn open_setup_if_needed(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.kiosk.data_dir().map(std::path::Path::to_owned) else {
            return;
        };
        if self.setup_allowed && crate::setup::progress::needed(&self.kiosk, &dir) {
            tracing::info!("first start: the set-up opens");
            let mut setup = Setup::new(&self.kiosk, &dir);
            let waker = ctx.clone();
            setup.set_waker(std::sync::Arc::new(move || waker.request_repaint()));
            self.setup = Some(setup);
        }
    }

    /// One frame of the first start's set-up, in the day's colours.
    fn show_setup(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let Some(setup) = &mut self.setup else {
            return;
        };
        let palette = theme::DAY;
        if self.visuals_of != Some(palette.background) {
            ctx.set_visuals(theme::visuals_for(&palette));
            self.visuals_of = Some(palette.background);
        }
        let mut actions = setup_keyboard_actions(ui);
        setup.tick(&mut self.kiosk);
        let metrics = Metrics::for_size(ui.available_size());
        egui::Frame::new()
            .fill(palette.background)
            .inner_margin(metrics.px(16.0))
            .show(ui, |ui| {
                ui.set_min_size(ui.available_size());
                let view = View {
                    kiosk: &self.kiosk,
                    texts: &self.texts,
                    metrics,
                    palette,
                };
                screens::setup::show(ui, &view, setup, &mut actions);
            });
        let had_actions = !actions.is_empty();
        for action in actions {
            setup.handle(action, &mut self.kiosk);
        }
        if setup.finished {
            self.setup = None;
            match Texts::load(&self.kiosk.config.location.language) {
                Ok(texts) => self.texts = texts,
                Err(e) => tracing::error!(error = %e, "reloading the translations failed"),
            }
            self.kiosk.touched();
            ctx.request_repaint();
        } else if had_actions {
            ctx.request_repaint();
        } else if setup.cooldown(self.kiosk.now()).is_some() {
            // The wait counts down by the second.
            ctx.request_repaint_after(Duration::from_secs(1));
        }
    }

    /// How long until the screen changes by itself: the next minute of the clock, a
    /// countdown's next second, a timeout.
    fn next_change(&self) -> Duration {
        let now = self.kiosk.now();
        let local = self.kiosk.local_now();
        let to_next_minute = Duration::from_millis(
            (60_000 - (local.second() as u64 * 1000 + local.millisecond() as u64)).max(1),
        );
        let mut wait = to_next_minute;
        if self.kiosk.cooldown().is_some() || self.kiosk.staff_cooldown().is_some() {
            wait = wait.min(Duration::from_millis(1000 - local.millisecond() as u64));
        }
        if let Some(at) = self.kiosk.returns_at() {
            let ms = at.duration_since(now).as_millis().max(0) as u64;
            wait = wait.min(Duration::from_millis(ms + 5));
        }
        if let Some(at) = self.kiosk.dark_at() {
            let ms = at.duration_since(now).as_millis().max(0) as u64;
            wait = wait.min(Duration::from_millis(ms + 5));
        }
        if self.kiosk.in_tap_guard() {
            wait = wait.min(Duration::from_millis(u64::from(
                self.kiosk.config.timeouts.tap_guard_ms,
            )));
        }
        wait
    }

    fn load_names(&self) -> Vec<(GuardianId, String)> {
        let names = self.kiosk.store.guardian_first_names().unwrap_or_default();
        // Two guardians with the same first name each get a number, never a last name
        // of another family.
        let mut seen = std::collections::HashMap::<String, usize>::new();
        for (_, name) in &names {
            *seen.entry(name.clone()).or_default() += 1;
        }
        let mut counter = std::collections::HashMap::<String, usize>::new();
        names
            .into_iter()
            .map(|(id, name)| {
                if seen.get(&name).copied().unwrap_or(0) > 1 {
                    let n = counter.entry(name.clone()).or_default();
                    *n += 1;
                    let label = format!("{name} ({n})");
                    (id, label)
                } else {
                    (id, name)
                }
            })
            .collect()
    }

    /// Hardware keys: digits and Enter for the PIN, Backspace to erase, and a badge
    /// reader's burst on any screen.
    fn keyboard_actions(&mut self, ui: &Ui) -> Vec<Action> {
        let now = self.kiosk.now();
        let focused = ui.ctx().memory(|m| m.focused().is_some());
        let events = ui.input(|i| i.events.clone());
        let mut actions = Vec::new();
        let mut typed_digits = Vec::new();
        for event in events {
            match event {
                Event::Text(text) => {
                    for c in text.chars() {
                        self.badge.on_char(c, now);
                        if c.is_ascii_digit() {
                            typed_digits.push(Action::Digit(c));
                        }
                    }
                }
                Event::Key {
                    key: Key::Enter,
                    pressed: true,
                    ..
                } => {
                    if let Some(code) = self.badge.on_enter(now) {
                        // The digits were the reader's, not a person's.
                        typed_digits.clear();
                        actions.push(Action::Badge(code));
                    } else {
                        actions.append(&mut typed_digits);
                        if !focused {
                            actions.push(Action::SubmitPin);
                        }
                    }
                }
                Event::Key {
                    key: Key::Backspace,
                    pressed: true,
                    ..
                } => {
                    actions.append(&mut typed_digits);
                    actions.push(Action::Erase);
                }
                _ => {}
            }
        }
        actions.append(&mut typed_digits);
        actions
    }
}

/// A hardware keyboard during the set-up (an installer may plug one in): characters
/// into the field, Backspace erases, Enter goes on.
fn setup_keyboard_actions(ui: &Ui) -> Vec<SetupAction> {
    let mut actions = Vec::new();
    for event in ui.input(|i| i.events.clone()) {
        match event {
            Event::Text(text) => actions.extend(text.chars().map(SetupAction::Type)),
            Event::Key {
                key: Key::Backspace,
                pressed: true,
                ..
            } => actions.push(SetupAction::Erase),
            Event::Key {
                key: Key::Enter,
                pressed: true,
                ..
            } => actions.push(SetupAction::Next),
            _ => {}
        }
    }
    actions
}

impl eframe::App for WelkomApp {
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        crate::font_atlas::cap_texture_side(raw_input);
    }

    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        // A badge reader's characters typed during a slow frame arrive late together.
        if let Some(busy_secs) = frame.info().cpu_usage {
            self.badge
                .set_frame_slack((busy_secs * 1000.0).round() as i64);
        }
        self.show(ui);
    }
}
