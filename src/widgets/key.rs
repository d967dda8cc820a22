//! A large button: keypad keys, "OK", "Klaar".

use crate::theme::{Metrics, Palette};
use egui::{Button, CornerRadius, Response, Stroke, Ui, Vec2};

/// How a big button looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Light surface with a border (keypad digits).
    Plain,
    /// Filled with the accent colour (the main action).
    Primary,
    /// Text only, for secondary actions.
    Quiet,
}

/// A big button with a visible word (which is also its accessible name).
pub fn big_button(
    ui: &mut Ui,
    text: &str,
    size: Vec2,
    font_at_800: f32,
    look: Look,
    metrics: Metrics,
    palette: &Palette,
) -> Response {
    let (fill, ink, stroke) = match look {
        Look::Plain => (
            palette.surface,
            palette.text,
            Stroke::new(2.0, palette.border),
        ),
        Look::Primary => (palette.accent, palette.on_accent, Stroke::NONE),
        Look::Quiet => (egui::Color32::TRANSPARENT, palette.accent, Stroke::NONE),
    };
    let label = crate::widgets::rtl_label::widget_text(text, metrics.bold(font_at_800), ink);
    let response = ui.add(
        Button::new(label)
            .fill(fill)
            .stroke(stroke)
            .corner_radius(CornerRadius::same(metrics.px(18.0).min(40.0) as u8))
            .min_size(size),
    );
    if crate::bidi::has_rtl(text) {
        // The word in logical order, not as reordered for drawing.
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), text));
    }
    response
}
