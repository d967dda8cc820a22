//! Step 2: the first manager's PIN on the guardians' keypad, twice; and, when an
//! interrupted set-up resumes, the manager's PIN once before it carries on.

use super::{explain, header, notice_line, text, text_with};
use crate::kiosk::Action;
use crate::screens::View;
use crate::setup::{PinStage, Setup, SetupAction, Step};
use egui::Ui;

/// Draws the PIN step.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let m = view.metrics;
    let resuming = setup.step == Step::Unlock;
    let title = if resuming {
        "setup-unlock-title"
    } else {
        "setup-pin-title"
    };
    header(ui, view, setup, title, actions);
    let instruction = match (resuming, setup.pin_stage) {
        (true, _) => "setup-unlock-instruction",
        (false, PinStage::First) => "setup-pin-first",
        (false, PinStage::Second) => "setup-pin-second",
    };
    let cooldown = setup.cooldown(view.kiosk.now()).filter(|_| resuming);
    ui.vertical_centered(|ui| {
        explain(ui, view, &text(view, setup, instruction));
        if let Some(left) = cooldown {
            let secs = left.as_secs().max(1);
            let time = format!("{}:{:02}", secs / 60, secs % 60);
            ui.label(
                egui::RichText::new(text_with(
                    view,
                    setup,
                    "setup-cooldown",
                    &[("time", time.into())],
                ))
                .font(m.bold(21.0))
                .color(view.palette.warning),
            );
        } else {
            notice_line(ui, view, setup);
        }
        ui.add_space(m.px(4.0));
        let mut pressed = Vec::new();
        crate::widgets::keypad::keypad(
            ui,
            view,
            &setup.language,
            setup.pin.len(),
            cooldown.is_none(),
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
