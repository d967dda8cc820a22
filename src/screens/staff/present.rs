//! Present: children checked in at the kiosk and not yet out, per group. After
//! closing time the ones still in stand out.

use super::{clock_time, lang, text, title};
use crate::screens::View;
use egui::{CornerRadius, Frame, Margin, RichText, Stroke, Ui};
use fluent_bundle::FluentValue;
use welkom_store::PresentChild;

/// Draws who is present.
pub fn show(ui: &mut Ui, view: &View<'_>, children: &[PresentChild]) {
    let (m, p) = (view.metrics, &view.palette);
    title(ui, view, "present-title");
    let after_closing = after_closing(view);
    let count = view.texts.get(
        lang(view),
        "present-count",
        &[("count", FluentValue::from(children.len()))],
    );
    ui.label(RichText::new(count).font(m.bold(24.0)).color(p.text));
    if children.is_empty() {
        ui.label(
            RichText::new(text(view, "present-empty"))
                .font(m.font(22.0))
                .color(p.muted),
        );
        return;
    }
    if after_closing {
        ui.label(
            RichText::new(text(view, "present-after-closing"))
                .font(m.bold(24.0))
                .color(p.warning),
        );
    }
    ui.add_space(m.px(8.0));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut groups: Vec<&str> = children.iter().map(|c| c.group.as_str()).collect();
            groups.dedup();
            for group in groups {
                let in_group: Vec<&PresentChild> =
                    children.iter().filter(|c| c.group == group).collect();
                let name = if group.is_empty() {
                    text(view, "present-no-group")
                } else {
                    group.to_owned()
                };
                ui.label(
                    RichText::new(format!("{name} ({})", in_group.len()))
                        .font(m.bold(24.0))
                        .color(p.accent),
                );
                ui.add_space(m.px(4.0));
                // Cards in rows that fit the width (a frame cannot wrap by itself).
                let gap = m.px(10.0);
                let card_w = m.px(220.0);
                let per_row = ((ui.available_width() + gap) / (card_w + gap))
                    .floor()
                    .max(1.0);
                for row in in_group.chunks(per_row as usize) {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing = egui::vec2(gap, gap);
                        for child in row {
                            child_card(ui, view, child, card_w, after_closing);
                        }
                    });
                    ui.add_space(gap);
                }
                ui.add_space(m.px(14.0));
            }
        });
}

fn child_card(ui: &mut Ui, view: &View<'_>, child: &PresentChild, width: f32, highlight: bool) {
    let (m, p) = (view.metrics, &view.palette);
    let (fill, stroke) = if highlight {
        (p.surface, Stroke::new(3.0, p.warning))
    } else {
        (p.surface, Stroke::new(1.5, p.border))
    };
    Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(m.px(12.0) as u8))
        .inner_margin(Margin::same(m.px(12.0) as i8))
        .show(ui, |ui| {
            let inner = width - 2.0 * m.px(12.0);
            ui.set_min_width(inner);
            ui.set_max_width(inner);
            ui.vertical(|ui| {
                let name = format!("{} {}", child.first_name, child.last_name);
                ui.label(RichText::new(name.trim()).font(m.bold(22.0)).color(p.text));
                let since = view.texts.get(
                    lang(view),
                    "present-since",
                    &[("time", FluentValue::from(clock_time(view, child.since)))],
                );
                ui.label(RichText::new(since).font(m.font(18.0)).color(p.muted));
            });
        });
}

/// Whether the location has closed for today.
fn after_closing(view: &View<'_>) -> bool {
    view.kiosk.local_now().time() >= view.kiosk.config.opening_hours.close.0
}
