//! Step 3a: the organisation's hub: its address and the one-time pairing code, typed
//! on the on-screen keyboard; a working indicator while the tablet pairs; the problem
//! in plain words, or the hub's name for the location once paired.

use super::big_button;
use super::{explain, field::field, header, keyboard, notice_line, text, text_with};
use crate::screens::View;
use crate::setup::{HubField, HubProblem, Setup, SetupAction};
use crate::widgets::key::Look;
use egui::{RichText, Ui, vec2};

/// Draws the hub step.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let (m, p) = (view.metrics, &view.palette);
    header(ui, view, setup, "setup-hub-title", actions);
    if let Some(name) = &setup.paired {
        ui.add_space(m.px(16.0));
        let words = text_with(
            view,
            setup,
            "setup-hub-paired",
            &[("name", name.clone().into())],
        );
        ui.label(RichText::new(words).font(m.bold(30.0)).color(p.accent));
        explain(ui, view, &text(view, setup, "setup-hub-roster-follows"));
        ui.add_space(m.px(16.0));
        let next = text(view, setup, "setup-next");
        if big_button(
            ui,
            &next,
            vec2(m.touch(240.0), m.touch(72.0)),
            24.0,
            Look::Primary,
            m,
            p,
        )
        .clicked()
        {
            actions.push(SetupAction::Back);
        }
        return;
    }
    // A small landscape screen offering a certificate has no line to spare.
    let cramped = !m.portrait && m.scale < 0.9;
    if !cramped || setup.hub.ca_files.is_empty() {
        explain(ui, view, &text(view, setup, "setup-hub-intro"));
        ui.add_space(m.px(6.0));
    }
    let address_name = text(view, setup, "setup-hub-address");
    let code_name = text(view, setup, "setup-hub-code");
    let connect = text(view, setup, "setup-hub-connect");
    let button = vec2(m.touch(220.0), m.touch(64.0));
    let gap = m.px(16.0);
    let labelled = |ui: &mut Ui,
                    actions: &mut Vec<SetupAction>,
                    which: HubField,
                    name: &str,
                    value: &str,
                    width: f32| {
        ui.vertical(|ui| {
            ui.label(RichText::new(name).font(m.font(18.0)).color(p.muted));
            let focused = setup.hub.field == Some(which);
            if field(ui, view, name, value, focused, width) {
                actions.push(SetupAction::Focus(which));
            }
        });
    };
    let connect_button = |ui: &mut Ui, actions: &mut Vec<SetupAction>| {
        let enabled = !setup.busy();
        let response = ui
            .add_enabled_ui(enabled, |ui| {
                big_button(ui, &connect, button, 24.0, Look::Primary, m, p)
            })
            .inner;
        if response.clicked() {
            actions.push(SetupAction::Pair);
        }
    };
    if m.portrait {
        let width = ui.available_width();
        labelled(
            ui,
            actions,
            HubField::Address,
            &address_name,
            &setup.hub.address,
            width,
        );
        labelled(
            ui,
            actions,
            HubField::Code,
            &code_name,
            &setup.hub.code,
            width,
        );
        ui.add_space(m.px(6.0));
        connect_button(ui, actions);
    } else {
        ui.horizontal_top(|ui| {
            let free = ui.available_width() - button.x - gap * 2.0;
            labelled(
                ui,
                actions,
                HubField::Address,
                &address_name,
                &setup.hub.address,
                free * 0.62,
            );
            labelled(
                ui,
                actions,
                HubField::Code,
                &code_name,
                &setup.hub.code,
                free * 0.38,
            );
            ui.vertical(|ui| {
                // Level with the fields under their names.
                ui.label(RichText::new(" ").font(m.font(18.0)));
                connect_button(ui, actions);
            });
        });
    }
    // The organisation's CA certificate, when a USB stick holds one; on a small
    // landscape screen beside the status line, so the keyboard keeps its room.
    let chips = |ui: &mut Ui, actions: &mut Vec<SetupAction>| {
        for file in &setup.hub.ca_files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let words = text_with(view, setup, "setup-hub-ca", &[("file", name.into())]);
            let on = setup.hub.ca_file.as_ref() == Some(file);
            let size = vec2(m.touch(300.0), m.touch(56.0));
            let chip = ui.horizontal(|ui| crate::widgets::chip(ui, &words, on, size, m, p));
            if chip.inner.clicked() {
                actions.push(SetupAction::ChooseCa((!on).then(|| file.clone())));
            }
        }
    };
    if setup.hub.ca_files.is_empty() {
        status(ui, view, setup);
    } else if cramped {
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = m.px(10.0);
            chips(ui, actions);
            ui.vertical(|ui| status(ui, view, setup));
        });
    } else {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = vec2(m.px(10.0), m.px(6.0));
            chips(ui, actions);
        });
        status(ui, view, setup);
    }
    keyboard(ui, view, setup, actions);
}

/// One line: working, the pairing's problem, or the notice.
fn status(ui: &mut Ui, view: &View<'_>, setup: &Setup) {
    let (m, p) = (view.metrics, &view.palette);
    if setup.hub.pairing {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new().size(m.px(28.0)));
            ui.label(
                RichText::new(text(view, setup, "setup-hub-pairing"))
                    .font(m.bold(21.0))
                    .color(p.text),
            );
        });
    } else if let Some(problem) = setup.hub.problem {
        ui.add(
            egui::Label::new(
                RichText::new(problem_text(view, setup, problem))
                    .font(m.bold(21.0))
                    .color(p.warning),
            )
            .wrap(),
        );
    } else {
        notice_line(ui, view, setup);
    }
}

/// A pairing's problem in plain words.
fn problem_text(view: &View<'_>, setup: &Setup, problem: HubProblem) -> String {
    let key = match problem {
        HubProblem::BadCode => "setup-hub-bad-code",
        HubProblem::TooManyTries(minutes) => {
            return text_with(
                view,
                setup,
                "setup-hub-too-many",
                &[("minutes", minutes.max(1).into())],
            );
        }
        HubProblem::Unreachable => "setup-hub-unreachable",
        HubProblem::Untrusted => "setup-hub-untrusted",
        HubProblem::NotAHub => "setup-hub-not-a-hub",
        HubProblem::NotSecure => "setup-hub-not-secure",
        HubProblem::Other => "setup-hub-other",
    };
    text(view, setup, key)
}
