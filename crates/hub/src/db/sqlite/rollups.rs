//! The daily roll-ups on SQLite: kept in `store_events`' transaction, filled by the
//! migration that brought them, read by the dashboard's queries.

pub(super) use super::super::rollups::VisitState;
use super::super::rollups::{
    Changes, DatedAnswers, DatedVisits, DeviceContact, RatingState, Rows, count_of, date_of,
    group_of, small_of, touched, zone_of,
};
use super::{SqliteDb, groups_of, moment_of, scale_of};
use crate::db::DbError;
use jiff::civil::Date;
use rusqlite::{Connection, params};
use std::collections::HashSet;
use welkom_core::tally::{AnswerRollup, VisitRollup};

/// Keeps the roll-ups of a batch just inserted: `ratings` are the new ratings' ids
/// with the id each supersedes, `visits` the new visits as they were stored.
pub(super) fn keep(
    conn: &Connection,
    location: &str,
    ratings: &[(String, Option<String>)],
    visits: &[VisitState],
) -> Result<(), DbError> {
    if ratings.is_empty() && visits.is_empty() {
        return Ok(());
    }
    let zone_name: String = conn
        .prepare_cached("SELECT time_zone FROM locations WHERE id = ?1")?
        .query_row([location], |row| row.get(0))?;
    let zone = zone_of(location, &zone_name)?;
    let mut changes = Changes::default();
    if !ratings.is_empty() {
        let new_ids: Vec<&str> = ratings.iter().map(|(id, _)| id.as_str()).collect();
        let new_json = serde_json::Value::from(new_ids.clone()).to_string();
        let touched_json = serde_json::Value::from(touched(ratings)).to_string();
        let states = rating_states(
            conn,
            "SELECT r.id, r.moment, r.local_date, r.at_unix_ms, r.scale, r.score, r.misuse,
                    r.groups,
                    EXISTS (SELECT 1 FROM ratings s
                            WHERE s.location_id = r.location_id AND s.supersedes = r.id),
                    EXISTS (SELECT 1 FROM ratings s
                            WHERE s.location_id = r.location_id AND s.supersedes = r.id
                              AND s.id NOT IN (SELECT value FROM json_each(?2)))
             FROM ratings r
             WHERE r.location_id = ?1 AND r.id IN (SELECT value FROM json_each(?3))",
            params![location, new_json, touched_json],
        )?;
        let new_ids: HashSet<&str> = new_ids.into_iter().collect();
        changes.ratings(&states, &new_ids, &zone)?;
    }
    for visit in visits {
        changes.visit(visit, &zone)?;
    }
    apply(conn, location, &changes)
}

/// Reads ratings with the two superseded flags (last two columns).
fn rating_states(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<RatingState>, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, i64>(4)?,
                row.get::<_, i64>(5)?,
                row.get::<_, bool>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, bool>(8)?,
                row.get::<_, bool>(9)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(
            |(id, moment, date, at, scale, score, misuse, groups, now, before)| {
                Ok(RatingState {
                    id,
                    moment: moment_of(&moment)?,
                    date,
                    at_unix_ms: at,
                    scale: scale_of(scale)?,
                    score: small_of(score, "score")?,
                    misuse,
                    groups: groups_of(&groups)?,
                    superseded_now: now,
                    superseded_before: before,
                })
            },
        )
        .collect()
}

/// Adds the changes to the roll-up rows.
fn apply(conn: &Connection, location: &str, changes: &Changes) -> Result<(), DbError> {
    if changes.is_empty() {
        return Ok(());
    }
    let mut answers = conn.prepare_cached(
        "INSERT INTO rating_rollups
             (location_id, local_date, moment, group_name, hour, scale, score, answers, misuse)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT DO UPDATE SET answers = answers + excluded.answers,
                                   misuse = misuse + excluded.misuse",
    )?;
    for (key, (n, misuse)) in &changes.answers {
        answers.execute(params![
            location, key.date, key.moment, key.group, key.hour, key.scale, key.score, n, misuse
        ])?;
    }
    let mut visits = conn.prepare_cached(
        "INSERT INTO visit_rollups (location_id, local_date, moment, group_name, hour, visits)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT DO UPDATE SET visits = visits + excluded.visits",
    )?;
    for (key, n) in &changes.visits {
        visits.execute(params![
            location, key.date, key.moment, key.group, key.hour, n
        ])?;
    }
    Ok(())
}

/// Fills the roll-ups from every stored rating and visit (they must be empty).
pub(super) fn backfill(conn: &Connection) -> Result<(), DbError> {
    let locations = conn
        .prepare("SELECT id, time_zone FROM locations")?
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (location, zone_name) in locations {
        let zone = zone_of(&location, &zone_name)?;
        let mut changes = Changes::default();
        let states = rating_states(
            conn,
            "SELECT r.id, r.moment, r.local_date, r.at_unix_ms, r.scale, r.score, r.misuse,
                    r.groups,
                    EXISTS (SELECT 1 FROM ratings s
                            WHERE s.location_id = r.location_id AND s.supersedes = r.id),
                    0
             FROM ratings r WHERE r.location_id = ?1",
            [&location],
        )?;
        for state in &states {
            changes.rating(state, true, &zone)?;
        }
        let mut stmt = conn.prepare(
            "SELECT moment, local_date, at_unix_ms, groups FROM visits WHERE location_id = ?1",
        )?;
        let rows = stmt
            .query_map([&location], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (moment, date, at_unix_ms, groups) in rows {
            let visit = VisitState {
                moment: moment_of(&moment)?,
                date,
                at_unix_ms,
                groups: groups_of(&groups)?,
            };
            changes.visit(&visit, &zone)?;
        }
        apply(conn, &location, &changes)?;
    }
    Ok(())
}

impl SqliteDb {
    pub(in crate::db) async fn rollups(
        &self,
        location_ids: &[String],
        rows: Rows,
        first: Date,
        last: Date,
    ) -> Result<(Vec<DatedAnswers>, Vec<DatedVisits>), DbError> {
        let ids = serde_json::Value::from(location_ids.to_vec()).to_string();
        let (first, last) = (first.to_string(), last.to_string());
        let group = rows.key().map(str::to_owned);
        self.with(move |conn| {
            let filter = match group {
                Some(_) => "group_name = ?4",
                None => "?4 IS NULL",
            };
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT location_id, local_date, moment, group_name, hour, scale, score,
                        answers, misuse
                 FROM rating_rollups
                 WHERE location_id IN (SELECT value FROM json_each(?1)) AND {filter}
                   AND local_date BETWEEN ?2 AND ?3 AND (answers <> 0 OR misuse <> 0)"
            ))?;
            let rows = stmt
                .query_map(params![ids, first, last, group], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, i64>(4)?,
                        row.get::<_, i64>(5)?,
                        row.get::<_, i64>(6)?,
                        row.get::<_, i64>(7)?,
                        row.get::<_, i64>(8)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut answers = Vec::with_capacity(rows.len());
            for (location_id, date, moment, group, hour, scale, score, n, misuse) in rows {
                answers.push(DatedAnswers {
                    location_id,
                    date: date_of(&date)?,
                    rollup: AnswerRollup {
                        moment: moment_of(&moment)?,
                        group: group_of(group),
                        hour: small_of(hour, "hour")?,
                        scale: scale_of(scale)?,
                        score: small_of(score, "score")?,
                        answers: count_of(n, "answers")?,
                        misuse: count_of(misuse, "misuse")?,
                    },
                });
            }
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT location_id, local_date, moment, group_name, hour, visits
                 FROM visit_rollups
                 WHERE location_id IN (SELECT value FROM json_each(?1)) AND {filter}
                   AND local_date BETWEEN ?2 AND ?3 AND visits <> 0"
            ))?;
            let rows = stmt
                .query_map(params![ids, first, last, group], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, i64>(4)?,
                        row.get::<_, i64>(5)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut visits = Vec::with_capacity(rows.len());
            for (location_id, date, moment, group, hour, n) in rows {
                visits.push(DatedVisits {
                    location_id,
                    date: date_of(&date)?,
                    rollup: VisitRollup {
                        moment: moment_of(&moment)?,
                        group: group_of(group),
                        hour: small_of(hour, "hour")?,
                        visits: count_of(n, "visits")?,
                    },
                });
            }
            Ok((answers, visits))
        })
        .await
    }

    pub(in crate::db) async fn rebuild_rollups(&self) -> Result<(), DbError> {
        self.with(|conn| {
            let tx = conn.transaction()?;
            tx.execute_batch("DELETE FROM rating_rollups; DELETE FROM visit_rollups;")?;
            backfill(&tx)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    pub(in crate::db) async fn touch_device(
        &self,
        device_id: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        let id = device_id.to_owned();
        self.with(move |conn| {
            conn.prepare_cached(
                "UPDATE devices SET last_contact_at = ?2
                 WHERE id = ?1 AND (last_contact_at IS NULL OR last_contact_at < ?2 - 60000)",
            )?
            .execute(params![id, now_ms])?;
            Ok(())
        })
        .await
    }

    pub(in crate::db) async fn device_contacts(
        &self,
        location_ids: &[String],
    ) -> Result<Vec<(String, DeviceContact)>, DbError> {
        let ids = serde_json::Value::from(location_ids.to_vec()).to_string();
        self.with(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT location_id, id, last_contact_at, revoked_at IS NOT NULL FROM devices
                 WHERE location_id IN (SELECT value FROM json_each(?1))
                 ORDER BY created_at, id",
            )?;
            let rows = stmt
                .query_map([ids], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Option<i64>>(2)?,
                        row.get::<_, bool>(3)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            rows.into_iter()
                .map(|(location, device_id, at, revoked)| {
                    let last_contact = at
                        .map(jiff::Timestamp::from_millisecond)
                        .transpose()
                        .map_err(|_| DbError::Corrupt(format!("last contact of {device_id}")))?;
                    Ok((
                        location,
                        DeviceContact {
                            device_id,
                            last_contact,
                            revoked,
                        },
                    ))
                })
                .collect()
        })
        .await
    }
}
