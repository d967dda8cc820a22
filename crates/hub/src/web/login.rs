//! `/login` and `/logout`. A wrong email and a wrong password look the same and take
//! the same time (an unknown email is checked against a hash nobody has); wrong
//! passwords are throttled per account and per client address. A browser that
//! logged in to the account before counts its wrong passwords apart from the
//! account's (`known_browser.rs`), so guesses elsewhere do not lock its user out.

use super::cookies::{self, Life};
use super::form::Fields;
use super::pages::{Chrome, WebError, language, render};
use super::session::{self, millis};
use super::{CurrentUser, Lang, ServedOverTls, WebState, csrf, known_browser};
use crate::db::ThrottlePolicy;
use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};

#[derive(Template)]
#[template(path = "web/login.html")]
struct LoginPage {
    chrome: Chrome,
    /// The token the form carries (also in the `welkom_login_csrf` cookie).
    login_csrf: String,
    /// The email typed before, shown again after a failure.
    email: String,
    /// What went wrong, if anything (shown above the form).
    message: String,
}

/// What the request came with: its language, TLS, client address, cookies.
pub struct Visit {
    lang: Lang,
    secure: bool,
    address: Option<IpAddr>,
    headers: HeaderMap,
}

impl<S: Send + Sync> FromRequestParts<S> for Visit {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self {
            lang: language(parts),
            secure: parts.extensions.get::<ServedOverTls>().is_some(),
            address: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
            headers: parts.headers.clone(),
        })
    }
}

/// The log-in page with this status and message; it reuses the browser's log-in
/// token when it has one, or sets a new one.
fn login_page(visit: &Visit, status: StatusCode, email: &str, message: String) -> Response {
    let existing = cookies::get(&visit.headers, cookies::LOGIN_CSRF, visit.secure)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
    let token = existing.map(str::to_owned).unwrap_or_else(csrf::new_token);
    let page = LoginPage {
        chrome: Chrome::anonymous(visit.lang, "login-title"),
        login_csrf: token.clone(),
        email: email.to_owned(),
        message,
    };
    let mut response = render(status, &page);
    if existing.is_none() {
        let cookie = cookies::set(cookies::LOGIN_CSRF, &token, Life::Session, visit.secure);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `GET /login`: the form, or the overview for a user already logged in.
pub async fn form(user: Option<CurrentUser>, visit: Visit) -> Response {
    if user.is_some() {
        return Redirect::to("/overview").into_response();
    }
    login_page(&visit, StatusCode::OK, "", String::new())
}

/// The throttle's key of an address: IPv6 by its /64 (one household or office); an
/// IPv4 client seen through a dual-stack listener (`::ffff:a.b.c.d`) as IPv4.
pub(crate) fn address_key(address: Option<IpAddr>) -> String {
    match address.map(|a| a.to_canonical()) {
        Some(IpAddr::V4(v4)) => format!("address:{v4}"),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("address:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        None => "address:unknown".into(),
    }
}

/// The throttle's key of an account: a hash of the email as typed (lower case), so
/// emails that belong to nobody are kept no more than those that do.
pub(crate) fn account_key(email: &str) -> String {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    format!("account:{}", csrf::hex(&digest))
}

/// Password checks under way at once, at most: each takes argon2id's memory (19 MiB),
/// so a flood of log-ins cannot exhaust the server's memory.
static PASSWORD_CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// How long a log-in waits for its turn to have its password checked.
const PASSWORD_CHECK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Milliseconds since the epoch when "log-in throttled" was last logged: at most one
/// line a minute, so refused attempts cannot fill the disk.
static THROTTLE_LOGGED_MS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Whether a password may be sent this way: over TLS, or from this machine (a
/// reverse proxy beside the hub), or when the hub was told to allow plain HTTP.
fn may_send_password(visit: &Visit, allow_plain_http: bool) -> bool {
    visit.secure
        || allow_plain_http
        || visit
            .address
            .is_some_and(|a| a.to_canonical().is_loopback())
}

/// `POST /login`.
pub async fn submit(State(state): State<WebState>, visit: Visit, form: Fields) -> Response {
    let expected = cookies::get(&visit.headers, cookies::LOGIN_CSRF, visit.secure).unwrap_or("");
    if !csrf::matches(expected, form.get("csrf")) {
        return WebError::Forbidden(Chrome::anonymous(visit.lang, "error-forbidden-title"))
            .into_response();
    }
    let tr = super::Tr { lang: visit.lang };
    if !may_send_password(&visit, state.settings.plain_http_log_in) {
        tracing::warn!("a log-in over plain HTTP from another machine was refused");
        return login_page(
            &visit,
            StatusCode::FORBIDDEN,
            form.get("email"),
            tr.get("login-needs-https"),
        );
    }
    let account = account_key(form.get("email"));
    let (throttled_as, address) = known_browser::throttle_keys(
        &visit.headers,
        visit.secure,
        &account,
        &address_key(visit.address),
    );
    let keys: Vec<(String, ThrottlePolicy)> = vec![
        (throttled_as.clone(), state.settings.account_throttle),
        (address.clone(), state.settings.address_throttle),
    ];
    match state.db.begin_login_attempt(keys, state.now_ms()).await {
        Ok(None) => {}
        Ok(Some(wait_ms)) => {
            let now_ms = state.now_ms();
            let last = THROTTLE_LOGGED_MS.load(std::sync::atomic::Ordering::Relaxed);
            if now_ms - last >= 60_000 {
                THROTTLE_LOGGED_MS.store(now_ms, std::sync::atomic::Ordering::Relaxed);
                tracing::warn!(address = %address, "log-in throttled (logged at most once a minute)");
            }
            let minutes = ((wait_ms + 59_999) / 60_000).max(1);
            let message = tr.with("login-throttled", &[("minutes", minutes.into())]);
            return login_page(
                &visit,
                StatusCode::TOO_MANY_REQUESTS,
                form.get("email"),
                message,
            );
        }
        Err(e) => {
            return WebError::internal(visit.lang, "cannot read the log-in throttle", &e)
                .into_response();
        }
    }
    let found = match state.db.user_with_hash(form.get("email")).await {
        Ok(found) => found,
        Err(e) => return WebError::internal(visit.lang, "cannot read a user", &e).into_response(),
    };
    let password = form.get("password").to_owned();
    let Ok(Ok(_turn)) = tokio::time::timeout(PASSWORD_CHECK_WAIT, PASSWORD_CHECKS.acquire()).await
    else {
        return login_page(
            &visit,
            StatusCode::SERVICE_UNAVAILABLE,
            form.get("email"),
            tr.get("login-busy"),
        );
    };
    let checked = tokio::task::spawn_blocking(move || match found {
        Some((user, hash)) => crate::password::verify(&password, &hash).then_some(user),
        None => {
            crate::password::verify_nobody(&password);
            None
        }
    })
    .await;
    let Ok(Some(user)) = checked else {
        tracing::info!(address = %address, "a log-in failed");
        return login_page(
            &visit,
            StatusCode::UNAUTHORIZED,
            form.get("email"),
            tr.get("login-failed"),
        );
    };
    if let Err(e) = state.db.login_succeeded(&throttled_as, &address).await {
        return WebError::internal(visit.lang, "cannot clear the log-in throttle", &e)
            .into_response();
    }
    let (cookie_value, new_session) = session::new(&state, &user.id);
    let idle_cutoff = new_session.now_ms - millis(state.settings.session_idle);
    if let Err(e) = state.db.start_session(new_session, idle_cutoff).await {
        return WebError::internal(visit.lang, "cannot store a session", &e).into_response();
    }
    // A session the browser held before ends now.
    if let Some(old) = cookies::get(&visit.headers, cookies::SESSION, visit.secure) {
        let _ = state.db.end_session(&session::id_hash(old)).await;
    }
    tracing::info!(user = %user.id, "logged in");
    let mut response = Redirect::to("/overview").into_response();
    let set = [
        cookies::set(cookies::SESSION, &cookie_value, Life::Session, visit.secure),
        cookies::set(cookies::LOGIN_CSRF, "", Life::Gone, visit.secure),
        cookies::set(
            cookies::KNOWN_BROWSER,
            &known_browser::cookie_value(&account),
            Life::Seconds(known_browser::LIFE_SECONDS),
            visit.secure,
        ),
    ];
    for cookie in set {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `POST /logout`: ends the session (the form must carry its CSRF token).
pub async fn logout(
    State(state): State<WebState>,
    user: CurrentUser,
    visit: Visit,
    form: Fields,
) -> Response {
    if !csrf::matches(&user.logged_in.csrf_token, form.get("csrf")) {
        return WebError::Forbidden(Chrome::for_user(
            user.lang,
            "error-forbidden-title",
            &user.logged_in,
        ))
        .into_response();
    }
    if let Err(e) = state.db.end_session(&user.id_hash).await {
        return WebError::internal(user.lang, "cannot end a session", &e).into_response();
    }
    tracing::info!(user = %user.logged_in.user.id, "logged out");
    let mut response = Redirect::to("/login").into_response();
    let cookie = cookies::set(cookies::SESSION, "", Life::Gone, visit.secure);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_address_counts_by_its_64_bit_prefix() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(Some(a)), address_key(Some(b)));
        assert_ne!(address_key(Some(a)), address_key(Some(c)));
        assert_eq!(
            address_key(Some("192.0.2.7".parse().unwrap())),
            "address:192.0.2.7"
        );
        // IPv4 through a dual-stack listener: each client its own, not one /64.
        assert_eq!(
            address_key(Some("::ffff:192.0.2.7".parse().unwrap())),
            "address:192.0.2.7"
        );
        assert_ne!(
            address_key(Some("::ffff:192.0.2.7".parse().unwrap())),
            address_key(Some("::ffff:198.51.100.9".parse().unwrap()))
        );
    }

    #[test]
    fn an_account_key_ignores_case_and_keeps_no_email() {
        assert_eq!(account_key("A@Example.org "), account_key("a@example.org"));
        assert!(!account_key("a@example.org").contains("example"));
    }
}
