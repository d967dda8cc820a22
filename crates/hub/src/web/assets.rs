//! Static files, built into the binary: `/static/{file}`, with an ETag and a day of
//! caching.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The files: name, content type, bytes.
const FILES: &[(&str, &str, &[u8])] = &[(
    "hub.css",
    "text/css; charset=utf-8",
    include_bytes!("../../static/hub.css"),
)];

/// Each file's ETag, computed once.
fn etags() -> &'static Vec<String> {
    static ETAGS: OnceLock<Vec<String>> = OnceLock::new();
    ETAGS.get_or_init(|| {
        FILES
            .iter()
            .map(|(_, _, bytes)| {
                let digest = Sha256::digest(bytes);
                format!("\"{}\"", &super::csrf::hex(&digest)[..32])
            })
            .collect()
    })
}

/// `GET /static/{file}`.
pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(index) = FILES.iter().position(|(name, _, _)| *name == file) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let (_, content_type, bytes) = FILES[index];
    let etag = &etags()[index];
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        ),
        (
            header::ETAG,
            HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
    ];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if matches {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        cache,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        bytes,
    )
        .into_response()
}
