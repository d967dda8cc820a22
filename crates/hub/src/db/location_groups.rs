//! The names of a location's groups, as its roll-ups know them: for the location
//! page's group choice. Reads the roll-ups only (their primary key starts with the
//! location and the group), never raw events.

use super::{Db, DbError, Location};
use jiff::civil::Date;
use rusqlite::params;
use std::sync::LazyLock;

/// The groups of one roll-up table (`TABLE`), found by skipping from one group to
/// the next along its primary key (location, group, date, …): a few index look-ups
/// per group however many days and rows it has; a group is kept when it has a row in
/// the period (`?2` to `?3`).
const GROUPS_OF_TABLE: &str = "
SELECT name FROM (
    WITH RECURSIVE g(name) AS (
        SELECT min(group_name) FROM TABLE WHERE location_id = ?1 AND group_name > ''
        UNION ALL
        SELECT (SELECT min(group_name) FROM TABLE
                WHERE location_id = ?1 AND group_name > g.name)
        FROM g WHERE g.name IS NOT NULL
    )
    SELECT name FROM g
    WHERE name IS NOT NULL AND EXISTS (
        SELECT 1 FROM TABLE r
        WHERE r.location_id = ?1 AND r.group_name = g.name
          AND r.local_date BETWEEN ?2 AND ?3)
) AS TABLE_groups";

/// The location's groups on SQLite: of the answers' and of the visits' roll-ups.
static GROUPS_SQLITE: LazyLock<String> = LazyLock::new(|| {
    ["rating_rollups", "visit_rollups"]
        .map(|table| GROUPS_OF_TABLE.replace("TABLE", table))
        .join(" UNION ")
});

/// The same on PostgreSQL (`$n` for `?n`).
static GROUPS_POSTGRES: LazyLock<String> = LazyLock::new(|| {
    GROUPS_SQLITE
        .replace("?1", "$1")
        .replace("?2", "$2")
        .replace("?3", "$3")
});

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
                    let mut stmt = conn.prepare_cached(&GROUPS_SQLITE)?;
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
                .query(GROUPS_POSTGRES.as_str(), &[&id, &first, &last])
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
