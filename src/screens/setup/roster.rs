//! Step 3b: a roster from a USB stick: the roster files found on mounted media, one
//! tap to choose, one to import (all or nothing, on its own thread), then what the
//! import changed, or every problem by line and a way to choose another file.

use super::big_button;
use super::{explain, header, text, text_with};
use crate::kiosk::SettingsMessage;
use crate::screens::View;
use crate::screens::staff::roster_report;
use crate::setup::{Setup, SetupAction};
use crate::widgets::chip;
use crate::widgets::key::Look;
use egui::{RichText, Ui, vec2};

/// Draws the roster step.
pub fn show(ui: &mut Ui, view: &View<'_>, setup: &Setup, actions: &mut Vec<SetupAction>) {
    let (m, p) = (view.metrics, &view.palette);
    let lang = &setup.language;
    header(ui, view, setup, "setup-roster-title", actions);
    if let Some(SettingsMessage::Imported(summary)) = &setup.roster.outcome {
        ui.add_space(m.px(12.0));
        ui.label(
            RichText::new(text(view, setup, "setup-roster-imported"))
                .font(m.bold(28.0))
                .color(p.accent),
        );
        explain(
            ui,
            view,
            &roster_report::summary_text(view.texts, lang, summary),
        );
        if !summary.issued_pins.is_empty() {
            let count = summary.issued_pins.len();
            let words = match &setup.roster.pins_file {
                Some(path) => text_with(
                    view,
                    setup,
                    "setup-roster-pins-written",
                    &[
                        ("count", count.into()),
                        ("file", path.display().to_string().into()),
                    ],
                ),
                None => text_with(
                    view,
                    setup,
                    "setup-roster-pins-kept",
                    &[("count", count.into())],
                ),
            };
            ui.add(egui::Label::new(RichText::new(words).font(m.font(20.0)).color(p.text)).wrap());
        }
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
    explain(ui, view, &text(view, setup, "setup-roster-intro"));
    ui.add_space(m.px(8.0));
    if setup.roster.importing {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new().size(m.px(32.0)));
            ui.label(
                RichText::new(text(view, setup, "setup-roster-importing"))
                    .font(m.bold(24.0))
                    .color(p.text),
            );
        });
        return;
    }
    let size = vec2(m.touch(240.0), m.touch(64.0));
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = m.px(12.0);
        let again = text(view, setup, "setup-roster-search");
        if big_button(ui, &again, size, 22.0, Look::Plain, m, p).clicked() {
            actions.push(SetupAction::SearchFiles);
        }
        if setup.roster.chosen.is_some() {
            let import = text(view, setup, "setup-roster-import");
            let wide = vec2(m.touch(320.0), m.touch(64.0));
            if big_button(ui, &import, wide, 22.0, Look::Primary, m, p).clicked() {
                actions.push(SetupAction::Import);
            }
        }
    });
    ui.add_space(m.px(8.0));
    match &setup.roster.outcome {
        Some(SettingsMessage::ImportRefused(error)) => {
            ui.label(
                RichText::new(roster_report::rejected_text(view.texts, lang, error))
                    .font(m.bold(22.0))
                    .color(p.warning),
            );
            explain(ui, view, &text(view, setup, "setup-roster-choose-another"));
        }
        Some(SettingsMessage::ImportFailed) => {
            ui.label(
                RichText::new(text(view, setup, "setup-roster-failed"))
                    .font(m.bold(22.0))
                    .color(p.warning),
            );
        }
        _ => {}
    }
    if setup.roster.files.is_empty() {
        ui.add(
            egui::Label::new(
                RichText::new(text(view, setup, "setup-roster-none"))
                    .font(m.bold(22.0))
                    .color(p.text),
            )
            .wrap(),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("setup-roster")
        .auto_shrink([false, false])
        .max_height(ui.available_height())
        .show(ui, |ui| {
            for file in &setup.roster.files {
                let name = file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let chosen = setup.roster.chosen.as_ref() == Some(&file.path);
                let width = ui.available_width().min(m.px(1100.0));
                if chip(ui, &name, chosen, vec2(width, m.touch(60.0)), m, p).clicked() {
                    actions.push(SetupAction::PickFile(file.path.clone()));
                }
                ui.add_space(m.px(6.0));
            }
            if let Some(SettingsMessage::ImportRefused(error)) = &setup.roster.outcome {
                ui.add_space(m.px(8.0));
                for problem in &error.problems {
                    let words = roster_report::problem_text(view.texts, lang, problem);
                    ui.add(
                        egui::Label::new(RichText::new(words).font(m.font(19.0)).color(p.text))
                            .wrap(),
                    );
                    ui.add_space(m.px(4.0));
                }
            }
        });
}
