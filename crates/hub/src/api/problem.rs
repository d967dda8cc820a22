//! An error answer: a status and a sentence that says what is wrong and what to do.

use axum::Json;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer, `{"error": "…"}`.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(skip)]
    status: StatusCode,
    #[serde(skip)]
    headers: Vec<(HeaderName, HeaderValue)>,
    error: String,
}

impl Problem {
    /// A problem with a status and a sentence.
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            error: error.into(),
        }
    }

    /// The same problem, with a header on the answer (`WWW-Authenticate`, …).
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Its status.
    pub fn status(&self) -> StatusCode {
        self.status
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
    fn into_response(mut self) -> Response {
        let status = self.status;
        let headers = std::mem::take(&mut self.headers);
        let mut response = (status, Json(self)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                HeaderValue::from_static("5"),
            );
        }
        for (name, value) in headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}
