//! Numbered migrations, tracked in `PRAGMA user_version`. A released migration is
//! never edited; a change to the schema is a new file.

use crate::StoreError;
use rusqlite::Connection;

/// The migrations in order; index + 1 is the schema version each one produces.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_staff_and_privacy.sql"),
    include_str!("../migrations/0003_tally_indexes.sql"),
    include_str!("../migrations/0004_open_follow_ups.sql"),
    include_str!("../migrations/0005_sync.sql"),
    include_str!("../migrations/0006_pins_to_export.sql"),
    include_str!("../migrations/0007_pin_budget.sql"),
    include_str!("../migrations/0008_language_choice.sql"),
];

/// The schema version this build produces.
pub(crate) fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the database up to the latest version, each migration in its own
/// transaction. Foreign keys are off while a migration runs (a migration may rebuild
/// a table) and checked before it commits.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > latest_version() {
        return Err(StoreError::TooNew {
            found: current,
            known: latest_version(),
        });
    }
    if current == latest_version() {
        return Ok(());
    }
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = run_pending(conn, current);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

fn run_pending(conn: &mut Connection, current: i64) -> Result<(), StoreError> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        let broken: Option<String> = tx
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |row| row.get::<_, String>(0))?
            .next()
            .transpose()?;
        if let Some(table) = broken {
            return Err(StoreError::Corrupt(format!(
                "migration {} leaves a broken reference in table {table}",
                index + 1
            )));
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database written by the first schema keeps its rows, and gains the groups of
    /// its visits and ratings.
    #[test]
    fn version_one_data_survives_version_two() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(MIGRATIONS[0]).unwrap();
        tx.execute_batch(
            "INSERT INTO children (id, first_name, group_name, updated_at)
                 VALUES ('c1', 'Daan', 'Dolfijnen', 0), ('c2', 'Noor', 'Egeltjes', 0);
             INSERT INTO guardians (id, first_name, updated_at) VALUES ('g1', 'Sanne', 0);
             INSERT INTO visits (id, guardian_id, moment, at_unix_ms, local_date)
                 VALUES ('v1', 'g1', 'drop_off', 1, '2026-03-02');
             INSERT INTO visit_children VALUES ('v1', 'c1'), ('v1', 'c2');
             INSERT INTO ratings (id, visit_id, guardian_id, moment, at_unix_ms, local_date,
                                  score, scale)
                 VALUES ('r1', 'v1', 'g1', 'drop_off', 2, '2026-03-02', 2, 4);
             INSERT INTO rating_followups VALUES ('f1', 'r1', 3, '[\"sfeer\"]', 1);",
        )
        .unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();

        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, latest_version());
        let (score, groups): (i64, String) = conn
            .query_row(
                "SELECT score, groups FROM ratings WHERE id = 'r1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(score, 2);
        let mut groups: Vec<String> = serde_json::from_str(&groups).unwrap();
        groups.sort();
        assert_eq!(groups, ["Dolfijnen", "Egeltjes"]);
        let follow_ups: i64 = conn
            .query_row(
                "SELECT count(*) FROM rating_followups JOIN ratings r ON r.id = rating_id",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(follow_ups, 1, "the follow-up still points at its rating");
        let fk: bool = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk, "foreign keys are on again after migrating");
    }

    /// A cooldown running under the old throttle keeps running under the budget.
    #[test]
    fn a_running_cooldown_survives_the_pin_budget() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..6] {
            tx.execute_batch(sql).unwrap();
        }
        tx.execute_batch(
            "INSERT INTO pin_throttle VALUES ('guardian', 6, 1000000), ('staff', 2, 0);",
        )
        .unwrap();
        tx.pragma_update(None, "user_version", 6).unwrap();
        tx.commit().unwrap();
        migrate(&mut conn).unwrap();
        let rows: Vec<(String, i64)> = conn
            .prepare("SELECT pad, debt_clears_at FROM pin_budget ORDER BY pad")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows, [("guardian".to_owned(), 1_000_000 + 9 * 240_000)]);
    }
}
