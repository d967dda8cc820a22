//! Guardians, for the manager: a new PIN (shown once), a PIN taken away, a badge
//! linked by scanning it, and the new PINs exported once as a file.

use super::{StaffUi, lang, text};
use crate::kiosk::{Action, SettingsState};
use crate::screens::View;
use crate::widgets::key::{Look, big_button};
use egui::{CornerRadius, Frame, Margin, RichText, Stroke, TextEdit, Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_store::GuardianOverview;

/// Draws the guardians.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    state: &SettingsState,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let get = |key: &str, args: &[(&str, FluentValue<'_>)]| view.texts.get(lang(view), key, args);
    if let Some(shown) = &state.shown_pin {
        banner(ui, view, |ui| {
            ui.label(
                RichText::new(get(
                    "settings-shown-pin",
                    &[("name", shown.name.clone().into())],
                ))
                .font(m.font(22.0))
                .color(p.text),
            );
            ui.label(RichText::new(&shown.pin).font(m.bold(48.0)).color(p.text));
            ui.label(
                RichText::new(text(view, "settings-shown-pin-once"))
                    .font(m.font(18.0))
                    .color(p.muted),
            );
        });
        ui.add_space(m.px(8.0));
    }
    if let Some(linking) = &state.linking {
        let name = state
            .families
            .iter()
            .find(|f| f.id == *linking)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        banner(ui, view, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(get("settings-linking", &[("name", name.into())]))
                        .font(m.bold(24.0))
                        .color(p.text),
                );
                let cancel = text(view, "settings-cancel");
                let size = vec2(m.touch(160.0), m.touch(60.0));
                if big_button(ui, &cancel, size, 20.0, Look::Plain, m, p).clicked() {
                    actions.push(Action::LinkBadge(None));
                }
            });
        });
        ui.add_space(m.px(8.0));
    }

    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = m.px(12.0);
        let search = text(view, "settings-search");
        ui.add(
            TextEdit::singleline(&mut staff_ui.family_filter)
                .hint_text(RichText::new(&search).font(m.font(22.0)).color(p.muted))
                .font(m.font(22.0))
                .desired_width(m.px(360.0))
                .margin(vec2(m.px(12.0), m.px(14.0))),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &search));
        let waiting = view.kiosk.pins_to_export();
        if waiting > 0 {
            let export = get("settings-export-pins", &[("count", waiting.into())]);
            let size = vec2(m.touch(300.0), m.touch(60.0));
            if big_button(ui, &export, size, 20.0, Look::Primary, m, p).clicked() {
                actions.push(Action::ExportNewPins);
            }
        }
    });
    ui.add_space(m.px(8.0));

    let filter = staff_ui.family_filter.trim().to_lowercase();
    let shown: Vec<&GuardianOverview> = state
        .families
        .iter()
        .filter(|f| {
            filter.is_empty()
                || f.name.to_lowercase().contains(&filter)
                || f.children
                    .iter()
                    .any(|c| c.to_lowercase().contains(&filter))
        })
        .collect();
    if shown.is_empty() {
        ui.label(
            RichText::new(text(view, "settings-no-families"))
                .font(m.font(22.0))
                .color(p.muted),
        );
        return;
    }
    let row_height = m.touch(60.0) + m.px(14.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for family in &shown[range] {
                row(ui, view, family, staff_ui, actions);
            }
        });
}

fn row(
    ui: &mut Ui,
    view: &View<'_>,
    family: &GuardianOverview,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let get = |key: &str, args: &[(&str, FluentValue<'_>)]| view.texts.get(lang(view), key, args);
    let name: FluentValue<'_> = family.name.clone().into();
    ui.horizontal(|ui| {
        ui.set_min_height(m.touch(60.0));
        ui.spacing_mut().item_spacing.x = m.px(10.0);
        let gap = m.px(10.0);
        let button_width =
            ((ui.available_width() - m.px(240.0)) / 3.0 - gap).clamp(m.px(130.0), m.touch(200.0));
        let name_width = ui.available_width() - 3.0 * (button_width + gap);
        ui.allocate_ui_with_layout(
            vec2(name_width, m.touch(60.0)),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(name_width);
                ui.label(RichText::new(&family.name).font(m.bold(22.0)).color(p.text));
                let status = [
                    text(
                        view,
                        if family.has_pin {
                            "settings-has-pin"
                        } else {
                            "settings-no-pin"
                        },
                    ),
                    text(
                        view,
                        if family.has_badge {
                            "settings-has-badge"
                        } else {
                            "settings-no-badge"
                        },
                    ),
                ];
                let children = family.children.join(", ");
                ui.label(
                    RichText::new(format!("{children} · {}", status.join(" · ")))
                        .font(m.font(17.0))
                        .color(p.muted),
                );
            },
        );
        let size = vec2(button_width, m.touch(60.0));
        let issue = big_button(
            ui,
            &text(view, "settings-issue-pin"),
            size,
            19.0,
            Look::Plain,
            m,
            p,
        );
        let issue_name = get("settings-issue-pin-for", &[("name", name.clone())]);
        issue.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &issue_name));
        if issue.clicked() {
            staff_ui.revoke_armed = None;
            actions.push(Action::IssuePin(family.id.clone()));
        }
        let armed = staff_ui.revoke_armed.as_ref() == Some(&family.id);
        let revoke_word = if armed {
            text(view, "settings-revoke-confirm")
        } else {
            text(view, "settings-revoke-pin")
        };
        let revoke = ui
            .add_enabled_ui(family.has_pin, |ui| {
                let look = if armed { Look::Primary } else { Look::Plain };
                big_button(ui, &revoke_word, size, 19.0, look, m, p)
            })
            .inner;
        let revoke_name = get("settings-revoke-pin-for", &[("name", name.clone())]);
        revoke.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, family.has_pin, &revoke_name)
        });
        if revoke.clicked() {
            if armed {
                staff_ui.revoke_armed = None;
                actions.push(Action::RevokePin(family.id.clone()));
            } else {
                staff_ui.revoke_armed = Some(family.id.clone());
            }
        }
        let link = big_button(
            ui,
            &text(view, "settings-link-badge"),
            size,
            19.0,
            Look::Plain,
            m,
            p,
        );
        let link_name = get("settings-link-badge-for", &[("name", name)]);
        link.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &link_name));
        if link.clicked() {
            staff_ui.revoke_armed = None;
            actions.push(Action::LinkBadge(Some(family.id.clone())));
        }
    });
    ui.add_space(m.px(14.0));
}

fn banner(ui: &mut Ui, view: &View<'_>, add: impl FnOnce(&mut Ui)) {
    let (m, p) = (view.metrics, &view.palette);
    Frame::new()
        .fill(p.surface)
        .stroke(Stroke::new(3.0, p.accent))
        .corner_radius(CornerRadius::same(m.px(14.0) as u8))
        .inner_margin(Margin::same(m.px(16.0) as i8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}
