//! The hub on PostgreSQL: the same tables as on SQLite, so an organisation can move
//! when it outgrows one machine; several hub processes may share one database (the
//! migrations take an advisory lock, every write is one transaction).

mod device_status;

use super::erasure::{Forgotten, Kind, RosterAfter, roster_without};
use super::sqlite::{groups_of, moment_of, scale_of};
use super::{
    CheckedEvent, DbError, DeviceAuth, ExportedRating, Location, NewDevice, etag_of, local_hour,
};
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, PoolError, RecyclingMethod};
use jiff::civil::Date;
use std::time::Duration;
use welkom_core::tally::{RatingFact, VisitFact};
use welkom_protocol::{EventData, FamilyErased};

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_hub.sql"),
    include_str!("../../migrations/postgres/0002_privacy.sql"),
    include_str!("../../migrations/postgres/0003_event_id_once.sql"),
    include_str!("../../migrations/postgres/0004_users.sql"),
    ROLLUPS_MIGRATION,
    include_str!("../../migrations/postgres/0006_device_status.sql"),
    include_str!("../../migrations/postgres/0007_follow_ups.sql"),
    include_str!("../../migrations/postgres/0008_throttle_expiry.sql"),
    include_str!("../../migrations/postgres/0009_open_follow_ups_and_form_nonces.sql"),
    include_str!("../../migrations/postgres/0010_ingest_without_row_checks.sql"),
    include_str!("../../migrations/postgres/0011_pairing_codes.sql"),
    include_str!("../../migrations/postgres/0012_follow_up_notes_by_time.sql"),
    include_str!("../../migrations/postgres/0013_events_by_id.sql"),
    include_str!("../../migrations/postgres/0014_follow_ups_without_unused_index.sql"),
];

/// The migration that brought the daily roll-ups; the hub fills them right after it.
const ROLLUPS_MIGRATION: &str = include_str!("../../migrations/postgres/0005_rollups.sql");

mod ingest;
pub(super) mod rollups;

/// The advisory lock that keeps two hubs from migrating at once.
const MIGRATION_LOCK: i64 = 0x7765_6c6b_6f6d;

/// Connections per hub process, at most.
const POOL_SIZE: usize = 8;

/// How long a request waits for a free connection, and for a new one to open.
const POOL_WAIT: Duration = Duration::from_secs(5);

/// A pool of connections to one PostgreSQL database. A connection that broke (the
/// server restarted, the network dropped) is noticed when it is next taken and
/// replaced by a new one, so the hub carries on once the server is back.
#[derive(Clone)]
pub struct PgDb {
    pool: Pool,
}

impl PgDb {
    /// Connects (TLS as `sslmode` in the address says) and migrates.
    pub async fn open(url: &str) -> Result<Self, DbError> {
        let connection = super::pg_connect::connection(url)?;
        tracing::info!(sslmode = ?connection.mode, "connecting to PostgreSQL");
        let manager = Manager::from_config(
            connection.config,
            connection.tls,
            ManagerConfig {
                // A quick round trip before a connection is reused: one that the
                // server closed is dropped here rather than failing a request.
                recycling_method: RecyclingMethod::Verified,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .recycle_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|e| DbError::Invalid(format!("PostgreSQL pool: {e}")))?;
        let db = Self { pool };
        db.migrate().await?;
        Ok(db)
    }

    pub(super) async fn client(&self) -> Result<Object, DbError> {
        Ok(self.pool.get().await?)
    }

    async fn migrate(&self) -> Result<(), DbError> {
        let mut client = self.client().await?;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        let result = async {
            client
                .batch_execute("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER NOT NULL)")
                .await?;
            let version: i32 = client
                .query_opt("SELECT version FROM hub_schema", &[])
                .await?
                .map(|row| row.get(0))
                .unwrap_or(0);
            let latest = MIGRATIONS.len() as i32;
            if version > latest {
                return Err(DbError::Invalid(format!(
                    "the database is at schema {version}, newer than this hub ({latest}); use a newer welkom-hub"
                )));
            }
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                let tx = client.transaction().await?;
                tx.batch_execute(sql).await?;
                if *sql == ROLLUPS_MIGRATION {
                    rollups::backfill(&tx).await?;
                }
                tx.execute("DELETE FROM hub_schema", &[]).await?;
                tx.execute(
                    "INSERT INTO hub_schema (version) VALUES ($1)",
                    &[&((i + 1) as i32)],
                )
                .await?;
                tx.commit().await?;
            }
            Ok(())
        }
        .await;
        client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await?;
        result
    }

    pub(super) async fn add_location(&self, location: &Location) -> Result<(), DbError> {
        self.client()
            .await?
            .execute(
                "INSERT INTO locations (id, name, time_zone, created_at) VALUES ($1, $2, $3, $4)",
                &[&location.id, &location.name, &location.time_zone, &now_ms()],
            )
            .await?;
        Ok(())
    }

    pub(super) async fn locations(&self) -> Result<Vec<Location>, DbError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT id, name, time_zone FROM locations ORDER BY created_at, id",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|row| Location {
                id: row.get(0),
                name: row.get(1),
                time_zone: row.get(2),
            })
            .collect())
    }

    pub(super) async fn add_device(&self, device: &NewDevice, hash: &str) -> Result<(), DbError> {
        let client = self.client().await?;
        insert_device(&**client, device, hash, now_ms()).await
    }

    pub(super) async fn revoke_device(&self, device_id: &str) -> Result<bool, DbError> {
        let client = self.client().await?;
        let exists = client
            .query_opt("SELECT 1 FROM devices WHERE id = $1", &[&device_id])
            .await?
            .is_some();
        client
            .execute(
                "UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                &[&device_id, &now_ms()],
            )
            .await?;
        Ok(exists)
    }

    pub(super) async fn device_by_token_hash(
        &self,
        hash: &str,
    ) -> Result<Option<DeviceAuth>, DbError> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT id, location_id, revoked_at IS NOT NULL FROM devices WHERE token_hash = $1",
                &[&hash],
            )
            .await?;
        Ok(row.map(|row| DeviceAuth {
            device_id: row.get(0),
            location_id: row.get(1),
            revoked: row.get(2),
        }))
    }

    pub(super) async fn pin_key(
        &self,
        location_id: &str,
        candidate: &str,
    ) -> Result<String, DbError> {
        let client = self.client().await?;
        client
            .execute(
                "UPDATE locations SET pin_key = $2 WHERE id = $1 AND pin_key IS NULL",
                &[&location_id, &candidate],
            )
            .await?;
        client
            .query_opt(
                "SELECT pin_key FROM locations WHERE id = $1",
                &[&location_id],
            )
            .await?
            .and_then(|row| row.get::<_, Option<String>>(0))
            .ok_or_else(|| DbError::Invalid(format!("there is no location '{location_id}'")))
    }

    /// Which of these hashes are kept as erased at the location.
    pub(super) async fn erased_among(
        &self,
        location_id: &str,
        hashes: Vec<String>,
    ) -> Result<Vec<String>, DbError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT id_hash FROM erased_ids WHERE location_id = $1 AND id_hash = ANY($2)",
                &[&location_id, &hashes],
            )
            .await?;
        Ok(rows.iter().map(|row| row.get::<_, String>(0)).collect())
    }

    pub(super) async fn all_rows_as_text(&self) -> Result<Vec<String>, DbError> {
        let client = self.client().await?;
        let tables = client
            .query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
                &[],
            )
            .await?;
        let mut out = Vec::new();
        for table in tables {
            let table: String = table.get(0);
            let rows = client
                .query(&format!("SELECT t::text FROM \"{table}\" t"), &[])
                .await?;
            for row in rows {
                let text: String = row.get(0);
                out.push(format!("{table}: {}", with_bytes_read(&text)));
            }
        }
        Ok(out)
    }

    pub(super) async fn put_roster(
        &self,
        location_id: &str,
        etag: &str,
        csv: Vec<u8>,
    ) -> Result<(), DbError> {
        self.client()
            .await?
            .execute(
                "INSERT INTO rosters (location_id, etag, csv, imported_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (location_id) DO UPDATE SET etag = excluded.etag, csv = excluded.csv,
                     imported_at = excluded.imported_at",
                &[&location_id, &etag, &csv, &now_ms()],
            )
            .await?;
        Ok(())
    }

    pub(super) async fn roster(
        &self,
        location_id: &str,
    ) -> Result<Option<(String, Vec<u8>)>, DbError> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT etag, csv FROM rosters WHERE location_id = $1",
                &[&location_id],
            )
            .await?;
        Ok(row.map(|row| (row.get(0), row.get(1))))
    }

    pub(super) async fn day_facts(
        &self,
        location_id: &str,
        date: Date,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(Vec<RatingFact>, Vec<VisitFact>), DbError> {
        let client = self.client().await?;
        let day = date.to_string();
        let rows = client
            .query(
                "SELECT r.moment, r.scale, r.score, r.groups::text, r.at_unix_ms, r.misuse,
                        EXISTS (SELECT 1 FROM ratings s
                                WHERE s.location_id = r.location_id AND s.supersedes = r.id)
                 FROM ratings r WHERE r.location_id = $1 AND r.local_date = $2",
                &[&location_id, &day],
            )
            .await?;
        let mut ratings = Vec::with_capacity(rows.len());
        for row in &rows {
            let score: i16 = row.get(2);
            ratings.push(RatingFact {
                moment: moment_of(row.get(0))?,
                scale: scale_of(i64::from(row.get::<_, i16>(1)))?,
                score: u8::try_from(score).map_err(|_| DbError::Corrupt("score".into()))?,
                groups: groups_of(row.get(3))?,
                hour: local_hour(row.get(4), zone)?,
                superseded: row.get(6),
                misuse: row.get(5),
            });
        }
        let rows = client
            .query(
                "SELECT moment, groups::text, at_unix_ms FROM visits
                 WHERE location_id = $1 AND local_date = $2",
                &[&location_id, &day],
            )
            .await?;
        let mut visits = Vec::with_capacity(rows.len());
        for row in &rows {
            visits.push(VisitFact {
                moment: moment_of(row.get(0))?,
                groups: groups_of(row.get(1))?,
                hour: local_hour(row.get(2), zone)?,
            });
        }
        Ok((ratings, visits))
    }

    pub(super) async fn ratings(
        &self,
        location_id: &str,
        days: (String, String),
    ) -> Result<Vec<ExportedRating>, DbError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT r.id, r.local_date, r.at_unix_ms, r.moment, r.score, r.scale, r.misuse,
                        r.groups::text,
                        EXISTS (SELECT 1 FROM ratings s
                                WHERE s.location_id = r.location_id AND s.supersedes = r.id)
                 FROM ratings r
                 WHERE r.location_id = $1 AND r.local_date >= $2 AND r.local_date <= $3
                 ORDER BY r.at_unix_ms, r.id",
                &[&location_id, &days.0, &days.1],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ExportedRating {
                    id: row.get(0),
                    local_date: row.get(1),
                    time: jiff::Timestamp::from_millisecond(row.get(2))
                        .map_err(|_| DbError::Corrupt("time".into()))?
                        .to_string(),
                    moment: row.get(3),
                    score: i64::from(row.get::<_, i16>(4)),
                    scale: i64::from(row.get::<_, i16>(5)),
                    misuse: row.get(6),
                    groups: groups_of(row.get(7))?,
                    superseded: row.get(8),
                })
            })
            .collect()
    }

    pub(super) async fn events_data(
        &self,
        location_id: &str,
    ) -> Result<Vec<serde_json::Value>, DbError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT data::text FROM events WHERE location_id = $1",
                &[&location_id],
            )
            .await?;
        rows.iter()
            .map(|row| {
                serde_json::from_str(row.get(0)).map_err(|_| DbError::Corrupt("event data".into()))
            })
            .collect()
    }

    pub(super) async fn apply_retention(&self, cutoff_ms: i64) -> Result<u64, DbError> {
        let client = self.client().await?;
        super::follow_ups_pg::retain(&**client, cutoff_ms).await?;
        Ok(client
            .execute(
                "UPDATE events
                 SET data = CASE WHEN data ? 'children'
                                 THEN (data - 'guardian_id' - 'visit_id') || jsonb_build_object('children', '[]'::jsonb)
                                 ELSE data - 'guardian_id' - 'visit_id' END
                 WHERE received_at < $1
                   AND (data ? 'guardian_id' OR data ? 'visit_id'
                        OR jsonb_array_length(CASE WHEN jsonb_typeof(data->'children') = 'array'
                                                   THEN data->'children' ELSE '[]'::jsonb END) > 0)",
                &[&cutoff_ms],
            )
            .await?)
    }

    pub(super) async fn ping(&self) -> Result<(), DbError> {
        self.client().await?.query_one("SELECT 1", &[]).await?;
        Ok(())
    }
}

impl From<PoolError> for DbError {
    fn from(e: PoolError) -> Self {
        match e {
            PoolError::Backend(e) => DbError::Postgres(e),
            other => DbError::Unavailable(other.to_string()),
        }
    }
}

/// A row's text with every `bytea` in it (written `\\x` and hex) also read as UTF-8.
fn with_bytes_read(text: &str) -> String {
    let mut out = text.to_owned();
    for part in text.split("\\x").skip(1) {
        let hex: String = part.chars().take_while(char::is_ascii_hexdigit).collect();
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        out.push(' ');
        out.push_str(&String::from_utf8_lossy(&bytes));
    }
    out
}

/// The erased ids of a location that these events name (nothing to read when the
/// location has erased nobody).
async fn read_forgotten(
    tx: &deadpool_postgres::Transaction<'_>,
    location: &str,
    events: &[CheckedEvent],
) -> Result<Forgotten, DbError> {
    let statement = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM erased_ids WHERE location_id = $1)")
        .await?;
    let any: bool = tx.query_one(&statement, &[&location]).await?.get(0);
    if !any {
        return Ok(Forgotten::new(location, []));
    }
    let wanted = Forgotten::new(location, []).candidates(events.iter().map(|e| &e.data));
    let rows = tx
        .query(
            "SELECT id_hash FROM erased_ids WHERE location_id = $1 AND id_hash = ANY($2)",
            &[&location, &wanted],
        )
        .await?;
    Ok(Forgotten::new(
        location,
        rows.iter().map(|row| row.get::<_, String>(0)),
    ))
}

/// Erases a family from every stored event of the location and from its roster.
async fn erase_family(
    tx: &tokio_postgres::Transaction<'_>,
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
    let types = [EventData::VISIT, EventData::RATING];
    let rows = tx
        .query(
            "SELECT data->>'id', data->>'visit_id' FROM events
             WHERE location_id = $1 AND type = ANY($2) AND data->>'guardian_id' = $3",
            &[&location, &&types[..], &erased.guardian_id],
        )
        .await?;
    for row in &rows {
        for link in [row.get::<_, Option<String>>(0), row.get(1)]
            .into_iter()
            .flatten()
        {
            forgotten.add(Kind::Link, &link);
            ids.push(link);
        }
    }
    let mut rows: Vec<(String, String, String, String)> = tx
        .query(
            "SELECT source, id, type, data::text FROM events
             WHERE location_id = $1 AND (
                   data->>'guardian_id' = ANY($2) OR data->>'id' = ANY($2)
                OR data->>'visit_id' = ANY($2) OR data->>'rating_id' = ANY($2)
                OR (jsonb_typeof(data->'children') = 'array' AND data->'children' ?| $2))",
            &[&location, &ids],
        )
        .await?
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
        .collect();
    // Visits and ratings first: they teach which notes are the family's.
    rows.sort_by_key(|(_, _, t, _)| !(t == EventData::VISIT || t == EventData::RATING));
    for (source, id, event_type, text) in rows {
        let mut data: serde_json::Value = serde_json::from_str(&text)
            .map_err(|_| DbError::Corrupt(format!("data of event {id}")))?;
        if forgotten.strip(&event_type, &mut data) {
            tx.execute(
                "UPDATE events SET data = ($3::text)::jsonb WHERE source = $1 AND id = $2",
                &[&source, &id, &data.to_string()],
            )
            .await?;
        }
    }
    let roster = tx
        .query_opt(
            "SELECT csv FROM rosters WHERE location_id = $1",
            &[&location],
        )
        .await?;
    if let Some(row) = roster {
        let csv: Vec<u8> = row.get(0);
        match roster_without(&csv, &erased.guardian_id, &erased.child_ids) {
            RosterAfter::Unchanged => {}
            RosterAfter::Empty => {
                tx.execute("DELETE FROM rosters WHERE location_id = $1", &[&location])
                    .await?;
            }
            RosterAfter::Changed(csv) => {
                tx.execute(
                    "UPDATE rosters SET csv = $2, etag = $3 WHERE location_id = $1",
                    &[&location, &csv, &etag_of(&csv)],
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Adds a device row: what `device add` and pairing (inside its transaction) do.
pub(super) async fn insert_device(
    client: &impl tokio_postgres::GenericClient,
    device: &NewDevice,
    token_hash: &str,
    now_ms: i64,
) -> Result<(), DbError> {
    client
        .execute(
            "INSERT INTO devices (id, location_id, token_hash, created_at) VALUES ($1, $2, $3, $4)",
            &[&device.id, &device.location_id, &token_hash, &now_ms],
        )
        .await?;
    Ok(())
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
