//! `GET /v1/locations/{id}/tally?date=YYYY-MM-DD`: a day's tally of the device's own
//! location, with the kiosk's definitions.

use super::{AppState, Problem, auth};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Sends the tally.
pub async fn day(
    State(state): State<AppState>,
    Path(location_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Err(problem) = auth::device_of(&state, &headers, &location_id).await {
        return problem.into_response();
    }
    // `date` is all the query holds; anything else in it is ignored.
    let date = query.as_deref().unwrap_or("").split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == "date").then(|| value.to_owned())
    });
    let Some(date) = date else {
        return Problem::new(StatusCode::BAD_REQUEST, "give the day as ?date=YYYY-MM-DD")
            .into_response();
    };
    let Ok(date) = date.parse::<jiff::civil::Date>() else {
        return Problem::new(
            StatusCode::BAD_REQUEST,
            format!(
                "'{}' is not a day; write it as YYYY-MM-DD",
                date.chars().take(40).collect::<String>()
            ),
        )
        .into_response();
    };
    let location = match state.db.location(&location_id).await {
        Ok(Some(location)) => location,
        Ok(None) => {
            return Problem::new(StatusCode::NOT_FOUND, "no such location").into_response();
        }
        Err(e) => return Problem::database(e).into_response(),
    };
    match state.db.tally(&location, date).await {
        Ok(tally) => (StatusCode::OK, Json(tally)).into_response(),
        Err(e) => Problem::database(e).into_response(),
    }
}
