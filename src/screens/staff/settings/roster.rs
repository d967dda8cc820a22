//! Importing the roster from the tablet: the CSV files found on a USB stick or in the
//! data directory's `import` folder, one tap to choose, one to import (on its own
//! thread), and the import's report on screen.

use super::super::roster_report;
use super::{StaffUi, lang, text};
use crate::kiosk::{Action, SettingsState};
use crate::screens::View;
use crate::widgets::chip;
use crate::widgets::key::{Look, big_button};
use egui::{RichText, Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::roster::RosterError;
use welkom_store::ImportSummary;

/// Draws the roster import.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    state: &SettingsState,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    ui.label(
        RichText::new(text(view, "import-intro"))
            .font(m.font(20.0))
            .color(p.muted),
    );
    if let Some(folder) = view.kiosk.import_folder() {
        let path: FluentValue<'_> = folder.display().to_string().into();
        ui.label(
            RichText::new(
                view.texts
                    .get(lang(view), "import-folder-path", &[("path", path)]),
            )
            .font(m.font(17.0))
            .color(p.muted),
        );
    }
    ui.add_space(m.px(8.0));
    if state.importing {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new().size(m.px(32.0)));
            ui.label(
                RichText::new(text(view, "import-importing"))
                    .font(m.bold(24.0))
                    .color(p.text),
            );
        });
        return;
    }
    let size = vec2(m.touch(220.0), m.touch(60.0));
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = m.px(12.0);
        let again = text(view, "import-search-again");
        if big_button(ui, &again, size, 20.0, Look::Plain, m, p).clicked() {
            staff_ui.roster_choice = None;
            actions.push(Action::ShowSettings(crate::kiosk::SettingsPane::Roster));
        }
        if let Some(choice) = &staff_ui.roster_choice
            && state.roster_files.iter().any(|f| f.path == *choice)
        {
            let import = text(view, "import-import");
            let wide = vec2(m.touch(300.0), m.touch(60.0));
            if big_button(ui, &import, wide, 20.0, Look::Primary, m, p).clicked() {
                actions.push(Action::ImportRoster(choice.clone()));
                staff_ui.roster_choice = None;
            }
        }
    });
    ui.add_space(m.px(8.0));
    if state.roster_files.is_empty() {
        ui.label(
            RichText::new(text(view, "import-none"))
                .font(m.font(22.0))
                .color(p.text),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .max_height(ui.available_height())
        .show(ui, |ui| {
            for file in &state.roster_files {
                let place = text(
                    view,
                    if file.removable {
                        "import-usb"
                    } else {
                        "import-folder"
                    },
                );
                let name = file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let folder = file
                    .path
                    .parent()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default();
                let chosen = staff_ui.roster_choice.as_ref() == Some(&file.path);
                let label = format!("{place}: {name}  ({folder})");
                let response = chip(
                    ui,
                    &label,
                    chosen,
                    vec2(ui.available_width().min(m.px(1100.0)), m.touch(60.0)),
                    m,
                    p,
                );
                if response.clicked() {
                    staff_ui.roster_choice = if chosen {
                        None
                    } else {
                        Some(file.path.clone())
                    };
                }
                ui.add_space(m.px(6.0));
            }
        });
}

/// The lines of a finished import: what changed and how many PINs are new.
pub fn summary_lines(view: &View<'_>, summary: &ImportSummary) -> Vec<String> {
    let mut lines = vec![roster_report::summary_text(view.texts, lang(view), summary)];
    if !summary.issued_pins.is_empty() {
        let count: FluentValue<'_> = summary.issued_pins.len().into();
        lines.push(
            view.texts
                .get(lang(view), "import-new-pins", &[("count", count)]),
        );
    }
    lines
}

/// The lines of a refused import: nothing changed, then every problem by line.
pub fn problem_lines(view: &View<'_>, error: &RosterError) -> Vec<String> {
    let mut lines = vec![roster_report::rejected_text(view.texts, lang(view), error)];
    lines.extend(
        error
            .problems
            .iter()
            .map(|problem| roster_report::problem_text(view.texts, lang(view), problem)),
    );
    lines
}
