//! What every page's answer carries: a Content-Security-Policy that allows no
//! inline script and no framing, `nosniff`, no referrer, no caching of pages (static
//! files set their own), HSTS under TLS, and the language cookie when the user just
//! chose one.

use super::cookies::{self, Life};
use super::{Lang, ServedOverTls};
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy of every page.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// How long a language choice is remembered: a year.
const LANGUAGE_SECONDS: u64 = 365 * 24 * 3600;

/// The language chosen by `?lang=` in a query, if it names one the pages speak.
pub fn chosen_language(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| Lang::from_code(value))
}

/// The middleware.
pub async fn every_page(request: Request, next: Next) -> Response {
    let query = request.uri().query().map(str::to_owned);
    let chosen = chosen_language(query.as_deref());
    let secure = request.extensions().get::<ServedOverTls>().is_some();
    let response = super::pages::with_query(query.as_deref(), next.run(request)).await;
    finish(response, chosen, secure)
}

/// Puts the headers of every page on an answer (and the language cookie when the
/// user just chose one).
pub fn finish(mut response: Response, chosen: Option<Lang>, secure: bool) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if secure {
        // Over TLS, the browser keeps to HTTPS for this host from now on.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(lang) = chosen {
        let cookie = cookies::set(
            cookies::LANGUAGE,
            lang.code(),
            Life::Seconds(LANGUAGE_SECONDS),
            secure,
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_query() {
        assert_eq!(chosen_language(Some("lang=en")), Some(Lang::En));
        assert_eq!(chosen_language(Some("x=1&lang=nl")), Some(Lang::Nl));
        assert_eq!(chosen_language(Some("lang=fr")), None);
        assert_eq!(chosen_language(None), None);
    }
}
