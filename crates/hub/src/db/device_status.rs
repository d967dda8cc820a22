//! What each device last told the hub about itself (migration 0006): when it was last
//! heard from, how many events it said were waiting, its app version and its clock
//! offset. Recorded on each authenticated `/v1` request; read for the Devices page
//! and `welkom-hub device list`.

use super::{Db, DbError};
use jiff::Timestamp;

/// What one authenticated request of a device said about it, already checked: a
/// header that was missing or malformed is `None` here, never stored raw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceReport {
    /// When the hub received the request (the hub's clock).
    pub received_at: Timestamp,
    /// Events waiting at the kiosk when it made the request (`Welkom-Waiting`).
    pub waiting: Option<u64>,
    /// The kiosk's app version (from `User-Agent: welkom/X.Y.Z`).
    pub app_version: Option<String>,
    /// The kiosk's clock (`Date`) minus the hub's receive time, in milliseconds:
    /// positive when the kiosk is ahead. It includes the network delay and has the
    /// resolution of `Date`, a second.
    pub clock_offset_ms: Option<i64>,
}

/// A device as the Devices page and `welkom-hub device list` show it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DeviceStatus {
    /// The device's id.
    pub id: String,
    /// Its location.
    pub location_id: String,
    /// When it was added.
    pub added_at: Timestamp,
    /// When its token was revoked, if it was.
    pub revoked_at: Option<Timestamp>,
    /// When it was last heard from (an authenticated `/v1` request), if ever.
    pub last_contact_at: Option<Timestamp>,
    /// The events it said were waiting at its last contact, if it said so.
    pub last_waiting: Option<u64>,
    /// Its app version at its last contact, if it said so.
    pub app_version: Option<String>,
    /// Its clock minus the hub's at its last contact, in milliseconds (see
    /// [`DeviceReport::clock_offset_ms`]), if it sent its clock.
    pub clock_offset_ms: Option<i64>,
}

impl DeviceStatus {
    /// Whether its token was revoked.
    pub fn revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

/// A row's columns, as both back ends read them: id, location, added, revoked, last
/// contact (ms since the epoch), waiting, version, offset.
pub(super) type StatusRow = (
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

/// The columns [`StatusRow`] reads, in its order.
pub(super) const STATUS_COLUMNS: &str = "id, location_id, created_at, revoked_at, \
     last_contact_at, last_waiting, app_version, clock_offset_ms";

/// A device's status from its row.
pub(super) fn status_of(row: StatusRow) -> Result<DeviceStatus, DbError> {
    let (id, location_id, added, revoked, contact, waiting, app_version, clock_offset_ms) = row;
    let time = |ms: i64| {
        Timestamp::from_millisecond(ms)
            .map_err(|_| DbError::Corrupt(format!("a time ({ms}) of device {id}")))
    };
    Ok(DeviceStatus {
        added_at: time(added)?,
        revoked_at: revoked.map(time).transpose()?,
        last_contact_at: contact.map(time).transpose()?,
        last_waiting: waiting.and_then(|n| u64::try_from(n).ok()),
        app_version,
        clock_offset_ms,
        location_id,
        id,
    })
}

/// A report as the columns it is stored in: waiting as a signed number, times in
/// milliseconds since the epoch.
pub(super) fn report_columns(
    report: &DeviceReport,
) -> (i64, Option<i64>, Option<String>, Option<i64>) {
    (
        report.received_at.as_millisecond(),
        report.waiting.and_then(|n| i64::try_from(n).ok()),
        report.app_version.clone(),
        report.clock_offset_ms,
    )
}

/// Within this long of the last report, a report that says the same again is not
/// written: a kiosk sending many batches in a row costs one write a second, not one
/// per batch (while its waiting count changes, every batch is written).
pub(super) const SAME_REPORT_MS: i64 = 1000;

impl Db {
    /// Records what a device's request said about it (one `UPDATE`). Callers on the
    /// request path log a failure and go on: the request never fails because of it.
    pub async fn record_device_report(
        &self,
        device_id: &str,
        report: &DeviceReport,
    ) -> Result<(), DbError> {
        match self {
            Db::Sqlite(db) => db.record_device_report(device_id, report).await,
            Db::Postgres(db) => db.record_device_report(device_id, report).await,
        }
    }

    /// The devices of a location, the oldest first, each with what it last reported
    /// and whether it was revoked. A location without devices (or unknown) has none.
    pub async fn devices(&self, location_id: &str) -> Result<Vec<DeviceStatus>, DbError> {
        match self {
            Db::Sqlite(db) => db.devices(location_id).await,
            Db::Postgres(db) => db.devices(location_id).await,
        }
    }
}
