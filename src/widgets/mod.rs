//! The kiosk's widgets. Each has a visible word and an accessible name.

pub mod chip;
pub mod face;
pub mod key;
pub mod keypad;
pub mod stepper;

pub use chip::chip;
pub use face::face_button;
pub use key::big_button;
pub mod letter_keyboard;
pub mod rtl_label;
