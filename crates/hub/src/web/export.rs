//! `/locations/{id}/export`: a form choosing a period (the last full month by
//! default) and the ratings of that period as a download, without names:
//! `…/export/ratings.csv?from=YYYY-MM-DD&to=YYYY-MM-DD` and `…/ratings.xlsx`, the
//! same bytes `welkom-hub export ratings` writes ([`crate::export`]). A date the hub
//! cannot read, a missing one, or a period that ends before it starts shows the form
//! again with what to do (400), never an error page.

use super::location::VisibleLocation;
use super::pages::{Chrome, WebError, render};
use super::{Tr, WebState};
use crate::db::Location;
use crate::export::{self, Period};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// The formats offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated text.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

#[derive(Template)]
#[template(path = "web/export.html")]
struct ExportPage {
    chrome: Chrome,
    nav: super::location::LocationNav,
    location: Location,
    from: String,
    to: String,
    message: String,
    /// Which field the message is about: `from`, `to` or empty.
    field: &'static str,
}

/// The last full month before `today`.
fn last_full_month(today: Date) -> (Date, Date) {
    let to = today.first_of_month().yesterday().unwrap_or(today);
    (to.first_of_month(), to)
}

fn today_at(state: &WebState, location: &Location) -> Date {
    let zone = TimeZone::get(&location.time_zone).unwrap_or(TimeZone::UTC);
    jiff::Timestamp::from_millisecond(state.now_ms())
        .unwrap_or_default()
        .to_zoned(zone)
        .date()
}

fn page_of(
    visible: VisibleLocation,
    status: StatusCode,
    from: String,
    to: String,
    problem: Option<(String, &'static str)>,
) -> Response {
    let mut chrome = Chrome::for_user(visible.user.lang, "export-title", &visible.user.logged_in);
    chrome.title = chrome
        .tr
        .with_text("export-page-title", "location", &visible.location.name);
    let (message, field) = problem.unwrap_or_default();
    render(
        status,
        &ExportPage {
            nav: super::location::LocationNav::new(&chrome.tr, &visible.location.id, "export"),
            chrome,
            location: visible.location,
            from,
            to,
            message,
            field,
        },
    )
}

/// `GET /locations/{id}/export[?from=…&to=…]`: the form.
pub async fn page(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (from, to) = last_full_month(today_at(&state, &visible.location));
    let given = |name: &str, default: Date| {
        query
            .get(name)
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let (from, to) = (given("from", from), given("to", to));
    page_of(visible, StatusCode::OK, from, to, None)
}

/// The period a download asks for, or what is wrong with it and in which field.
fn period_of(
    tr: Tr,
    query: &HashMap<String, String>,
) -> Result<(Date, Date), (String, &'static str)> {
    let day = |name: &'static str, label: &str| -> Result<Date, (String, &'static str)> {
        let value = query.get(name).map(|v| v.trim()).unwrap_or("");
        if value.is_empty() {
            return Err((
                tr.with_text("export-error-missing", "field", &tr.get(label)),
                name,
            ));
        }
        value.parse::<Date>().map_err(|_| {
            let shown: String = value.chars().take(40).collect();
            (
                tr.with(
                    "export-error-date",
                    &[("field", tr.get(label).into()), ("value", shown.into())],
                ),
                name,
            )
        })
    };
    let from = day("from", "export-from")?;
    let to = day("to", "export-to")?;
    if from > to {
        let shown = |d: Date| d.strftime("%d-%m-%Y").to_string();
        return Err((
            tr.with(
                "export-error-order",
                &[("from", shown(from).into()), ("to", shown(to).into())],
            ),
            "from",
        ));
    }
    Ok((from, to))
}

/// `GET /locations/{id}/export/ratings.csv?from=…&to=…`.
pub async fn csv(
    state: State<WebState>,
    visible: VisibleLocation,
    query: Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    download(state, visible, query, Format::Csv).await
}

/// `GET /locations/{id}/export/ratings.xlsx?from=…&to=…`.
pub async fn xlsx(
    state: State<WebState>,
    visible: VisibleLocation,
    query: Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    download(state, visible, query, Format::Xlsx).await
}

async fn download(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Query(query): Query<HashMap<String, String>>,
    format: Format,
) -> Result<Response, WebError> {
    let tr = Tr {
        lang: visible.user.lang,
    };
    let (from, to) = match period_of(tr, &query) {
        Ok(period) => period,
        Err(problem) => {
            let typed = |name: &str| {
                query
                    .get(name)
                    .map(|v| v.chars().take(40).collect())
                    .unwrap_or_default()
            };
            let (from, to) = (typed("from"), typed("to"));
            return Ok(page_of(
                visible,
                StatusCode::BAD_REQUEST,
                from,
                to,
                Some(problem),
            ));
        }
    };
    let lang = visible.user.lang;
    let location = &visible.location;
    let period = Period {
        from: Some(from),
        to: Some(to),
    };
    let ratings = period
        .read(&state.db, &location.id)
        .await
        .map_err(|e| WebError::internal(lang, "cannot read the ratings to export", &e))?;
    // Making a year's workbook takes a while: off the async runtime's threads.
    let zone = location.time_zone.clone();
    let made = tokio::task::spawn_blocking(move || match format {
        Format::Csv => Ok(export::csv::ratings(&ratings)),
        Format::Xlsx => export::xlsx::ratings(&ratings, &zone).map_err(|e| e.to_string()),
    })
    .await
    .unwrap_or_else(|e| Err(format!("the export task stopped: {e}")));
    let bytes = match made {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, location = %location.id, "cannot make the ratings export");
            return Err(WebError::Internal(Chrome::for_user(
                lang,
                "error-internal-title",
                &visible.user.logged_in,
            )));
        }
    };
    let disposition = format!(
        "attachment; filename=\"{}\"",
        file_name(location, from, to, format)
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `welkom-<location>-<from>-<to>.<ext>`: the location's name in lower-case ASCII
/// letters, digits and dashes (its id when the name leaves none), so no quote, slash
/// or line break of a name reaches the header or the disk.
fn file_name(location: &Location, from: Date, to: Date, format: Format) -> String {
    let slug = |text: &str| {
        let mut out = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
            if out.len() >= 40 {
                break;
            }
        }
        out.trim_end_matches('-').to_owned()
    };
    let mut name = slug(&location.name);
    if name.is_empty() {
        name = slug(&location.id);
    }
    if name.is_empty() {
        name = "location".to_owned();
    }
    format!("welkom-{name}-{from}-{to}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn the_default_period_is_the_last_full_month() {
        assert_eq!(
            last_full_month(day("2026-03-02")),
            (day("2026-02-01"), day("2026-02-28"))
        );
        assert_eq!(
            last_full_month(day("2026-01-31")),
            (day("2025-12-01"), day("2025-12-31"))
        );
    }

    #[test]
    fn a_file_name_is_safe_whatever_the_name() {
        let location = |name: &str, id: &str| Location {
            id: id.to_owned(),
            name: name.to_owned(),
            time_zone: "Europe/Amsterdam".to_owned(),
        };
        let (from, to) = (day("2026-02-01"), day("2026-02-28"));
        assert_eq!(
            file_name(&location("De Zonnebloem", "x"), from, to, Format::Csv),
            "welkom-de-zonnebloem-2026-02-01-2026-02-28.csv"
        );
        assert_eq!(
            file_name(
                &location("=HYPERLINK(\"http://x\")\r\n<b>", "x"),
                from,
                to,
                Format::Xlsx
            ),
            "welkom-hyperlink-http-x-b-2026-02-01-2026-02-28.xlsx"
        );
        assert_eq!(
            file_name(&location("\"\"", "\"a/b\n"), from, to, Format::Csv),
            "welkom-a-b-2026-02-01-2026-02-28.csv"
        );
        assert_eq!(
            file_name(&location("ÅÄ", "ß"), from, to, Format::Csv),
            "welkom-location-2026-02-01-2026-02-28.csv"
        );
    }

    #[test]
    fn a_period_needs_two_readable_days_in_order() {
        let tr = Tr {
            lang: super::super::Lang::Nl,
        };
        let query = |from: &str, to: &str| {
            HashMap::from([
                ("from".to_owned(), from.to_owned()),
                ("to".to_owned(), to.to_owned()),
            ])
        };
        assert_eq!(
            period_of(tr, &query("2026-02-01", "2026-02-28")),
            Ok((day("2026-02-01"), day("2026-02-28")))
        );
        assert_eq!(
            period_of(tr, &query("2026-02-30", "2026-03-01"))
                .unwrap_err()
                .1,
            "from"
        );
        assert_eq!(period_of(tr, &query("2026-02-01", "")).unwrap_err().1, "to");
        let (message, field) = period_of(tr, &query("2026-03-01", "2026-02-01")).unwrap_err();
        assert_eq!(field, "from");
        assert!(message.contains("01-03-2026"), "{message}");
    }
}
