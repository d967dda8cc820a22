//! The names of a location's groups, as its roll-ups know them: for the location
//! page's group choice. Reads the roll-ups only (their primary key starts with the
//! location and the group), never raw events.

use super::{Db, DbError, Location};
use jiff::civil::Date;
use rusqlite::params;

impl Db {
    /// The groups with an answer or a visit at this location from `first` to `last`
    /// (both included), sorted by name.
    pub async fn location_groups(
        &self,
        location: &Location,
        first: Date,
        last: Date,
    ) -> Result<Vec<String>, DbError> {
        let (id, first, last) = (location.id.clone(), first.to_string(), last.to_string());
        let mut names: Vec<String> = match self {
            Db::Sqlite(db) => {
                db.with(move |conn| {
                    let mut stmt = conn.prepare_cached(
                        "SELECT group_name FROM rating_rollups
                         WHERE location_id = ?1 AND group_name <> ''
                           AND local_date BETWEEN ?2 AND ?3
                         UNION
                         SELECT group_name FROM visit_rollups
                         WHERE location_id = ?1 AND group_name <> ''
                           AND local_date BETWEEN ?2 AND ?3",
                    )?;
                    let names = stmt
                        .query_map(params![id, first, last], |row| row.get::<_, String>(0))?
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(names)
                })
                .await?
            }
            Db::Postgres(db) => db
                .client()
                .await?
                .query(
                    "SELECT group_name FROM rating_rollups
                     WHERE location_id = $1 AND group_name <> ''
                       AND local_date BETWEEN $2 AND $3
                     UNION
                     SELECT group_name FROM visit_rollups
                     WHERE location_id = $1 AND group_name <> ''
                       AND local_date BETWEEN $2 AND $3",
                    &[&id, &first, &last],
                )
                .await?
                .iter()
                .map(|row| row.get::<_, String>(0))
                .collect(),
        };
        names.sort();
        names.dedup();
        Ok(names)
    }
}
