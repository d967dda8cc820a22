//! A toggle chip: a child in or out of the visit, a reason chosen or not.

use crate::bidi::{Direction, has_rtl};
use crate::theme::{Metrics, Palette};
use crate::widgets::rtl_label::{one_line_galley, paragraph_galleys};
use egui::{Button, CornerRadius, Galley, Response, Stroke, Ui, Vec2};
use std::sync::Arc;

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

/// The width of the longest word of `text` in `font` (a right-to-left word in the
/// font it is drawn in).
fn longest_word(ui: &Ui, text: &str, font: &egui::FontId, ink: egui::Color32) -> f32 {
    text.split_whitespace()
        .map(|word| one_line_galley(ui, word, font.clone(), ink).size().x)
        .fold(0.0, f32::max)
}

/// The width a chip takes with its words on one line (at least `least`).
pub fn one_line_width(ui: &Ui, text: &str, on: bool, least: f32, metrics: Metrics) -> f32 {
    let shown = if on {
        format!("✔  {text}")
    } else {
        text.to_owned()
    };
    let words = one_line_galley(ui, &shown, metrics.bold(24.0), egui::Color32::WHITE)
        .size()
        .x;
    (words + 2.0 * ui.spacing().button_padding.x).max(least)
}

/// A chip's words laid out on several lines (or shrunk) to fit its room.
struct Lines {
    /// The galleys, top to bottom.
    galleys: Vec<Arc<Galley>>,
    /// How many lines they make.
    rows: usize,
    /// The words' size.
    size: Vec2,
    /// Room kept around the words inside the chip.
    padding: Vec2,
}

/// Words too long for `width` laid out to fit it: broken between words onto centred
/// lines (a word longer than the room makes the words smaller, down to SMALLEST of
/// their size, before it is broken), each line of words that hold right-to-left
/// letters put in reading order; `None` when they fit on one line as they are.
fn lay_out(
    ui: &Ui,
    shown: &str,
    width: f32,
    metrics: Metrics,
    ink: egui::Color32,
) -> Option<Lines> {
    let full = metrics.bold(24.0);
    // Lines keep clear of the chip's top and bottom (an Arabic letter's marks reach
    // above the line).
    let padding = ui
        .spacing()
        .button_padding
        .max(Vec2::new(0.0, full.size * 0.4));
    let inner = (width - 2.0 * padding.x).max(1.0);
    let longest = longest_word(ui, shown, &full, ink);
    let shrunk = longest > inner;
    let font = if shrunk {
        egui::FontId::new(
            (full.size * inner / longest).max(full.size * SMALLEST),
            full.family.clone(),
        )
    } else {
        full
    };
    let galleys = lines(ui, shown, font, ink, inner);
    let rows: usize = galleys.iter().map(|line| line.rows.len()).sum();
    if rows < 2 && !shrunk {
        return None;
    }
    let size = Vec2::new(
        galleys.iter().map(|line| line.size().x).fold(0.0, f32::max),
        galleys.iter().map(|line| line.size().y).sum(),
    );
    Some(Lines {
        galleys,
        rows,
        size,
        padding,
    })
}

/// The height a chip takes in a cell `width` wide: its least height, or more when its
/// words need several lines (so a row of chips can be as tall as its tallest).
pub fn height(ui: &Ui, text: &str, on: bool, width: f32, least: f32, metrics: Metrics) -> f32 {
    let shown = if on {
        format!("✔  {text}")
    } else {
        text.to_owned()
    };
    lay_out(ui, &shown, width, metrics, egui::Color32::WHITE).map_or(least, |lines| {
        least.max(lines.size.y + 2.0 * lines.padding.y)
    })
}

/// Words too long for the width the layout has: drawn on centred lines inside the
/// chip (which grows in height if need be); `None` when they fit on one line.
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
    // Wider than its least size where the layout has room (as a button grows), on
    // more lines where it has not.
    let lines = lay_out(ui, shown, ui.available_width(), metrics, ink)?;
    let padding = lines.padding;
    let size = Vec2::new(
        min_size.x.max(lines.size.x + 2.0 * padding.x),
        min_size.y.max(lines.size.y + 2.0 * padding.y),
    );
    let round = metrics.px(40.0).min(60.0);
    // Corners of several lines no rounder than their margin, or they cut into them.
    let corner = CornerRadius::same(if lines.rows > 1 {
        round.min(padding.y * 2.0)
    } else {
        round
    } as u8);
    let response = ui.add(
        Button::selectable(on, "")
            .fill(fill)
            .stroke(stroke)
            .corner_radius(corner)
            .min_size(size),
    );
    let centre = response.rect.center();
    let mut y = centre.y - lines.size.y / 2.0;
    for line in lines.galleys {
        let height = line.size().y;
        let at = egui::pos2(centre.x - line.rect.center().x, y);
        ui.painter().galley(at, line, ink);
        y += height;
    }
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), on, name));
    Some(response)
}

/// A chip's words wrapped at `width` between words: one galley of centred rows, or,
/// for words that hold right-to-left letters, a galley per line in visual order (the
/// first line holds the start of the sentence).
fn lines(
    ui: &Ui,
    shown: &str,
    font: egui::FontId,
    ink: egui::Color32,
    width: f32,
) -> Vec<Arc<Galley>> {
    if has_rtl(shown) {
        return paragraph_galleys(ui, shown, Direction::of_text(shown), width, &font, ink);
    }
    let mut job = egui::text::LayoutJob::simple(shown.to_owned(), font, ink, width);
    // Centred rows lie either side of x = 0 in the galley.
    job.halign = egui::Align::Center;
    vec![ui.fonts_mut(|f| f.layout_job(job))]
}
