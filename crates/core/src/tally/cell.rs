//! One row of the tally: faces, answers, visits and the percentages they allow.

use super::percent::{MIN_ANSWERS, percent};
use crate::Scale;
use serde::{Deserialize, Serialize};

/// How often one face was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceCount {
    /// The scale the face was shown on (3, 4 or 5 faces).
    pub scale: Scale,
    /// The face, 1 (worst) to the scale's size (best).
    pub score: u8,
    /// How many answers chose it.
    pub count: u32,
}

/// The numbers of one row: a moment's total, one group or one hour.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Every face of every scale answered on in this row (zeros included), scales
    /// from three to five faces, each from the best face to the worst.
    pub faces: Vec<FaceCount>,
    /// Counted ratings (neither superseded nor misuse).
    pub answers: u32,
    /// Visits (guardians passing the kiosk).
    pub visits: u32,
    /// Answers with the top face of their scale.
    pub enthusiastic: u32,
    /// Answers with score 1 or 2.
    pub low: u32,
    /// `enthusiastic` of `answers` in percent (one decimal); only with at least
    /// [`MIN_ANSWERS`] answers.
    pub enthusiastic_percent: Option<f64>,
    /// `low` of `answers` in percent (one decimal); only with at least
    /// [`MIN_ANSWERS`] answers.
    pub low_percent: Option<f64>,
    /// `answers` per visit in percent (one decimal); only with at least
    /// [`MIN_ANSWERS`] answers and at least one visit.
    pub response_rate_percent: Option<f64>,
}

impl Cell {
    /// Whether the row has enough answers to show percentages.
    pub fn shows_percentages(&self) -> bool {
        self.answers >= MIN_ANSWERS
    }

    /// How often this face was chosen (0 when never).
    pub fn face_count(&self, scale: Scale, score: u8) -> u32 {
        self.faces
            .iter()
            .find(|f| f.scale == scale && f.score == score)
            .map_or(0, |f| f.count)
    }
}

/// Counts for one row while facts come in; [`Counter::cell`] makes them the row as
/// shown. Public so that counts kept elsewhere (the hub's daily roll-ups) become rows
/// by the same rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    /// Per scale (three, four, five faces), per score 1..=5.
    faces: [[u32; 5]; 3],
    answers: u32,
    enthusiastic: u32,
    low: u32,
    visits: u32,
}

const SCALES: [Scale; 3] = [Scale::Three, Scale::Four, Scale::Five];

fn scale_index(scale: Scale) -> usize {
    match scale {
        Scale::Three => 0,
        Scale::Four => 1,
        Scale::Five => 2,
    }
}

impl Counter {
    /// Adds `n` answers with this face. A score off its scale (which the store's
    /// schema refuses) is ignored.
    pub fn add_answers(&mut self, scale: Scale, score: u8, n: u32) {
        if scale.face(score).is_none() {
            return;
        }
        let Some(slot) = self.faces[scale_index(scale)].get_mut(usize::from(score) - 1) else {
            return;
        };
        *slot = slot.saturating_add(n);
        self.answers = self.answers.saturating_add(n);
        if scale.is_top(score) {
            self.enthusiastic = self.enthusiastic.saturating_add(n);
        }
        if scale.is_low(score) {
            self.low = self.low.saturating_add(n);
        }
    }

    /// Adds `n` visits.
    pub fn add_visits(&mut self, n: u32) {
        self.visits = self.visits.saturating_add(n);
    }

    /// Adds everything another counter holds.
    pub fn merge(&mut self, other: &Counter) {
        for (mine, theirs) in self.faces.iter_mut().zip(&other.faces) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m = m.saturating_add(*t);
            }
        }
        self.answers = self.answers.saturating_add(other.answers);
        self.enthusiastic = self.enthusiastic.saturating_add(other.enthusiastic);
        self.low = self.low.saturating_add(other.low);
        self.visits = self.visits.saturating_add(other.visits);
    }

    /// Answers and enthusiastic answers, for the week-on-week change.
    pub fn enthusiastic_of_answers(&self) -> (u32, u32) {
        (self.enthusiastic, self.answers)
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.answers == 0 && self.visits == 0
    }

    /// The row as shown, with the five-answer rule applied.
    pub fn cell(&self) -> Cell {
        let mut faces = Vec::new();
        for (scale, counts) in SCALES.iter().zip(&self.faces) {
            if counts.iter().all(|&c| c == 0) {
                continue;
            }
            for face in scale.faces() {
                let count = counts
                    .get(usize::from(face.score).wrapping_sub(1))
                    .copied()
                    .unwrap_or(0);
                faces.push(FaceCount {
                    scale: *scale,
                    score: face.score,
                    count,
                });
            }
        }
        let enough = self.answers >= MIN_ANSWERS;
        let share = |part| enough.then(|| percent(part, self.answers)).flatten();
        Cell {
            faces,
            answers: self.answers,
            visits: self.visits,
            enthusiastic: self.enthusiastic,
            low: self.low,
            enthusiastic_percent: share(self.enthusiastic),
            low_percent: share(self.low),
            response_rate_percent: enough.then(|| percent(self.answers, self.visits)).flatten(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter(answers: &[(Scale, u8)], visits: u32) -> Counter {
        let mut c = Counter::default();
        for &(scale, score) in answers {
            c.add_answers(scale, score, 1);
        }
        c.add_visits(visits);
        c
    }

    #[test]
    fn four_answers_show_counts_only() {
        let cell = counter(&[(Scale::Four, 4); 4], 4).cell();
        assert_eq!((cell.answers, cell.enthusiastic, cell.visits), (4, 4, 4));
        assert!(!cell.shows_percentages());
        assert_eq!(cell.enthusiastic_percent, None);
        assert_eq!(cell.low_percent, None);
        assert_eq!(cell.response_rate_percent, None);
    }

    #[test]
    fn five_answers_show_percentages() {
        let answers = [
            (Scale::Four, 4),
            (Scale::Four, 4),
            (Scale::Four, 3),
            (Scale::Four, 2),
            (Scale::Four, 1),
        ];
        let cell = counter(&answers, 8).cell();
        assert!(cell.shows_percentages());
        assert_eq!(cell.enthusiastic_percent, Some(40.0));
        assert_eq!(cell.low_percent, Some(40.0));
        assert_eq!(cell.response_rate_percent, Some(62.5));
        assert_eq!(cell.face_count(Scale::Four, 4), 2);
        assert_eq!(cell.face_count(Scale::Four, 3), 1);
        assert_eq!(cell.face_count(Scale::Five, 5), 0);
        let scores: Vec<u8> = cell.faces.iter().map(|f| f.score).collect();
        assert_eq!(scores, [4, 3, 2, 1], "best face first, zeros included");
    }

    #[test]
    fn response_rate_needs_a_visit() {
        let cell = counter(&[(Scale::Three, 3); 5], 0).cell();
        assert_eq!(cell.enthusiastic_percent, Some(100.0));
        assert_eq!(cell.response_rate_percent, None);
    }

    #[test]
    fn top_is_per_scale_and_low_is_one_and_two() {
        // A day on which the location went from five faces to three.
        let answers = [
            (Scale::Five, 5),
            (Scale::Five, 3),
            (Scale::Five, 2),
            (Scale::Three, 3),
            (Scale::Three, 2),
            (Scale::Three, 1),
        ];
        let cell = counter(&answers, 6).cell();
        assert_eq!((cell.enthusiastic, cell.low), (2, 3));
        assert_eq!(cell.enthusiastic_percent, Some(33.3));
        assert_eq!(cell.low_percent, Some(50.0));
        assert_eq!(cell.response_rate_percent, Some(100.0));
        assert_eq!(cell.face_count(Scale::Three, 3), 1);
        assert_eq!(cell.face_count(Scale::Five, 3), 1);
        let scales: Vec<Scale> = cell.faces.iter().map(|f| f.scale).collect();
        assert_eq!(
            scales,
            [[Scale::Three; 3].as_slice(), &[Scale::Five; 5]].concat()
        );
    }

    #[test]
    fn scores_off_the_scale_are_ignored() {
        let cell = counter(&[(Scale::Three, 0), (Scale::Three, 4), (Scale::Four, 9)], 1).cell();
        assert_eq!(cell.answers, 0);
        assert!(cell.faces.is_empty());
    }

    #[test]
    fn merge_adds_everything() {
        let mut a = counter(&[(Scale::Four, 4); 3], 3);
        a.merge(&counter(&[(Scale::Four, 1); 2], 4));
        let cell = a.cell();
        assert_eq!(
            (cell.answers, cell.visits, cell.enthusiastic, cell.low),
            (5, 7, 3, 2)
        );
        assert_eq!(cell.response_rate_percent, Some(71.4));
    }
}
