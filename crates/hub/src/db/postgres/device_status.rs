//! Device status on PostgreSQL (see `db/device_status.rs`).

use super::PgDb;
use crate::db::DbError;
use crate::db::device_status::{
    DeviceReport, DeviceStatus, SAME_REPORT_MS, STATUS_COLUMNS, report_columns, status_of,
};

/// Writes what a device's request said about it, unless it says the same as a report
/// written within `SAME_REPORT_MS`: `$1` the device, `$2`–`$5` the report's columns
/// (`report_columns`), `$6` `SAME_REPORT_MS`.
const UPDATE_REPORT: &str = "UPDATE devices
     SET last_contact_at = $2::BIGINT, last_waiting = $3::BIGINT,
         app_version = $4::TEXT, clock_offset_ms = $5::BIGINT
     WHERE id = $1::TEXT
       AND NOT (last_contact_at IS NOT NULL
                AND last_contact_at BETWEEN $2::BIGINT - $6::BIGINT AND $2::BIGINT
                AND last_waiting IS NOT DISTINCT FROM $3::BIGINT
                AND app_version IS NOT DISTINCT FROM $4::TEXT
                AND (clock_offset_ms IS NULL) = ($5::BIGINT IS NULL))";

/// Writes what a device's request said about it ([`UPDATE_REPORT`]), on its own or
/// inside a batch's transaction.
pub(super) async fn write_report(
    client: &impl deadpool_postgres::GenericClient,
    device_id: &str,
    report: &DeviceReport,
) -> Result<(), DbError> {
    let update = client.prepare_cached(UPDATE_REPORT).await?;
    let (at, waiting, version, offset) = report_columns(report);
    client
        .execute(
            &update,
            &[
                &device_id,
                &at,
                &waiting,
                &version,
                &offset,
                &SAME_REPORT_MS,
            ],
        )
        .await?;
    Ok(())
}

impl PgDb {
    pub(in crate::db) async fn record_device_report(
        &self,
        device_id: &str,
        report: &DeviceReport,
    ) -> Result<(), DbError> {
        write_report(&self.client().await?, device_id, report).await
    }

    pub(in crate::db) async fn devices(
        &self,
        location_id: &str,
    ) -> Result<Vec<DeviceStatus>, DbError> {
        let client = self.client().await?;
        let rows = client
            .query(
                &format!(
                    "SELECT {STATUS_COLUMNS} FROM devices WHERE location_id = $1 ORDER BY created_at, id"
                ),
                &[&location_id],
            )
            .await?;
        rows.iter()
            .map(|row| {
                status_of((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                    row.try_get(5)?,
                    row.try_get(6)?,
                    row.try_get(7)?,
                ))
            })
            .collect()
    }
}
