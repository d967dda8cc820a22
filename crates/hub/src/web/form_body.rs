//! Every page's request body is read in full before the page is answered. A handler
//! that refuses early (another location's page, a missing session) never reads its
//! form; hyper then closes the connection, and a browser that sends its next
//! request on that connection sees it fail. Reading the body first keeps the
//! connection usable, and the dashboard's forms are small, so this costs nothing.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest form a page accepts: far above any of the dashboard's forms.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// The middleware: reads the body (up to [`MAX_FORM_BYTES`]), then passes the
/// request on with the body in memory.
pub async fn read_whole(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("A form of at most {MAX_FORM_BYTES} bytes is accepted."),
            )
                .into_response();
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
