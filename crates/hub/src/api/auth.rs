//! What every `/v1` request passes, in HTTP's order: first who the device is (401,
//! with `WWW-Authenticate: Bearer` as RFC 6750 asks), then whether it may (403),
//! and only then its headers (the protocol version here, the content type and the
//! body in the handler).

use super::{AppState, Problem};
use crate::db::{DeviceAuth, DeviceReport};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use welkom_protocol::{PROTOCOL_HEADER, PROTOCOL_VERSION};

/// The realm named in `WWW-Authenticate`.
const REALM: &str = "welkom-hub";

/// The device behind the request's token, with a protocol version this hub speaks;
/// or the answer to give, in that order.
pub async fn device(state: &AppState, headers: &HeaderMap) -> Result<DeviceAuth, Problem> {
    let device = authenticate(state, headers).await?;
    protocol(headers)?;
    Ok(device)
}

/// As [`device`], but what the request says about the device is handed back instead
/// of written: the caller writes it with the request's own work (a batch's
/// transaction), or through [`super::device_report::write`] when that fails.
pub async fn device_reporting_later(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(DeviceAuth, DeviceReport), Problem> {
    let received_at = jiff::Timestamp::now();
    let device = let_in(state, headers).await?;
    let report = super::device_report::read(headers, received_at);
    if let Err(problem) = protocol(headers) {
        // A kiosk speaking another version is heard from all the same.
        super::device_report::write(state, &device, &report).await;
        return Err(problem);
    }
    Ok((device, report))
}

/// As [`device`], for a request about one location: a device of another location
/// gets 403 (before its headers are looked at).
pub async fn device_of(
    state: &AppState,
    headers: &HeaderMap,
    location_id: &str,
) -> Result<DeviceAuth, Problem> {
    let device = authenticate(state, headers).await?;
    if device.location_id != location_id {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "a device reads only its own location's data",
        ));
    }
    protocol(headers)?;
    Ok(device)
}

/// The device behind the request's token: 401 when there is no token or an unknown
/// one, 403 when it was revoked.
/// A device let in has what its request says about it recorded (its last contact,
/// waiting events, version and clock, `device_report`).
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<DeviceAuth, Problem> {
    let received_at = jiff::Timestamp::now();
    let device = let_in(state, headers).await?;
    super::device_report::record(state, &device, headers, received_at).await;
    Ok(device)
}

/// The device behind the request's token: 401 when there is no token or an unknown
/// one, 403 when it was revoked. Nothing is written.
async fn let_in(state: &AppState, headers: &HeaderMap) -> Result<DeviceAuth, Problem> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "send the device's token as Authorization: Bearer TOKEN",
            )
            .with_header(header::WWW_AUTHENTICATE, challenge(None))
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
        )
        .with_header(
            header::WWW_AUTHENTICATE,
            challenge(Some("the token is not known here")),
        )),
        Some(device) if device.revoked => Err(Problem::new(
            StatusCode::FORBIDDEN,
            "this device's token was revoked; add the device again for a new token",
        )),
        Some(device) => Ok(device),
    }
}

/// Checks the protocol version: `Welkom-Protocol` may be left out (version 1); a
/// version this hub does not speak gets 400 naming the ones it does.
pub fn protocol(headers: &HeaderMap) -> Result<(), Problem> {
    let Some(value) = headers.get(PROTOCOL_HEADER) else {
        return Ok(());
    };
    let sent = value.to_str().unwrap_or("").trim();
    if sent == PROTOCOL_VERSION.to_string() {
        return Ok(());
    }
    Err(Problem::new(
        StatusCode::BAD_REQUEST,
        format!(
            "{PROTOCOL_HEADER} '{}' is not spoken here; this hub supports version {}",
            sent.chars().take(20).collect::<String>(),
            supported()
        ),
    ))
}

/// The protocol versions this hub speaks, for people: "1".
pub fn supported() -> String {
    PROTOCOL_VERSION.to_string()
}

/// The token of `Authorization: Bearer TOKEN` (the scheme in any case, RFC 9110).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("Bearer") && !token.is_empty()).then_some(token)
}

/// `Bearer realm="welkom-hub"`, with `error="invalid_token"` when a token was sent
/// and is not good (RFC 6750, section 3).
fn challenge(invalid: Option<&str>) -> HeaderValue {
    let text = match invalid {
        None => format!("Bearer realm=\"{REALM}\""),
        Some(description) => format!(
            "Bearer realm=\"{REALM}\", error=\"invalid_token\", error_description=\"{description}\""
        ),
    };
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("Bearer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_token_is_read_in_any_case_of_the_scheme() {
        assert_eq!(bearer_token("Bearer wlk_1"), Some("wlk_1"));
        assert_eq!(bearer_token("bearer  wlk_1 "), Some("wlk_1"));
        assert_eq!(bearer_token("Basic d2xr"), None);
        assert_eq!(bearer_token("Bearer "), None);
    }

    #[test]
    fn the_protocol_header_may_be_left_out_but_not_wrong() {
        let mut headers = HeaderMap::new();
        assert!(protocol(&headers).is_ok());
        headers.insert(PROTOCOL_HEADER, HeaderValue::from_static("1"));
        assert!(protocol(&headers).is_ok());
        headers.insert(PROTOCOL_HEADER, HeaderValue::from_static("2"));
        assert!(protocol(&headers).is_err());
    }
}
