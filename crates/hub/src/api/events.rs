//! `POST /v1/events`: a batch of CloudEvents from one device. Every event is checked;
//! the good ones are stored in one transaction, duplicates counted, the bad ones
//! refused one by one with the reason. A body that is not a batch stores nothing.

use super::batch::{CheckedBatch, check_batch};
use super::{AppState, Problem, auth, body};
use crate::db::{DeviceAuth, DeviceReport};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use welkom_protocol::{BATCH_CONTENT_TYPE, BatchAnswer, MAX_BATCH_BYTES};

/// Receives a batch. The body is read only once the token and the headers passed.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, request: Body) -> Response {
    let mut unread = Some(request);
    let answer = receive_batch(&state, &headers, &mut unread).await;
    let stranger = answer.as_ref().is_err_and(|problem| {
        matches!(
            problem.status(),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        )
    });
    if let Some(request) = unread {
        match stranger {
            true => body::discard_from_stranger(&headers, request).await,
            false => body::discard(&headers, request).await,
        }
    }
    match answer {
        Ok(answer) => (StatusCode::OK, Json(answer)).into_response(),
        Err(problem) if stranger => {
            let mut response = problem.into_response();
            response.headers_mut().insert(
                header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            response
        }
        Err(problem) => problem.into_response(),
    }
}

async fn receive_batch(
    state: &AppState,
    headers: &HeaderMap,
    unread: &mut Option<Body>,
) -> Result<BatchAnswer, Problem> {
    let (device, report) = auth::device_reporting_later(state, headers).await?;
    let answer = store_batch(state, headers, unread, &device, &report).await;
    if answer.is_err() {
        // Nothing was stored, and so neither was the report: the device was heard
        // from all the same.
        super::device_report::write(state, &device, &report).await;
    }
    answer
}

/// Reads, checks and stores the batch of a device let in, with its report.
async fn store_batch(
    state: &AppState,
    headers: &HeaderMap,
    unread: &mut Option<Body>,
    device: &DeviceAuth,
    report: &DeviceReport,
) -> Result<BatchAnswer, Problem> {
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
    let CheckedBatch { checked, refused } =
        check_batch(&body, &device.location_id, &device.device_id)?;
    let stored = state
        .db
        .store_events(
            &device.location_id,
            &device.device_id,
            checked,
            Some(report),
        )
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
