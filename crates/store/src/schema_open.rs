//! Opening the store: pragmas for durability, migrations, the device's own facts.

use crate::{StoreError, migrations};
use rand::Rng;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another connection's write to finish before it gives
/// up with "database is locked". Every other writer (the sync thread, retention, a
/// roster import, `welkom` commands) works in short transactions, so a tap waits
/// milliseconds in practice; the limit is there so a stuck writer cannot hang the
/// screen for good.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The kiosk's local database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) pin_salt: String,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database file and brings its schema up to date.
    ///
    /// The file runs in WAL mode with `synchronous=FULL`: a committed transaction
    /// survives a crash or power loss. With `secure_delete` on, whatever is deleted
    /// or overwritten is overwritten with zeros, not left in a free page.
    ///
    /// Every transaction begins with `BEGIN IMMEDIATE`: it takes the write lock at
    /// once, waiting up to [`BUSY_TIMEOUT`] for another writer, instead of reading
    /// first and failing with `SQLITE_BUSY` when another connection wrote meanwhile.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_error)?;
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(open_error)?;
        migrations::migrate(&mut conn)?;
        let pin_salt = device_fact(&conn, "pin_salt", || {
            let bytes: [u8; 16] = rand::rng().random();
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        })?;
        Ok(Self {
            conn,
            pin_salt,
            path: path.to_owned(),
        })
    }

    /// Runs bulk writes that need not each reach the disk on their own (the demo's
    /// invented history, benchmarks' set-up): `synchronous=NORMAL` for the duration,
    /// `FULL` again afterwards.
    pub fn with_relaxed_durability<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = work(self);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        result
    }

    /// Caps the database at its present size (`capped`), so that the next write that
    /// needs a new page fails with "database or disk is full", or lifts the cap. For
    /// tests of a full disk where no small file system can be mounted.
    #[doc(hidden)]
    pub fn cap_size_for_tests(&self, capped: bool) -> Result<(), StoreError> {
        let pages: i64 = if capped {
            self.conn
                .query_row("PRAGMA page_count", [], |row| row.get(0))?
        } else {
            i64::from(u32::MAX - 1)
        };
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// SQLite's own consistency check; `Ok("ok")` when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }

    /// This device's id (made once, kept for the life of the database).
    pub fn device_id(&self) -> Result<String, StoreError> {
        device_fact(&self.conn, "device_id", || uuid::Uuid::now_v7().to_string())
    }
}

/// Reads a fact about the device, creating it with `make` the first time.
fn device_fact(
    conn: &Connection,
    key: &str,
    make: impl FnOnce() -> String,
) -> Result<String, StoreError> {
    let existing: Option<String> = conn
        .query_row("SELECT value FROM device WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?;
    if let Some(value) = existing {
        return Ok(value);
    }
    let value = make();
    conn.execute(
        "INSERT INTO device (key, value) VALUES (?1, ?2)",
        (key, &value),
    )?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_migrates_and_is_durable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("welkom.sqlite");
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            migrations::latest_version()
        );
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = store
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let secure: i64 = store
            .conn
            .pragma_query_value(None, "secure_delete", |r| r.get(0))
            .unwrap();
        assert_eq!(secure, 1, "secure_delete=ON");
        let salt = store.pin_salt.clone();
        let device = store.device_id().unwrap();
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(again.pin_salt, salt, "the salt is kept");
        assert_eq!(again.device_id().unwrap(), device);
        assert_eq!(again.integrity_check().unwrap(), "ok");
    }

    /// A transaction takes the write lock when it begins: another connection that
    /// wants to write meanwhile waits (here: gives up at once) instead of the store's
    /// transaction failing later, when it writes after reading.
    #[test]
    fn transactions_take_the_write_lock_when_they_begin() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("welkom.sqlite");
        let mut store = Store::open(&path).unwrap();
        let other = Connection::open(&path).unwrap();
        other.busy_timeout(Duration::ZERO).unwrap();
        let tx = store.conn.transaction().unwrap();
        let refused = other.execute_batch("BEGIN IMMEDIATE; COMMIT;");
        assert!(
            refused.is_err(),
            "the store's transaction holds the write lock"
        );
        tx.rollback().unwrap();
        other.execute_batch("BEGIN IMMEDIATE; COMMIT;").unwrap();
        let timeout_ms: i64 = store
            .conn
            .pragma_query_value(None, "busy_timeout", |r| r.get(0))
            .unwrap();
        assert_eq!(timeout_ms, 5000);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("welkom.sqlite");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        assert!(matches!(
            Store::open(&path),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
