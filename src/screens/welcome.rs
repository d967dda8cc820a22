//! The welcome screen: location name, clock, one instruction, the keypad. Never
//! another family's name.

use super::View;
use crate::bidi::Direction;
use crate::kiosk::{Action, Notice, Welcome};
use crate::widgets::key::{Look, big_button};
use crate::widgets::rtl_label::label;
use egui::{Align, Layout, RichText, Ui, vec2};
use fluent_bundle::FluentValue;

/// Draws the welcome screen.
pub fn show(ui: &mut Ui, view: &View<'_>, welcome: &Welcome, actions: &mut Vec<Action>) {
    let m = view.metrics;
    let id = &view.kiosk.config.identification;
    let full = ui.available_rect_before_wrap();
    if m.portrait || !id.pin {
        ui.vertical_centered(|ui| {
            ui.add_space(m.px(40.0));
            intro(ui, view, welcome, actions);
            if id.pin {
                ui.add_space(m.px(30.0));
                keypad(ui, view, welcome, actions);
            }
        });
    } else {
        let left_w = full.width() * 0.52;
        ui.horizontal(|ui| {
            ui.allocate_ui_with_layout(
                vec2(left_w, full.height()),
                Layout::top_down(Align::Center),
                |ui| {
                    ui.add_space(full.height() * 0.12);
                    intro(ui, view, welcome, actions);
                },
            );
            ui.allocate_ui_with_layout(
                vec2(full.width() - left_w, full.height()),
                Layout::top_down(Align::Center),
                |ui| {
                    ui.add_space(full.height() * 0.08);
                    keypad(ui, view, welcome, actions);
                },
            );
        });
    }
    staff_button(ui, view, full, actions);
}

/// The small, visible way into staff mode, bottom left, with the number of open
/// follow-ups (a number only: never a name on the welcome screen).
fn staff_button(ui: &mut Ui, view: &View<'_>, full: egui::Rect, actions: &mut Vec<Action>) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let lang = &view.kiosk.config.location.language;
    let open = view.kiosk.open_follow_ups();
    let text = if open > 0 {
        t.get(
            lang,
            "staff-button-open",
            &[("count", FluentValue::from(open))],
        )
    } else {
        t.plain(lang, "staff-button")
    };
    let size = vec2(
        m.touch(180.0).max(m.px(14.0) * text.chars().count() as f32),
        m.touch(56.0),
    );
    let rect = egui::Rect::from_min_size(egui::pos2(full.left(), full.bottom() - size.y), size);
    // A child that does not move the screen's own layout.
    let mut corner = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    if big_button(&mut corner, &text, size, 18.0, Look::Quiet, m, p).clicked() {
        actions.push(Action::OpenStaff);
    }
}

fn intro(ui: &mut Ui, view: &View<'_>, welcome: &Welcome, actions: &mut Vec<Action>) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let kiosk = view.kiosk;
    let lang = &kiosk.config.location.language;
    ui.label(
        RichText::new(&kiosk.config.location.name)
            .font(m.bold(40.0))
            .color(p.text),
    );
    let now = kiosk.local_now();
    ui.label(
        RichText::new(format!("{:02}:{:02}", now.hour(), now.minute()))
            .font(m.font(132.0))
            .color(p.accent),
    );
    let idn = &kiosk.config.identification;
    let key = match (idn.pin, idn.badge) {
        (true, true) => "welcome-instruction-pin-badge",
        (true, false) => "welcome-instruction-pin",
        (false, true) => "welcome-instruction-badge",
        (false, false) => "welcome-instruction-names",
    };
    ui.add_space(m.px(12.0));
    let dir = Direction::of_language(lang);
    label(ui, dir, t.plain(lang, key), m.font(34.0), p.text);
    ui.add_space(m.px(16.0));
    if let Some(left) = kiosk.cooldown() {
        let secs = left.as_secs().max(1);
        let time = format!("{}:{:02}", secs / 60, secs % 60);
        let text = t.get(lang, "code-cooldown", &[("time", FluentValue::from(time))]);
        label(ui, dir, text, m.bold(28.0), p.warning);
    } else if welcome.checking {
        label(
            ui,
            dir,
            t.plain(lang, "code-checking"),
            m.bold(30.0),
            p.muted,
        );
    } else if let Some(notice) = welcome.notice {
        let key = match notice {
            Notice::CodeNotRecognised => "code-not-recognised",
            Notice::BadgeNotRecognised => "badge-not-recognised",
            Notice::SaveFailed => "save-failed",
        };
        let notice_lang = welcome.notice_language.as_ref().unwrap_or(lang);
        let notice_dir = Direction::of_language(notice_lang);
        let text = t.plain(notice_lang, key);
        label(ui, notice_dir, text, m.bold(30.0), p.warning);
    }
    if !kiosk.is_open() {
        let hours = &kiosk.config.opening_hours;
        let text = t.get(
            lang,
            "welcome-closed",
            &[
                ("open", FluentValue::from(hours.open.to_string())),
                ("close", FluentValue::from(hours.close.to_string())),
            ],
        );
        ui.add_space(m.px(12.0));
        label(ui, dir, text, m.font(26.0), p.muted);
    }
    if idn.name_list {
        ui.add_space(m.px(24.0));
        let text = t.plain(lang, "welcome-names-button");
        if big_button(
            ui,
            &text,
            vec2(m.touch(320.0), m.touch(80.0)),
            28.0,
            Look::Plain,
            m,
            p,
        )
        .clicked()
        {
            actions.push(Action::OpenNames);
        }
    }
}

fn keypad(ui: &mut Ui, view: &View<'_>, welcome: &Welcome, actions: &mut Vec<Action>) {
    let lang = &view.kiosk.config.location.language;
    let enabled = view.kiosk.cooldown().is_none() && !welcome.checking;
    crate::widgets::keypad::keypad(ui, view, lang, welcome.pin.len(), enabled, actions);
}
