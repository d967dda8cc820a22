//! `GET /v1/roster`: the device's location's roster, with an ETag.

use super::{AppState, Problem, auth};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use welkom_protocol::ROSTER_CONTENT_TYPE;

/// Sends the roster, or `304` when the device has it already.
pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let device = match auth::device(&state, &headers).await {
        Ok(device) => device,
        Err(problem) => return problem.into_response(),
    };
    let roster = match state.db.roster(&device.location_id).await {
        Ok(roster) => roster,
        Err(e) => return Problem::database(e).into_response(),
    };
    let Some((etag, csv)) = roster else {
        return Problem::new(
            StatusCode::NOT_FOUND,
            "no roster was imported for this location yet (`welkom-hub roster import`)",
        )
        .into_response();
    };
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    if unchanged {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, ROSTER_CONTENT_TYPE.to_owned()),
            (header::ETAG, etag),
        ],
        csv,
    )
        .into_response()
}
