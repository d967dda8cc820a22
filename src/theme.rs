//! Design tokens: colours and sizes, declared once. Sizes scale with the screen so
//! the kiosk reads the same from a step away at 1280×800 and at 1920×1080.

use egui::{Color32, FontFamily, FontId, Vec2};

/// The colours of the kiosk.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Screen background.
    pub background: Color32,
    /// Main text.
    pub text: Color32,
    /// Secondary text.
    pub muted: Color32,
    /// Buttons and highlights.
    pub accent: Color32,
    /// Text on the accent colour.
    pub on_accent: Color32,
    /// Surface of keys and chips.
    pub surface: Color32,
    /// Border of keys and chips.
    pub border: Color32,
    /// A message that something did not work.
    pub warning: Color32,
    /// The warm highlight of a moment that matters.
    pub celebrate: Color32,
}

/// The palette during opening hours.
pub const DAY: Palette = Palette {
    background: Color32::from_rgb(0xFB, 0xF7, 0xF0),
    text: Color32::from_rgb(0x2D, 0x2A, 0x32),
    muted: Color32::from_rgb(0x6B, 0x65, 0x70),
    accent: Color32::from_rgb(0x1F, 0x6F, 0x66),
    on_accent: Color32::WHITE,
    surface: Color32::WHITE,
    border: Color32::from_rgb(0xD9, 0xD2, 0xC7),
    warning: Color32::from_rgb(0xB3, 0x3A, 0x2E),
    celebrate: Color32::from_rgb(0xB5, 0x5A, 0x00),
};

/// The dimmed palette outside opening hours.
pub const NIGHT: Palette = Palette {
    background: Color32::from_rgb(0x1C, 0x1E, 0x26),
    text: Color32::from_rgb(0xB8, 0xB6, 0xBE),
    muted: Color32::from_rgb(0x82, 0x80, 0x8A),
    accent: Color32::from_rgb(0x2B, 0x5E, 0x58),
    on_accent: Color32::from_rgb(0xDD, 0xDD, 0xDD),
    surface: Color32::from_rgb(0x2A, 0x2D, 0x38),
    border: Color32::from_rgb(0x3A, 0x3D, 0x4A),
    warning: Color32::from_rgb(0xE0, 0x8A, 0x80),
    celebrate: Color32::from_rgb(0xE0, 0xA0, 0x50),
};

/// The face colours from worst (red) to best (green).
const FACE_STOPS: [Color32; 5] = [
    Color32::from_rgb(0xD6, 0x45, 0x45),
    Color32::from_rgb(0xF0, 0x8A, 0x3C),
    Color32::from_rgb(0xF2, 0xC1, 0x3D),
    Color32::from_rgb(0x8C, 0xC1, 0x52),
    Color32::from_rgb(0x2E, 0x9E, 0x5B),
];

/// The colour of a face at a position from red (0.0) to green (1.0).
pub fn face_colour(position: f32) -> Color32 {
    let p = position.clamp(0.0, 1.0) * (FACE_STOPS.len() - 1) as f32;
    let i = (p.floor() as usize).min(FACE_STOPS.len() - 2);
    let t = p - i as f32;
    let (a, b) = (FACE_STOPS[i], FACE_STOPS[i + 1]);
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// Sizes for the current screen.
#[derive(Clone, Copy, Debug)]
pub struct Metrics {
    /// 1.0 at 800 px on the short side.
    pub scale: f32,
    /// Whether the screen is taller than wide.
    pub portrait: bool,
}

/// The smallest touch target, in points, at any scale.
pub const MIN_TOUCH: f32 = 64.0;

/// The bold font family's name.
pub const BOLD: &str = "bold";

impl Metrics {
    /// Metrics for a screen of this size.
    pub fn for_size(size: Vec2) -> Self {
        Self {
            scale: (size.min_elem() / 800.0).clamp(0.7, 1.6),
            portrait: size.y > size.x,
        }
    }

    /// A length scaled to the screen.
    pub fn px(&self, at_800: f32) -> f32 {
        at_800 * self.scale
    }

    /// A touch target length: scaled, never below [`MIN_TOUCH`].
    pub fn touch(&self, at_800: f32) -> f32 {
        self.px(at_800).max(MIN_TOUCH)
    }

    /// Regular text of a size (at 800 px).
    pub fn font(&self, at_800: f32) -> FontId {
        FontId::new(self.px(at_800), FontFamily::Proportional)
    }

    /// Bold text of a size (at 800 px).
    pub fn bold(&self, at_800: f32) -> FontId {
        FontId::new(self.px(at_800), FontFamily::Name(BOLD.into()))
    }
}

/// A font file built into the binary, and which of the kiosk's families use it.
struct BundledFont {
    /// The name egui knows it by.
    name: &'static str,
    /// The file's bytes, built in: egui reads them where they are, never copies them.
    bytes: &'static [u8],
    /// Bold (only in the bold family) or regular (in both, after the bold fonts).
    bold: bool,
}

/// The bundled fonts, in fallback order: a character missing from one is looked up
/// in the next. A new font (another script) is one more line here, after DejaVu;
/// egui's own fonts stay behind them all.
static BUNDLED_FONTS: &[BundledFont] = &[
    BundledFont {
        name: "dejavu",
        bytes: include_bytes!("../assets/fonts/DejaVuSans.ttf"),
        bold: false,
    },
    BundledFont {
        name: "noto-arabic",
        bytes: include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf"),
        bold: false,
    },
    BundledFont {
        name: "dejavu-bold",
        bytes: include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf"),
        bold: true,
    },
    BundledFont {
        name: "noto-arabic-bold",
        bytes: include_bytes!("../assets/fonts/NotoSansArabic-Bold.ttf"),
        bold: true,
    },
];

/// Installs the bundled fonts (Latin Extended and Cyrillic from DejaVu, Arabic from
/// Noto Sans Arabic) as the kiosk's fonts: the regular ones for the proportional
/// family, the bold ones and then the regular ones for [`BOLD`].
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// The font definitions [`install_fonts`] installs.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for font in BUNDLED_FONTS {
        fonts.font_data.insert(
            font.name.into(),
            std::sync::Arc::new(egui::FontData::from_static(font.bytes)),
        );
    }
    let regular = BUNDLED_FONTS
        .iter()
        .filter(|f| !f.bold)
        .map(|f| f.name.to_owned());
    let bold = BUNDLED_FONTS
        .iter()
        .filter(|f| f.bold)
        .map(|f| f.name.to_owned());
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.splice(0..0, regular.clone());
    }
    fonts
        .families
        .insert(FontFamily::Name(BOLD.into()), bold.chain(regular).collect());
    install_arabic(&mut fonts);
    fonts
}

/// The font family for Arabic words: Noto Sans Arabic, then DejaVu.
pub const ARABIC: &str = "arabic";
/// The bold font family for Arabic words.
pub const ARABIC_BOLD: &str = "arabic-bold";

/// The families [`ARABIC`] and [`ARABIC_BOLD`]: Noto Sans Arabic (a subset holding
/// only the Arabic blocks, see `assets/fonts/README.md`) first, then DejaVu.
/// `widgets::rtl_label` gives them every right-to-left word, so its letters come
/// from one font and join; in the kiosk's own families Noto stays behind DejaVu
/// (whose own Arabic letters it would otherwise never replace), so every font's
/// size and line height stay as they were.
fn install_arabic(fonts: &mut egui::FontDefinitions) {
    for (family, first, then) in [
        (ARABIC, "noto-arabic", "dejavu"),
        (ARABIC_BOLD, "noto-arabic-bold", "dejavu-bold"),
    ] {
        fonts.families.insert(
            FontFamily::Name(family.into()),
            vec![first.into(), then.into()],
        );
    }
}

/// The same size of font in the Arabic family of its weight.
pub fn arabic_font(font: &FontId) -> FontId {
    let bold = font.family == FontFamily::Name(BOLD.into());
    let family = if bold { ARABIC_BOLD } else { ARABIC };
    FontId::new(font.size, FontFamily::Name(family.into()))
}

/// egui's own colours (text fields, scroll bars, selections) to match a palette.
pub fn visuals_for(palette: &Palette) -> egui::Visuals {
    let dark = palette.background.r() < 0x80;
    let mut visuals = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    visuals.text_edit_bg_color = Some(palette.surface);
    visuals.extreme_bg_color = palette.surface;
    visuals.panel_fill = palette.background;
    visuals.selection.bg_fill = palette.accent.gamma_multiply(0.35);
    visuals.selection.stroke = egui::Stroke::new(2.0, palette.accent);
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(2.0, palette.border);
    visuals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_are_used_in_place_in_fallback_order() {
        let fonts = font_definitions();
        for font in BUNDLED_FONTS {
            let data = &fonts.font_data[font.name];
            // The built-in bytes themselves, not a copy on the heap.
            assert!(
                std::ptr::eq(data.bytes(), font.bytes),
                "{} is copied",
                font.name
            );
        }
        let names = |family: FontFamily| fonts.families[&family].clone();
        let proportional = names(FontFamily::Proportional);
        assert_eq!(proportional[0], "dejavu");
        assert!(proportional.len() > 1, "egui's own fonts stay behind");
        assert_eq!(proportional[1], "noto-arabic");
        assert_eq!(
            names(FontFamily::Name(BOLD.into())),
            ["dejavu-bold", "noto-arabic-bold", "dejavu", "noto-arabic"]
        );
        assert_eq!(
            names(FontFamily::Name(ARABIC.into())),
            ["noto-arabic", "dejavu"]
        );
    }
}
