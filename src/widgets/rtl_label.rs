//! Text in the guardian's reading direction. Right to left: wrapped to the width
//! available, each line reordered by the bidi algorithm (`crate::bidi`) and drawn
//! right-aligned. Left to right: egui's own label, exactly as before (unless the text
//! holds right-to-left letters).

use crate::bidi::{self, Direction, Piece};
use egui::text::{LayoutJob, TextFormat};
use egui::{
    Align, Color32, FontId, Galley, Layout, Response, RichText, Sense, Ui, WidgetInfo, WidgetText,
};
use std::sync::Arc;

/// A parent-facing label in a reading direction: for right to left, a wrapped,
/// right-aligned paragraph whose lines read right to left (the block is placed by the
/// parent layout like any label); for left to right, `ui.label` as ever, unless the
/// text holds right-to-left letters (a name in Arabic script), which are then put in
/// order the same way, lines aligned left. Its accessible name is the text in
/// logical order.
pub fn label(
    ui: &mut Ui,
    direction: Direction,
    text: impl Into<String>,
    font: FontId,
    colour: Color32,
) -> Response {
    let text = text.into();
    if direction.is_rtl() || bidi::has_rtl(&text) {
        bidi_label(ui, &text, direction, font, colour)
    } else {
        ui.label(RichText::new(text).font(font).color(colour))
    }
}

/// A paragraph laid out right to left, wrapped at the available width.
pub fn rtl_label(ui: &mut Ui, text: &str, font: FontId, colour: Color32) -> Response {
    bidi_label(ui, text, Direction::RightToLeft, font, colour)
}

/// A paragraph in a base direction, wrapped at the available width, each line put in
/// visual order and aligned to the side its reading starts from.
pub fn bidi_label(
    ui: &mut Ui,
    text: &str,
    base: Direction,
    font: FontId,
    colour: Color32,
) -> Response {
    let max_width = ui.available_width().max(1.0);
    let galleys = paragraph_galleys(ui, text, base, max_width, &font, colour);
    let width = galleys
        .iter()
        .map(|g| g.size().x)
        .fold(0.0_f32, f32::max)
        .min(max_width);
    let height: f32 = galleys.iter().map(|g| g.size().y).sum();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), text));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let mut y = rect.top();
        for galley in galleys {
            let h = galley.size().y;
            let x = if base.is_rtl() {
                rect.right() - galley.size().x
            } else {
                rect.left()
            };
            painter.galley(egui::pos2(x, y), galley, colour);
            y += h;
        }
    }
    response
}

/// The galleys of a paragraph's visual lines, top to bottom, wrapped at `max_width`.
pub fn paragraph_galleys(
    ui: &Ui,
    text: &str,
    base: Direction,
    max_width: f32,
    font: &FontId,
    colour: Color32,
) -> Vec<Arc<Galley>> {
    let lay_out = |line: bidi::LineRange| {
        let job = line_job(&bidi::visual_pieces(text, base, line), font, colour);
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let lines = bidi::wrap(text, max_width, |line| lay_out(line).size().x);
    lines.into_iter().map(lay_out).collect()
}

/// The height of a line of right-to-left text, in font sizes.
const LINE_HEIGHT: f32 = 1.2;

/// A visual line as one layout job: a section per piece, so each is shaped on its own
/// (a right-to-left word joined and turned by the shaper, in the Arabic font), placed
/// left to right.
pub fn line_job(pieces: &[Piece], font: &FontId, colour: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    let arabic = crate::theme::arabic_font(font);
    // Noto Sans Arabic's own line height is twice its size (room for stacked marks);
    // a line of it keeps close to a Latin line's instead.
    let line_height = Some((font.size * LINE_HEIGHT).round());
    for piece in pieces {
        let font = if piece.rtl { &arabic } else { font };
        let mut format = TextFormat::simple(font.clone(), colour);
        format.line_height = line_height;
        job.append(&piece.text, 0.0, format);
    }
    job
}

/// A one-line text for a button, chip or face: reordered when it holds right-to-left
/// letters (in the direction of its first strong letter), as given otherwise.
pub fn widget_text(text: &str, font: FontId, colour: Color32) -> WidgetText {
    if bidi::has_rtl(text) {
        let pieces = bidi::visual_pieces(text, Direction::of_text(text), 0..text.len());
        WidgetText::from(line_job(&pieces, &font, colour))
    } else {
        WidgetText::from(RichText::new(text).font(font).color(colour))
    }
}

/// The same as a galley, for painting (the faces' words).
pub fn one_line_galley(ui: &Ui, text: &str, font: FontId, colour: Color32) -> Arc<Galley> {
    if bidi::has_rtl(text) {
        let pieces = bidi::visual_pieces(text, Direction::of_text(text), 0..text.len());
        let job = line_job(&pieces, &font, colour);
        ui.fonts_mut(|f| f.layout_job(job))
    } else {
        ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, colour))
    }
}

/// A row of faces or chips in reading order: left to right, or right to left.
pub fn row_layout(direction: Direction) -> Layout {
    if direction.is_rtl() {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_arabic_paragraph_wraps_with_its_start_on_the_first_line_at_the_right() {
        let ctx = egui::Context::default();
        crate::theme::install_fonts(&ctx);
        let text = "أهلًا وسهلًا يا Yusuf! نتمنى لك يومًا أول جميلًا!";
        let font = FontId::proportional(30.0);
        let rtl = Direction::RightToLeft;
        let mut checked = false;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let one = paragraph_galleys(ui, text, rtl, f32::INFINITY, &font, Color32::BLACK);
            assert_eq!(one.len(), 1);
            let max = one[0].size().x * 0.6;
            let lines = paragraph_galleys(ui, text, rtl, max, &font, Color32::BLACK);
            assert_eq!(lines.len(), 2);
            assert!(lines.iter().all(|g| g.size().x <= max));
            // The galley holds the pieces left to right: the sentence's first word
            // is the last piece of the first line, at its right edge.
            assert!(lines[0].text().ends_with("أهلًا"), "{}", lines[0].text());
            assert!(lines[0].text().contains("!Yusuf"), "{}", lines[0].text());
            // The second line goes on with the sentence and ends it at its left.
            assert!(lines[1].text().starts_with("!جميلًا"), "{}", lines[1].text());
            assert!(!lines[1].text().contains("أهلًا"));
            checked = true;
        });
        output.textures_delta.clear();
        assert!(checked);
    }

    #[test]
    fn latin_widget_text_is_left_as_given() {
        let font = FontId::proportional(20.0);
        let text = widget_text("Niet goed", font, Color32::BLACK);
        assert_eq!(text.text(), "Niet goed");
        let arabic = widget_text("غير جيد", FontId::proportional(20.0), Color32::BLACK);
        assert_eq!(arabic.text(), "جيد غير");
    }
}
