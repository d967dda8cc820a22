//! `POST /v1/events`: a batch of CloudEvents from one device. Every event is checked;
//! the good ones are stored in one transaction, duplicates counted, the bad ones
//! refused one by one with the reason. A body that is not a batch stores nothing.

use super::{AppState, Problem, auth, body};
use crate::db::CheckedEvent;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use welkom_protocol::{
    BATCH_CONTENT_TYPE, BatchAnswer, CloudEvent, EventData, MAX_BATCH_BYTES, MAX_BATCH_EVENTS,
    Refusal, Source,
};

/// Receives a batch. The body is read only once the token and the headers passed.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, request: Body) -> Response {
    let mut unread = Some(request);
    let answer = receive_batch(&state, &headers, &mut unread).await;
    if let Some(request) = unread {
        body::discard(&headers, request).await;
    }
    match answer {
        Ok(answer) => (StatusCode::OK, Json(answer)).into_response(),
        Err(problem) => problem.into_response(),
    }
}

async fn receive_batch(
    state: &AppState,
    headers: &HeaderMap,
    unread: &mut Option<Body>,
) -> Result<BatchAnswer, Problem> {
    let device = auth::device(state, headers).await?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case(BATCH_CONTENT_TYPE) {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("send a batch as {BATCH_CONTENT_TYPE}, not '{essence}'"),
        ));
    }
    let Some(request) = unread.take() else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "the body was read already",
        ));
    };
    let body = body::read(headers, request, MAX_BATCH_BYTES).await?;
    let batch: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
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
        match check(item, &device.location_id, &device.device_id) {
            Ok(event) => checked.push(event),
            Err(refusal) => refused.push(refusal),
        }
    }
    let stored = state
        .db
        .store_events(&device.location_id, &device.device_id, checked)
        .await
        .map_err(Problem::database)?;
    state
        .metrics
        .events(stored.accepted, stored.duplicates, refused.len());
    tracing::info!(
        location = %device.location_id,
        device = %device.device_id,
        accepted = stored.accepted,
        duplicates = stored.duplicates,
        refused = refused.len(),
        "batch received"
    );
    Ok(BatchAnswer {
        accepted: stored.accepted,
        duplicates: stored.duplicates,
        refused,
    })
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
    let event: CloudEvent = serde_path_to_error::deserialize(&item)
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
