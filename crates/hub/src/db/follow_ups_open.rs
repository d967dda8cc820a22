//! How many follow-ups each location has open, for the overview: counted from the
//! follow-up tables kept at ingest (`follow_ups`, `follow_up_notes`), never from the
//! raw events. "Open" is the Follow-ups page's rule: a counted rating (not misuse,
//! not superseded) that is low or asks for a talk, without a staff note yet.

use super::postgres::PgDb;
use super::sqlite::SqliteDb;
use super::{Db, DbError};
use std::collections::BTreeMap;

/// The open follow-ups of the locations in `?1`/`$1`, per location (SQLite's form; the
/// PostgreSQL one differs only in how the ids and booleans are written).
const OPEN_SQLITE: &str = "
SELECT f.location_id, count(*)
FROM follow_ups f
JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
WHERE f.location_id IN (SELECT value FROM json_each(?1))
  AND (f.low = 1 OR f.talk_request = 1) AND r.misuse = 0
  AND NOT EXISTS (SELECT 1 FROM ratings s WHERE s.location_id = r.location_id AND s.supersedes = r.id)
  AND NOT EXISTS (SELECT 1 FROM follow_up_notes n
                  WHERE n.location_id = f.location_id AND n.rating_id = f.rating_id)
GROUP BY f.location_id";

const OPEN_POSTGRES: &str = "
SELECT f.location_id, count(*)
FROM follow_ups f
JOIN ratings r ON r.location_id = f.location_id AND r.id = f.rating_id
WHERE f.location_id = ANY($1)
  AND (f.low OR f.talk_request) AND NOT r.misuse
  AND NOT EXISTS (SELECT 1 FROM ratings s WHERE s.location_id = r.location_id AND s.supersedes = r.id)
  AND NOT EXISTS (SELECT 1 FROM follow_up_notes n
                  WHERE n.location_id = f.location_id AND n.rating_id = f.rating_id)
GROUP BY f.location_id";

impl Db {
    /// The number of open follow-ups (low ratings and talk requests nobody has
    /// talked about yet) of each of these locations; a location without any is
    /// missing from the map.
    pub async fn open_follow_ups(
        &self,
        location_ids: &[String],
    ) -> Result<BTreeMap<String, u64>, DbError> {
        if location_ids.is_empty() {
            return Ok(BTreeMap::new());
        }
        let rows = match self {
            Db::Sqlite(db) => db.open_follow_ups(location_ids).await?,
            Db::Postgres(db) => db.open_follow_ups(location_ids).await?,
        };
        rows.into_iter()
            .map(|(location, n)| {
                u64::try_from(n)
                    .map(|n| (location, n))
                    .map_err(|_| DbError::Corrupt(format!("a count of open follow-ups ({n})")))
            })
            .collect()
    }
}

impl SqliteDb {
    async fn open_follow_ups(
        &self,
        location_ids: &[String],
    ) -> Result<Vec<(String, i64)>, DbError> {
        let ids = serde_json::Value::from(location_ids.to_vec()).to_string();
        self.with(move |conn| {
            let mut stmt = conn.prepare_cached(OPEN_SQLITE)?;
            let rows = stmt
                .query_map([ids], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
    }
}

impl PgDb {
    async fn open_follow_ups(
        &self,
        location_ids: &[String],
    ) -> Result<Vec<(String, i64)>, DbError> {
        let rows = self
            .client()
            .await?
            .query(OPEN_POSTGRES, &[&location_ids])
            .await?;
        Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
    }
}
