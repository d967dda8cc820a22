//! Step 1: the location's name, typed on the on-screen keyboard; the language switch.

use super::big_button;
use super::{explain, field::field, header, keyboard, notice_line, text};
use crate::screens::View;
use crate::setup::{Setup, SetupAction};
use crate::widgets::key::Look;
use egui::{Ui, vec2};

/// Draws the name step.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let m = view.metrics;
    header(ui, view, setup, "setup-welcome-title", actions);
    explain(ui, view, &text(view, setup, "setup-name-question"));
    ui.add_space(m.px(8.0));
    let next = text(view, setup, "setup-next");
    let button = vec2(m.touch(200.0), m.touch(64.0));
    ui.horizontal_top(|ui| {
        let width = (ui.available_width() - button.x - m.px(16.0)).min(m.px(800.0));
        let name = text(view, setup, "setup-name-field");
        field(ui, view, &name, &setup.name, true, width);
        ui.add_space(m.px(8.0));
        if big_button(ui, &next, button, 24.0, Look::Primary, m, &view.palette).clicked() {
            actions.push(SetupAction::Next);
        }
    });
    notice_line(ui, view, setup);
    ui.add_space(m.px(4.0));
    keyboard(ui, view, setup, actions);
}
