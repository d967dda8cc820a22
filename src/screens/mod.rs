//! One file per screen. A screen draws the kiosk's state and returns the guardian's
//! actions; it changes nothing itself.

pub mod names;
pub mod rate;
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
