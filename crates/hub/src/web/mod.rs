//! The hub in a browser: server-rendered pages (askama templates in `templates/web/`,
//! texts from `assets/i18n/hub/`), mounted on the same router as the API.
//!
//! - `/` sends to `/overview` or `/login`; `/login` (GET, POST) and `/logout` (POST);
//!   `/overview` lists the locations the user may see; `/locations/{id}` is one of
//!   them (404 for any other: a page never says that a location exists): Today,
//!   trend charts, heat map, `?trend=4w|13w|52w&group=NAME`; with its
//!   follow-ups at `/locations/{id}/follow-ups`, its kiosks at
//!   `/locations/{id}/devices` (add: `POST` there; a pairing code: `POST …/devices/pair`; revoke: `…/devices/{device}/revoke`,
//!   `GET` asks, `POST` does), and its ratings' export at `/locations/{id}/export`
//!   (downloads at `…/export/ratings.csv` and `…/export/ratings.xlsx`).
//! - `/overview` has a row of numbers per location, sortable by its column headers
//!   (`?sort=…&dir=…`), what needs attention first by default.
//! - The language links keep the page's other query parameters. A path that is no
//!   page and not the API's (`/v1/…`, `/healthz`, `/metrics`, `/openapi.json`)
//!   answers the HTML not-found page ([`not_found`]); the API keeps its JSON.
//! - A session is a cookie holding 256 random bits; the database keeps only their
//!   SHA-256. It ends after [`WebSettings::session_idle`] without a request, after
//!   [`WebSettings::session_lifetime`] in any case, and at log-out.
//! - Every form that changes something carries a CSRF token (the session's; before
//!   log-in, a token also set as a cookie), compared in constant time.
//! - Every answer has the security headers of `headers.rs` (a CSP without inline
//!   script, no framing, `nosniff`, no referrer; HSTS under TLS).

mod assets;
mod cookies;
mod csrf;
mod device_pair;
mod devices;
mod export;
mod follow_ups;
mod form;
mod form_body;
mod headers;
mod i18n;
mod known_browser;
mod location;
pub(crate) mod login;
mod numbers;
mod overview;
mod pages;
mod session;

pub use i18n::{Lang, Tr};
pub use location::VisibleLocation;
pub use location::{
    Figures as LocationFigures, Period as TrendPeriod, figures as location_figures,
};
pub use pages::{Chrome, WebError};
pub use session::CurrentUser;

use crate::clock::{Clock, SystemClock};
use crate::db::{Db, ThrottlePolicy};
use axum::Router;
use axum::routing::{get, post};
use std::sync::Arc;
use std::time::Duration;

/// How the pages behave: the clock and the limits (tests choose their own).
#[derive(Clone)]
pub struct WebSettings {
    /// Where the time comes from.
    pub clock: Arc<dyn Clock>,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after log-in, used or not.
    pub session_lifetime: Duration,
    /// Wrong passwords per account.
    pub account_throttle: ThrottlePolicy,
    /// Wrong passwords per client address.
    pub address_throttle: ThrottlePolicy,
    /// Whether a password may be sent over plain HTTP from another machine (a TLS
    /// proxy on another host); otherwise only over TLS or from this machine.
    pub plain_http_log_in: bool,
    /// Wrong pairing codes per client address and overall (`POST /v1/pair`).
    pub pairing_throttle: crate::api::PairingThrottle,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            session_idle: Duration::from_secs(8 * 3600),
            session_lifetime: Duration::from_secs(7 * 24 * 3600),
            account_throttle: ThrottlePolicy::ACCOUNT,
            address_throttle: ThrottlePolicy::ADDRESS,
            plain_http_log_in: false,
            pairing_throttle: crate::api::PairingThrottle::default(),
        }
    }
}

/// What every page handler shares.
#[derive(Clone)]
pub struct WebState {
    /// The database.
    pub db: Db,
    /// The clock and limits.
    pub settings: Arc<WebSettings>,
}

impl WebState {
    /// Now, in milliseconds since the epoch.
    pub fn now_ms(&self) -> i64 {
        self.settings.clock.now_ms()
    }
}

/// Put on a request that came in over TLS (by [`crate::tls::serve`]): cookies then
/// get the `Secure` flag.
#[derive(Clone, Copy, Debug)]
pub struct ServedOverTls;

/// The pages' routes, ready to merge into the API's router.
pub fn routes<S>(db: Db, settings: WebSettings) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let state = WebState {
        db,
        settings: Arc::new(settings),
    };
    Router::new()
        .route("/", get(home))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/overview", get(overview::page))
        .route("/locations/{id}", get(location::page))
        .route("/locations/{id}/follow-ups", get(follow_ups::page))
        .route(
            "/locations/{id}/devices",
            get(devices::page).post(devices::add),
        )
        .route("/locations/{id}/devices/pair", post(device_pair::make))
        .route(
            "/locations/{id}/devices/{device}/revoke",
            get(devices::confirm_revoke).post(devices::revoke),
        )
        .route("/locations/{id}/export", get(export::page))
        .route("/locations/{id}/export/ratings.csv", get(export::csv))
        .route("/locations/{id}/export/ratings.xlsx", get(export::xlsx))
        .route("/static/{file}", get(assets::serve))
        .layer(axum::middleware::from_fn(form_body::read_whole))
        .layer(axum::middleware::from_fn(headers::every_page))
        .with_state(state)
}

/// `/`: the overview for a user with a session, the log-in page for anyone else.
async fn home(user: Option<CurrentUser>) -> axum::response::Redirect {
    match user {
        Some(_) => axum::response::Redirect::to("/overview"),
        None => axum::response::Redirect::to("/login"),
    }
}

/// Whether a path that no route answers gets the HTML not-found page (a browser's
/// path) rather than the API's JSON problem: anything but `/v1/…`, `/healthz`,
/// `/metrics` and `/openapi.json`.
pub fn answers_html_not_found(path: &str) -> bool {
    let api = path == "/v1"
        || path.starts_with("/v1/")
        || matches!(path, "/healthz" | "/metrics" | "/openapi.json");
    !api
}

/// The HTML not-found page for a path no route answers, in the request's language,
/// with every page's security headers.
pub async fn not_found(request: axum::extract::Request) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (parts, _) = request.into_parts();
    let query = parts.uri.query().map(str::to_owned);
    let chosen = headers::chosen_language(query.as_deref());
    let secure = parts.extensions.get::<ServedOverTls>().is_some();
    let response = pages::with_query(query.as_deref(), async {
        let chrome = Chrome::anonymous(pages::language(&parts), "error-not-found-title");
        WebError::NotFound(chrome).into_response()
    })
    .await;
    headers::finish(response, chosen, secure)
}

/// Drops ended sessions and failed log-ins that no longer count (see
/// [`Db::forget_ended`]); logs how many, or why not.
pub async fn forget_ended(db: &Db, settings: &WebSettings) {
    let now = settings.clock.now_ms();
    let idle = session::millis(settings.session_idle);
    let forget = settings
        .account_throttle
        .forget_ms
        .max(settings.address_throttle.forget_ms);
    match db.forget_ended(now, now - idle, now - forget).await {
        Ok(gone) => tracing::info!(
            sessions = gone.sessions,
            failed_log_ins = gone.failures,
            "ended sessions and old failed log-ins dropped"
        ),
        Err(e) => tracing::error!(error = %e, "cannot drop ended sessions; trying again tomorrow"),
    }
}
