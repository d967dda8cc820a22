//! Trend: the last four weeks per day and moment as a chart of the enthusiastic
//! share (days with fewer than five answers leave a gap), with the week-on-week
//! change.

use super::today::percent;
use super::{lang, text, title};
use crate::screens::View;
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Shape, Stroke, Ui, pos2, vec2};
use fluent_bundle::FluentValue;
use welkom_core::tally::{Cell, Trend, TrendDay, WeekChange};

/// Draws the trend.
pub fn show(ui: &mut Ui, view: &View<'_>, trend: &Trend) {
    let (m, p) = (view.metrics, &view.palette);
    title(ui, view, "trend-title");
    let drop_off = text(view, "moment-drop-off");
    let pick_up = text(view, "moment-pick-up");
    let colours = [p.accent, p.celebrate];
    for (name, change) in [
        (&drop_off, &trend.week_on_week.drop_off),
        (&pick_up, &trend.week_on_week.pick_up),
    ] {
        week_line(ui, view, name, change);
    }
    ui.add_space(m.px(8.0));
    ui.horizontal(|ui| {
        for (name, colour) in [(&drop_off, colours[0]), (&pick_up, colours[1])] {
            let (rect, _) = ui.allocate_exact_size(vec2(m.px(28.0), m.px(6.0)), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, colour);
            ui.label(
                RichText::new(name.as_str())
                    .font(m.font(18.0))
                    .color(p.text),
            );
            ui.add_space(m.px(16.0));
        }
        ui.label(
            RichText::new(text(view, "trend-axis"))
                .font(m.font(18.0))
                .color(p.muted),
        );
    });
    let height = (ui.available_height() - m.px(8.0)).max(m.px(200.0));
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, text(view, "trend-chart"))
    });
    chart(ui, view, rect, &trend.days, colours);
}

fn week_line(ui: &mut Ui, view: &View<'_>, moment: &str, change: &WeekChange) {
    let (m, p) = (view.metrics, &view.palette);
    let line = match (
        change.enthusiastic_change_points,
        change.last_week.enthusiastic_percent,
        change.week_before.enthusiastic_percent,
    ) {
        (Some(points), Some(now), Some(before)) => view.texts.get(
            lang(view),
            "trend-week-change",
            &[
                ("moment", FluentValue::from(moment)),
                ("now", FluentValue::from(percent(now))),
                ("before", FluentValue::from(percent(before))),
                ("points", FluentValue::from(format!("{points:+.0}"))),
            ],
        ),
        _ => view.texts.get(
            lang(view),
            "trend-week-unknown",
            &[("moment", FluentValue::from(moment))],
        ),
    };
    ui.label(RichText::new(line).font(m.bold(20.0)).color(p.text));
}

fn chart(ui: &Ui, view: &View<'_>, rect: Rect, days: &[TrendDay], colours: [Color32; 2]) {
    let (m, p) = (view.metrics, &view.palette);
    let painter = ui.painter_at(rect);
    let left = rect.left() + m.px(56.0);
    let bottom = rect.bottom() - m.px(30.0);
    let plot = Rect::from_min_max(
        pos2(left, rect.top() + m.px(10.0)),
        pos2(rect.right() - m.px(10.0), bottom),
    );
    let font = FontId::proportional(m.px(15.0));
    for pct in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let y = plot.bottom() - plot.height() * pct / 100.0;
        painter.line_segment(
            [pos2(plot.left(), y), pos2(plot.right(), y)],
            Stroke::new(1.0, p.border),
        );
        painter.text(
            pos2(plot.left() - m.px(8.0), y),
            Align2::RIGHT_CENTER,
            format!("{pct:.0} %"),
            font.clone(),
            p.muted,
        );
    }
    if days.is_empty() {
        return;
    }
    let step = plot.width() / (days.len().max(2) - 1) as f32;
    let x = |i: usize| plot.left() + step * i as f32;
    // A date under every Monday, and under the first and last day.
    for (i, d) in days.iter().enumerate() {
        let monday = d.date.weekday() == jiff::civil::Weekday::Monday;
        if monday || i == 0 || i + 1 == days.len() {
            // The first and last labels stay inside the chart.
            let align = if i == 0 {
                Align2::LEFT_TOP
            } else if i + 1 == days.len() {
                Align2::RIGHT_TOP
            } else {
                Align2::CENTER_TOP
            };
            painter.text(
                pos2(x(i), bottom + m.px(6.0)),
                align,
                day_month(d.date),
                font.clone(),
                p.muted,
            );
            painter.line_segment(
                [pos2(x(i), plot.top()), pos2(x(i), plot.bottom())],
                Stroke::new(0.5, p.border),
            );
        }
    }
    let series: [fn(&TrendDay) -> &Cell; 2] = [|d| &d.drop_off, |d| &d.pick_up];
    for (cell_of, colour) in series.into_iter().zip(colours) {
        let mut run: Vec<Pos2> = Vec::new();
        let flush = |run: &mut Vec<Pos2>| {
            if run.len() > 1 {
                painter.add(Shape::line(std::mem::take(run), Stroke::new(3.0, colour)));
            }
            run.clear();
        };
        for (i, d) in days.iter().enumerate() {
            match cell_of(d).enthusiastic_percent {
                Some(pct) => {
                    let point = pos2(x(i), plot.bottom() - plot.height() * pct as f32 / 100.0);
                    painter.circle_filled(point, m.px(4.0), colour);
                    run.push(point);
                }
                // Fewer than five answers: a gap, never a guess.
                None => flush(&mut run),
            }
        }
        flush(&mut run);
    }
}

/// "23-11" under the chart.
fn day_month(date: jiff::civil::Date) -> String {
    format!("{}-{}", date.day(), date.month())
}
