//! An error answer: a status and a sentence that says what is wrong and what to do.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer, `{"error": "…"}`.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(skip)]
    status: StatusCode,
    error: String,
}

impl Problem {
    /// A problem with a status and a sentence.
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            error: error.into(),
        }
    }

    /// The database failed: logged, and said without detail.
    pub fn database(e: crate::db::DbError) -> Self {
        tracing::error!(error = %e, "a database call failed");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the hub's database is not available; try again later",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status;
        let mut response = (status, Json(self)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                "5".parse().expect("a number"),
            );
        }
        response
    }
}
