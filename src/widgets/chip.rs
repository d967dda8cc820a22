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
    let corner = CornerRadius::same(metrics.px(40.0).min(60.0) as u8);
    if let Some(response) = wrapped(ui, &shown, text, on, min_size, metrics, ink, fill, stroke) {
        return response;
    }
    let response = ui.add(
        Button::selectable(
            on,
            crate::widgets::rtl_label::widget_text(&shown, metrics.bold(24.0), ink),
        )
        .fill(fill)
        .stroke(stroke)
        .corner_radius(corner)
        .min_size(min_size)
        // A word longer than the chip's room goes on a second line instead of
        // pushing the chip (and the row) off the screen.
        .wrap(),
    );
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), on, text));
    response
}

/// The least a chip's words are made to fit its room, of their size.
const SMALLEST: f32 = 0.7;

/// The width of the longest word of `text` in `font`.
fn longest_word(ui: &Ui, text: &str, font: &egui::FontId, ink: egui::Color32) -> f32 {
    text.split_whitespace()
        .map(|word| {
            ui.fonts_mut(|f| f.layout_no_wrap(word.to_owned(), font.clone(), ink))
                .size()
                .x
        })
        .fold(0.0, f32::max)
}

/// The width a chip takes with its words on one line (at least `least`).
pub fn one_line_width(ui: &Ui, text: &str, on: bool, least: f32, metrics: Metrics) -> f32 {
    let shown = if on {
        format!("✔  {text}")
    } else {
        text.to_owned()
    };
    let words = ui
        .fonts_mut(|f| f.layout_no_wrap(shown, metrics.bold(24.0), egui::Color32::WHITE))
        .size()
        .x;
    (words + 2.0 * ui.spacing().button_padding.x).max(least)
}

/// A left-to-right word too long for the width the layout has: drawn on centred
/// lines inside the chip (which grows in height if need be); `None` when it fits on
/// one line or holds right-to-left letters (those chips stay as they are).
#[allow(clippy::too_many_arguments)]
fn wrapped(
    ui: &mut Ui,
    shown: &str,
    name: &str,
    on: bool,
    min_size: Vec2,
    metrics: Metrics,
    ink: egui::Color32,
    fill: egui::Color32,
    stroke: Stroke,
) -> Option<Response> {
    if crate::bidi::has_rtl(shown) {
        return None;
    }
    let padding = ui.spacing().button_padding;
    // Wider than its least size where the layout has room (as a button grows), on
    // more lines where it has not.
    let inner = (ui.available_width() - 2.0 * padding.x).max(1.0);
    // Lines break between words: a word longer than the room (a long name) makes
    // the words smaller, down to SMALLEST of their size, before it is broken.
    let full = metrics.bold(24.0);
    let longest = longest_word(ui, shown, &full, ink);
    let font = if longest > inner {
        egui::FontId::new(
            (full.size * inner / longest).max(full.size * SMALLEST),
            full.family.clone(),
        )
    } else {
        full
    };
    let shrunk = longest > inner;
    let mut job = egui::text::LayoutJob::simple(shown.to_owned(), font, ink, inner);
    job.halign = egui::Align::Center;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    if galley.rows.len() < 2 && !shrunk {
        return None;
    }
    let size = Vec2::new(
        min_size.x.max(galley.size().x + 2.0 * padding.x),
        min_size.y.max(galley.size().y + 2.0 * padding.y),
    );
    let response = ui.add(
        Button::selectable(on, "")
            .fill(fill)
            .stroke(stroke)
            .corner_radius(CornerRadius::same(metrics.px(40.0).min(60.0) as u8))
            .min_size(size),
    );
    // Centred lines lie either side of x = 0 in the galley.
    let at = response.rect.center() - egui::vec2(0.0, galley.size().y / 2.0);
    ui.painter().galley(at, galley, ink);
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), on, name));
    Some(response)
}
