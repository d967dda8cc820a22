//! `/locations/{id}/devices`: the location's kiosks, each with its last contact, the
//! events it last said were waiting, its app version and its clock offset (what
//! `welkom-hub device list` prints); add a kiosk (its token shown once, on the answer
//! to the form, never in a URL) and revoke one (after a confirmation page).
//!
//! Who may: whoever may see the location ([`VisibleLocation`]): its managers and
//! the admins. Every form carries the session's CSRF token. Adding and revoking are
//! logged with the user's id and the device's id, no names.

use super::form::Fields;
use super::location::VisibleLocation;
use super::numbers::{self, DAY_MS};
use super::pages::{Chrome, WebError, render};
use super::{Tr, WebState, csrf};
use crate::db::{DeviceStatus, Location, NonceUse};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// One kiosk as the page shows it.
struct Kiosk {
    id: String,
    revoked: bool,
    state: String,
    added: String,
    contact: String,
    silent: bool,
    waiting: String,
    version: String,
    clock: String,
}

#[derive(Template)]
#[template(path = "web/devices.html")]
struct DevicesPage {
    chrome: Chrome,
    nav: super::location::LocationNav,
    location: Location,
    kiosks: Vec<Kiosk>,
    notice: String,
    /// The add form's one-time number.
    nonce: String,
    /// The pair form's one-time number.
    pair_nonce: String,
}

/// The answer to an add form sent again, or out of date: nothing was added.
#[derive(Template)]
#[template(path = "web/device_not_added.html")]
pub(super) struct NotAddedPage {
    pub(super) chrome: Chrome,
    pub(super) location: Location,
    pub(super) text: String,
}

#[derive(Template)]
#[template(path = "web/device_revoke.html")]
struct RevokePage {
    chrome: Chrome,
    location: Location,
    device_id: String,
    text: String,
}

#[derive(Template)]
#[template(path = "web/device_added.html")]
struct AddedPage {
    chrome: Chrome,
    location: Location,
    device_id: String,
    token: String,
    config: String,
}

pub(super) fn chrome(visible: &VisibleLocation, title: &str) -> Chrome {
    let mut chrome = Chrome::for_user(visible.user.lang, title, &visible.user.logged_in);
    chrome.title = chrome
        .tr
        .with_text("devices-page-title", "location", &visible.location.name);
    chrome
}

async fn devices_of(
    state: &WebState,
    visible: &VisibleLocation,
) -> Result<Vec<DeviceStatus>, WebError> {
    state
        .db
        .devices(&visible.location.id)
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot read the devices", &e))
}

fn not_found(visible: &VisibleLocation) -> WebError {
    WebError::NotFound(Chrome::for_user(
        visible.user.lang,
        "error-not-found-title",
        &visible.user.logged_in,
    ))
}

/// The session the add form's one-time number belongs to: the SHA-256 of its CSRF
/// token (the token itself is never stored twice).
pub(super) fn session_key(visible: &VisibleLocation) -> String {
    use sha2::{Digest, Sha256};
    csrf::hex(&Sha256::digest(
        visible.user.logged_in.csrf_token.as_bytes(),
    ))
}

/// Refuses a form without the session's CSRF token.
pub(super) fn check_csrf(visible: &VisibleLocation, form: &Fields) -> Result<(), WebError> {
    match csrf::matches(&visible.user.logged_in.csrf_token, form.get("csrf")) {
        true => Ok(()),
        false => Err(WebError::Forbidden(Chrome::for_user(
            visible.user.lang,
            "error-forbidden-title",
            &visible.user.logged_in,
        ))),
    }
}

/// `GET /locations/{id}/devices[?revoked=DEVICE]`.
pub async fn page(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let devices = devices_of(&state, &visible).await?;
    let chrome = chrome(&visible, "devices-title");
    let tr = chrome.tr;
    let zone = TimeZone::get(&visible.location.time_zone).unwrap_or(TimeZone::UTC);
    let now_ms = state.now_ms();
    // The notice after a revocation names only a revoked kiosk of this location.
    let notice = query
        .get("revoked")
        .filter(|id| devices.iter().any(|d| &d.id == *id && d.revoked()))
        .map(|id| tr.with_text("devices-revoked-notice", "device", id))
        .unwrap_or_default();
    let kiosks = devices
        .iter()
        .map(|d| kiosk_view(tr, &zone, now_ms, d))
        .collect();
    let nonce = state
        .db
        .issue_form_nonce(&session_key(&visible), now_ms)
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot issue a form number", &e))?;
    let pair_nonce = state
        .db
        .issue_form_nonce(&session_key(&visible), now_ms)
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot issue a form number", &e))?;
    Ok(render(
        StatusCode::OK,
        &DevicesPage {
            nav: super::location::LocationNav::new(&chrome.tr, &visible.location.id, "devices"),
            chrome,
            location: visible.location,
            kiosks,
            notice,
            nonce,
            pair_nonce,
        },
    ))
}

/// `POST /locations/{id}/devices`: adds a kiosk and shows its token, this once.
pub async fn add(
    State(state): State<WebState>,
    visible: VisibleLocation,
    headers: HeaderMap,
    form: Fields,
) -> Result<Response, WebError> {
    check_csrf(&visible, &form)?;
    // A form sent again (a reload of the answer) adds nothing.
    let used = state
        .db
        .use_form_nonce(&session_key(&visible), form.get("nonce"), state.now_ms())
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot check a form number", &e))?;
    let (status, title, text) = match used {
        NonceUse::Fresh => (StatusCode::OK, "", ""),
        NonceUse::AlreadyUsed => (
            StatusCode::CONFLICT,
            "devices-again-title",
            "devices-again-text",
        ),
        NonceUse::Unknown => (
            StatusCode::BAD_REQUEST,
            "devices-stale-title",
            "devices-stale-text",
        ),
    };
    if used != NonceUse::Fresh {
        let mut chrome = chrome(&visible, title);
        chrome.title = chrome.tr.get(title);
        let text = chrome.tr.get(text);
        return Ok(render(
            status,
            &NotAddedPage {
                chrome,
                location: visible.location,
                text,
            },
        ));
    }
    let device = state
        .db
        .add_device(&visible.location.id)
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot add a device", &e))?;
    tracing::info!(
        user = %visible.user.logged_in.user.id,
        location = %visible.location.id,
        device = %device.id,
        "a device was added on the devices page"
    );
    let mut chrome = chrome(&visible, "devices-added-title");
    chrome.title = chrome.tr.get("devices-added-title");
    let config = format!(
        "[upstream]\nurl = \"{}\"\ntoken = \"{}\"\n",
        hub_address(&headers),
        device.token
    );
    let mut response = render(
        StatusCode::OK,
        &AddedPage {
            chrome,
            location: visible.location,
            device_id: device.id,
            token: device.token,
            config,
        },
    );
    // Never kept by a browser or a proxy.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The address kiosks reach this hub at, as the browser did: always `https` (a hub
/// without TLS of its own takes a log-in only through a TLS proxy or on its own
/// machine, and a kiosk must never send over plain HTTP), with the `Host` header
/// when that is a plain host name or address (with a port) and not this machine's
/// own (`localhost` is not where a kiosk finds the hub), else a placeholder.
pub(super) fn hub_address(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .filter(|h| !is_loopback(h));
    match host {
        Some(host) => format!("https://{host}"),
        None => "https://HUB-ADDRESS".into(),
    }
}

/// Whether a `Host` header names this machine itself.
fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(rest),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

/// The device named in the path, when it belongs to this location.
async fn device_of(
    state: &WebState,
    visible: &VisibleLocation,
    params: &HashMap<String, String>,
) -> Result<DeviceStatus, WebError> {
    let wanted = params.get("device").ok_or_else(|| not_found(visible))?;
    devices_of(state, visible)
        .await?
        .into_iter()
        .find(|d| &d.id == wanted)
        .ok_or_else(|| not_found(visible))
}

/// `GET /locations/{id}/devices/{device}/revoke`: asks to confirm.
pub async fn confirm_revoke(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Path(params): Path<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let device = device_of(&state, &visible, &params).await?;
    if device.revoked() {
        return Ok(Redirect::to(&devices_path(&visible.location)).into_response());
    }
    let mut chrome = chrome(&visible, "devices-revoke-title");
    chrome.title = chrome.tr.get("devices-revoke-title");
    let text = chrome
        .tr
        .with_text("devices-revoke-text", "device", &device.id);
    Ok(render(
        StatusCode::OK,
        &RevokePage {
            chrome,
            location: visible.location,
            device_id: device.id,
            text,
        },
    ))
}

/// `POST /locations/{id}/devices/{device}/revoke`: revokes its token, then back to
/// the list, which says so.
pub async fn revoke(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Path(params): Path<HashMap<String, String>>,
    form: Fields,
) -> Result<Response, WebError> {
    let device = device_of(&state, &visible, &params).await?;
    check_csrf(&visible, &form)?;
    state
        .db
        .revoke_device(&device.id)
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot revoke a device", &e))?;
    tracing::info!(
        user = %visible.user.logged_in.user.id,
        location = %visible.location.id,
        device = %device.id,
        "a device was revoked on the devices page"
    );
    let to = format!(
        "{}?revoked={}",
        devices_path(&visible.location),
        form_urlencoded::byte_serialize(device.id.as_bytes()).collect::<String>()
    );
    Ok(Redirect::to(&to).into_response())
}

pub(super) fn devices_path(location: &Location) -> String {
    format!(
        "/locations/{}/devices",
        form_urlencoded::byte_serialize(location.id.as_bytes()).collect::<String>()
    )
}

fn kiosk_view(tr: Tr, zone: &TimeZone, now_ms: i64, d: &DeviceStatus) -> Kiosk {
    let when = |at: jiff::Timestamp| {
        let local = at.to_zoned(zone.clone());
        tr.with(
            "devices-when",
            &[
                ("date", local.strftime("%d-%m-%Y").to_string().into()),
                ("time", local.strftime("%H:%M").to_string().into()),
            ],
        )
    };
    let unknown = || tr.get("devices-unknown");
    let silent = !d.revoked()
        && d.last_contact_at
            .is_none_or(|at| now_ms - at.as_millisecond() > DAY_MS);
    Kiosk {
        id: d.id.clone(),
        revoked: d.revoked(),
        state: match d.revoked_at {
            Some(at) => tr.with_text("devices-revoked-at", "when", &when(at)),
            None => tr.get("devices-active"),
        },
        added: when(d.added_at),
        contact: match d.last_contact_at {
            None => tr.get("devices-never-heard"),
            Some(at) => tr.with(
                "devices-contact",
                &[
                    ("ago", numbers::ago(tr, now_ms, at.as_millisecond()).into()),
                    ("when", when(at).into()),
                ],
            ),
        },
        silent,
        waiting: d.last_waiting.map_or_else(unknown, |n| {
            tr.with(
                "devices-waiting",
                &[("n", i64::try_from(n).unwrap_or(i64::MAX).into())],
            )
        }),
        version: d.app_version.clone().unwrap_or_else(unknown),
        clock: d.clock_offset_ms.map_or_else(unknown, |ms| clock(tr, ms)),
    }
}

/// The clock offset in words: "loopt 2s voor", "loopt 1m30s achter", "loopt gelijk"
/// (the amounts as `welkom-hub device list` writes them).
fn clock(tr: Tr, ms: i64) -> String {
    let secs = (ms as f64 / 1000.0).round() as i64;
    let abs = secs.unsigned_abs();
    let amount = match abs {
        0..60 => format!("{abs}s"),
        60..3600 => format!("{}m{:02}s", abs / 60, abs % 60),
        _ => format!("{}h{:02}m", abs / 3600, abs % 3600 / 60),
    };
    match secs {
        0 => tr.get("devices-clock-in-step"),
        s if s > 0 => tr.with_text("devices-clock-ahead", "amount", &amount),
        _ => tr.with_text("devices-clock-behind", "amount", &amount),
    }
}

#[cfg(test)]
mod address_tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, value.parse().unwrap());
        headers
    }

    #[test]
    fn kiosks_are_told_https_and_never_this_machines_own_name() {
        assert_eq!(
            hub_address(&host("hub.example.org")),
            "https://hub.example.org"
        );
        assert_eq!(
            hub_address(&host("192.0.2.5:8443")),
            "https://192.0.2.5:8443"
        );
        assert_eq!(
            hub_address(&host("[2001:db8::1]:8443")),
            "https://[2001:db8::1]:8443"
        );
        for own in [
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:8080",
            "LOCALHOST",
        ] {
            assert_eq!(hub_address(&host(own)), "https://HUB-ADDRESS", "{own}");
        }
        assert_eq!(hub_address(&host("a\"b")), "https://HUB-ADDRESS");
        assert_eq!(hub_address(&HeaderMap::new()), "https://HUB-ADDRESS");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;

    #[test]
    fn the_clock_says_which_way() {
        let nl = Tr { lang: Lang::Nl };
        assert_eq!(clock(nl, 300), "loopt gelijk");
        assert_eq!(clock(nl, 2_000), "loopt 2s voor");
        assert_eq!(clock(nl, -90_000), "loopt 1m30s achter");
        assert_eq!(clock(Tr { lang: Lang::En }, 7_260_000), "2h01m ahead");
    }

    #[test]
    fn the_hub_address_comes_from_a_plain_host_header_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(hub_address(&headers), "https://HUB-ADDRESS");
        headers.insert(
            header::HOST,
            HeaderValue::from_static("hub.example.org:8443"),
        );
        assert_eq!(hub_address(&headers), "https://hub.example.org:8443");
        headers.insert(header::HOST, HeaderValue::from_static("x\"><script>"));
        assert_eq!(hub_address(&headers), "https://HUB-ADDRESS");
    }
}
