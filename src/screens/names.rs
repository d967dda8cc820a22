//! The list of guardians' first names, for small locations that choose it.

use super::View;
use crate::bidi::Direction;
use crate::kiosk::Action;
use crate::widgets::key::{Look, big_button};
use crate::widgets::rtl_label::label;
use egui::{ScrollArea, Ui, vec2};
use welkom_core::GuardianId;

/// Draws the list of names.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    names: &[(GuardianId, String)],
    actions: &mut Vec<Action>,
) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let lang = &view.kiosk.config.location.language;
    let dir = Direction::of_language(lang);
    ui.vertical_centered(|ui| {
        ui.add_space(m.px(24.0));
        label(ui, dir, t.plain(lang, "names-title"), m.bold(44.0), p.text);
        ui.add_space(m.px(16.0));
        let back = t.plain(lang, "names-back");
        if big_button(
            ui,
            &back,
            vec2(m.touch(200.0), m.touch(64.0)),
            24.0,
            Look::Quiet,
            m,
            p,
        )
        .clicked()
        {
            actions.push(Action::CloseNames);
        }
        ui.add_space(m.px(12.0));
        let button = vec2(m.touch(260.0), m.touch(76.0));
        let gap = m.px(14.0);
        let columns = ((ui.available_width() - m.px(40.0)) / (button.x + gap))
            .floor()
            .max(1.0) as usize;
        ScrollArea::vertical().show(ui, |ui| {
            for row in names.chunks(columns) {
                ui.allocate_ui_with_layout(
                    vec2(columns as f32 * (button.x + gap), button.y),
                    crate::widgets::rtl_label::row_layout(dir),
                    |ui| {
                        ui.spacing_mut().item_spacing.x = gap;
                        for (id, name) in row {
                            if big_button(ui, name, button, 26.0, Look::Plain, m, p).clicked() {
                                actions.push(Action::ChooseName(id.clone()));
                            }
                        }
                    },
                );
                ui.add_space(gap);
            }
        });
    });
}
