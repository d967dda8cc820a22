//! Settings and roster, for managers.

use super::{StaffUi, text, title};
use crate::kiosk::Action;
use crate::screens::View;
use crate::widgets::key::{Look, big_button};
use egui::{RichText, Ui, vec2};

/// Draws the settings.
pub fn show(ui: &mut Ui, view: &View<'_>, staff_ui: &mut StaffUi, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    title(ui, view, "settings-title");
    ui.add_space(m.px(12.0));
    let size = vec2(m.touch(280.0), m.touch(64.0));
    let exit = text(view, "settings-exit");
    if big_button(ui, &exit, size, 22.0, Look::Plain, m, p).clicked() {
        if staff_ui.exit_armed {
            staff_ui.exit_armed = false;
            actions.push(Action::ExitKiosk);
        } else {
            staff_ui.exit_armed = true;
        }
    }
    if staff_ui.exit_armed {
        ui.label(
            RichText::new(text(view, "settings-exit-confirm"))
                .font(m.bold(22.0))
                .color(p.warning),
        );
    }
}
