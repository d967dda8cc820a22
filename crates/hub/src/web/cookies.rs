//! Reading the `Cookie` header and writing `Set-Cookie` values.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The session's cookie.
pub const SESSION: &str = "welkom_session";
/// The log-in form's CSRF token, before there is a session.
pub const LOGIN_CSRF: &str = "welkom_login_csrf";
/// The language the user chose.
pub const LANGUAGE: &str = "welkom_lang";

/// The value of a cookie the browser sent, if any.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim_matches('"'))
}

/// How long a cookie lives.
#[derive(Clone, Copy, Debug)]
pub enum Life {
    /// Until the browser closes.
    Session,
    /// This many seconds.
    Seconds(u64),
    /// Delete it now.
    Gone,
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, and Secure under TLS.
pub fn set(name: &str, value: &str, life: Life, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    match life {
        Life::Session => {}
        Life::Seconds(s) => cookie.push_str(&format!("; Max-Age={s}")),
        Life::Gone => cookie.push_str("; Max-Age=0"),
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, "a=1; welkom_session=abc; b=2".parse().unwrap());
        assert_eq!(get(&headers, SESSION), Some("abc"));
        assert_eq!(get(&headers, LANGUAGE), None);
    }

    #[test]
    fn flags_are_always_there_and_secure_under_tls() {
        let plain = set(SESSION, "x", Life::Session, false);
        assert_eq!(plain, "welkom_session=x; Path=/; HttpOnly; SameSite=Lax");
        assert!(set(SESSION, "x", Life::Gone, true).ends_with("Max-Age=0; Secure"));
    }
}
