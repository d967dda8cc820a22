//! One file per screen. A screen draws the kiosk's state and returns the guardian's
//! actions; it changes nothing itself.

pub mod language_picker;
pub mod names;
pub mod rate;
pub mod setup;
pub mod staff;
pub mod thank_you;
pub mod welcome;

use crate::i18n::Texts;
use crate::kiosk::Kiosk;
use crate::theme::{Metrics, Palette};

/// What every screen needs to draw.
pub struct View<'a> {
    /// The kiosk's state.
    pub kiosk: &'a Kiosk,
    /// The translations.
    pub texts: &'a Texts,
    /// Sizes for this screen.
    pub metrics: Metrics,
    /// Colours (dimmed outside opening hours).
    pub palette: Palette,
}

/// The words of a reason in a language: the configured text in that language, then
/// in the location's, then the translation files' `reason-KEY`.
pub fn reason_words(view: &View<'_>, key: &str, lang: &welkom_core::LanguageTag) -> String {
    let config = &view.kiosk.config;
    config
        .reasons()
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| {
            r.text
                .get(lang)
                .or_else(|| r.text.get(&config.location.language))
                .cloned()
        })
        .unwrap_or_else(|| view.texts.plain(lang, &format!("reason-{key}")))
}
