//! Reading a request's body within the limit. A body over the limit gets 413 with a
//! problem the client can read: refused before a byte is read when `Content-Length`
//! says so, so a client that sent `Expect: 100-continue` gets the 413 as its final
//! answer and never sends the body. A client that sends its body unasked has it read
//! and dropped (up to a bound) before the answer, so that closing the connection does
//! not reset it before the client has read why.

use super::Problem;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use http_body_util::BodyExt;
use std::time::Duration;

/// The most bytes of an unwanted body read and dropped before answering.
const DISCARD_BYTES: u64 = 16 * 1024 * 1024;

/// The longest time spent dropping an unwanted body.
const DISCARD_TIME: Duration = Duration::from_secs(5);

/// The bound for a client without a valid token: twice the largest batch, so that a
/// kiosk whose token was revoked still reads its 401 after sending a whole batch,
/// and little more for a stranger.
const STRANGER_BYTES: u64 = 2 * welkom_protocol::MAX_BATCH_BYTES as u64;

/// The time bound for a client without a valid token.
const STRANGER_TIME: Duration = Duration::from_secs(1);

/// The body, at most `limit` bytes; or 413.
pub async fn read(headers: &HeaderMap, mut body: Body, limit: usize) -> Result<Bytes, Problem> {
    let too_large = || {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is larger than {limit} bytes; nothing was stored; send fewer events \
                 in one batch"
            ),
        )
    };
    if declared_length(headers).is_some_and(|length| length > limit as u64) {
        discard(headers, body).await;
        return Err(too_large());
    }
    let mut bytes =
        Vec::with_capacity(declared_length(headers).unwrap_or(0).min(limit as u64) as usize);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                format!("the body could not be read ({e}); nothing was stored"),
            )
        })?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                // The client was asked for its body (100 Continue) or sends it
                // anyway: read on, so the answer is not lost to a reset.
                drain(body).await;
                return Err(too_large());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(bytes))
}

/// Drops a body the hub will not use. When the client waits for `100 Continue` it
/// has sent nothing and is not asked to; otherwise what it sends is read, up to a
/// bound, so the answer reaches it.
pub async fn discard(headers: &HeaderMap, body: Body) {
    discard_within(headers, body, DISCARD_BYTES, DISCARD_TIME).await;
}

/// Drops the body of a client whose token was missing, wrong or revoked: read only
/// within a small bound (2 MiB, 1 s), so that a stranger cannot hold the hub for
/// long; the answer closes the connection.
pub async fn discard_from_stranger(headers: &HeaderMap, body: Body) {
    discard_within(headers, body, STRANGER_BYTES, STRANGER_TIME).await;
}

async fn discard_within(headers: &HeaderMap, body: Body, bytes: u64, time: Duration) {
    if expects_continue(headers) || declared_length(headers).is_some_and(|length| length > bytes) {
        return;
    }
    drain_within(body, bytes, time).await;
}

/// Reads and drops what the client sends, up to a bound in bytes and in time.
async fn drain(body: Body) {
    drain_within(body, DISCARD_BYTES, DISCARD_TIME).await;
}

async fn drain_within(mut body: Body, bound: u64, time: Duration) {
    let reading = async {
        let mut read = 0u64;
        while let Some(Ok(frame)) = body.frame().await {
            if let Some(data) = frame.data_ref() {
                read += data.len() as u64;
                if read > bound {
                    return;
                }
            }
        }
    };
    let _ = tokio::time::timeout(time, reading).await;
}

/// `Content-Length`, when sent and readable.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Whether the client sent `Expect: 100-continue` and waits before sending its body.
fn expects_continue(headers: &HeaderMap) -> bool {
    headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}
