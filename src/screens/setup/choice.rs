//! Step 3: where the roster comes from (the organisation's hub, or a USB stick), what
//! is in place already, and the way to the welcome screen.

use super::big_button;
use super::{explain, header, notice_line, text, text_with};
use crate::screens::View;
use crate::setup::{Setup, SetupAction, Step};
use crate::widgets::key::Look;
use egui::{RichText, Ui, vec2};

/// Draws the choice.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let (m, p) = (view.metrics, &view.palette);
    header(ui, view, setup, "setup-choice-title", actions);
    explain(ui, view, &text(view, setup, "setup-choice-intro"));
    ui.add_space(m.px(16.0));
    let options = [
        (Step::Hub, "setup-choice-hub", "setup-choice-hub-detail"),
        (
            Step::Roster,
            "setup-choice-roster",
            "setup-choice-roster-detail",
        ),
    ];
    let wide = if m.portrait {
        ui.available_width()
    } else {
        (ui.available_width() - m.px(24.0)) / 2.0
    };
    let option =
        |ui: &mut Ui, actions: &mut Vec<SetupAction>, (step, key, detail): (Step, &str, &str)| {
            ui.vertical(|ui| {
                ui.set_width(wide);
                let words = text(view, setup, key);
                let size = vec2(wide, m.touch(96.0));
                if big_button(ui, &words, size, 26.0, Look::Plain, m, p).clicked() {
                    actions.push(SetupAction::Open(step));
                }
                ui.add_space(m.px(4.0));
                ui.add(
                    egui::Label::new(
                        RichText::new(text(view, setup, detail))
                            .font(m.font(18.0))
                            .color(p.muted),
                    )
                    .wrap(),
                );
            });
        };
    if m.portrait {
        for o in options {
            option(ui, actions, o);
            ui.add_space(m.px(20.0));
        }
    } else {
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = m.px(24.0);
            for o in options {
                option(ui, actions, o);
            }
        });
    }
    ui.add_space(m.px(20.0));
    let families = view.kiosk.store.active_guardian_count().unwrap_or(0);
    let roster = if families > 0 {
        text_with(
            view,
            setup,
            "setup-status-roster",
            &[("count", families.into())],
        )
    } else {
        text(view, setup, "setup-status-no-roster")
    };
    let upstream = &view.kiosk.config.upstream;
    let hub = match (&setup.paired, upstream.is_set()) {
        (Some(name), _) => text_with(
            view,
            setup,
            "setup-status-hub",
            &[("name", name.clone().into())],
        ),
        (None, true) => text_with(
            view,
            setup,
            "setup-status-hub",
            &[("name", upstream.url.clone().into())],
        ),
        (None, false) => text(view, setup, "setup-status-no-hub"),
    };
    for line in [roster, hub] {
        ui.label(RichText::new(line).font(m.bold(22.0)).color(p.text));
    }
    ui.add_space(m.px(8.0));
    notice_line(ui, view, setup);
    let can_finish = setup.can_finish(view.kiosk);
    let finish = text(view, setup, "setup-finish");
    let size = vec2(m.touch(580.0).min(ui.available_width()), m.touch(72.0));
    let response = ui
        .add_enabled_ui(can_finish, |ui| {
            big_button(ui, &finish, size, 26.0, Look::Primary, m, p)
        })
        .inner;
    if response.clicked() {
        actions.push(SetupAction::Finish);
    }
    if !can_finish {
        explain(ui, view, &text(view, setup, "setup-finish-needs"));
    }
}
