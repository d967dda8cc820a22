//! The font atlas sized for a kiosk screen.
//!
//! egui keeps every glyph it has drawn in one texture, the font atlas, and keeps a
//! copy of it in memory beside the driver's. It makes the atlas as wide as the
//! graphics driver allows (16,384 pixels under Mesa's software OpenGL) and doubles
//! its height whenever a row of glyphs does not fit, so the kiosk's first screen
//! (a clock 132 points high) already made it 16,384 × 128 pixels: 8 MB here and
//! 8 MB again in the driver. The largest glyph the kiosk draws is smaller than 256
//! pixels at any screen size (132 points at the largest scale, 1.6), so an atlas
//! [`MAX_SIDE`] wide holds every glyph and grows in smaller steps.

/// The widest (and highest) font atlas the kiosk lets egui make, in pixels.
pub const MAX_SIDE: usize = 2048;

/// Tells egui the texture side it may use for its atlas: the driver's limit, but no
/// more than [`MAX_SIDE`]. Called on every frame's raw input before egui reads it.
pub fn cap_texture_side(raw_input: &mut egui::RawInput) {
    if let Some(side) = &mut raw_input.max_texture_side {
        *side = (*side).min(MAX_SIDE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drivers_limit_is_capped_and_a_smaller_one_kept() {
        let mut raw = egui::RawInput {
            max_texture_side: Some(16_384),
            ..Default::default()
        };
        cap_texture_side(&mut raw);
        assert_eq!(raw.max_texture_side, Some(MAX_SIDE));
        raw.max_texture_side = Some(1024);
        cap_texture_side(&mut raw);
        assert_eq!(raw.max_texture_side, Some(1024));
        raw.max_texture_side = None;
        cap_texture_side(&mut raw);
        assert_eq!(raw.max_texture_side, None);
    }
}
