//! The kiosk's own settings: the faces, how long screens stay, the opening hours,
//! anonymous mode and retention. Numbers change with "−" and "+" within their
//! allowed range, so a value the check would refuse cannot be made here. And closing
//! the kiosk, with a confirming second tap.

use super::{StaffUi, draft, lang, save_row, text};
use crate::config::{ClockTime, ConfigEdit};
use crate::kiosk::Action;
use crate::screens::View;
use crate::widgets::chip;
use crate::widgets::key::{Look, big_button};
use crate::widgets::stepper::{StepperWords, stepper};
use egui::{RichText, Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::Scale;

/// The retention choices, in days: a week up to ten years.
const RETENTION_STEPS: [u32; 11] = [7, 14, 30, 60, 90, 180, 365, 730, 1095, 1825, 3650];

/// Draws the kiosk settings.
pub fn show(ui: &mut Ui, view: &View<'_>, staff_ui: &mut StaffUi, actions: &mut Vec<Action>) {
    let m = view.metrics;
    let two_columns = ui.available_width() >= m.px(1120.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .max_height((ui.available_height() - m.touch(180.0)).max(m.px(160.0)))
        .show(ui, |ui| {
            let edit = draft(view, staff_ui);
            if two_columns {
                ui.columns(2, |columns| {
                    faces_and_times(&mut columns[0], view, edit);
                    hours_and_privacy(&mut columns[1], view, edit);
                });
            } else {
                faces_and_times(ui, view, edit);
                hours_and_privacy(ui, view, edit);
            }
        });
    save_row(ui, view, staff_ui, actions);
    ui.add_space(m.px(12.0));
    exit(ui, view, staff_ui, actions);
}

fn faces_and_times(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit) {
    let (m, p) = (view.metrics, &view.palette);
    ui.label(
        RichText::new(text(view, "kiosk-faces"))
            .font(m.font(21.0))
            .color(p.text),
    );
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = m.px(10.0);
        for scale in [Scale::Three, Scale::Four, Scale::Five] {
            let label = view.texts.get(
                lang(view),
                "kiosk-faces-count",
                &[("count", scale.size().into())],
            );
            let on = edit.scale == scale;
            if chip(ui, &label, on, vec2(m.touch(120.0), m.touch(56.0)), m, p).clicked() {
                edit.scale = scale;
            }
        }
    });
    ui.add_space(m.px(6.0));
    // The thank-you screen outlasts the tap guard (1.5 s by default).
    let guard_secs = edit_guard_secs(view);
    seconds(
        ui,
        view,
        "kiosk-thank-you",
        &mut edit.thank_you_secs,
        guard_secs..=120,
        1,
    );
    seconds(ui, view, "kiosk-idle", &mut edit.idle_secs, 5..=600, 5);
    seconds(
        ui,
        view,
        "kiosk-staff-idle",
        &mut edit.staff_idle_secs,
        15..=900,
        15,
    );
}

fn hours_and_privacy(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit) {
    let (m, p) = (view.metrics, &view.palette);
    opening_hours(ui, view, edit);
    ui.add_space(m.px(6.0));
    let anonymous = text(view, "kiosk-anonymous");
    let width = ui.available_width().min(m.px(560.0));
    if chip(
        ui,
        &anonymous,
        edit.anonymous,
        vec2(width, m.touch(56.0)),
        m,
        p,
    )
    .clicked()
    {
        edit.anonymous = !edit.anonymous;
    }
    ui.label(
        RichText::new(text(view, "kiosk-anonymous-note"))
            .font(m.font(17.0))
            .color(p.muted),
    );
    ui.add_space(m.px(6.0));
    retention(ui, view, edit);
}

/// The shortest thank-you time the tap guard allows, in whole seconds.
fn edit_guard_secs(view: &View<'_>) -> u32 {
    view.kiosk.config.timeouts.tap_guard_ms / 1000 + 1
}

fn seconds(
    ui: &mut Ui,
    view: &View<'_>,
    key: &str,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
    step: u32,
) {
    let label = text(view, key);
    let shown = view
        .texts
        .get(lang(view), "unit-seconds", &[("n", (*value).into())]);
    let step_taken = stepper(
        ui,
        &words(view, &label, &shown),
        view.metrics,
        &view.palette,
    );
    if step_taken.down {
        *value = value.saturating_sub(step).max(*range.start());
    }
    if step_taken.up {
        *value = (*value + step).min(*range.end());
    }
}

fn opening_hours(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit) {
    const QUARTER: i32 = 15;
    let minutes = |t: ClockTime| i32::from(t.0.hour()) * 60 + i32::from(t.0.minute());
    let time = |mins: i32| {
        let mins = mins.clamp(0, 23 * 60 + 59);
        ClockTime::new((mins / 60) as i8, (mins % 60) as i8)
    };
    let (open, close) = (minutes(edit.open), minutes(edit.close));
    let label = text(view, "kiosk-open");
    let step = stepper(
        ui,
        &words(view, &label, &edit.open.to_string()),
        view.metrics,
        &view.palette,
    );
    if step.down {
        edit.open = time((open - QUARTER).max(0));
    }
    if step.up && open + QUARTER < close {
        edit.open = time(open + QUARTER);
    }
    let label = text(view, "kiosk-close");
    let step = stepper(
        ui,
        &words(view, &label, &edit.close.to_string()),
        view.metrics,
        &view.palette,
    );
    if step.down && close - QUARTER > open {
        edit.close = time(close - QUARTER);
    }
    if step.up {
        edit.close = time((close + QUARTER).min(23 * 60 + 45));
    }
}

fn retention(ui: &mut Ui, view: &View<'_>, edit: &mut ConfigEdit) {
    let label = text(view, "kiosk-retention");
    let shown = view.texts.get(
        lang(view),
        "unit-days",
        &[("n", edit.retention_days.into())],
    );
    let step = stepper(
        ui,
        &words(view, &label, &shown),
        view.metrics,
        &view.palette,
    );
    let days = edit.retention_days;
    if step.down {
        edit.retention_days = RETENTION_STEPS
            .iter()
            .rev()
            .copied()
            .find(|&d| d < days)
            .unwrap_or(RETENTION_STEPS[0]);
    }
    if step.up {
        edit.retention_days = RETENTION_STEPS
            .iter()
            .copied()
            .find(|&d| d > days)
            .unwrap_or(days);
    }
    ui.label(
        RichText::new(text(view, "kiosk-retention-note"))
            .font(view.metrics.font(17.0))
            .color(view.palette.muted),
    );
}

fn words(view: &View<'_>, label: &str, value: &str) -> StepperWords {
    let what: FluentValue<'_> = label.to_owned().into();
    StepperWords {
        label: label.to_owned(),
        value: value.to_owned(),
        less: view
            .texts
            .get(lang(view), "stepper-less", &[("what", what.clone())]),
        more: view
            .texts
            .get(lang(view), "stepper-more", &[("what", what)]),
    }
}

fn exit(ui: &mut Ui, view: &View<'_>, staff_ui: &mut StaffUi, actions: &mut Vec<Action>) {
    let (m, p) = (view.metrics, &view.palette);
    let size = vec2(m.touch(280.0), m.touch(64.0));
    ui.horizontal(|ui| {
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
    });
}
