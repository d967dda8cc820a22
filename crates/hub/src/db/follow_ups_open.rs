//! How many follow-ups each location has open, for the overview: exactly the open
//! ones the Follow-ups page's default view lists (this week, ending today): a
//! counted rating (not misuse, not superseded) that is low or asks for a talk,
//! without a staff note yet, rated on or before the location's today. Both read
//! `follow_ups.open_on <= today` (kept at ingest, migration 0009), so the number a
//! manager clicks is the number the page shows; here it is an index range read.

use super::follow_ups::local_today;
use super::postgres::PgDb;
use super::sqlite::SqliteDb;
use super::{Db, DbError, Location};
use std::collections::BTreeMap;

/// The open follow-ups of location `?1` rated on or before `?2`.
const OPEN_SQLITE: &str =
    "SELECT count(*) FROM follow_ups f WHERE f.location_id = ?1 AND f.open_on <= ?2";

/// The same for each location of `$1` with its day in `$2`.
const OPEN_POSTGRES: &str = "
SELECT x.location_id,
       (SELECT count(*) FROM follow_ups f
        WHERE f.location_id = x.location_id AND f.open_on <= x.today)
FROM unnest($1::text[], $2::text[]) AS x(location_id, today)";

impl Db {
    /// The number of open follow-ups (low ratings and talk requests nobody has
    /// talked about yet, rated on or before the location's day at `now`) of each of
    /// these locations; a location without any is missing from the map.
    pub async fn open_follow_ups(
        &self,
        locations: &[Location],
        now: jiff::Timestamp,
    ) -> Result<BTreeMap<String, u64>, DbError> {
        if locations.is_empty() {
            return Ok(BTreeMap::new());
        }
        let days: Vec<(String, String)> = locations
            .iter()
            .map(|l| (l.id.clone(), local_today(l, now).to_string()))
            .collect();
        let rows = match self {
            Db::Sqlite(db) => db.open_follow_ups(days).await?,
            Db::Postgres(db) => db.open_follow_ups(days).await?,
        };
        let mut open = BTreeMap::new();
        for (location, n) in rows {
            let n = u64::try_from(n)
                .map_err(|_| DbError::Corrupt(format!("a count of open follow-ups ({n})")))?;
            if n > 0 {
                open.insert(location, n);
            }
        }
        Ok(open)
    }
}

impl SqliteDb {
    async fn open_follow_ups(
        &self,
        days: Vec<(String, String)>,
    ) -> Result<Vec<(String, i64)>, DbError> {
        self.with(move |conn| {
            let mut stmt = conn.prepare_cached(OPEN_SQLITE)?;
            let mut rows = Vec::with_capacity(days.len());
            for (location, today) in days {
                let n: i64 = stmt.query_row([&location, &today], |row| row.get(0))?;
                rows.push((location, n));
            }
            Ok(rows)
        })
        .await
    }
}

impl PgDb {
    async fn open_follow_ups(
        &self,
        days: Vec<(String, String)>,
    ) -> Result<Vec<(String, i64)>, DbError> {
        let (ids, todays): (Vec<String>, Vec<String>) = days.into_iter().unzip();
        let rows = self
            .client()
            .await?
            .query(OPEN_POSTGRES, &[&ids, &todays])
            .await?;
        Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
    }
}
