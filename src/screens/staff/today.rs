//! Today: per moment the count of each face, the enthusiastic share, the share of
//! the two lowest faces and the response rate, in total, per group and per hour.
//! Percentages only where a row has at least five answers (see docs/tally.md).

use super::{lang, text, title};
use crate::screens::View;
use crate::widgets::face::face_badge;
use egui::{CornerRadius, Frame, Grid, Margin, RichText, Stroke, Ui, vec2};
use fluent_bundle::FluentValue;
use welkom_core::tally::{Cell, DayTally, MomentTally};
use welkom_core::{Moment, Scale};

/// Draws today's tally.
pub fn show(ui: &mut Ui, view: &View<'_>, tally: &DayTally) {
    title(ui, view, "today-title");
    let m = view.metrics;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if m.portrait {
                moment_card(ui, view, &tally.drop_off);
                ui.add_space(m.px(12.0));
                moment_card(ui, view, &tally.pick_up);
            } else {
                ui.columns(2, |columns| {
                    moment_card(&mut columns[0], view, &tally.drop_off);
                    moment_card(&mut columns[1], view, &tally.pick_up);
                });
            }
        });
}

fn moment_card(ui: &mut Ui, view: &View<'_>, tally: &MomentTally) {
    let (m, p) = (view.metrics, &view.palette);
    let scale = view.kiosk.config.rating.scale;
    Frame::new()
        .fill(p.surface)
        .stroke(Stroke::new(1.5, p.border))
        .corner_radius(CornerRadius::same(m.px(14.0) as u8))
        .inner_margin(Margin::same(m.px(16.0) as i8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let name = match tally.moment {
                Moment::DropOff => text(view, "moment-drop-off"),
                Moment::PickUp => text(view, "moment-pick-up"),
            };
            ui.label(RichText::new(name).font(m.bold(28.0)).color(p.text));
            ui.add_space(m.px(6.0));
            let total = &tally.total;
            // The faces with their counts, best first, as large as a glance needs.
            ui.horizontal(|ui| {
                for face in scale.faces().iter().rev() {
                    face_badge(ui, *face, m.px(40.0));
                    let count = total.face_count(scale, face.score);
                    ui.label(
                        RichText::new(count.to_string())
                            .font(m.bold(28.0))
                            .color(p.text),
                    );
                    ui.add_space(m.px(10.0));
                }
            });
            ui.add_space(m.px(6.0));
            headline(ui, view, total);
            if tally.misuse > 0 {
                let line = view.texts.get(
                    lang(view),
                    "today-misuse",
                    &[("count", FluentValue::from(tally.misuse))],
                );
                ui.label(RichText::new(line).font(m.font(18.0)).color(p.muted));
            }
            if !tally.groups.is_empty() {
                ui.add_space(m.px(10.0));
                let rows: Vec<(String, &Cell)> = tally
                    .groups
                    .iter()
                    .map(|g| (g.group.clone(), &g.cell))
                    .collect();
                table(
                    ui,
                    view,
                    "today-by-group",
                    &rows,
                    scale,
                    tally.moment,
                    "group",
                );
            }
            if !tally.hours.is_empty() {
                ui.add_space(m.px(10.0));
                let rows: Vec<(String, &Cell)> = tally
                    .hours
                    .iter()
                    .map(|h| (format!("{:02}:00", h.hour), &h.cell))
                    .collect();
                table(
                    ui,
                    view,
                    "today-by-hour",
                    &rows,
                    scale,
                    tally.moment,
                    "hour",
                );
            }
        });
}

/// The moment's shares in words, or why there are none yet.
fn headline(ui: &mut Ui, view: &View<'_>, cell: &Cell) {
    let (m, p) = (view.metrics, &view.palette);
    let answers = view.texts.get(
        lang(view),
        "today-answers",
        &[
            ("answers", FluentValue::from(cell.answers)),
            ("visits", FluentValue::from(cell.visits)),
        ],
    );
    ui.label(RichText::new(answers).font(m.font(20.0)).color(p.text));
    if cell.answers == 0 {
        return;
    }
    if !cell.shows_percentages() {
        ui.label(
            RichText::new(text(view, "today-too-few"))
                .font(m.font(18.0))
                .color(p.muted),
        );
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for (key, value, colour) in [
            ("today-enthusiastic", cell.enthusiastic_percent, p.accent),
            ("today-low", cell.low_percent, p.warning),
            ("today-response", cell.response_rate_percent, p.text),
        ] {
            if let Some(value) = value {
                ui.label(
                    RichText::new(format!("{} {}", text(view, key), percent(value)))
                        .font(m.bold(22.0))
                        .color(colour),
                );
                ui.add_space(m.px(12.0));
            }
        }
    });
}

fn table(
    ui: &mut Ui,
    view: &View<'_>,
    heading: &str,
    rows: &[(String, &Cell)],
    scale: Scale,
    moment: Moment,
    id: &str,
) {
    let (m, p) = (view.metrics, &view.palette);
    ui.label(
        RichText::new(text(view, heading))
            .font(m.bold(20.0))
            .color(p.text),
    );
    let font = m.font(18.0);
    let head = |key: &str| {
        RichText::new(text(view, key))
            .font(m.bold(16.0))
            .color(p.muted)
    };
    Grid::new((id, moment.key()))
        .striped(true)
        .spacing(vec2(m.px(14.0), m.px(6.0)))
        .show(ui, |ui| {
            ui.label("");
            for face in scale.faces().iter().rev() {
                face_badge(ui, *face, m.px(22.0));
            }
            ui.label(head("today-enthusiastic"));
            ui.label(head("today-low"));
            ui.label(head("today-response"));
            ui.end_row();
            for (name, cell) in rows {
                ui.label(RichText::new(name).font(m.bold(18.0)).color(p.text));
                for face in scale.faces().iter().rev() {
                    let count = cell.face_count(scale, face.score);
                    ui.label(
                        RichText::new(count.to_string())
                            .font(font.clone())
                            .color(p.text),
                    );
                }
                for value in [
                    cell.enthusiastic_percent,
                    cell.low_percent,
                    cell.response_rate_percent,
                ] {
                    // Under five answers: the counts alone.
                    let shown = value.map(percent).unwrap_or_else(|| "–".into());
                    ui.label(RichText::new(shown).font(font.clone()).color(p.text));
                }
                ui.end_row();
            }
        });
}

/// "45 %", rounded to a whole percent for reading at a glance.
pub(crate) fn percent(value: f64) -> String {
    format!("{:.0} %", value)
}
