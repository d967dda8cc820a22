//! Reading the facts the tally needs: a day's ratings and visits for Today, counts
//! per day for the Trend. What counts is decided in `welkom_core::tally`, not here.

use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::HashMap;
use welkom_core::tally::{DayTally, RatingCount, RatingFact, Trend, VisitCount, VisitFact};
use welkom_core::{Moment, Scale};

/// One day, moment, face and misuse flag.
type CountKey = (Date, Moment, Scale, u8, bool);

impl Store {
    /// The tally of one day (the location's calendar day `date`), with hours in the
    /// location's time zone `tz`.
    pub fn day_tally(&self, date: Date, tz: &TimeZone) -> Result<DayTally, StoreError> {
        let day = date.to_string();
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.moment, r.scale, r.score, r.groups, r.at_unix_ms, r.misuse,
                    EXISTS (SELECT 1 FROM ratings n WHERE n.supersedes = r.id)
             FROM ratings r WHERE r.local_date = ?1",
        )?;
        let mut ratings = Vec::new();
        let mut rows = stmt.query([&day])?;
        while let Some(row) = rows.next()? {
            ratings.push(RatingFact {
                moment: moment(&row.get::<_, String>(0)?)?,
                scale: scale(row.get(1)?)?,
                score: row.get(2)?,
                groups: groups(&row.get::<_, String>(3)?)?,
                hour: local_hour(row.get(4)?, tz)?,
                misuse: row.get(5)?,
                superseded: row.get(6)?,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT moment, groups, at_unix_ms FROM visits WHERE local_date = ?1",
        )?;
        let mut visits = Vec::new();
        let mut rows = stmt.query([&day])?;
        while let Some(row) = rows.next()? {
            visits.push(VisitFact {
                moment: moment(&row.get::<_, String>(0)?)?,
                groups: groups(&row.get::<_, String>(1)?)?,
                hour: local_hour(row.get(2)?, tz)?,
            });
        }
        Ok(DayTally::from_facts(date, &ratings, &visits))
    }

    /// The four weeks ending on `last_day`. The days are the location's calendar
    /// days as stored with each rating and visit, so the zone is not consulted; it is
    /// taken so that Today and Trend are asked for the same way.
    pub fn trend(&self, last_day: Date, _tz: &TimeZone) -> Result<Trend, StoreError> {
        let from = Trend::first_day(last_day).to_string();
        let to = last_day.to_string();
        let ratings = self.rating_counts(&from, &to)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_date, moment, count(*) FROM visits
             WHERE local_date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        )?;
        let mut visits = Vec::new();
        let mut rows = stmt.query([&from, &to])?;
        while let Some(row) = rows.next()? {
            visits.push(VisitCount {
                date: date(&row.get::<_, String>(0)?)?,
                moment: moment(&row.get::<_, String>(1)?)?,
                count: row.get(2)?,
            });
        }
        Ok(Trend::from_counts(last_day, &ratings, &visits))
    }

    /// The ratings between two days (inclusive) counted per day, moment, face, misuse
    /// flag and whether they are superseded.
    fn rating_counts(&self, from: &str, to: &str) -> Result<Vec<RatingCount>, StoreError> {
        let key = |row: &rusqlite::Row<'_>| -> Result<CountKey, StoreError> {
            Ok((
                date(&row.get::<_, String>(0)?)?,
                moment(&row.get::<_, String>(1)?)?,
                scale(row.get(2)?)?,
                row.get(3)?,
                row.get(4)?,
            ))
        };
        // All ratings, from the index `ratings_tally` alone.
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_date, moment, scale, score, misuse, count(*) FROM ratings
             WHERE local_date BETWEEN ?1 AND ?2
             GROUP BY local_date, moment, scale, score, misuse",
        )?;
        let mut all: HashMap<CountKey, u32> = HashMap::new();
        let mut rows = stmt.query([from, to])?;
        while let Some(row) = rows.next()? {
            all.insert(key(row)?, row.get(5)?);
        }
        // The superseded among them. A rating supersedes only an earlier rating of the
        // same guardian, moment and day (`Store::record_rating`), so the ratings that
        // supersede lie between the same two days.
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_date, moment, scale, score, misuse, count(*) FROM ratings
             WHERE local_date BETWEEN ?1 AND ?2
               AND id IN (SELECT supersedes FROM ratings
                          WHERE local_date BETWEEN ?1 AND ?2 AND supersedes IS NOT NULL)
             GROUP BY local_date, moment, scale, score, misuse",
        )?;
        let mut counts = Vec::with_capacity(all.len() + 16);
        let mut rows = stmt.query([from, to])?;
        while let Some(row) = rows.next()? {
            let key = key(row)?;
            let superseded: u32 = row.get(5)?;
            if let Some(n) = all.get_mut(&key) {
                *n = n.saturating_sub(superseded);
            }
            counts.push(count(key, true, superseded));
        }
        counts.extend(all.into_iter().map(|(key, n)| count(key, false, n)));
        Ok(counts)
    }
}

fn count(
    (date, moment, scale, score, misuse): CountKey,
    superseded: bool,
    count: u32,
) -> RatingCount {
    RatingCount {
        date,
        moment,
        scale,
        score,
        superseded,
        misuse,
        count,
    }
}

fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what} {value}"))
}

fn moment(key: &str) -> Result<Moment, StoreError> {
    Moment::from_key(key).ok_or_else(|| corrupt("moment", key))
}

fn scale(size: u8) -> Result<Scale, StoreError> {
    Scale::try_from(size).map_err(|_| corrupt("scale", size))
}

fn date(text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|_| corrupt("date", text))
}

fn groups(json: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(json).map_err(|_| corrupt("groups", json))
}

/// The local hour (0 to 23) of a moment given in unix milliseconds.
fn local_hour(unix_ms: i64, tz: &TimeZone) -> Result<u8, StoreError> {
    let at = Timestamp::from_millisecond(unix_ms).map_err(|_| corrupt("time", unix_ms))?;
    u8::try_from(tz.to_datetime(at).hour()).map_err(|_| corrupt("time", unix_ms))
}
