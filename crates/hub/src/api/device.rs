//! `GET /v1/device`: who the token belongs to, so a kiosk needs only the hub's
//! address and its token, and builds its `source` from the answer.

use super::{AppState, Problem, auth};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The device and its location.
pub async fn whoami(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let device = match auth::device(&state, &headers).await {
        Ok(device) => device,
        Err(problem) => return problem.into_response(),
    };
    let location = match state.db.location(&device.location_id).await {
        Ok(Some(location)) => location,
        Ok(None) => return Problem::new(StatusCode::NOT_FOUND, "no such location").into_response(),
        Err(e) => return Problem::database(e).into_response(),
    };
    (
        StatusCode::OK,
        Json(json!({
            "device": device.device_id,
            "location": location.id,
            "location_name": location.name,
            "time_zone": location.time_zone,
        })),
    )
        .into_response()
}
