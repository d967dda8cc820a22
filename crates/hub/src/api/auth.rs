//! A device's token and the protocol version, checked on every `/v1` request.

use super::{AppState, Problem};
use crate::db::DeviceAuth;
use axum::http::{HeaderMap, StatusCode, header};
use welkom_protocol::{PROTOCOL_HEADER, PROTOCOL_VERSION};

/// The device behind the request's token, or the answer to give.
pub async fn device(state: &AppState, headers: &HeaderMap) -> Result<DeviceAuth, Problem> {
    match headers.get(PROTOCOL_HEADER).map(|v| v.to_str()) {
        Some(Ok(v)) if v.trim() == PROTOCOL_VERSION.to_string() => {}
        Some(_) => {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                format!("this hub speaks {PROTOCOL_HEADER} {PROTOCOL_VERSION}"),
            ));
        }
        None => {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                format!("send the header {PROTOCOL_HEADER}: {PROTOCOL_VERSION}"),
            ));
        }
    }
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "send the device's token as Authorization: Bearer TOKEN",
            )
        })?;
    let found = state
        .db
        .device_by_token(token)
        .await
        .map_err(Problem::database)?;
    match found {
        None => Err(Problem::new(
            StatusCode::UNAUTHORIZED,
            "this token is not known here; add the device with `welkom-hub device add`",
        )),
        Some(device) if device.revoked => Err(Problem::new(
            StatusCode::FORBIDDEN,
            "this device's token was revoked; add the device again for a new token",
        )),
        Some(device) => Ok(device),
    }
}
