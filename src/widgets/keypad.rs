//! The large on-screen keypad, for the guardians' PIN and the staff PIN alike. The
//! digits typed show as dots; the keys send the same actions as hardware keys.

use crate::kiosk::{Action, MAX_PIN_LENGTH};
use crate::screens::View;
use crate::widgets::key::{Look, big_button};
use egui::{RichText, Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::LanguageTag;

/// Draws the dots and the keys; `enabled` is false during a cooldown.
pub fn keypad(
    ui: &mut Ui,
    view: &View<'_>,
    lang: &LanguageTag,
    typed: usize,
    enabled: bool,
    actions: &mut Vec<Action>,
) {
    let (m, p, t) = (view.metrics, &view.palette, view.texts);
    let dots = (0..MAX_PIN_LENGTH)
        .map(|i| if i < typed { "●" } else { "○" })
        .collect::<Vec<_>>()
        .join(" ");
    let entered = t.get(
        lang,
        "keypad-entered",
        &[("count", FluentValue::from(typed))],
    );
    let dots_response = ui.label(RichText::new(dots).font(m.font(44.0)).color(if typed == 0 {
        p.border
    } else {
        p.accent
    }));
    dots_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &entered));
    ui.add_space(m.px(16.0));
    let key = vec2(m.touch(136.0), m.touch(92.0));
    let gap = m.px(14.0);
    let rows: [[&str; 3]; 4] = [
        ["1", "2", "3"],
        ["4", "5", "6"],
        ["7", "8", "9"],
        ["erase", "0", "ok"],
    ];
    let grid_w = key.x * 3.0 + gap * 2.0;
    ui.allocate_ui(vec2(grid_w, key.y * 4.0 + gap * 3.0), |ui| {
        ui.spacing_mut().item_spacing = vec2(gap, gap);
        ui.add_enabled_ui(enabled, |ui| {
            for row in rows {
                ui.horizontal(|ui| {
                    for label in row {
                        let (text, look, action) = match label {
                            "erase" => (t.plain(lang, "keypad-erase"), Look::Plain, Action::Erase),
                            "ok" => (t.plain(lang, "keypad-ok"), Look::Primary, Action::SubmitPin),
                            digit => (
                                digit.to_owned(),
                                Look::Plain,
                                Action::Digit(digit.chars().next().unwrap_or('0')),
                            ),
                        };
                        let font = if label.len() == 1 { 44.0 } else { 26.0 };
                        if big_button(ui, &text, key, font, look, m, p).clicked() {
                            actions.push(action);
                        }
                    }
                });
            }
        });
    });
}
