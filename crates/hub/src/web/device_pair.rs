//! `POST /locations/{id}/devices/pair`: the Devices page's "Pair a tablet" makes a
//! one-time pairing code for the location and shows it once, large, with its end
//! time (see [`crate::db::PairingCode`]). Like adding a kiosk: the session's CSRF
//! token and a one-time form number, so a reload makes no second code; whoever may
//! see the location (its managers, the admins) may make one, anyone else gets the
//! not-found page. Logged with the user's and the location's id, never the code.

use super::WebState;
use super::devices::{NotAddedPage, check_csrf, chrome, hub_address, session_key};
use super::form::Fields;
use super::location::VisibleLocation;
use super::pages::{Chrome, WebError, render};
use crate::db::{Location, NonceUse};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use jiff::tz::TimeZone;

#[derive(Template)]
#[template(path = "web/device_pair.html")]
struct PairPage {
    chrome: Chrome,
    location: Location,
    code: String,
    until: String,
    how: String,
}

/// Makes a code and shows it, this once.
pub async fn make(
    State(state): State<WebState>,
    visible: VisibleLocation,
    headers: HeaderMap,
    form: Fields,
) -> Result<Response, WebError> {
    check_csrf(&visible, &form)?;
    let used = state
        .db
        .use_form_nonce(&session_key(&visible), form.get("nonce"), state.now_ms())
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot check a form number", &e))?;
    let refused = match used {
        NonceUse::Fresh => None,
        NonceUse::AlreadyUsed => Some((
            StatusCode::CONFLICT,
            "devices-pair-again-title",
            "devices-pair-again-text",
        )),
        NonceUse::Unknown => Some((
            StatusCode::BAD_REQUEST,
            "devices-stale-title",
            "devices-pair-stale-text",
        )),
    };
    if let Some((status, title, text)) = refused {
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
    let made = state
        .db
        .add_pairing_code(
            &visible.location.id,
            &visible.user.logged_in.user.id,
            state.settings.clock.now(),
        )
        .await
        .map_err(|e| WebError::internal(visible.user.lang, "cannot make a pairing code", &e))?;
    tracing::info!(
        user = %visible.user.logged_in.user.id,
        location = %visible.location.id,
        "a pairing code was made on the devices page"
    );
    let mut chrome = chrome(&visible, "devices-pair-made-title");
    chrome.title = chrome.tr.get("devices-pair-made-title");
    let zone = TimeZone::get(&visible.location.time_zone).unwrap_or(TimeZone::UTC);
    let until = chrome.tr.with_text(
        "devices-pair-until",
        "time",
        &made.expires_at.to_zoned(zone).strftime("%H:%M").to_string(),
    );
    let how = chrome
        .tr
        .with_text("devices-pair-how", "hub", &hub_address(&headers));
    let mut response = render(
        StatusCode::OK,
        &PairPage {
            chrome,
            location: visible.location,
            code: made.code,
            until,
            how,
        },
    );
    // Never kept by a browser or a proxy.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
