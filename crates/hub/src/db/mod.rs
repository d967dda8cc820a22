//! The hub's database: one SQLite file by default, PostgreSQL at scale. Both back
//! ends keep the same tables (see `migrations/`) and answer the same calls.

mod device_status;
mod erasure;
mod follow_ups;
mod follow_ups_open;
mod follow_ups_pg;
mod follow_ups_sqlite;
mod form_nonces;
mod location_groups;
mod pairing;
mod pg_connect;
mod pins;
mod postgres;
mod rollups;
mod sqlite;

pub use device_status::{DeviceReport, DeviceStatus};
pub use follow_ups::{FollowUp, FollowUpList, Handled, local_today};
pub use form_nonces::NonceUse;
pub use pairing::{PAIRING_CODE_LIFETIME, Paired, PairingCode};
pub use pins::{ImportedRoster, IssuedPin};
pub use rollups::{
    DatedAnswers, DatedVisits, DeviceContact, HeatCell, HeatMap, MAX_HEAT_MAP_DAYS,
    MAX_TREND_WEEKS, OverviewRow, Rows, WeekTrend,
};

use jiff::civil::Date;
use sha2::{Digest, Sha256};
use welkom_core::tally::DayTally;
use welkom_protocol::EventData;

/// A location.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// Its id, used in `source` and in URLs.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its IANA time zone (days and hours of the tally).
    pub time_zone: String,
}

/// A device just added: its token is shown once and only its hash is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDevice {
    /// The device's id.
    pub id: String,
    /// Its location.
    pub location_id: String,
    /// The token, in clear, this once.
    pub token: String,
}

impl NewDevice {
    /// A new device of a location, with a new id and token (`device add`, pairing).
    pub(crate) fn for_location(location_id: &str) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            location_id: location_id.to_owned(),
            token: new_token(),
        }
    }
}

/// Who a token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceAuth {
    /// The device.
    pub device_id: String,
    /// Its location.
    pub location_id: String,
    /// Whether the token was revoked.
    pub revoked: bool,
}

/// An event that passed every check, ready to store.
#[derive(Clone, Debug)]
pub struct CheckedEvent {
    /// Its `source`.
    pub source: String,
    /// Its `id`.
    pub id: String,
    /// Its `type`.
    pub event_type: String,
    /// Its `time`, as sent.
    pub time: String,
    /// Its `time`, in milliseconds since the epoch.
    pub at_unix_ms: i64,
    /// Its data, as sent.
    pub data: serde_json::Value,
    /// Its data, read.
    pub parsed: EventData,
}

/// What storing a batch came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    /// Events new to the hub.
    pub accepted: usize,
    /// Events it already held.
    pub duplicates: usize,
}

/// A rating as `welkom-hub export ratings` writes it: no names, no guardian.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ExportedRating {
    /// The rating's id.
    pub id: String,
    /// The location's day.
    pub local_date: String,
    /// When the face was tapped, RFC 3339.
    pub time: String,
    /// drop_off or pick_up.
    pub moment: String,
    /// The face.
    pub score: i64,
    /// The number of faces.
    pub scale: i64,
    /// A later rating replaced it.
    pub superseded: bool,
    /// Part of a misuse burst.
    pub misuse: bool,
    /// The groups of the visit.
    pub groups: Vec<String>,
}

/// A database error, said plainly.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite said no.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL said no.
    #[error("database: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// Something the caller can fix.
    #[error("{0}")]
    Invalid(String),
    /// A row the hub cannot read.
    #[error("the database holds something unreadable: {0}")]
    Corrupt(String),
    /// No connection to the database could be had in time.
    #[error("the database cannot be reached: {0}")]
    Unavailable(String),
    /// The blocking task running a query died.
    #[error("a database task failed: {0}")]
    Task(String),
}

/// The hub's database.
#[derive(Clone)]
pub enum Db {
    /// One SQLite file.
    Sqlite(sqlite::SqliteDb),
    /// A PostgreSQL database shared by several hub processes.
    Postgres(postgres::PgDb),
}

macro_rules! both {
    ($self:ident, $db:ident => $call:expr) => {
        match $self {
            Db::Sqlite($db) => $call,
            Db::Postgres($db) => $call,
        }
    };
}

mod users;

pub use users::{
    Forgotten as ForgottenWebRecords, LoggedIn, NewSession, Role, SessionCheck, ThrottlePolicy,
    User, check_role_locations, normalize_email,
};

impl Db {
    /// Opens (and migrates) the database at `url`: `sqlite:PATH` or
    /// `postgres://USER@HOST/NAME`.
    pub async fn open(url: &str) -> Result<Self, DbError> {
        if let Some(path) = url.strip_prefix("sqlite:") {
            Ok(Self::Sqlite(sqlite::SqliteDb::open(path.as_ref()).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(postgres::PgDb::open(url).await?))
        } else {
            Err(DbError::Invalid(format!(
                "'{url}' is not a database address; use sqlite:PATH or postgres://USER@HOST/NAME"
            )))
        }
    }

    /// Adds a location.
    pub async fn add_location(&self, name: &str, time_zone: &str) -> Result<Location, DbError> {
        if name.trim().is_empty() {
            return Err(DbError::Invalid("a location needs a name".into()));
        }
        if jiff::tz::TimeZone::get(time_zone).is_err() {
            return Err(DbError::Invalid(format!(
                "'{time_zone}' is not a time zone; use an IANA name such as Europe/Amsterdam"
            )));
        }
        let location = Location {
            id: uuid::Uuid::now_v7().to_string(),
            name: name.trim().to_owned(),
            time_zone: time_zone.to_owned(),
        };
        both!(self, db => db.add_location(&location).await)?;
        Ok(location)
    }

    /// Every location.
    pub async fn locations(&self) -> Result<Vec<Location>, DbError> {
        both!(self, db => db.locations().await)
    }

    /// A location by id.
    pub async fn location(&self, id: &str) -> Result<Option<Location>, DbError> {
        Ok(self.locations().await?.into_iter().find(|l| l.id == id))
    }

    /// Adds a device to a location; its token is returned once.
    pub async fn add_device(&self, location_id: &str) -> Result<NewDevice, DbError> {
        if self.location(location_id).await?.is_none() {
            return Err(DbError::Invalid(format!(
                "there is no location '{location_id}'; see `welkom-hub location list`"
            )));
        }
        let device = NewDevice::for_location(location_id);
        both!(self, db => db.add_device(&device, &token_hash(&device.token)).await)?;
        Ok(device)
    }

    /// Revokes a device's token; returns whether the device exists.
    pub async fn revoke_device(&self, device_id: &str) -> Result<bool, DbError> {
        both!(self, db => db.revoke_device(device_id).await)
    }

    /// Who holds this token, if anyone.
    pub async fn device_by_token(&self, token: &str) -> Result<Option<DeviceAuth>, DbError> {
        let hash = token_hash(token);
        both!(self, db => db.device_by_token_hash(&hash).await)
    }

    /// Stores checked events of one device, all in one transaction; events already
    /// held (same source and id) are counted as duplicates and not stored again.
    /// What the device's request said about it (`report`) is written in the same
    /// transaction, so a batch costs one durable commit, not two.
    pub async fn store_events(
        &self,
        location_id: &str,
        device_id: &str,
        events: Vec<CheckedEvent>,
        report: Option<&DeviceReport>,
    ) -> Result<Stored, DbError> {
        both!(self, db => db.store_events(location_id, device_id, events, report).await)
    }

    /// Replaces a location's roster (already checked) with these bytes, as they are.
    /// [`Db::import_roster`] is how a roster with PINs comes in.
    pub async fn put_roster(&self, location_id: &str, csv: Vec<u8>) -> Result<String, DbError> {
        let etag = etag_of(&csv);
        both!(self, db => db.put_roster(location_id, &etag, csv).await)?;
        Ok(etag)
    }

    /// Imports a location's roster: every guardian gets a PIN verifier instead of a
    /// PIN (from the PIN the file gives, the PIN the hub issued before, or a PIN issued
    /// now), and the roster is stored as the kiosks will get it. The PINs issued now
    /// are returned in clear, this once; the hub keeps only their verifiers. With
    /// `reissue_pins`, nobody keeps an earlier PIN (after a leak).
    pub async fn import_roster(
        &self,
        location_id: &str,
        roster: welkom_core::roster::Roster,
        reissue_pins: bool,
    ) -> Result<ImportedRoster, DbError> {
        if self.location(location_id).await?.is_none() {
            return Err(DbError::Invalid(format!(
                "there is no location '{location_id}'; see `welkom-hub location list`"
            )));
        }
        if roster.guardians.iter().any(|g| g.pin_hash.is_some()) {
            return Err(DbError::Invalid(
                "the roster has a pin_hash column, which only the hub writes; import the roster from the childcare system (with pin, or pin left empty)".into(),
            ));
        }
        refuse_erased(self, location_id, &roster).await?;
        let candidate = welkom_core::pin_verifier::PinKey::generate(&mut rand::rng())
            .map_err(|e| DbError::Invalid(format!("a PIN key: {e}")))?;
        let key_text = both!(self, db => db.pin_key(location_id, candidate.as_str()).await)?;
        let key = welkom_core::pin_verifier::PinKey::parse(&key_text)
            .map_err(|e| DbError::Corrupt(format!("the PIN key of {location_id}: {e}")))?;
        let previous = match reissue_pins {
            true => None,
            false => self.roster(location_id).await?.map(|(_, csv)| csv),
        };
        // argon2id for every PIN given and drawn: off the server's threads.
        let (csv, imported) = tokio::task::spawn_blocking(move || {
            pins::with_verifiers(roster, &key, previous.as_deref())
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))??;
        let etag = self.put_roster(location_id, csv).await?;
        Ok(ImportedRoster { etag, ..imported })
    }

    /// A location's roster and its ETag.
    pub async fn roster(&self, location_id: &str) -> Result<Option<(String, Vec<u8>)>, DbError> {
        both!(self, db => db.roster(location_id).await)
    }

    /// A location's tally for a day, with the kiosk's definitions, read from the
    /// daily roll-ups ([`Db::day_tally`]).
    pub async fn tally(&self, location: &Location, date: Date) -> Result<DayTally, DbError> {
        self.day_tally(location, date).await
    }

    /// A location's tally for a day counted from the stored ratings and visits
    /// themselves (a scan of the day's rows): what the roll-ups must always equal,
    /// for audits and tests.
    pub async fn tally_from_raw_rows(
        &self,
        location: &Location,
        date: Date,
    ) -> Result<DayTally, DbError> {
        let zone = jiff::tz::TimeZone::get(&location.time_zone)
            .map_err(|_| DbError::Corrupt(format!("time zone of {}", location.id)))?;
        let (ratings, visits) = both!(self, db => db.day_facts(&location.id, date, &zone).await)?;
        Ok(DayTally::from_facts(date, &ratings, &visits))
    }

    /// A location's ratings, oldest first.
    pub async fn ratings(&self, location_id: &str) -> Result<Vec<ExportedRating>, DbError> {
        self.ratings_between(location_id, Date::MIN, Date::MAX)
            .await
    }

    /// A location's ratings of the days `first..=last` (their local days), oldest
    /// first: a range of the `(location_id, local_date)` index, not every rating.
    pub async fn ratings_between(
        &self,
        location_id: &str,
        first: Date,
        last: Date,
    ) -> Result<Vec<ExportedRating>, DbError> {
        // Days are kept as `YYYY-MM-DD`, so text order is day order; `Date::MIN`
        // (`-009999-01-01`) sorts before every such day.
        let days = (first.to_string(), last.to_string());
        both!(self, db => db.ratings(location_id, days).await)
    }

    /// Retention: drops the guardian, visit and children from the data of events
    /// received before `cutoff` (the ratings and visits the tally counts keep no
    /// names), and the guardian, staff name and note from the follow-ups received
    /// before it; returns how many events changed.
    pub async fn apply_retention(&self, cutoff: jiff::Timestamp) -> Result<u64, DbError> {
        both!(self, db => db.apply_retention(cutoff.as_millisecond()).await)
    }

    /// The data of every event a location sent, as stored (for audits and tests).
    pub async fn events_data(&self, location_id: &str) -> Result<Vec<serde_json::Value>, DbError> {
        both!(self, db => db.events_data(location_id).await)
    }

    /// Every row of every table as one line of text (bytes read as UTF-8), for audits
    /// and tests: whoever checks that an erased family is gone reads it here.
    pub async fn all_rows_as_text(&self) -> Result<Vec<String>, DbError> {
        both!(self, db => db.all_rows_as_text().await)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), DbError> {
        both!(self, db => db.ping().await)
    }
}

/// The ETag of a roster's bytes.
/// Refuses a roster that names a guardian or child erased at the location: an old
/// file must not bring back a family erased on request.
async fn refuse_erased(
    db: &Db,
    location_id: &str,
    roster: &welkom_core::roster::Roster,
) -> Result<(), DbError> {
    let people = erasure::roster_people(location_id, roster);
    let hashes = people.iter().map(|(hash, _)| hash.clone()).collect();
    let erased = both!(db, db => db.erased_among(location_id, hashes).await)?;
    if erased.is_empty() {
        return Ok(());
    }
    let named: Vec<&str> = people
        .iter()
        .filter(|(hash, _)| erased.contains(hash))
        .map(|(_, what)| what.as_str())
        .collect();
    let shown = named
        .iter()
        .take(10)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let more = match named.len() {
        0..=10 => String::new(),
        n => format!(" and {} more", n - 10),
    };
    Err(DbError::Invalid(format!(
        "the roster names {shown}{more}, erased at this location on request; an erased \
         family does not come back from an old file: remove their lines, or give them new \
         ids if they have enrolled again. Nothing was changed."
    )))
}

pub(crate) fn etag_of(csv: &[u8]) -> String {
    format!("\"{}\"", &hex(&Sha256::digest(csv))[..32])
}

/// A new device token: 32 random bytes, hex, with a prefix that says what it is.
fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("wlk_{}", hex(&bytes))
}

/// The hash under which a token is kept.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The local hour of a time in a zone (0 to 23).
pub(crate) fn local_hour(at_unix_ms: i64, zone: &jiff::tz::TimeZone) -> Result<u8, DbError> {
    let at = jiff::Timestamp::from_millisecond(at_unix_ms)
        .map_err(|_| DbError::Corrupt(format!("time {at_unix_ms}")))?;
    Ok(at.to_zoned(zone.clone()).hour() as u8)
}
