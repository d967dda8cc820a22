//! Settings and roster, for managers: a row of parts (guardians, roster, questions,
//! the kiosk), one shown at a time, and what the last action came to.

mod families;
mod kiosk;
mod languages;
mod questions;
mod roster;

use super::{StaffUi, lang, text, title};
use crate::config::ConfigEdit;
use crate::kiosk::{Action, SettingsMessage, SettingsPane, SettingsState};
use crate::screens::View;
use crate::widgets::key::{Look, big_button};
use egui::{CornerRadius, Frame, Margin, RichText, Stroke, Ui, vec2};
use fluent_bundle::FluentValue;

/// Draws the settings.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    state: &SettingsState,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let m = view.metrics;
    title(ui, view, "settings-title");
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(m.px(10.0), m.px(10.0));
        for pane in SettingsPane::ALL {
            let label = pane_label(view, pane);
            let look = if pane == state.pane {
                Look::Primary
            } else {
                Look::Plain
            };
            let size = vec2(m.touch(150.0), m.touch(56.0));
            let response = big_button(ui, &label, size, 19.0, look, m, &view.palette);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Tab, true, pane == state.pane, &label)
            });
            if response.clicked() && pane != state.pane {
                actions.push(Action::ShowSettings(pane));
            }
        }
    });
    ui.add_space(m.px(10.0));
    if let Some(message) = &state.message {
        message_banner(ui, view, message);
        ui.add_space(m.px(8.0));
    }
    match state.pane {
        SettingsPane::Families => families::show(ui, view, state, staff_ui, actions),
        SettingsPane::Roster => roster::show(ui, view, state, staff_ui, actions),
        SettingsPane::Questions => questions::show(ui, view, staff_ui, actions),
        SettingsPane::Kiosk => kiosk::show(ui, view, staff_ui, actions),
        SettingsPane::Languages => languages::show(ui, view, staff_ui, actions),
    }
}

fn pane_label(view: &View<'_>, pane: SettingsPane) -> String {
    text(
        view,
        match pane {
            SettingsPane::Families => "settings-tab-families",
            SettingsPane::Roster => "settings-tab-roster",
            SettingsPane::Questions => "settings-tab-questions",
            SettingsPane::Kiosk => "settings-tab-kiosk",
            SettingsPane::Languages => "settings-tab-languages",
        },
    )
}

/// The settings being changed: the kiosk's own until the manager changes one.
fn draft<'a>(view: &View<'_>, staff_ui: &'a mut StaffUi) -> &'a mut ConfigEdit {
    staff_ui
        .settings_draft
        .get_or_insert_with(|| ConfigEdit::from_config(&view.kiosk.config))
}

/// "Opslaan" and "Terugzetten", shown under the questions and the kiosk settings.
fn save_row(ui: &mut Ui, view: &View<'_>, staff_ui: &mut StaffUi, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    let current = ConfigEdit::from_config(&view.kiosk.config);
    let changed = staff_ui
        .settings_draft
        .as_ref()
        .is_some_and(|d| *d != current);
    // A draft the loader would refuse is not offered for saving; the row says why.
    let missing_words = staff_ui
        .settings_draft
        .as_ref()
        .and_then(|d| d.reason_without_words(lang(view)));
    let savable = changed && missing_words.is_none();
    ui.add_space(m.px(12.0));
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = m.px(12.0);
        let size = vec2(m.touch(220.0), m.touch(64.0));
        let look = if savable { Look::Primary } else { Look::Plain };
        let save = text(view, "settings-save");
        if ui
            .add_enabled_ui(savable, |ui| big_button(ui, &save, size, 22.0, look, m, p))
            .inner
            .clicked()
            && let Some(edit) = &staff_ui.settings_draft
        {
            actions.push(Action::SaveSettings(Box::new(edit.clone())));
        }
        let revert = text(view, "settings-revert");
        if ui
            .add_enabled_ui(changed, |ui| {
                big_button(ui, &revert, size, 22.0, Look::Plain, m, p)
            })
            .inner
            .clicked()
        {
            staff_ui.settings_draft = None;
        }
        let why = match missing_words {
            Some(i) => Some(view.texts.get(
                lang(view),
                "settings-reason-needs-words",
                &[
                    ("n", FluentValue::from(i + 1)),
                    (
                        "language",
                        view.texts.plain(lang(view), "language-name").into(),
                    ),
                ],
            )),
            None if changed => Some(text(view, "settings-unsaved")),
            None => None,
        };
        if let Some(why) = why {
            ui.add(egui::Label::new(RichText::new(why).font(m.font(20.0)).color(p.warning)).wrap());
        }
    });
}

fn message_banner(ui: &mut Ui, view: &View<'_>, message: &SettingsMessage) {
    let (m, p) = (view.metrics, &view.palette);
    let good = matches!(
        message,
        SettingsMessage::BadgeLinked(_)
            | SettingsMessage::PinRevoked(_)
            | SettingsMessage::PinsExported { .. }
            | SettingsMessage::Imported(_)
            | SettingsMessage::Saved
    );
    let colour = if good { p.accent } else { p.warning };
    Frame::new()
        .fill(p.surface)
        .stroke(Stroke::new(3.0, colour))
        .corner_radius(CornerRadius::same(m.px(14.0) as u8))
        .inner_margin(Margin::same(m.px(16.0) as i8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // A long problem report scrolls inside its frame; the panes stay in view.
            egui::ScrollArea::vertical()
                .id_salt("settings-message")
                .max_height(m.px(260.0))
                .show(ui, |ui| {
                    for line in message_lines(view, message) {
                        ui.label(RichText::new(line).font(m.font(21.0)).color(p.text));
                    }
                });
        });
}

fn message_lines(view: &View<'_>, message: &SettingsMessage) -> Vec<String> {
    let get = |key: &str, args: &[(&str, FluentValue<'_>)]| view.texts.get(lang(view), key, args);
    match message {
        SettingsMessage::BadgeLinked(name) => {
            vec![get("msg-badge-linked", &[("name", name.clone().into())])]
        }
        SettingsMessage::BadgeTaken => vec![text(view, "msg-badge-taken")],
        SettingsMessage::PinRevoked(name) => {
            vec![get("msg-pin-revoked", &[("name", name.clone().into())])]
        }
        SettingsMessage::PinsExported { count, path } => vec![get(
            "msg-pins-exported",
            &[
                ("count", (*count).into()),
                ("path", path.display().to_string().into()),
            ],
        )],
        SettingsMessage::PinsNotExported => vec![text(view, "msg-pins-not-exported")],
        SettingsMessage::Imported(summary) => roster::summary_lines(view, summary),
        SettingsMessage::ImportRefused(error) => roster::problem_lines(view, error),
        SettingsMessage::ImportFailed => vec![text(view, "msg-import-failed")],
        SettingsMessage::Saved => vec![text(view, "msg-saved")],
        SettingsMessage::SaveRefused(reason) => {
            vec![get(
                "msg-save-refused",
                &[("reason", reason.clone().into())],
            )]
        }
        SettingsMessage::StoreFailed => vec![text(view, "msg-store-failed")],
    }
}
