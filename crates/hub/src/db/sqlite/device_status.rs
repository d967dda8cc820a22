//! Device status on SQLite (see `db/device_status.rs`).

use super::SqliteDb;
use crate::db::DbError;
use crate::db::device_status::{
    DeviceReport, DeviceStatus, SAME_REPORT_MS, STATUS_COLUMNS, report_columns, status_of,
};
use rusqlite::params;

impl SqliteDb {
    pub(in crate::db) async fn record_device_report(
        &self,
        device_id: &str,
        report: &DeviceReport,
    ) -> Result<(), DbError> {
        let id = device_id.to_owned();
        let report = report.clone();
        self.with(move |conn| Ok(write_report(conn, &id, &report)?))
            .await
    }

    pub(in crate::db) async fn devices(
        &self,
        location_id: &str,
    ) -> Result<Vec<DeviceStatus>, DbError> {
        let location = location_id.to_owned();
        self.with(move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {STATUS_COLUMNS} FROM devices WHERE location_id = ?1 ORDER BY created_at, id"
            ))?;
            let rows = stmt
                .query_map([&location], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                        row.get(6)?,
                        row.get(7)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            rows.into_iter().map(status_of).collect()
        })
        .await
    }
}

/// Writes what a device's request said about it, unless it says the same as a report
/// written within [`SAME_REPORT_MS`]; on its own or inside a batch's transaction.
pub(super) fn write_report(
    conn: &rusqlite::Connection,
    device_id: &str,
    report: &DeviceReport,
) -> rusqlite::Result<()> {
    let (at, waiting, version, offset) = report_columns(report);
    conn.prepare_cached(
        "UPDATE devices
         SET last_contact_at = ?2, last_waiting = ?3, app_version = ?4, clock_offset_ms = ?5
         WHERE id = ?1
           AND NOT (last_contact_at IS NOT NULL
                    AND last_contact_at BETWEEN ?2 - ?6 AND ?2
                    AND last_waiting IS ?3
                    AND app_version IS ?4
                    AND (clock_offset_ms IS NULL) = (?5 IS NULL))",
    )?
    .execute(params![
        device_id,
        at,
        waiting,
        version,
        offset,
        SAME_REPORT_MS
    ])?;
    Ok(())
}
