//! One-time pairing codes: `welkom-hub device pair` or the Devices page makes one
//! for a location; a tablet exchanges it once, within 15 minutes, for a device of
//! that location and its token (`POST /v1/pair`). Table `pairing_codes`, migration
//! 0011. Only the SHA-256 of a code's normal form is kept, and a code is looked up
//! by that hash, so its characters are never compared one by one.
//!
//! Several unexpired codes of one location may exist at once: two tablets can be
//! hung at the same time, and a code shown on a page that was closed need not be
//! found again. Each is single use and expires by itself; none lets anything but
//! adding a device to its own location.

use super::postgres::PgDb;
use super::sqlite::SqliteDb;
use super::{Db, DbError, Location, NewDevice, hex, token_hash};
use jiff::{SignedDuration, Timestamp};
use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};
use welkom_protocol::{CODE_ALPHABET, CODE_LENGTH, display_code, normalize_code};

/// How long a code is valid.
pub const PAIRING_CODE_LIFETIME: SignedDuration = SignedDuration::from_mins(15);

/// How long a used or expired code's row is kept (who paired what, when).
const KEPT_AFTER_EXPIRY_MS: i64 = 30 * 24 * 3600 * 1000;

/// The longest device name kept, in characters.
const MAX_NAME_CHARS: usize = 100;

/// A code just made: shown this once, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct PairingCode {
    /// The code as shown, `ABCD-EFGH`.
    pub code: String,
    /// The location a device paired with it joins.
    pub location_id: String,
    /// Until when it is valid.
    pub expires_at: Timestamp,
}

impl std::fmt::Debug for PairingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairingCode")
            .field("code", &"<hidden>")
            .field("location_id", &self.location_id)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What a good code gave: a new device (its token in clear, this once) and its
/// location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paired {
    /// The device, made as `device add` makes one.
    pub device: NewDevice,
    /// Its location.
    pub location: Location,
}

/// The hash under which a code (in its normal form) is kept.
fn code_hash(normal: &str) -> String {
    hex(&Sha256::digest(normal.as_bytes()))
}

/// A new random code in its normal form: 8 characters, 5 random bits each.
fn new_code() -> String {
    let bytes: [u8; CODE_LENGTH] = rand::random();
    bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(b & 31)] as char)
        .collect()
}

/// A device's name as kept: one line of printable characters, at most 100.
fn clean_name(name: &str) -> Option<String> {
    let name: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    (!name.is_empty()).then_some(name)
}

impl Db {
    /// Makes a pairing code for a location, valid for [`PAIRING_CODE_LIFETIME`] from
    /// `now`; `created_by` is the user's id, or `cli`. Codes expired 30 days ago go
    /// at the same time.
    pub async fn add_pairing_code(
        &self,
        location_id: &str,
        created_by: &str,
        now: Timestamp,
    ) -> Result<PairingCode, DbError> {
        if self.location(location_id).await?.is_none() {
            return Err(DbError::Invalid(format!(
                "there is no location '{location_id}'; see `welkom-hub location list`"
            )));
        }
        let expires_at = now
            .checked_add(PAIRING_CODE_LIFETIME)
            .map_err(|e| DbError::Invalid(format!("the clock is out of range: {e}")))?;
        let row = |code: &str| CodeRow {
            hash: code_hash(code),
            location_id: location_id.to_owned(),
            created_at: now.as_millisecond(),
            expires_at: expires_at.as_millisecond(),
            created_by: created_by.to_owned(),
        };
        // A code equal to one still kept (1 in 2^40 per kept code) is drawn again.
        for _ in 0..8 {
            let code = new_code();
            let added = match self {
                Db::Sqlite(db) => db.insert_pairing_code(row(&code)).await?,
                Db::Postgres(db) => db.insert_pairing_code(row(&code)).await?,
            };
            if added {
                return Ok(PairingCode {
                    code: display_code(&code),
                    location_id: location_id.to_owned(),
                    expires_at,
                });
            }
        }
        Err(DbError::Invalid(
            "no new pairing code could be drawn; try again".into(),
        ))
    }

    /// Exchanges a code (as typed) at `now`: when it is known, unused and not
    /// expired, marks it used (with the device and the `device_name` the tablet
    /// gave) and adds a device to its location, in one transaction, so that of two tablets sending one code
    /// at once exactly one gets a device. `None` for any other code: wrong, used and
    /// expired are not told apart.
    pub async fn redeem_pairing_code(
        &self,
        code: &str,
        device_name: &str,
        now: Timestamp,
    ) -> Result<Option<Paired>, DbError> {
        let Some(normal) = normalize_code(code) else {
            return Ok(None);
        };
        let redeem = Redeem {
            hash: code_hash(&normal),
            device: NewDevice::for_location(""),
            name: clean_name(device_name),
            now_ms: now.as_millisecond(),
        };
        let found = match self {
            Db::Sqlite(db) => db.redeem_pairing_code(redeem).await?,
            Db::Postgres(db) => db.redeem_pairing_code(redeem).await?,
        };
        Ok(found)
    }
}

/// A code's row to insert.
struct CodeRow {
    hash: String,
    location_id: String,
    created_at: i64,
    expires_at: i64,
    created_by: String,
}

/// An exchange to try: the device it makes when the code is good (its location
/// filled in from the code's row).
struct Redeem {
    hash: String,
    device: NewDevice,
    name: Option<String>,
    now_ms: i64,
}

const REDEEM_SQLITE: &str =
    "UPDATE pairing_codes SET used_at = ?1, device_id = ?2, device_name = ?4
     WHERE code_hash = ?3 AND used_at IS NULL AND expires_at > ?1
     RETURNING location_id";

const REDEEM_PG: &str = "UPDATE pairing_codes SET used_at = $1, device_id = $2, device_name = $4
     WHERE code_hash = $3 AND used_at IS NULL AND expires_at > $1
     RETURNING location_id";

impl SqliteDb {
    async fn insert_pairing_code(&self, row: CodeRow) -> Result<bool, DbError> {
        self.with(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "DELETE FROM pairing_codes WHERE expires_at < ?1",
                [row.created_at - KEPT_AFTER_EXPIRY_MS],
            )?;
            let added = tx.execute(
                "INSERT INTO pairing_codes (code_hash, location_id, created_at, expires_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code_hash) DO NOTHING",
                rusqlite::params![
                    row.hash,
                    row.location_id,
                    row.created_at,
                    row.expires_at,
                    row.created_by
                ],
            )?;
            tx.commit()?;
            Ok(added == 1)
        })
        .await
    }

    async fn redeem_pairing_code(&self, mut redeem: Redeem) -> Result<Option<Paired>, DbError> {
        self.with(move |conn| {
            let tx = conn.transaction()?;
            let location_id: Option<String> = tx
                .query_row(
                    REDEEM_SQLITE,
                    rusqlite::params![redeem.now_ms, redeem.device.id, redeem.hash, redeem.name],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(location_id) = location_id else {
                return Ok(None);
            };
            redeem.device.location_id = location_id;
            let device = redeem.device;
            super::sqlite::insert_device(
                &tx,
                &device.id,
                &device.location_id,
                &token_hash(&device.token),
                redeem.now_ms,
            )?;
            let location = tx.query_row(
                "SELECT id, name, time_zone FROM locations WHERE id = ?1",
                [&device.location_id],
                |r| {
                    Ok(Location {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        time_zone: r.get(2)?,
                    })
                },
            )?;
            tx.commit()?;
            Ok(Some(Paired { device, location }))
        })
        .await
    }
}

impl PgDb {
    async fn insert_pairing_code(&self, row: CodeRow) -> Result<bool, DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute(
            "DELETE FROM pairing_codes WHERE expires_at < $1",
            &[&(row.created_at - KEPT_AFTER_EXPIRY_MS)],
        )
        .await?;
        let added = tx
            .execute(
                "INSERT INTO pairing_codes (code_hash, location_id, created_at, expires_at, created_by)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code_hash) DO NOTHING",
                &[
                    &row.hash,
                    &row.location_id,
                    &row.created_at,
                    &row.expires_at,
                    &row.created_by,
                ],
            )
            .await?;
        tx.commit().await?;
        Ok(added == 1)
    }

    async fn redeem_pairing_code(&self, mut redeem: Redeem) -> Result<Option<Paired>, DbError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // The row lock taken here makes a second exchange of the same code wait for
        // this one, then find it used.
        let Some(row) = tx
            .query_opt(
                REDEEM_PG,
                &[
                    &redeem.now_ms,
                    &redeem.device.id,
                    &redeem.hash,
                    &redeem.name,
                ],
            )
            .await?
        else {
            return Ok(None);
        };
        redeem.device.location_id = row.get(0);
        let device = redeem.device;
        super::postgres::insert_device(&*tx, &device, &token_hash(&device.token), redeem.now_ms)
            .await?;
        let row = tx
            .query_one(
                "SELECT id, name, time_zone FROM locations WHERE id = $1",
                &[&device.location_id],
            )
            .await?;
        let location = Location {
            id: row.get(0),
            name: row.get(1),
            time_zone: row.get(2),
        };
        tx.commit().await?;
        Ok(Some(Paired { device, location }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_drawn_from_the_alphabet_and_read_back() {
        for _ in 0..100 {
            let code = new_code();
            assert_eq!(code.len(), CODE_LENGTH);
            assert_eq!(normalize_code(&display_code(&code)), Some(code.clone()));
            assert_eq!(
                normalize_code(&display_code(&code).to_lowercase()),
                Some(code)
            );
        }
    }

    #[test]
    fn a_device_name_is_one_short_line() {
        assert_eq!(
            clean_name(" Tablet\nby the\tdoor ").as_deref(),
            Some("Tablet by the door")
        );
        assert_eq!(clean_name(" \u{7} "), None);
        assert_eq!(clean_name(&"x".repeat(500)).unwrap().len(), 100);
    }
}
