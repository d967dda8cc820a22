//! `welkom-hub device list --location ID`: one line per kiosk, for people.

use crate::db::{Db, DeviceStatus};
use jiff::Timestamp;
use std::process::ExitCode;

/// Prints the location's devices, the oldest first.
pub async fn run(db: &Db, location_id: &str) -> anyhow::Result<ExitCode> {
    let Some(location) = db.location(location_id).await? else {
        eprintln!("there is no location '{location_id}'; see `welkom-hub location list`");
        return Ok(ExitCode::from(2));
    };
    let devices = db.devices(&location.id).await?;
    if devices.is_empty() {
        println!(
            "no devices at {}; add one with `welkom-hub device add --location {}`",
            location.id, location.id
        );
        return Ok(ExitCode::SUCCESS);
    }
    let zone = jiff::tz::TimeZone::get(&location.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    for device in &devices {
        println!("{}", line(device, &zone));
    }
    Ok(ExitCode::SUCCESS)
}

/// One device as a line: id, added, active or revoked, last contact, waiting events,
/// version, clock offset; times in the location's time zone.
pub fn line(device: &DeviceStatus, zone: &jiff::tz::TimeZone) -> String {
    let time = |at: Timestamp| {
        at.to_zoned(zone.clone())
            .strftime("%Y-%m-%d %H:%M:%S %Z")
            .to_string()
    };
    let state = match device.revoked_at {
        Some(at) => format!("revoked {}", time(at)),
        None => "active".to_owned(),
    };
    let contact = match device.last_contact_at {
        Some(at) => format!("last contact {}", time(at)),
        None => "never heard from".to_owned(),
    };
    let waiting = match device.last_waiting {
        Some(n) => format!("{n} waiting"),
        None => "waiting unknown".to_owned(),
    };
    let version = match &device.app_version {
        Some(v) => format!("version {v}"),
        None => "version unknown".to_owned(),
    };
    format!(
        "{}  added {}  {state}  {contact}  {waiting}  {version}  {}",
        device.id,
        time(device.added_at),
        offset(device.clock_offset_ms)
    )
}

/// The clock offset for people: `clock +2s (ahead)`, `clock -1m30s (behind)`.
fn offset(ms: Option<i64>) -> String {
    let Some(ms) = ms else {
        return "clock unknown".to_owned();
    };
    let secs = (ms as f64 / 1000.0).round() as i64;
    let (sign, way) = match secs {
        0 => ("±", "in step"),
        s if s > 0 => ("+", "ahead"),
        _ => ("-", "behind"),
    };
    let abs = secs.unsigned_abs();
    let amount = match abs {
        0..60 => format!("{abs}s"),
        60..3600 => format!("{}m{:02}s", abs / 60, abs % 60),
        _ => format!("{}h{:02}m", abs / 3600, abs % 3600 / 60),
    };
    format!("clock {sign}{amount} ({way})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_says_which_way() {
        assert_eq!(offset(None), "clock unknown");
        assert_eq!(offset(Some(300)), "clock ±0s (in step)");
        assert_eq!(offset(Some(2_000)), "clock +2s (ahead)");
        assert_eq!(offset(Some(-90_000)), "clock -1m30s (behind)");
        assert_eq!(offset(Some(7_260_000)), "clock +2h01m (ahead)");
    }
}
