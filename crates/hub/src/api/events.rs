//! `POST /v1/events`: a batch of CloudEvents from one device. Every event is checked;
//! the good ones are stored in one transaction, duplicates counted, the bad ones
//! refused one by one with the reason. A body that is not a batch stores nothing.

use super::batch::{CheckedBatch, check_batch};
use super::{AppState, Problem, auth};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use welkom_protocol::{BATCH_CONTENT_TYPE, BatchAnswer};

/// Receives a batch.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match receive_batch(&state, &headers, &body).await {
        Ok(answer) => (StatusCode::OK, Json(answer)).into_response(),
        Err(problem) => problem.into_response(),
    }
}

async fn receive_batch(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
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
    let CheckedBatch { checked, refused } =
        check_batch(body, &device.location_id, &device.device_id)?;
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
