//! Settings → Talen: which languages parents can choose with the language button, a
//! chip per shipped language in its own name; the location's own language is always
//! on.

use super::{StaffUi, draft, lang, save_row, text};
use crate::config::ConfigEdit;
use crate::kiosk::Action;
use crate::screens::View;
use crate::widgets::chip;
use egui::{RichText, Ui, vec2};
use welkom_core::LanguageTag;

/// Draws the languages pane: the toggles, then "Opslaan" and "Terugzetten".
pub fn show(ui: &mut Ui, view: &View<'_>, staff_ui: &mut StaffUi, actions: &mut Vec<Action>) {
    let m = view.metrics;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .max_height((ui.available_height() - m.touch(90.0)).max(m.px(160.0)))
        .show(ui, |ui| toggles(ui, view, draft(view, staff_ui)));
    save_row(ui, view, staff_ui, actions);
}

/// The language toggles, into the draft.
fn toggles(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit) {
    let (m, p) = (view.metrics, &view.palette);
    ui.add_space(m.px(8.0));
    ui.label(
        RichText::new(text(view, "kiosk-languages"))
            .font(m.font(21.0))
            .color(p.text),
    );
    let location = &view.kiosk.config.location.language;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(m.px(10.0), m.px(10.0));
        for language in crate::config::shipped_languages() {
            let name = view.texts.plain(&language, "language-name");
            let on = language == *location || edit.languages.contains(&language);
            let own = language == *location;
            let size = vec2(m.touch(200.0), m.touch(64.0));
            // A disabled chip is drawn in a scope of its own, which does not wrap
            // by itself.
            if ui.available_size_before_wrap().x < size.x {
                ui.end_row();
            }
            let clicked = ui
                .add_enabled_ui(!own, |ui| chip(ui, &name, on, size, m, p))
                .inner
                .clicked();
            if clicked {
                toggle(edit, &language);
            }
        }
    });
    ui.label(
        RichText::new(view.texts.get(
            lang(view),
            "kiosk-languages-note",
            &[(
                "language",
                view.texts.plain(location, "language-name").into(),
            )],
        ))
        .font(m.font(17.0))
        .color(p.muted),
    );
}

/// Switches a language on or off, keeping the shipped order.
fn toggle(edit: &mut ConfigEdit, language: &LanguageTag) {
    if let Some(i) = edit.languages.iter().position(|l| l == language) {
        edit.languages.remove(i);
    } else {
        let shipped = crate::config::shipped_languages();
        edit.languages.push(language.clone());
        edit.languages
            .sort_by_key(|l| shipped.iter().position(|s| s == l));
    }
}
