//! A toggle chip: a child in or out of the visit, a reason chosen or not.

use crate::theme::{Metrics, Palette};
use egui::{Button, CornerRadius, Response, Stroke, Ui, Vec2};

/// A chip that shows whether it is on; its word is its accessible name and its state
/// is exposed as selected.
pub fn chip(
    ui: &mut Ui,
    text: &str,
    on: bool,
    min_size: Vec2,
    metrics: Metrics,
    palette: &Palette,
) -> Response {
    let (fill, ink, stroke) = if on {
        (
            palette.accent,
            palette.on_accent,
            Stroke::new(2.0, palette.accent),
        )
    } else {
        (
            palette.surface,
            palette.muted,
            Stroke::new(2.0, palette.border),
        )
    };
    let shown = if on {
        format!("✔  {text}")
    } else {
        text.to_owned()
    };
    let response = ui.add(
        Button::selectable(
            on,
            crate::widgets::rtl_label::widget_text(&shown, metrics.bold(24.0), ink),
        )
        .fill(fill)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(metrics.px(40.0).min(60.0) as u8))
        .min_size(min_size)
        // A word longer than the chip's room goes on a second line instead of
        // pushing the chip (and the row) off the screen.
        .wrap(),
    );
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), on, text));
    response
}
