//! Follow up: every counted low rating and talk request, newest first, with the
//! guardian's name and children (unless unknown), moment, time and reasons; a staff
//! member marks one "talked" with a short note.

use super::{StaffUi, clock_time, day, lang, text, title};
use crate::kiosk::Action;
use crate::screens::View;
use crate::widgets::chip;
use crate::widgets::face::face_badge;
use crate::widgets::key::{Look, big_button};
use egui::{Align, CornerRadius, Frame, Layout, Margin, RichText, Stroke, TextEdit, Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::{EventId, Moment, Scale};
use welkom_store::{FollowUpItem, MAX_NOTE_CHARS};

/// Draws the follow-up list.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    items: &[FollowUpItem],
    writing: Option<EventId>,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    title(ui, view, "follow-up-title");
    if items.is_empty() {
        ui.label(
            RichText::new(text(view, "follow-up-empty"))
                .font(view.metrics.font(24.0))
                .color(view.palette.muted),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for item in items {
                card(
                    ui,
                    view,
                    item,
                    writing == Some(item.rating_id),
                    staff_ui,
                    actions,
                );
                ui.add_space(view.metrics.px(10.0));
            }
        });
}

fn card(
    ui: &mut Ui,
    view: &View<'_>,
    item: &FollowUpItem,
    writing: bool,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    let border = if item.handled.is_none() {
        p.warning
    } else {
        p.border
    };
    Frame::new()
        .fill(p.surface)
        .stroke(Stroke::new(2.0, border))
        .corner_radius(CornerRadius::same(m.px(14.0) as u8))
        .inner_margin(Margin::same(m.px(16.0) as i8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                if let Some(face) = Scale::try_from(item.scale)
                    .ok()
                    .and_then(|s| s.face(item.score))
                {
                    face_badge(ui, face, m.px(56.0));
                }
                ui.add_space(m.px(8.0));
                ui.vertical(|ui| {
                    heading(ui, view, item);
                    details(ui, view, item);
                    if let Some(handled) = &item.handled {
                        handled_line(ui, view, handled);
                    }
                });
                if item.handled.is_none() && !writing {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        let talked = text(view, "follow-up-talked");
                        let size = vec2(m.touch(180.0), m.touch(60.0));
                        if big_button(ui, &talked, size, 20.0, Look::Primary, m, p).clicked() {
                            staff_ui.note.clear();
                            staff_ui.focus_note = true;
                            actions.push(Action::WriteNote(item.rating_id));
                        }
                    });
                }
            });
            if item.handled.is_none() && writing {
                ui.add_space(m.px(8.0));
                note_editor(ui, view, item.rating_id, staff_ui, actions);
            }
        });
}

fn handled_line(ui: &mut Ui, view: &View<'_>, handled: &welkom_store::Handled) {
    let args = [
        ("name", FluentValue::from(handled.staff_name.clone())),
        ("time", FluentValue::from(clock_time(view, handled.at))),
    ];
    // Past the retention period the staff member's name is gone; when stays.
    let key = if handled.staff_name.is_empty() {
        "follow-up-handled-unnamed"
    } else {
        "follow-up-handled"
    };
    let line = view.texts.get(lang(view), key, &args);
    let line = if handled.note.is_empty() {
        format!("✔ {line}")
    } else {
        format!("✔ {line}: “{}”", handled.note)
    };
    ui.label(
        RichText::new(line)
            .font(view.metrics.font(20.0))
            .color(view.palette.accent),
    );
}

fn heading(ui: &mut Ui, view: &View<'_>, item: &FollowUpItem) {
    let (m, p) = (view.metrics, &view.palette);
    let who = item
        .guardian_name
        .clone()
        .unwrap_or_else(|| text(view, "follow-up-anonymous"));
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(who).font(m.bold(24.0)).color(p.text));
        if !item.children.is_empty() {
            ui.label(
                RichText::new(format!("· {}", item.children.join(", ")))
                    .font(m.font(22.0))
                    .color(p.muted),
            );
        }
    });
}

fn details(ui: &mut Ui, view: &View<'_>, item: &FollowUpItem) {
    let (m, p) = (view.metrics, &view.palette);
    let moment = match item.moment {
        Moment::DropOff => text(view, "moment-drop-off"),
        Moment::PickUp => text(view, "moment-pick-up"),
    };
    let when = view.texts.get(
        lang(view),
        "follow-up-when",
        &[
            ("moment", FluentValue::from(moment)),
            ("date", FluentValue::from(day(item.local_date))),
            ("time", FluentValue::from(clock_time(view, item.at))),
        ],
    );
    let mut line = when;
    if !item.groups.is_empty() {
        let groups = view.texts.get(
            lang(view),
            "follow-up-groups",
            &[("groups", FluentValue::from(item.groups.join(", ")))],
        );
        line = format!("{line} · {groups}");
    }
    ui.label(RichText::new(line).font(m.font(20.0)).color(p.muted));
    ui.horizontal_wrapped(|ui| {
        if item.talk_request {
            ui.label(
                RichText::new(text(view, "follow-up-talk-request"))
                    .font(m.bold(20.0))
                    .color(p.warning),
            );
        }
        if item.low && item.talk_request {
            ui.label(RichText::new("·").font(m.font(20.0)).color(p.muted));
        }
        if item.low {
            ui.label(
                RichText::new(text(view, "follow-up-low"))
                    .font(m.bold(20.0))
                    .color(p.warning),
            );
        }
    });
    if !item.reasons.is_empty() {
        let reasons: Vec<String> = item
            .reasons
            .iter()
            .map(|k| crate::screens::reason_words(view, k, lang(view)))
            .collect();
        let line = view.texts.get(
            lang(view),
            "follow-up-reasons",
            &[("reasons", FluentValue::from(reasons.join(", ")))],
        );
        ui.label(RichText::new(line).font(m.font(20.0)).color(p.text));
    }
}

/// Ready-made notes: on a tablet without a keyboard one tap writes the note.
const PRESETS: [&str; 4] = [
    "follow-up-preset-drop-off",
    "follow-up-preset-pick-up",
    "follow-up-preset-phone",
    "follow-up-preset-mentor",
];

fn note_editor(
    ui: &mut Ui,
    view: &View<'_>,
    rating_id: EventId,
    staff_ui: &mut StaffUi,
    actions: &mut Vec<Action>,
) {
    let (m, p) = (view.metrics, &view.palette);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(m.px(8.0), m.px(8.0));
        for key in PRESETS {
            let preset = text(view, key);
            let on = staff_ui.note == preset;
            if chip(ui, &preset, on, vec2(m.px(120.0), m.touch(56.0)), m, p).clicked() {
                staff_ui.note = if on { String::new() } else { preset };
            }
        }
    });
    ui.add_space(m.px(8.0));
    let hint = text(view, "follow-up-note-hint");
    let visuals = ui.visuals_mut();
    visuals.extreme_bg_color = p.background;
    visuals.override_text_color = Some(p.text);
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.5, p.border);
    visuals.selection.stroke = Stroke::new(2.0, p.accent);
    let response = ui.add(
        TextEdit::multiline(&mut staff_ui.note)
            .hint_text(hint.clone())
            .char_limit(MAX_NOTE_CHARS)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .font(m.font(22.0)),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, &hint));
    if std::mem::take(&mut staff_ui.focus_note) {
        response.request_focus();
    }
    ui.add_space(m.px(8.0));
    ui.horizontal(|ui| {
        let size = vec2(m.touch(260.0), m.touch(60.0));
        let save = text(view, "follow-up-save");
        if big_button(ui, &save, size, 20.0, Look::Primary, m, p).clicked() {
            actions.push(Action::MarkTalked {
                rating_id,
                note: std::mem::take(&mut staff_ui.note),
            });
        }
        let cancel = text(view, "follow-up-cancel");
        if big_button(
            ui,
            &cancel,
            vec2(m.touch(180.0), m.touch(60.0)),
            20.0,
            Look::Plain,
            m,
            p,
        )
        .clicked()
        {
            staff_ui.note.clear();
            actions.push(Action::CancelNote);
        }
    });
}
