//! Exports of a location's ratings, without names: CSV and an Excel workbook, each
//! made as bytes so the command line and a web page serve the same file.

pub mod csv;
pub mod xlsx;

use crate::db::ExportedRating;
use jiff::civil::Date;

/// The columns of every ratings export, in order.
pub const RATING_COLUMNS: [&str; 9] = [
    "id",
    "local_date",
    "time",
    "moment",
    "score",
    "scale",
    "superseded",
    "misuse",
    "groups",
];

/// Days of the location to export, both ends included; `None`: no bound.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: Option<Date>,
    /// The last day.
    pub to: Option<Date>,
}

impl Period {
    /// Whether a rating of this local day (`YYYY-MM-DD`) falls in the period. A day
    /// that cannot be read falls in an unbounded period only.
    pub fn holds(&self, local_date: &str) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Ok(day) = local_date.parse::<Date>() else {
            return false;
        };
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// The ratings of a location in the period, oldest first, read from the database
    /// for these days only.
    pub async fn read(
        &self,
        db: &crate::Db,
        location_id: &str,
    ) -> Result<Vec<ExportedRating>, crate::db::DbError> {
        db.ratings_between(
            location_id,
            self.from.unwrap_or(Date::MIN),
            self.to.unwrap_or(Date::MAX),
        )
        .await
    }

    /// The ratings of the period, in their order.
    pub fn select(&self, ratings: Vec<ExportedRating>) -> Vec<ExportedRating> {
        ratings
            .into_iter()
            .filter(|r| self.holds(&r.local_date))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_holds_both_its_ends() {
        let period = Period {
            from: Some("2026-03-02".parse().unwrap()),
            to: Some("2026-03-08".parse().unwrap()),
        };
        assert!(period.holds("2026-03-02"));
        assert!(period.holds("2026-03-08"));
        assert!(!period.holds("2026-03-01"));
        assert!(!period.holds("2026-03-09"));
        assert!(!period.holds("not a day"));
        assert!(Period::default().holds("not a day"));
    }
}
