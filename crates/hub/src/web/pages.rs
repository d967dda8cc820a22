//! What every page shares: the header ("chrome"), the language of a request, the
//! error pages, and turning a template into an answer.

use super::cookies;
use super::headers::chosen_language;
use super::{Lang, Tr};
use askama::Template;
use axum::http::StatusCode;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// The header of a page: the site's name, the language switch and, for a user who
/// is logged in, their email and the log-out button (with the session's CSRF token).
#[derive(Clone, Debug)]
pub struct Chrome {
    /// The page's texts.
    pub tr: Tr,
    /// The page's title.
    pub title: String,
    /// The user's email; empty before log-in.
    pub email: String,
    /// The session's CSRF token, for the log-out form; empty before log-in.
    pub csrf: String,
    /// The request's query without `lang`, URL-encoded (the language links keep it).
    pub other_query: String,
}

tokio::task_local! {
    /// The query of the request being answered, without `lang` ([`with_query`]).
    static OTHER_QUERY: String;
}

/// Runs `answer` (a page's handler) knowing the request's query, so that every
/// [`Chrome`] made for it builds its language links from it.
pub async fn with_query<F: std::future::Future>(query: Option<&str>, answer: F) -> F::Output {
    OTHER_QUERY.scope(without_lang(query), answer).await
}

/// A query without its `lang` parameters, encoded again.
fn without_lang(query: Option<&str>) -> String {
    let Some(query) = query else {
        return String::new();
    };
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form_urlencoded::parse(query.as_bytes()).filter(|(name, _)| name != "lang"))
        .finish()
}

impl Chrome {
    /// The header of a page seen before log-in; its title from the message `title`.
    pub fn anonymous(lang: Lang, title: &str) -> Self {
        let tr = Tr { lang };
        Self {
            title: tr.get(title),
            tr,
            email: String::new(),
            csrf: String::new(),
            other_query: OTHER_QUERY.try_with(Clone::clone).unwrap_or_default(),
        }
    }

    /// The header of a page seen by a logged-in user.
    pub fn for_user(lang: Lang, title: &str, logged_in: &crate::db::LoggedIn) -> Self {
        Self {
            email: logged_in.user.email.clone(),
            csrf: logged_in.csrf_token.clone(),
            ..Self::anonymous(lang, title)
        }
    }

    /// The link to this page in the language `code`, keeping the page's other query
    /// parameters (`?period=4weeks&lang=en`).
    pub fn lang_href(&self, code: &str) -> String {
        match self.other_query.is_empty() {
            true => format!("?lang={code}"),
            false => format!("?{}&lang={code}", self.other_query),
        }
    }

    /// Whether the page's language is `code` (for the language switch).
    pub fn speaks(&self, code: &str) -> bool {
        self.tr.lang.code() == code
    }
}

/// The language of a request: `?lang=` first, then the cookie the choice left, then
/// the browser's `Accept-Language`; Dutch when none of them says.
pub fn language(parts: &Parts) -> Lang {
    if let Some(lang) = chosen_language(parts.uri.query()) {
        return lang;
    }
    let secure = parts.extensions.get::<super::ServedOverTls>().is_some();
    if let Some(lang) =
        cookies::get(&parts.headers, cookies::LANGUAGE, secure).and_then(Lang::from_code)
    {
        return lang;
    }
    parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// A template as an HTML answer with this status.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a page template failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be made",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    chrome: Chrome,
    body: String,
}

/// Why a page is not shown.
#[derive(Debug)]
pub enum WebError {
    /// No valid session: to the log-in page.
    NotLoggedIn,
    /// No such page, or not one this user may see (never said apart).
    NotFound(Chrome),
    /// A form without its CSRF token, or with a wrong one.
    Forbidden(Chrome),
    /// The database failed; already logged.
    Internal(Chrome),
}

impl WebError {
    /// The database failed: logs what and answers 500.
    pub fn internal(lang: Lang, what: &str, error: &crate::db::DbError) -> Self {
        tracing::error!(error = %error, "{what}");
        Self::Internal(Chrome::anonymous(lang, "error-internal-title"))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, chrome, body) = match self {
            Self::NotLoggedIn => return Redirect::to("/login").into_response(),
            Self::NotFound(mut chrome) => {
                chrome.title = chrome.tr.get("error-not-found-title");
                (StatusCode::NOT_FOUND, chrome, "error-not-found-body")
            }
            Self::Forbidden(mut chrome) => {
                chrome.title = chrome.tr.get("error-forbidden-title");
                (StatusCode::FORBIDDEN, chrome, "error-forbidden-body")
            }
            Self::Internal(mut chrome) => {
                chrome.title = chrome.tr.get("error-internal-title");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    chrome,
                    "error-internal-body",
                )
            }
        };
        let body = chrome.tr.get(body);
        // An error page does not repeat what was asked: its language links carry
        // only the language.
        let chrome = Chrome {
            other_query: String::new(),
            ..chrome
        };
        render(status, &ErrorPage { chrome, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_links_keep_the_other_parameters() {
        assert_eq!(without_lang(None), "");
        assert_eq!(without_lang(Some("lang=en")), "");
        assert_eq!(
            without_lang(Some("period=4weeks&lang=en&sort=a%20b%26c")),
            "period=4weeks&sort=a+b%26c"
        );
        let chrome = |other: &str| Chrome {
            other_query: other.to_owned(),
            ..Chrome::anonymous(Lang::Nl, "overview-title")
        };
        assert_eq!(chrome("").lang_href("en"), "?lang=en");
        assert_eq!(
            chrome("sort=low&dir=desc").lang_href("nl"),
            "?sort=low&dir=desc&lang=nl"
        );
    }
}
