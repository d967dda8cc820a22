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

/// Installs the bundled fonts (Latin Extended and Cyrillic; Arabic) as the kiosk's fonts.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    fonts.font_data.insert(
        "dejavu-bold".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../assets/fonts/DejaVuSans-Bold.ttf"
        ))),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "dejavu".into());
    }
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        vec!["dejavu-bold".into(), "dejavu".into()],
    );
    install_arabic(&mut fonts);
    ctx.set_fonts(fonts);
}

/// The font family for Arabic words: Noto Sans Arabic, then DejaVu.
pub const ARABIC: &str = "arabic";
/// The bold font family for Arabic words.
pub const ARABIC_BOLD: &str = "arabic-bold";

/// Adds Noto Sans Arabic (a subset holding only the Arabic blocks, see
/// `assets/fonts/README.md`): as a fallback after DejaVu in both families (DejaVu
/// stays first, so every font's size and line height stay as they were), and first
/// in the families [`ARABIC`] and [`ARABIC_BOLD`], which `widgets::rtl_label` gives
/// every right-to-left word, so its letters come from one font and join.
fn install_arabic(fonts: &mut egui::FontDefinitions) {
    let faces = [
        ("noto-arabic", "dejavu", FontFamily::Proportional, ARABIC),
        (
            "noto-arabic-bold",
            "dejavu-bold",
            FontFamily::Name(BOLD.into()),
            ARABIC_BOLD,
        ),
    ];
    let data: [&'static [u8]; 2] = [
        include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf"),
        include_bytes!("../assets/fonts/NotoSansArabic-Bold.ttf"),
    ];
    for ((font, latin, family, arabic), bytes) in faces.into_iter().zip(data) {
        fonts.font_data.insert(
            font.into(),
            std::sync::Arc::new(egui::FontData::from_static(bytes)),
        );
        if let Some(list) = fonts.families.get_mut(&family) {
            list.insert(1.min(list.len()), font.into());
        }
        fonts.families.insert(
            FontFamily::Name(arabic.into()),
            vec![font.into(), latin.into()],
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
