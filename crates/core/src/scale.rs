//! The faces a guardian chooses from: 3, 4 (default, no neutral middle) or 5.

use serde::{Deserialize, Serialize};

/// How many faces the rating screen shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Scale {
    /// Three faces: happy, neutral, sad.
    Three,
    /// Four faces, no neutral middle (the default).
    #[default]
    Four,
    /// Five faces, with a neutral middle.
    Five,
}

/// A scale size other than 3, 4 or 5.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the scale has {0} faces; choose 3, 4 or 5")]
pub struct BadScale(pub u8);

impl TryFrom<u8> for Scale {
    type Error = BadScale;
    fn try_from(size: u8) -> Result<Self, BadScale> {
        match size {
            3 => Ok(Scale::Three),
            4 => Ok(Scale::Four),
            5 => Ok(Scale::Five),
            other => Err(BadScale(other)),
        }
    }
}

impl From<Scale> for u8 {
    fn from(scale: Scale) -> u8 {
        scale.size()
    }
}

/// The look of one face: its message key (word and accessible name come from the
/// translation files), its place from worst (`score` 1) to best, and its mouth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    /// 1 is the worst face, `scale.size()` the best.
    pub score: u8,
    /// The key of the face's word in the translation files (`face-great`, …).
    pub key: &'static str,
    /// How much the mouth curves: +1.0 a broad smile, 0.0 straight, -1.0 a deep frown.
    pub mouth_curve: f32,
    /// Where the face sits from red (0.0) to green (1.0).
    pub colour_position: f32,
}

const fn face(score: u8, key: &'static str, mouth_curve: f32, colour_position: f32) -> Face {
    Face {
        score,
        key,
        mouth_curve,
        colour_position,
    }
}

const THREE: [Face; 3] = [
    face(3, "face-great", 1.0, 1.0),
    face(2, "face-okay", 0.0, 0.5),
    face(1, "face-bad", -1.0, 0.0),
];
const FOUR: [Face; 4] = [
    face(4, "face-great", 1.0, 1.0),
    face(3, "face-good", 0.45, 0.7),
    face(2, "face-meh", -0.45, 0.33),
    face(1, "face-bad", -1.0, 0.0),
];
const FIVE: [Face; 5] = [
    face(5, "face-great", 1.0, 1.0),
    face(4, "face-good", 0.5, 0.78),
    face(3, "face-okay", 0.0, 0.52),
    face(2, "face-meh", -0.5, 0.26),
    face(1, "face-bad", -1.0, 0.0),
];

impl Scale {
    /// The number of faces.
    pub fn size(self) -> u8 {
        match self {
            Scale::Three => 3,
            Scale::Four => 4,
            Scale::Five => 5,
        }
    }

    /// The faces from best to worst, the order the screen shows them in.
    pub fn faces(self) -> &'static [Face] {
        match self {
            Scale::Three => &THREE,
            Scale::Four => &FOUR,
            Scale::Five => &FIVE,
        }
    }

    /// The face with this score, if the score is on the scale.
    pub fn face(self, score: u8) -> Option<Face> {
        self.faces().iter().copied().find(|f| f.score == score)
    }

    /// Whether a score is one of the two lowest faces (asks "wat kan beter?").
    pub fn is_low(self, score: u8) -> bool {
        (1..=2).contains(&score)
    }

    /// Whether a score is the top face ("enthusiastic").
    pub fn is_top(self, score: u8) -> bool {
        score == self.size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scale_runs_from_best_to_worst_with_distinct_mouths() {
        for scale in [Scale::Three, Scale::Four, Scale::Five] {
            let faces = scale.faces();
            assert_eq!(faces.len(), scale.size() as usize);
            assert_eq!(faces[0].score, scale.size());
            assert_eq!(faces.last().map(|f| f.score), Some(1));
            for pair in faces.windows(2) {
                assert!(pair[0].mouth_curve > pair[1].mouth_curve);
                assert!(pair[0].colour_position > pair[1].colour_position);
                assert_ne!(pair[0].key, pair[1].key);
            }
        }
    }

    #[test]
    fn low_and_top() {
        assert!(Scale::Four.is_low(2) && Scale::Four.is_low(1) && !Scale::Four.is_low(3));
        assert!(Scale::Five.is_top(5) && !Scale::Five.is_top(4));
        assert_eq!(Scale::try_from(6), Err(BadScale(6)));
    }
}
