//! The HTTP API: `POST /v1/events`, `GET /v1/device`, `GET /v1/roster`,
//! `GET /v1/locations/{id}/tally`, `GET /healthz`, `GET /metrics`,
//! `GET /openapi.json`.

mod auth;
pub mod batch;
mod body;
mod device;
mod device_report;
mod events;
mod pair;
mod problem;
mod roster;
mod tally;

use crate::db::Db;
use crate::metrics::Metrics;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::Arc;
use welkom_protocol::{MAX_BATCH_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION};

pub use pair::PairingThrottle;
pub use problem::Problem;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
}

/// The hub's routes, with the body limit and the protocol header on every answer.
pub fn router(state: AppState) -> Router {
    router_with(state, crate::web::WebSettings::default())
}

/// [`router`] with the web pages' clock and limits (tests choose their own).
pub fn router_with(state: AppState, web: crate::web::WebSettings) -> Router {
    let pairing = pair::PairState {
        db: state.db.clone(),
        clock: web.clock.clone(),
        throttle: web.pairing_throttle,
    };
    Router::new()
        .merge(
            Router::new()
                .route(welkom_protocol::PAIR_PATH, post(pair::exchange))
                .with_state(pairing),
        )
        .route("/v1/events", post(events::receive))
        .route("/v1/device", get(device::whoami))
        .route("/v1/roster", get(roster::download))
        .route("/v1/locations/{id}/tally", get(tally::day))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .merge(crate::web::routes(state.db.clone(), web))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BATCH_BYTES))
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            count_and_stamp,
        ))
        .with_state(state)
}

async fn count_and_stamp(State(state): State<AppState>, mut response: Response) -> Response {
    state.metrics.answered(response.status());
    response.headers_mut().insert(
        PROTOCOL_HEADER,
        HeaderValue::from_str(&PROTOCOL_VERSION.to_string())
            .unwrap_or(HeaderValue::from_static("1")),
    );
    response
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({"status": "ok"})),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "database unavailable"})),
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

async fn openapi() -> Response {
    axum::Json(crate::openapi::document()).into_response()
}

/// No route: the API's JSON problem under `/v1/` (and its other paths), the HTML
/// not-found page for anything a browser may have asked.
async fn not_found(request: axum::extract::Request) -> Response {
    if crate::web::answers_html_not_found(request.uri().path()) {
        return crate::web::not_found(request).await;
    }
    Problem::new(StatusCode::NOT_FOUND, "no such path; see /openapi.json").into_response()
}
