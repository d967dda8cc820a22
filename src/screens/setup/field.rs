//! A text field the on-screen keyboard types into: the text with a cursor when it has
//! the focus, its name as the accessible name, a tap to give it the focus.

use crate::screens::View;
use egui::{CornerRadius, RichText, Sense, Stroke, Ui, vec2};

/// Draws the field `width` wide; returns whether it was tapped.
pub fn field(
    ui: &mut Ui,
    view: &View<'_>,
    name: &str,
    value: &str,
    focused: bool,
    width: f32,
) -> bool {
    let (m, p) = (view.metrics, &view.palette);
    let stroke = if focused {
        Stroke::new(3.0, p.accent)
    } else {
        Stroke::new(2.0, p.border)
    };
    let shown = if focused {
        format!("{value}|")
    } else {
        value.to_owned()
    };
    let response = egui::Frame::new()
        .fill(p.surface)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(m.px(12.0) as u8))
        .inner_margin(m.px(12.0))
        .show(ui, |ui| {
            ui.set_min_size(vec2(width - m.px(24.0), m.touch(64.0) - m.px(24.0)));
            ui.set_max_width(width - m.px(24.0));
            ui.add(
                egui::Label::new(RichText::new(shown).font(m.font(30.0)).color(p.text)).truncate(),
            );
        })
        .response
        .interact(Sense::click());
    let words = format!("{name}: {value}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &words));
    response.clicked()
}
