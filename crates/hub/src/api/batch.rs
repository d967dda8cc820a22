//! The body of `POST /v1/events`, read and checked without the database: a body that
//! is not a batch is a [`Problem`] (nothing is stored); otherwise every event is
//! either checked, ready to store, or refused alone with the reason.

use super::Problem;
use crate::db::CheckedEvent;
use axum::http::StatusCode;
use welkom_protocol::{CloudEvent, EventData, Refusal, Source};

/// The most events one batch may hold; a larger batch is refused whole (413).
pub use welkom_protocol::MAX_BATCH_EVENTS;

/// A batch read from a body: the events to store and the ones refused.
#[derive(Debug)]
pub struct CheckedBatch {
    /// The events that passed every check, in the batch's order.
    pub checked: Vec<CheckedEvent>,
    /// The events refused, each with its id and the reason.
    pub refused: Vec<Refusal>,
}

/// Reads a batch body of the device `device` at `location`: a JSON array of at most
/// [`MAX_BATCH_EVENTS`] objects. Never panics, whatever the bytes.
pub fn check_batch(body: &[u8], location: &str, device: &str) -> Result<CheckedBatch, Problem> {
    let batch: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            format!("the body is not JSON ({e}); nothing was stored"),
        )
    })?;
    let serde_json::Value::Array(items) = batch else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "a batch is a JSON array of CloudEvents; nothing was stored",
        ));
    };
    if items.iter().any(|item| !item.is_object()) {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "a batch is a JSON array of objects (CloudEvents); nothing was stored",
        ));
    }
    if items.len() > MAX_BATCH_EVENTS {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{} events in one batch; send at most {MAX_BATCH_EVENTS}",
                items.len()
            ),
        ));
    }
    let mut refused = Vec::new();
    let mut checked = Vec::with_capacity(items.len());
    for item in items {
        match check(item, location, device) {
            Ok(event) => checked.push(event),
            Err(refusal) => refused.push(refusal),
        }
    }
    Ok(CheckedBatch { checked, refused })
}

/// Checks one event of a device; the refusal says why it cannot be taken.
fn check(item: serde_json::Value, location: &str, device: &str) -> Result<CheckedEvent, Refusal> {
    let id = item
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .chars()
        .take(100)
        .collect::<String>();
    let refuse = |reason: String| Refusal {
        id: id.clone(),
        reason,
    };
    // Taken by value: the event's data moves into it instead of being copied.
    let event: CloudEvent = serde_path_to_error::deserialize(item)
        .map_err(|e| refuse(format!("not a CloudEvent: {}: {}", e.path(), e.inner())))?;
    if event.specversion != CloudEvent::SPEC_VERSION {
        return Err(refuse(format!(
            "specversion '{}' is not {}",
            event.specversion,
            CloudEvent::SPEC_VERSION
        )));
    }
    if event.datacontenttype != CloudEvent::DATA_CONTENT_TYPE {
        return Err(refuse(format!(
            "datacontenttype must be {}",
            CloudEvent::DATA_CONTENT_TYPE
        )));
    }
    if event.id.is_empty() || event.id.len() > 100 {
        return Err(refuse("id must be 1 to 100 characters".into()));
    }
    let source = Source::parse(&event.source).map_err(|e| refuse(e.to_string()))?;
    if source.location != location || source.device != device {
        return Err(refuse(format!(
            "source {} is not this device's (/locations/{location}/devices/{device})",
            event.source
        )));
    }
    let at: jiff::Timestamp = event
        .time
        .parse()
        .map_err(|_| refuse(format!("time '{}' is not RFC 3339", event.time)))?;
    let parsed = EventData::parse(&event.event_type, &event.id, &event.data).map_err(refuse)?;
    Ok(CheckedEvent {
        source: event.source,
        id: event.id,
        event_type: event.event_type,
        time: event.time,
        at_unix_ms: at.as_millisecond(),
        data: event.data,
        parsed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_not_shaped_as_a_cloud_event_is_refused_naming_the_field() {
        let body = br#"[
            {"specversion": "1.0", "id": "e-1", "source": "/locations/l/devices/d",
             "type": "nl.welkom.visit.recorded.v1", "time": 5,
             "datacontenttype": "application/json", "data": {}},
            {"specversion": "1.0", "id": "e-2", "source": "/locations/l/devices/d",
             "type": "nl.welkom.visit.recorded.v1",
             "datacontenttype": "application/json", "data": {}}
        ]"#;
        let batch = check_batch(body, "l", "d").unwrap();
        assert!(batch.checked.is_empty());
        let reasons: Vec<(&str, &str)> = batch
            .refused
            .iter()
            .map(|r| (r.id.as_str(), r.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert_eq!(reasons[0].0, "e-1");
        assert!(
            reasons[0]
                .1
                .starts_with("not a CloudEvent: time: invalid type: integer `5`"),
            "{reasons:?}"
        );
        assert_eq!(reasons[1].0, "e-2");
        assert!(
            reasons[1]
                .1
                .starts_with("not a CloudEvent: .: missing field `time`"),
            "{reasons:?}"
        );
    }
}
