//! What a device says about itself on each authenticated `/v1` request, read
//! strictly: `Welkom-Waiting` (events waiting at the kiosk), `User-Agent`
//! (`welkom/X.Y.Z`) and `Date` (the kiosk's clock). A header that is missing or does
//! not look as it must is left out of the report; nothing is stored as sent.

use super::AppState;
use crate::db::{DeviceAuth, DeviceReport};
use axum::http::{HeaderMap, header};
use jiff::{SignedDuration, Timestamp};
use welkom_protocol::WAITING_HEADER;

/// The largest waiting count believed (a kiosk holds far fewer).
const MAX_WAITING: u64 = 999_999_999;

/// The largest clock offset believed: a year either way.
const MAX_OFFSET: SignedDuration = SignedDuration::from_hours(366 * 24);

/// The longest version kept.
const MAX_VERSION_LEN: usize = 40;

/// Records what the request says about its device. A failure is logged and the
/// request goes on.
pub async fn record(
    state: &AppState,
    device: &DeviceAuth,
    headers: &HeaderMap,
    received_at: Timestamp,
) {
    write(state, device, &read(headers, received_at)).await;
}

/// Writes a report read before. A failure is logged and the request goes on.
pub async fn write(state: &AppState, device: &DeviceAuth, report: &DeviceReport) {
    if let Err(e) = state
        .db
        .record_device_report(&device.device_id, report)
        .await
    {
        tracing::warn!(device = %device.device_id, error = %e, "recording the device's status failed");
    }
}

/// The report in these headers, received at `received_at` (the hub's clock).
pub fn read(headers: &HeaderMap, received_at: Timestamp) -> DeviceReport {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    DeviceReport {
        received_at,
        waiting: text(WAITING_HEADER).and_then(waiting),
        app_version: text(header::USER_AGENT.as_str()).and_then(app_version),
        clock_offset_ms: text(header::DATE.as_str())
            .and_then(|date| clock_offset(date, received_at)),
    }
}

/// `Welkom-Waiting`: a count in plain digits, at most [`MAX_WAITING`].
fn waiting(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || value.len() > 9 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok().filter(|n| *n <= MAX_WAITING)
}

/// The version in `User-Agent: welkom/X.Y.Z` (a pre-release or build suffix of
/// letters, digits, `.` and `-` allowed): the first product token only.
fn app_version(value: &str) -> Option<String> {
    let product = value.split_ascii_whitespace().next()?;
    let version = product.strip_prefix("welkom/")?;
    if version.is_empty() || version.len() > MAX_VERSION_LEN {
        return None;
    }
    let (core, suffix) = match version.find(['-', '+']) {
        Some(at) => version.split_at(at),
        None => (version, ""),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let numeric = |n: &&str| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit());
    let suffix_ok = suffix
        .bytes()
        .skip(1)
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && suffix.len() != 1;
    (numbers.len() == 3 && numbers.iter().all(numeric) && suffix_ok).then(|| version.to_owned())
}

/// The kiosk's `Date` minus `received_at`, in milliseconds, when `Date` is an HTTP
/// date within a year of the hub's clock.
fn clock_offset(value: &str, received_at: Timestamp) -> Option<i64> {
    let sent = httpdate::parse_http_date(value.trim()).ok()?;
    let sent = Timestamp::try_from(sent).ok()?;
    let offset = sent.duration_since(received_at);
    (offset.abs() <= MAX_OFFSET).then(|| offset.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waiting_count_is_plain_digits_or_nothing() {
        assert_eq!(waiting("0"), Some(0));
        assert_eq!(waiting(" 42 "), Some(42));
        assert_eq!(waiting("-5"), None);
        assert_eq!(waiting("+5"), None);
        assert_eq!(waiting("5e3"), None);
        assert_eq!(waiting("1000000000"), None);
        assert_eq!(waiting(""), None);
    }

    #[test]
    fn only_a_welkom_version_is_kept() {
        assert_eq!(app_version("welkom/0.1.0").as_deref(), Some("0.1.0"));
        assert_eq!(
            app_version("welkom/1.2.3-rc.1 (linux)").as_deref(),
            Some("1.2.3-rc.1")
        );
        assert_eq!(app_version("welkom/1.2"), None);
        assert_eq!(app_version("welkom/1.2.3-"), None);
        assert_eq!(app_version("welkom/1.2.3-<script>"), None);
        assert_eq!(app_version("curl/8.0.0"), None);
        assert_eq!(
            app_version(&format!("welkom/1.2.3-{}", "a".repeat(50))),
            None
        );
    }

    #[test]
    fn the_clock_offset_is_the_kiosks_date_minus_the_hubs_time() {
        let hub: Timestamp = "2026-03-02T07:00:00Z".parse().unwrap();
        assert_eq!(
            clock_offset("Mon, 02 Mar 2026 07:02:00 GMT", hub),
            Some(120_000)
        );
        assert_eq!(
            clock_offset("Mon, 02 Mar 2026 06:59:30 GMT", hub),
            Some(-30_000)
        );
        assert_eq!(clock_offset("Thu, 01 Jan 1970 00:00:00 GMT", hub), None);
        assert_eq!(clock_offset("yesterday", hub), None);
    }
}
