//! The hub on one SQLite file: WAL, `synchronous=FULL`, one writer. Queries run on
//! tokio's blocking threads so the server's threads never wait on the disk.
//!
//! `secure_delete` is on, so a removed or rewritten row leaves zeros behind; after a
//! family's erasure the freed pages are given back and the write-ahead log emptied,
//! so no byte of the family stays in the files.

mod device_status;

use super::erasure::{Forgotten, Kind, RosterAfter, roster_without};
use super::{
    CheckedEvent, DbError, DeviceAuth, ExportedRating, Location, NewDevice, Stored, etag_of,
    local_hour,
};
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::sync::{Arc, Mutex};
use welkom_core::Moment;
use welkom_core::Scale;
use welkom_core::tally::{RatingFact, VisitFact};
use welkom_protocol::{EventData, FamilyErased};

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_hub.sql"),
    include_str!("../../migrations/sqlite/0002_privacy.sql"),
    include_str!("../../migrations/sqlite/0003_event_id_once.sql"),
    include_str!("../../migrations/sqlite/0004_users.sql"),
    ROLLUPS_MIGRATION,
    include_str!("../../migrations/sqlite/0006_device_status.sql"),
    include_str!("../../migrations/sqlite/0007_follow_ups.sql"),
    include_str!("../../migrations/sqlite/0008_throttle_expiry.sql"),
    include_str!("../../migrations/sqlite/0009_open_follow_ups_and_form_nonces.sql"),
    include_str!("../../migrations/sqlite/0011_pairing_codes.sql"),
    include_str!("../../migrations/sqlite/0012_follow_up_notes_by_time.sql"),
];

/// The migration that brought the daily roll-ups; the hub fills them right after it.
const ROLLUPS_MIGRATION: &str = include_str!("../../migrations/sqlite/0005_rollups.sql");

mod ingest;
mod rollups;

/// The hub's SQLite file.
#[derive(Clone)]
pub struct SqliteDb {
    conn: Arc<Mutex<Connection>>,
    /// Batches waiting to be stored, committed together (see `sqlite/ingest.rs`).
    waiting: Arc<Mutex<Vec<ingest::Waiting>>>,
}

impl SqliteDb {
    /// Opens (creating and migrating) the file.
    pub async fn open(path: &Path) -> Result<Self, DbError> {
        let path = path.to_owned();
        let conn = tokio::task::spawn_blocking(move || -> Result<Connection, DbError> {
            if let Some(dir) = path.parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir).map_err(|e| {
                    DbError::Invalid(format!("cannot create {}: {e}", dir.display()))
                })?;
            }
            let mut conn = Connection::open(&path)?;
            // Before WAL: a new file then frees pages incrementally (an older one
            // switches at its first erasure, see `compact`).
            conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
            conn.pragma_update(None, "secure_delete", true)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", true)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
            migrate(&mut conn)?;
            Ok(conn)
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))??;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            waiting: Arc::default(),
        })
    }

    /// Runs `f` with the connection on a blocking thread.
    pub(super) async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    ) -> Result<T, DbError> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = conn
                .lock()
                .map_err(|_| DbError::Task("the connection's lock was poisoned".into()))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))?
    }

    pub(super) async fn add_location(&self, location: &Location) -> Result<(), DbError> {
        let location = location.clone();
        self.with(move |conn| {
            conn.execute(
                "INSERT INTO locations (id, name, time_zone, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![location.id, location.name, location.time_zone, now_ms()],
            )?;
            Ok(())
        })
        .await
    }

    pub(super) async fn locations(&self) -> Result<Vec<Location>, DbError> {
        self.with(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, name, time_zone FROM locations ORDER BY created_at, id",
            )?;
            let rows = stmt
                .query_map([], |row| {
                    Ok(Location {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        time_zone: row.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .await
    }

    pub(super) async fn add_device(&self, device: &NewDevice, hash: &str) -> Result<(), DbError> {
        let (id, location, hash) = (
            device.id.clone(),
            device.location_id.clone(),
            hash.to_owned(),
        );
        self.with(move |conn| insert_device(conn, &id, &location, &hash, now_ms()))
            .await
    }

    pub(super) async fn revoke_device(&self, device_id: &str) -> Result<bool, DbError> {
        let id = device_id.to_owned();
        self.with(move |conn| {
            let exists: bool = conn
                .query_row("SELECT 1 FROM devices WHERE id = ?1", [&id], |_| Ok(()))
                .optional()?
                .is_some();
            conn.execute(
                "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, now_ms()],
            )?;
            Ok(exists)
        })
        .await
    }

    pub(super) async fn device_by_token_hash(
        &self,
        hash: &str,
    ) -> Result<Option<DeviceAuth>, DbError> {
        let hash = hash.to_owned();
        self.with(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT id, location_id, revoked_at IS NOT NULL FROM devices WHERE token_hash = ?1",
                )?
                .query_row([&hash], |row| {
                    Ok(DeviceAuth {
                        device_id: row.get(0)?,
                        location_id: row.get(1)?,
                        revoked: row.get(2)?,
                    })
                })
                .optional()?)
        })
        .await
    }

    pub(super) async fn store_events(
        &self,
        location_id: &str,
        device_id: &str,
        events: Vec<CheckedEvent>,
        report: Option<&super::DeviceReport>,
    ) -> Result<Stored, DbError> {
        ingest::store_events(self, location_id, device_id, events, report.cloned()).await
    }

    pub(super) async fn pin_key(
        &self,
        location_id: &str,
        candidate: &str,
    ) -> Result<String, DbError> {
        let (location, candidate) = (location_id.to_owned(), candidate.to_owned());
        self.with(move |conn| {
            conn.execute(
                "UPDATE locations SET pin_key = ?2 WHERE id = ?1 AND pin_key IS NULL",
                params![location, candidate],
            )?;
            conn.query_row(
                "SELECT pin_key FROM locations WHERE id = ?1",
                [&location],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten()
            .ok_or_else(|| DbError::Invalid(format!("there is no location '{location}'")))
        })
        .await
    }

    /// Which of these hashes are kept as erased at the location.
    pub(super) async fn erased_among(
        &self,
        location_id: &str,
        hashes: Vec<String>,
    ) -> Result<Vec<String>, DbError> {
        let location = location_id.to_owned();
        self.with(move |conn| {
            let wanted = serde_json::Value::from(hashes).to_string();
            let mut stmt = conn.prepare_cached(
                "SELECT id_hash FROM erased_ids
                 WHERE location_id = ?1 AND id_hash IN (SELECT value FROM json_each(?2))",
            )?;
            let found = stmt
                .query_map(params![location, wanted], |row| row.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(found)
        })
        .await
    }

    pub(super) async fn put_roster(
        &self,
        location_id: &str,
        etag: &str,
        csv: Vec<u8>,
    ) -> Result<(), DbError> {
        let (location, etag) = (location_id.to_owned(), etag.to_owned());
        self.with(move |conn| {
            conn.execute(
                "INSERT INTO rosters (location_id, etag, csv, imported_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(location_id) DO UPDATE SET etag = excluded.etag, csv = excluded.csv,
                     imported_at = excluded.imported_at",
                params![location, etag, csv, now_ms()],
            )?;
            Ok(())
        })
        .await
    }

    pub(super) async fn roster(
        &self,
        location_id: &str,
    ) -> Result<Option<(String, Vec<u8>)>, DbError> {
        let location = location_id.to_owned();
        self.with(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT etag, csv FROM rosters WHERE location_id = ?1",
                    [&location],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?)
        })
        .await
    }

    pub(super) async fn day_facts(
        &self,
        location_id: &str,
        date: Date,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(Vec<RatingFact>, Vec<VisitFact>), DbError> {
        let (location, zone) = (location_id.to_owned(), zone.clone());
        self.with(move |conn| {
            let day = date.to_string();
            let mut stmt = conn.prepare_cached(
                "SELECT r.moment, r.scale, r.score, r.groups, r.at_unix_ms, r.misuse,
                        EXISTS (SELECT 1 FROM ratings s
                                WHERE s.location_id = r.location_id AND s.supersedes = r.id)
                 FROM ratings r WHERE r.location_id = ?1 AND r.local_date = ?2",
            )?;
            let rows = stmt
                .query_map(params![location, day], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, i64>(4)?,
                        row.get::<_, bool>(5)?,
                        row.get::<_, bool>(6)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut ratings = Vec::with_capacity(rows.len());
            for (moment, scale, score, groups, at, misuse, superseded) in rows {
                ratings.push(RatingFact {
                    moment: moment_of(&moment)?,
                    scale: scale_of(scale)?,
                    score: u8::try_from(score).map_err(|_| DbError::Corrupt("score".into()))?,
                    groups: groups_of(&groups)?,
                    hour: local_hour(at, &zone)?,
                    superseded,
                    misuse,
                });
            }
            let mut stmt = conn.prepare_cached(
                "SELECT moment, groups, at_unix_ms FROM visits
                 WHERE location_id = ?1 AND local_date = ?2",
            )?;
            let rows = stmt
                .query_map(params![location, day], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut visits = Vec::with_capacity(rows.len());
            for (moment, groups, at) in rows {
                visits.push(VisitFact {
                    moment: moment_of(&moment)?,
                    groups: groups_of(&groups)?,
                    hour: local_hour(at, &zone)?,
                });
            }
            Ok((ratings, visits))
        })
        .await
    }

    pub(super) async fn ratings(
        &self,
        location_id: &str,
        days: (String, String),
    ) -> Result<Vec<ExportedRating>, DbError> {
        let location = location_id.to_owned();
        self.with(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT r.id, r.local_date, r.at_unix_ms, r.moment, r.score, r.scale, r.misuse,
                        r.groups,
                        EXISTS (SELECT 1 FROM ratings s
                                WHERE s.location_id = r.location_id AND s.supersedes = r.id)
                 FROM ratings r
                 WHERE r.location_id = ?1 AND r.local_date >= ?2 AND r.local_date <= ?3
                 ORDER BY r.at_unix_ms, r.id",
            )?;
            let rows = stmt
                .query_map([&location, &days.0, &days.1], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, i64>(4)?,
                        row.get::<_, i64>(5)?,
                        row.get::<_, bool>(6)?,
                        row.get::<_, String>(7)?,
                        row.get::<_, bool>(8)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            rows.into_iter()
                .map(
                    |(id, local_date, at, moment, score, scale, misuse, groups, superseded)| {
                        Ok(ExportedRating {
                            id,
                            local_date,
                            time: jiff::Timestamp::from_millisecond(at)
                                .map_err(|_| DbError::Corrupt("time".into()))?
                                .to_string(),
                            moment,
                            score,
                            scale,
                            superseded,
                            misuse,
                            groups: groups_of(&groups)?,
                        })
                    },
                )
                .collect()
        })
        .await
    }

    pub(super) async fn events_data(
        &self,
        location_id: &str,
    ) -> Result<Vec<serde_json::Value>, DbError> {
        let location = location_id.to_owned();
        self.with(move |conn| {
            let mut stmt = conn.prepare("SELECT data FROM events WHERE location_id = ?1")?;
            let rows = stmt
                .query_map([&location], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            rows.iter()
                .map(|text| {
                    serde_json::from_str(text).map_err(|_| DbError::Corrupt("event data".into()))
                })
                .collect()
        })
        .await
    }

    pub(super) async fn apply_retention(&self, cutoff_ms: i64) -> Result<u64, DbError> {
        self.with(move |conn| {
            super::follow_ups_sqlite::retain(conn, cutoff_ms)?;
            Ok(conn.execute(
                "UPDATE events
                 SET data = json_remove(
                        CASE WHEN json_type(data, '$.children') IS NOT NULL
                             THEN json_set(data, '$.children', json('[]')) ELSE data END,
                        '$.guardian_id', '$.visit_id')
                 WHERE received_at < ?1
                   AND (json_type(data, '$.guardian_id') IS NOT NULL
                        OR json_type(data, '$.visit_id') IS NOT NULL
                        OR json_array_length(data, '$.children') > 0)",
                [cutoff_ms],
            )? as u64)
        })
        .await
    }

    pub(super) async fn all_rows_as_text(&self) -> Result<Vec<String>, DbError> {
        self.with(|conn| {
            let tables = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            let mut out = Vec::new();
            for table in tables {
                let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
                let width = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let mut line = format!("{table}:");
                    for i in 0..width {
                        line.push(' ');
                        match row.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => {}
                            rusqlite::types::ValueRef::Integer(n) => line.push_str(&n.to_string()),
                            rusqlite::types::ValueRef::Real(x) => line.push_str(&x.to_string()),
                            rusqlite::types::ValueRef::Text(t)
                            | rusqlite::types::ValueRef::Blob(t) => {
                                line.push_str(&String::from_utf8_lossy(t))
                            }
                        }
                    }
                    out.push(line);
                }
            }
            Ok(out)
        })
        .await
    }

    pub(super) async fn ping(&self) -> Result<(), DbError> {
        self.with(|conn| {
            conn.query_row("SELECT 1", [], |_| Ok(()))?;
            Ok(())
        })
        .await
    }
}

/// The erased ids of a location that these events name (nothing to read when the
/// location has erased nobody).
fn read_forgotten(
    tx: &rusqlite::Transaction<'_>,
    location: &str,
    events: &[CheckedEvent],
) -> Result<Forgotten, DbError> {
    let any: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM erased_ids WHERE location_id = ?1)")?
        .query_row([location], |row| row.get(0))?;
    if !any {
        return Ok(Forgotten::new(location, []));
    }
    let probe = Forgotten::new(location, []);
    let wanted = serde_json::Value::from(probe.candidates(events.iter().map(|e| &e.data)));
    let mut stmt = tx.prepare_cached(
        "SELECT id_hash FROM erased_ids
         WHERE location_id = ?1 AND id_hash IN (SELECT value FROM json_each(?2))",
    )?;
    let hashes = stmt
        .query_map(params![location, wanted.to_string()], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(Forgotten::new(location, hashes))
}

/// Stores the hashes the set learned.
fn remember_forgotten(
    tx: &rusqlite::Transaction<'_>,
    location: &str,
    forgotten: &mut Forgotten,
    at_ms: i64,
) -> Result<(), DbError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO erased_ids (location_id, id_hash, erased_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
    )?;
    for hash in forgotten.take_added() {
        stmt.execute(params![location, hash, at_ms])?;
    }
    Ok(())
}

/// Erases a family from every stored event of the location and from its roster.
fn erase_family(
    tx: &rusqlite::Transaction<'_>,
    location: &str,
    erased: &FamilyErased,
    forgotten: &mut Forgotten,
) -> Result<(), DbError> {
    forgotten.add(Kind::Guardian, &erased.guardian_id);
    for child in &erased.child_ids {
        forgotten.add(Kind::Child, child);
    }
    // The family's visits and ratings: what their staff notes and ratings name.
    let mut ids: Vec<String> = std::iter::once(erased.guardian_id.clone())
        .chain(erased.child_ids.iter().cloned())
        .collect();
    {
        let mut stmt = tx.prepare(
            "SELECT json_extract(data, '$.id'), json_extract(data, '$.visit_id') FROM events
             WHERE location_id = ?1 AND type IN (?2, ?3)
               AND json_extract(data, '$.guardian_id') = ?4",
        )?;
        let rows = stmt
            .query_map(
                params![
                    location,
                    EventData::VISIT,
                    EventData::RATING,
                    erased.guardian_id
                ],
                |row| {
                    Ok((
                        row.get::<_, Option<String>>(0)?,
                        row.get::<_, Option<String>>(1)?,
                    ))
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        for link in rows
            .into_iter()
            .flat_map(|(id, visit)| [id, visit])
            .flatten()
        {
            forgotten.add(Kind::Link, &link);
            ids.push(link);
        }
    }
    let ids = serde_json::Value::from(ids).to_string();
    let mut stmt = tx.prepare(
        "SELECT source, id, type, data FROM events
         WHERE location_id = ?1 AND (
               json_extract(data, '$.guardian_id') IN (SELECT value FROM json_each(?2))
            OR json_extract(data, '$.id') IN (SELECT value FROM json_each(?2))
            OR json_extract(data, '$.visit_id') IN (SELECT value FROM json_each(?2))
            OR json_extract(data, '$.rating_id') IN (SELECT value FROM json_each(?2))
            OR EXISTS (SELECT 1 FROM json_each(events.data, '$.children') c
                       WHERE c.value IN (SELECT value FROM json_each(?2))))",
    )?;
    let mut rows = stmt
        .query_map(params![location, ids], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    // Visits and ratings first: they teach which notes are the family's.
    rows.sort_by_key(|(_, _, t, _)| !(t == EventData::VISIT || t == EventData::RATING));
    let mut update = tx.prepare("UPDATE events SET data = ?3 WHERE source = ?1 AND id = ?2")?;
    for (source, id, event_type, text) in rows {
        let mut data: serde_json::Value = serde_json::from_str(&text)
            .map_err(|_| DbError::Corrupt(format!("data of event {id}")))?;
        if forgotten.strip(&event_type, &mut data) {
            update.execute(params![source, id, data.to_string()])?;
        }
    }
    let roster: Option<Vec<u8>> = tx
        .query_row(
            "SELECT csv FROM rosters WHERE location_id = ?1",
            [location],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(csv) = roster {
        match roster_without(&csv, &erased.guardian_id, &erased.child_ids) {
            RosterAfter::Unchanged => {}
            RosterAfter::Empty => {
                tx.execute("DELETE FROM rosters WHERE location_id = ?1", [location])?;
            }
            RosterAfter::Changed(csv) => {
                tx.execute(
                    "UPDATE rosters SET csv = ?2, etag = ?3 WHERE location_id = ?1",
                    params![location, &csv, etag_of(&csv)],
                )?;
            }
        }
    }
    Ok(())
}

/// Gives freed pages back to the file system and empties the write-ahead log, so that
/// no old copy of a rewritten row stays in the files. A file made before incremental
/// vacuuming is rebuilt whole once (and frees incrementally from then on).
fn compact(conn: &Connection) -> Result<(), DbError> {
    let incremental: i64 = conn.pragma_query_value(None, "auto_vacuum", |row| row.get(0))?;
    checkpoint(conn)?;
    if incremental == 2 {
        conn.execute_batch("PRAGMA incremental_vacuum")?;
    } else {
        conn.execute_batch("VACUUM")?;
    }
    if !checkpoint(conn)? {
        tracing::warn!(
            "after an erasure the write-ahead log could not be emptied completely; it is at the next checkpoint"
        );
    }
    Ok(())
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`; whether it completed.
fn checkpoint(conn: &Connection) -> Result<bool, DbError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let latest = MIGRATIONS.len() as i64;
    if version > latest {
        return Err(DbError::Invalid(format!(
            "the database is at schema {version}, newer than this hub ({latest}); use a newer welkom-hub"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if *sql == ROLLUPS_MIGRATION {
            rollups::backfill(&tx)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Adds a device row: what `device add` and pairing (inside its transaction) do.
pub(super) fn insert_device(
    conn: &Connection,
    id: &str,
    location: &str,
    token_hash: &str,
    now_ms: i64,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO devices (id, location_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, location, token_hash, now_ms],
    )?;
    Ok(())
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

pub(super) fn moment_of(key: &str) -> Result<Moment, DbError> {
    Moment::from_key(key).ok_or_else(|| DbError::Corrupt(format!("moment '{key}'")))
}

pub(super) fn scale_of(size: i64) -> Result<Scale, DbError> {
    u8::try_from(size)
        .ok()
        .and_then(|size| Scale::try_from(size).ok())
        .ok_or_else(|| DbError::Corrupt(format!("scale {size}")))
}

pub(super) fn groups_of(json: &str) -> Result<Vec<String>, DbError> {
    serde_json::from_str(json).map_err(|_| DbError::Corrupt("groups".into()))
}
