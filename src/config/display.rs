//! `[display]`: how the screen is mounted.

use serde::Deserialize;

/// The screen's settings.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Display {
    /// Clockwise rotation of the picture for a screen mounted on its side or upside
    /// down. The kiosk session passes it to the compositor at start
    /// (`/usr/lib/welkom/kiosk-session`); a change applies after a restart.
    pub rotation: Rotation,
}

/// A clockwise rotation in whole quarter turns: 0, 90, 180 or 270 degrees.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(try_from = "i64")]
pub enum Rotation {
    /// Landscape as the screen is built.
    #[default]
    None,
    /// A quarter turn clockwise (portrait).
    Quarter,
    /// Upside down.
    Half,
    /// Three quarter turns clockwise (portrait, the other way).
    ThreeQuarters,
}

impl Rotation {
    /// The rotation in degrees.
    pub fn degrees(self) -> u16 {
        match self {
            Rotation::None => 0,
            Rotation::Quarter => 90,
            Rotation::Half => 180,
            Rotation::ThreeQuarters => 270,
        }
    }
}

impl TryFrom<i64> for Rotation {
    type Error = String;

    fn try_from(degrees: i64) -> Result<Self, Self::Error> {
        match degrees {
            0 => Ok(Rotation::None),
            90 => Ok(Rotation::Quarter),
            180 => Ok(Rotation::Half),
            270 => Ok(Rotation::ThreeQuarters),
            other => Err(format!(
                "rotation {other} is not one of 0, 90, 180 or 270 (degrees clockwise)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::load_text;
    use std::path::Path;

    #[test]
    fn rotation_is_read_in_quarter_turns_and_defaults_to_none() {
        let file = Path::new("welkom.toml");
        let config = load_text("[display]\nrotation = 270\n", file).unwrap();
        assert_eq!(config.display.rotation.degrees(), 270);
        assert_eq!(load_text("", file).unwrap().display.rotation.degrees(), 0);
    }

    #[test]
    fn a_rotation_between_quarter_turns_is_refused_with_its_key() {
        let e = load_text("[display]\nrotation = 45\n", Path::new("welkom.toml")).unwrap_err();
        assert!(e.message.contains("0, 90, 180 or 270"), "{e}");
        assert_eq!(e.line, Some(2), "{e}");
    }
}
