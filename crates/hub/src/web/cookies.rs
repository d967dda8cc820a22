//! Reading the `Cookie` header and writing `Set-Cookie` values.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The session's cookie.
pub const SESSION: &str = "welkom_session";
/// The log-in form's CSRF token, before there is a session.
pub const LOGIN_CSRF: &str = "welkom_login_csrf";
/// The language the user chose.
pub const LANGUAGE: &str = "welkom_lang";
/// Marks a browser that logged in to an account before (see `known_browser.rs`).
pub const KNOWN_BROWSER: &str = "welkom_known_browser";

/// A cookie's name on the wire: under TLS with the `__Host-` prefix, which a browser
/// accepts only from this host, over TLS, for the whole site, so that a page on a
/// sibling domain cannot plant or shadow it.
fn wire_name(name: &str, secure: bool) -> std::borrow::Cow<'_, str> {
    match secure {
        true => format!("__Host-{name}").into(),
        false => name.into(),
    }
}

/// The value of a cookie the browser sent, if any (`secure`: the request came over
/// TLS, so only the `__Host-` cookie counts).
pub fn get<'a>(headers: &'a HeaderMap, name: &str, secure: bool) -> Option<&'a str> {
    let name = wire_name(name, secure);
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name.as_ref())
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

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, and under TLS Secure with
/// the `__Host-` prefix.
pub fn set(name: &str, value: &str, life: Life, secure: bool) -> String {
    let name = wire_name(name, secure);
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
        assert_eq!(get(&headers, SESSION, false), Some("abc"));
        assert_eq!(get(&headers, LANGUAGE, false), None);
        // Under TLS only the prefixed cookie counts: a planted plain one is ignored.
        assert_eq!(get(&headers, SESSION, true), None);
        headers.insert(
            COOKIE,
            "welkom_session=planted; __Host-welkom_session=real"
                .parse()
                .unwrap(),
        );
        assert_eq!(get(&headers, SESSION, true), Some("real"));
        assert!(set(SESSION, "x", Life::Session, true).starts_with("__Host-welkom_session=x;"));
        assert!(set(SESSION, "x", Life::Session, false).starts_with("welkom_session=x;"));
    }

    #[test]
    fn flags_are_always_there_and_secure_under_tls() {
        let plain = set(SESSION, "x", Life::Session, false);
        assert_eq!(plain, "welkom_session=x; Path=/; HttpOnly; SameSite=Lax");
        assert!(set(SESSION, "x", Life::Gone, true).ends_with("Max-Age=0; Secure"));
    }
}
