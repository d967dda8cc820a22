//! The question per moment and the reasons after a low rating, per language. An
//! empty field keeps the standard words of the translation files (shown greyed).

use super::{StaffUi, draft, lang, save_row, text};
use crate::config::{ConfigEdit, Reason};
use crate::i18n::LANGUAGES;
use crate::kiosk::Action;
use crate::screens::View;
use crate::widgets::chip;
use crate::widgets::key::{Look, big_button};
use egui::{RichText, TextEdit, Ui, vec2};
use fluent_bundle::FluentValue;
use std::collections::BTreeMap;
use welkom_core::LanguageTag;

/// The most reasons offered after a low rating.
pub const MAX_REASONS: usize = 6;

/// Draws the questions and reasons.
pub fn show(ui: &mut Ui, view: &View<'_>, staff_ui: &mut StaffUi, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    let language = staff_ui
        .question_language
        .clone()
        .unwrap_or_else(|| lang(view).clone());
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(m.px(10.0), m.px(10.0));
        for (code, _) in LANGUAGES {
            let Ok(tag) = LanguageTag::parse(code) else {
                continue;
            };
            let name = view.texts.plain(&tag, "language-name");
            let on = tag == language;
            if chip(ui, &name, on, vec2(m.touch(150.0), m.touch(56.0)), m, p).clicked() {
                staff_ui.question_language = Some(tag);
            }
        }
    });
    ui.add_space(m.px(8.0));
    let two_columns = ui.available_width() >= m.px(1120.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .max_height((ui.available_height() - m.touch(90.0)).max(m.px(120.0)))
        .show(ui, |ui| {
            let edit = draft(view, staff_ui);
            if two_columns {
                ui.columns(2, |columns| {
                    questions(&mut columns[0], view, edit, &language);
                    reasons(&mut columns[1], view, edit, &language);
                });
            } else {
                questions(ui, view, edit, &language);
                ui.add_space(m.px(12.0));
                reasons(ui, view, edit, &language);
            }
        });
    save_row(ui, view, staff_ui, actions);
}

fn questions(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit, language: &LanguageTag) {
    for (label, key, map) in [
        (
            "questions-drop-off",
            "question-drop-off",
            &mut edit.questions.drop_off,
        ),
        (
            "questions-pick-up",
            "question-pick-up",
            &mut edit.questions.pick_up,
        ),
    ] {
        let standard = view.texts.plain(language, key);
        let label = text(view, label);
        ui.label(
            RichText::new(&label)
                .font(view.metrics.font(20.0))
                .color(view.palette.text),
        );
        field(ui, view, &label, &standard, map, language);
        ui.add_space(view.metrics.px(10.0));
    }
}

fn reasons(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit, language: &LanguageTag) {
    let (m, p) = (view.metrics, &view.palette);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(text(view, "reasons-title"))
                .font(m.bold(22.0))
                .color(p.text),
        );
        if edit.reasons.len() < MAX_REASONS {
            let add = text(view, "settings-reason-add");
            let size = vec2(m.touch(220.0), m.touch(56.0));
            if big_button(ui, &add, size, 19.0, Look::Plain, m, p).clicked() {
                let key = free_key(&edit.reasons);
                edit.reasons.push(Reason {
                    key,
                    text: BTreeMap::new(),
                });
            }
        }
    });
    let mut remove = None;
    for (i, reason) in edit.reasons.iter_mut().enumerate() {
        let n: FluentValue<'_> = (i + 1).into();
        let label = view
            .texts
            .get(lang(view), "settings-reason-words", &[("n", n.clone())]);
        let standard = view
            .texts
            .plain(language, &format!("reason-{}", reason.key));
        let standard = if standard.starts_with("reason-") {
            String::new()
        } else {
            standard
        };
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = m.px(8.0);
            let (slot, _) =
                ui.allocate_exact_size(vec2(m.px(90.0), m.touch(56.0)), egui::Sense::hover());
            ui.put(
                slot,
                egui::Label::new(RichText::new(&label).font(m.font(19.0)).color(p.text)),
            );
            let width = ui.available_width() - m.touch(64.0) - m.px(8.0);
            field_sized(
                ui,
                view,
                &label,
                &standard,
                &mut reason.text,
                language,
                width,
            );
            let name = view
                .texts
                .get(lang(view), "settings-reason-remove", &[("n", n)]);
            let size = vec2(m.touch(64.0), m.touch(56.0));
            let response = big_button(ui, "✕", size, 24.0, Look::Plain, m, p);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if response.clicked() {
                remove = Some(i);
            }
        });
        ui.add_space(m.px(4.0));
    }
    if let Some(i) = remove {
        edit.reasons.remove(i);
    }
}

/// A text field for one language, as wide as a question; an empty text means the
/// standard words (shown greyed).
fn field(
    ui: &mut Ui,
    view: &View<'_>,
    name: &str,
    standard: &str,
    map: &mut BTreeMap<LanguageTag, String>,
    language: &LanguageTag,
) {
    let width = ui.available_width().min(view.metrics.px(760.0));
    field_sized(ui, view, name, standard, map, language, width);
}

/// A text field of a given width; `name` is its accessible name.
fn field_sized(
    ui: &mut Ui,
    view: &View<'_>,
    name: &str,
    standard: &str,
    map: &mut BTreeMap<LanguageTag, String>,
    language: &LanguageTag,
    width: f32,
) {
    let m = view.metrics;
    let mut value = map.get(language).cloned().unwrap_or_default();
    let response = ui.add(
        TextEdit::singleline(&mut value)
            .hint_text(
                RichText::new(standard)
                    .font(m.font(21.0))
                    .color(view.palette.muted),
            )
            .char_limit(120)
            .font(m.font(21.0))
            .desired_width(width)
            .margin(vec2(m.px(12.0), m.px(12.0))),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    if response.changed() {
        if value.is_empty() {
            map.remove(language);
        } else {
            map.insert(language.clone(), value);
        }
    }
}

/// A key for a new reason: `own_1`, `own_2`, … whichever is free.
fn free_key(reasons: &[Reason]) -> String {
    (1..)
        .map(|n| format!("own_{n}"))
        .find(|key| reasons.iter().all(|r| r.key != *key))
        .unwrap_or_else(|| "own".into())
}
