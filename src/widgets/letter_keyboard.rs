//! An on-screen letter keyboard: a kiosk under `cage` has no system keyboard. Digits,
//! letters, the marks that names and addresses need (`'`, `-`, `.`, `/`, `:`), a
//! second layer of accented letters (é, ë, ü, ç, …), capitals, space and erase.

use crate::theme::{Metrics, Palette};
use crate::widgets::key::{Look, big_button};
use egui::{Ui, vec2};

/// A key pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPress {
    /// A character (as shown: a capital when shift is on).
    Char(char),
    /// Erase the last character.
    Erase,
    /// Capitals on or off.
    Shift,
    /// Between the letters and the accented letters.
    Layer,
}

/// The words of the keys that show a symbol (their accessible names) and of the
/// layer key.
pub struct KeyWords {
    /// The shift key's name ("Hoofdletter").
    pub shift: String,
    /// The erase key's name ("Wissen").
    pub erase: String,
    /// The space bar's name ("spatie").
    pub space: String,
    /// The layer key's name when it leads to the accents ("Accenten").
    pub accents: String,
    /// The layer key's name when it leads back to the letters ("Letters").
    pub letters: String,
}

const DIGITS: &str = "1234567890";
const LETTERS: [&str; 3] = ["qwertyuiop", "asdfghjkl'", "zxcvbnm-./"];
const ACCENTED: [&str; 3] = ["éèëêáàäâóö", "òôúüûùíïîç", "ñåøæœ'-./"];

/// Draws the keyboard across the width it is given; the keys pressed are returned.
pub fn letter_keyboard(
    ui: &mut Ui,
    shift: bool,
    accents: bool,
    words: &KeyWords,
    metrics: Metrics,
    palette: &Palette,
) -> Vec<KeyPress> {
    let m = metrics;
    let mut pressed = Vec::new();
    let gap = m.px(8.0).max(4.0);
    let columns = 10.0;
    let width = ((ui.available_width() - gap * (columns - 1.0)) / columns).clamp(
        crate::theme::MIN_TOUCH,
        m.px(112.0).max(crate::theme::MIN_TOUCH),
    );
    // Portrait screens have the height to spare for taller keys.
    let height = if m.portrait { 84.0 } else { 66.0 };
    let key = vec2(width, m.touch(height));
    let font = 28.0;
    let rows = if accents { ACCENTED } else { LETTERS };
    ui.spacing_mut().item_spacing = vec2(gap, gap);
    let mut row = |ui: &mut Ui, chars: &str| {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing = vec2(gap, gap);
            for c in chars.chars() {
                let shown = if shift {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                if big_button(ui, &shown.to_string(), key, font, Look::Plain, m, palette).clicked()
                {
                    pressed.push(KeyPress::Char(shown));
                }
            }
        });
    };
    row(ui, DIGITS);
    for chars in rows {
        row(ui, chars);
    }
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing = vec2(gap, gap);
        let wide = vec2(key.x * 2.0 + gap, key.y);
        let look = if shift { Look::Primary } else { Look::Plain };
        let response = big_button(ui, "⇧", wide, font, look, m, palette);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, shift, &words.shift)
        });
        if response.clicked() {
            pressed.push(KeyPress::Shift);
        }
        let layer = if accents { "abc" } else { "àé" };
        let layer_name = if accents {
            &words.letters
        } else {
            &words.accents
        };
        let response = big_button(ui, layer, wide, 24.0, Look::Plain, m, palette);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, layer_name));
        if response.clicked() {
            pressed.push(KeyPress::Layer);
        }
        let space = vec2(key.x * 3.0 + gap * 2.0, key.y);
        let response = big_button(ui, &words.space, space, 22.0, Look::Plain, m, palette);
        if response.clicked() {
            pressed.push(KeyPress::Char(' '));
        }
        if big_button(ui, ":", key, font, Look::Plain, m, palette).clicked() {
            pressed.push(KeyPress::Char(':'));
        }
        let response = big_button(ui, "⌫", wide, font, Look::Plain, m, palette);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words.erase));
        if response.clicked() {
            pressed.push(KeyPress::Erase);
        }
    });
    pressed
}
