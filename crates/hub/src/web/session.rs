//! The session cookie: made at log-in, read on every page, ended at log-out.

use super::pages::{WebError, language};
use super::{Lang, WebState, cookies, csrf};
use crate::db::{LoggedIn, NewSession, SessionCheck};
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

/// The logged-in user of a request, with the page's language. A request without a
/// valid session is sent to `/login`.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// Who, and their session's CSRF token.
    pub logged_in: LoggedIn,
    /// The page's language.
    pub lang: Lang,
    /// The hash of the session's id (to end it).
    pub(super) id_hash: String,
}

/// The hash under which a session id is kept.
pub fn id_hash(id: &str) -> String {
    csrf::hex(&Sha256::digest(id.as_bytes()))
}

/// A new session for a user: the cookie's value, and the session to store.
pub fn new(state: &WebState, user_id: &str) -> (String, NewSession) {
    let id_bytes: [u8; 32] = rand::random();
    let id = csrf::hex(&id_bytes);
    let now_ms = state.now_ms();
    let session = NewSession {
        id_hash: id_hash(&id),
        user_id: user_id.to_owned(),
        csrf_token: csrf::new_token(),
        now_ms,
        expires_at_ms: now_ms + millis(state.settings.session_lifetime),
    };
    (id, session)
}

/// A duration in milliseconds, as the database counts.
pub fn millis(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl OptionalFromRequestParts<WebState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Option<Self>, WebError> {
        let lang = language(parts);
        let secure = parts.extensions.get::<super::ServedOverTls>().is_some();
        let Some(id) = cookies::get(&parts.headers, cookies::SESSION, secure) else {
            return Ok(None);
        };
        // A cookie of the wrong shape is no session; it is not even looked up.
        if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let id_hash = id_hash(id);
        let check = SessionCheck {
            now_ms: state.now_ms(),
            idle_ms: millis(state.settings.session_idle),
        };
        match state.db.session(&id_hash, check).await {
            Ok(Some(logged_in)) => Ok(Some(Self {
                logged_in,
                lang,
                id_hash,
            })),
            Ok(None) => Ok(None),
            Err(e) => Err(WebError::internal(lang, "cannot read a session", &e)),
        }
    }
}

impl FromRequestParts<WebState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, WebError> {
        <Self as OptionalFromRequestParts<WebState>>::from_request_parts(parts, state)
            .await?
            .ok_or(WebError::NotLoggedIn)
    }
}
