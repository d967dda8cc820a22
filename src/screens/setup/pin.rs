//! Step 2: the first manager's PIN on the staff PIN pad, twice.

use super::{explain, header, notice_line, text};
use crate::kiosk::Action;
use crate::screens::View;
use crate::setup::{PinStage, Setup, SetupAction};
use egui::Ui;

/// Draws the PIN step.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let m = view.metrics;
    header(ui, view, setup, "setup-pin-title", actions);
    let instruction = match setup.pin_stage {
        PinStage::First => "setup-pin-first",
        PinStage::Second => "setup-pin-second",
    };
    ui.vertical_centered(|ui| {
        explain(ui, view, &text(view, setup, instruction));
        notice_line(ui, view, setup);
        ui.add_space(m.px(4.0));
        let mut pressed = Vec::new();
        crate::widgets::keypad::keypad(
            ui,
            view,
            &setup.language,
            setup.pin.len(),
            true,
            &mut pressed,
        );
        actions.extend(pressed.into_iter().filter_map(|action| match action {
            Action::Digit(d) => Some(SetupAction::Type(d)),
            Action::Erase => Some(SetupAction::Erase),
            Action::SubmitPin => Some(SetupAction::Next),
            _ => None,
        }));
    });
}
