//! A face to tap: a coloured disc with eyes and a mouth whose shape tells the face
//! apart without colour, and its word underneath.

use crate::theme::{Metrics, Palette, face_colour};
use egui::{Color32, Pos2, Response, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo, pos2, vec2};
use welkom_core::Face;

/// Draws a face button of the given width; returns its response (clicked = chosen).
pub fn face_button(
    ui: &mut Ui,
    face: Face,
    word: &str,
    width: f32,
    metrics: Metrics,
    palette: &Palette,
) -> Response {
    let word_font = metrics.bold(26.0);
    let height = width + metrics.px(56.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), word));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let painter = ui.painter_at(rect.expand(4.0));
    let colour = face_colour(face.colour_position);
    let pressed = response.is_pointer_button_down_on();
    let radius = width * 0.44 * if pressed { 0.94 } else { 1.0 };
    let centre = pos2(rect.center().x, rect.top() + width / 2.0);
    if response.has_focus() || response.hovered() {
        painter.circle_stroke(centre, radius + 6.0, Stroke::new(4.0, palette.accent));
    }
    painter.circle(centre, radius, colour, Stroke::new(3.0, darker(colour)));
    paint_features(&painter, centre, radius, face);
    let word_at = pos2(rect.center().x, rect.bottom() - metrics.px(22.0));
    let mut galley =
        crate::widgets::rtl_label::one_line_galley(ui, word, word_font.clone(), palette.text);
    if galley.size().x > rect.width() {
        // A longer word shrinks to the face's width instead of being cut.
        let size = word_font.size * rect.width() / galley.size().x;
        let font = egui::FontId::new(size, word_font.family.clone());
        galley = crate::widgets::rtl_label::one_line_galley(ui, word, font, palette.text);
    }
    let min = egui::Align2::CENTER_CENTER
        .anchor_size(word_at, galley.size())
        .min;
    painter.galley(min, galley, palette.text);
    response
}

fn darker(c: Color32) -> Color32 {
    let f = |x: u8| (f32::from(x) * 0.75) as u8;
    Color32::from_rgb(f(c.r()), f(c.g()), f(c.b()))
}

/// A small face for the thank-you screen (not a button).
pub fn face_badge(ui: &mut Ui, face: Face, size: f32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(size), Sense::hover());
    let painter = ui.painter_at(rect);
    let colour = face_colour(face.colour_position);
    let c = rect.center();
    let r = size * 0.46;
    painter.circle(c, r, colour, Stroke::new(2.0, darker(colour)));
    paint_features(&painter, c, r, face);
}

/// Eyes and a mouth whose curve tells the faces apart without colour.
fn paint_features(painter: &egui::Painter, centre: Pos2, radius: f32, face: Face) {
    let ink = Color32::from_rgb(0x2A, 0x22, 0x1E);
    for dx in [-radius * 0.36, radius * 0.36] {
        painter.circle_filled(
            pos2(centre.x + dx, centre.y - radius * 0.22),
            radius * 0.09,
            ink,
        );
    }
    // From a broad smile (+1) to a deep frown (-1).
    let width = radius * 0.95;
    let mouth_y = centre.y + radius * 0.32;
    let bend = face.mouth_curve * radius * 0.38;
    let points: Vec<Pos2> = (0..=24)
        .map(|i| {
            let t = i as f32 / 24.0;
            let x = centre.x - width / 2.0 + width * t;
            pos2(
                x,
                mouth_y - bend / 2.0 + bend * (1.0 - (2.0 * t - 1.0).powi(2)),
            )
        })
        .collect();
    painter.add(Shape::line(points, Stroke::new(radius * 0.1, ink)));
}
