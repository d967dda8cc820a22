//! Thank you, with the guardian's name. After a low rating: the reasons ("wat kan
//! beter?") and the talk request, none required.

use super::View;
use crate::bidi::Direction;
use crate::kiosk::{Action, ThankYou};
use crate::widgets::chip;
use crate::widgets::chip::height as chip_height;
use crate::widgets::face::face_badge;
use crate::widgets::key::{Look, big_button};
use crate::widgets::rtl_label::label;
use egui::{Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::Moment;

/// Draws the thank-you screen.
pub fn show(ui: &mut Ui, view: &View<'_>, thanks: &ThankYou, actions: &mut Vec<Action>) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let config = &view.kiosk.config;
    let guardian = &thanks.visit.family.guardian;
    let lang = &guardian.language;
    let name = [("name", FluentValue::from(guardian.first_name.as_str()))];
    let dir = Direction::of_language(lang);
    ui.vertical_centered(|ui| {
        ui.add_space(m.px(if thanks.low { 30.0 } else { 120.0 }));
        if let Some(face) = config.rating.scale.face(thanks.score) {
            face_badge(ui, face, m.px(if thanks.low { 90.0 } else { 150.0 }));
        }
        label(ui, dir, t.get(lang, "thanks", &name), m.bold(56.0), p.text);
        let subtitle = match thanks.visit.visit.moment {
            Moment::DropOff => "thanks-drop-off",
            Moment::PickUp => "thanks-pick-up",
        };
        label(ui, dir, t.plain(lang, subtitle), m.font(32.0), p.muted);

        if thanks.low {
            ui.add_space(m.px(24.0));
            let question = t.plain(lang, "followup-question");
            label(ui, dir, question, m.bold(32.0), p.text);
            ui.add_space(m.px(12.0));
            let reasons = config.reasons();
            let columns = if m.portrait { 2 } else { 3 };
            let gap = m.px(12.0);
            let chip_w = ((ui.available_width() - m.px(40.0) - gap * (columns as f32 - 1.0))
                / columns as f32)
                .min(m.px(390.0))
                .max(m.touch(200.0));
            let chip_size = vec2(chip_w, m.touch(70.0));
            for row in reasons.chunks(columns) {
                let row_w = row.len() as f32 * (chip_w + gap) - gap;
                // A row as tall as its tallest chip, every chip in it that tall.
                let row_h = row
                    .iter()
                    .map(|reason| {
                        let text = super::reason_words(view, &reason.key, lang);
                        let on = thanks.reasons.contains(&reason.key);
                        chip_height(ui, &text, on, chip_w, chip_size.y, m)
                    })
                    .fold(chip_size.y, f32::max);
                let chip_size = vec2(chip_w, row_h);
                ui.allocate_ui_with_layout(
                    vec2(row_w, chip_size.y),
                    crate::widgets::rtl_label::row_layout(dir),
                    |ui| {
                        ui.spacing_mut().item_spacing.x = gap;
                        for reason in row {
                            let text = super::reason_words(view, &reason.key, lang);
                            let on = thanks.reasons.contains(&reason.key);
                            // Each chip in a cell of its own width, so a long reason
                            // wraps inside it.
                            let cell = ui.allocate_ui(chip_size, |ui| {
                                ui.set_max_width(chip_w);
                                chip(ui, &text, on, chip_size, m, p)
                            });
                            if cell.inner.clicked() {
                                actions.push(Action::ToggleReason(reason.key.clone()));
                            }
                        }
                    },
                );
                ui.add_space(gap);
            }
            ui.add_space(m.px(8.0));
            let talk = t.plain(lang, "talk-request");
            if chip(
                ui,
                &talk,
                thanks.talk_request,
                vec2(m.touch(420.0), m.touch(80.0)),
                m,
                p,
            )
            .clicked()
            {
                actions.push(Action::ToggleTalk);
            }
            if thanks.save_failed {
                label(
                    ui,
                    dir,
                    t.plain(lang, "save-failed"),
                    m.bold(24.0),
                    p.warning,
                );
            } else if thanks.talk_request {
                let noted = t.plain(lang, "talk-request-noted");
                label(ui, dir, noted, m.font(22.0), p.accent);
            }
        }
        ui.add_space(m.px(24.0));
        let done_size = vec2(m.touch(240.0), m.touch(76.0));
        let change_size = vec2(m.touch(300.0), m.touch(64.0));
        // Stacked as ever where the screen has the height; side by side where it
        // has not (a small landscape tablet after the reasons).
        let stacked = done_size.y + m.px(8.0) + change_size.y;
        if m.portrait || ui.available_height() >= stacked {
            done_and_change(ui, view, lang, done_size, change_size, actions);
        } else {
            let gap = m.px(16.0);
            let row_w = done_size.x + gap + change_size.x + m.px(120.0);
            ui.allocate_ui_with_layout(
                vec2(row_w.min(ui.available_width()), done_size.y),
                crate::widgets::rtl_label::row_layout(dir),
                |ui| {
                    ui.spacing_mut().item_spacing.x = gap;
                    done_and_change(ui, view, lang, done_size, change_size, actions);
                },
            );
        }
    });
}

/// "Klaar" and "Ander gezicht kiezen", one after the other in the current layout.
fn done_and_change(
    ui: &mut Ui,
    view: &View<'_>,
    lang: &welkom_core::LanguageTag,
    done_size: egui::Vec2,
    change_size: egui::Vec2,
    actions: &mut Vec<Action>,
) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let done = t.plain(lang, "followup-done");
    if big_button(ui, &done, done_size, 28.0, Look::Primary, m, p).clicked() {
        actions.push(Action::Done);
    }
    if ui.layout().is_vertical() {
        ui.add_space(m.px(8.0));
    }
    let change = t.plain(lang, "change-rating");
    if big_button(ui, &change, change_size, 22.0, Look::Quiet, m, p).clicked() {
        actions.push(Action::ChangeRating);
    }
}
