//! `/overview`: every location the user may see, one row each: the last seven days
//! against the seven before (answers, enthusiastic share, low share, response rate;
//! no share below five answers), open follow-ups, and when its kiosks were last
//! heard from.
//!
//! **Order.** By default the location that needs attention comes first: the highest
//! low share (a location with too few answers for a share comes after those with
//! one), then the most open follow-ups, then the longest-silent kiosk, then the
//! name. Column headers are links (`?sort=low&dir=desc`, …) that sort by one column
//! instead, without script; an unknown `sort` or `dir` is ignored.

use super::numbers::{self, Change, DAY_MS};
use super::pages::{Chrome, WebError, render};
use super::{CurrentUser, Tr, WebState};
use crate::db::{Location, OverviewRow};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::cmp::Ordering;
use std::collections::HashMap;

/// What the rows can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// The default: what needs attention first (see the module's doc).
    Attention,
    Name,
    Answers,
    Enthusiastic,
    Low,
    Response,
    FollowUps,
    Contact,
}

/// The sortable columns, in the table's order, with their query value and heading.
const COLUMNS: [(Key, &str, &str); 7] = [
    (Key::Name, "name", "overview-col-location"),
    (Key::Answers, "answers", "overview-col-answers"),
    (
        Key::Enthusiastic,
        "enthusiastic",
        "overview-col-enthusiastic",
    ),
    (Key::Low, "low", "overview-col-low"),
    (Key::Response, "response", "overview-col-response"),
    (Key::FollowUps, "follow-ups", "overview-col-follow-ups"),
    (Key::Contact, "contact", "overview-col-contact"),
];

/// A chosen order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sort {
    key: Key,
    descending: bool,
}

impl Sort {
    /// The order a query asks for; the default for anything it does not know.
    fn of(query: &HashMap<String, String>) -> Self {
        let key = query.get("sort").and_then(|value| {
            COLUMNS
                .iter()
                .find(|(_, v, _)| *v == value.as_str())
                .map(|(key, ..)| *key)
        });
        match key {
            None => Self {
                key: Key::Attention,
                descending: true,
            },
            Some(key) => Self {
                key,
                descending: match query.get("dir").map(String::as_str) {
                    Some("asc") => false,
                    Some("desc") => true,
                    _ => key != Key::Name,
                },
            },
        }
    }
}

/// A share of the week, as shown.
struct Share {
    /// `43 %` (`43%` in English), or a dash below five answers.
    text: String,
    /// Below five answers: the dash's explanation is shown.
    too_few: bool,
    /// Against last week, when both weeks have five answers.
    change: Option<Change>,
}

/// When a location's kiosks were last heard from.
struct Kiosks {
    /// The longest-silent active kiosk: "3 dagen geleden", "nog nooit", "geen kiosk".
    text: String,
    /// How many active kiosks.
    detail: String,
    /// An active kiosk silent for over a day (or never heard from).
    silent: bool,
}

/// One location's row.
struct Row {
    id: String,
    name: String,
    answers: u32,
    answers_change: Change,
    enthusiastic: Share,
    low: Share,
    response: Share,
    open_follow_ups: u64,
    kiosks: Kiosks,
    /// For sorting: the values as numbers.
    sort: SortValues,
}

struct SortValues {
    enthusiastic: Option<f64>,
    low: Option<f64>,
    response: Option<f64>,
    /// Milliseconds since the longest-silent active kiosk's contact (`i64::MAX` when
    /// one was never heard from); `None` without an active kiosk.
    silence_ms: Option<i64>,
}

impl Row {
    /// The three shares with their names and columns, for the template.
    fn shares(&self) -> [(&'static str, usize, &Share); 3] {
        [
            ("enthusiastic", 2, &self.enthusiastic),
            ("low", 3, &self.low),
            ("response", 4, &self.response),
        ]
    }
}

/// A column's heading: its link and whether the rows are sorted by it.
struct Heading {
    label: String,
    href: String,
    /// `ascending` or `descending` when sorted by it, else empty.
    aria_sort: &'static str,
    /// What a click does, for screen readers.
    hint: String,
}

#[derive(Template)]
#[template(path = "web/overview.html")]
struct OverviewPage {
    chrome: Chrome,
    headings: Vec<Heading>,
    rows: Vec<Row>,
    order_text: String,
    default_order: bool,
}

impl OverviewPage {
    /// The heading of column `i` (a card's label on a phone).
    fn label<I: std::borrow::Borrow<usize>>(&self, i: I) -> &str {
        self.headings
            .get(*i.borrow())
            .map_or("", |h| h.label.as_str())
    }
}

/// The locations a user may see, in the database's order.
pub async fn visible_locations(
    state: &WebState,
    user: &CurrentUser,
) -> Result<Vec<Location>, WebError> {
    let all = state
        .db
        .locations()
        .await
        .map_err(|e| WebError::internal(user.lang, "cannot read the locations", &e))?;
    Ok(all
        .into_iter()
        .filter(|l| user.logged_in.user.may_see(&l.id))
        .collect())
}

/// `GET /overview?sort=KEY&dir=asc|desc`.
pub async fn page(
    State(state): State<WebState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let locations = visible_locations(&state, &user).await?;
    let now_ms = state.now_ms();
    let now = jiff::Timestamp::from_millisecond(now_ms).unwrap_or_default();
    let lang = user.lang;
    let rows = state
        .db
        .overview(&locations, now)
        .await
        .map_err(|e| WebError::internal(lang, "cannot read the overview", &e))?;
    let open = state
        .db
        .open_follow_ups(&locations, now)
        .await
        .map_err(|e| WebError::internal(lang, "cannot count the open follow-ups", &e))?;
    let chrome = Chrome::for_user(lang, "overview-title", &user.logged_in);
    let tr = chrome.tr;
    let mut rows: Vec<Row> = locations
        .iter()
        .zip(rows)
        .map(|(location, row)| {
            let open = open.get(&location.id).copied().unwrap_or(0);
            row_view(tr, now_ms, location, &row, open)
        })
        .collect();
    let sort = Sort::of(&query);
    rows.sort_by(|a, b| compare(sort, a, b));
    let headings = COLUMNS
        .iter()
        .map(|&(key, value, label)| heading(tr, sort, key, value, label))
        .collect();
    let order_text = match sort.key {
        Key::Attention => tr.get("overview-order-attention"),
        key => {
            let label = COLUMNS
                .iter()
                .find(|(k, ..)| *k == key)
                .map_or(String::new(), |(_, _, label)| tr.get(label));
            tr.with(
                match sort.descending {
                    true => "overview-order-descending",
                    false => "overview-order-ascending",
                },
                &[("column", label.into())],
            )
        }
    };
    Ok(render(
        StatusCode::OK,
        &OverviewPage {
            chrome,
            headings,
            rows,
            order_text,
            default_order: sort.key == Key::Attention,
        },
    ))
}

fn heading(tr: Tr, sort: Sort, key: Key, value: &str, label: &str) -> Heading {
    let sorted = sort.key == key;
    // A click on the sorted column turns it round; another starts with what most
    // needs attention (the highest number), the name from A.
    let descending = match sorted {
        true => !sort.descending,
        false => key != Key::Name,
    };
    let dir = if descending { "desc" } else { "asc" };
    Heading {
        label: tr.get(label),
        href: format!("?sort={value}&dir={dir}"),
        aria_sort: match (sorted, sort.descending) {
            (false, _) => "",
            (true, true) => "descending",
            (true, false) => "ascending",
        },
        hint: tr.get(match descending {
            true => "overview-sort-descending",
            false => "overview-sort-ascending",
        }),
    }
}

fn share(tr: Tr, value: Option<f64>, change: Option<f64>, higher_is_better: bool) -> Share {
    Share {
        text: value.map_or_else(|| "–".to_owned(), |v| numbers::percent(tr.lang, v)),
        too_few: value.is_none(),
        change: change.map(|points| numbers::points_change(tr, points, higher_is_better)),
    }
}

fn row_view(tr: Tr, now_ms: i64, location: &Location, row: &OverviewRow, open: u64) -> Row {
    let last = &row.week.last;
    let active: Vec<_> = row.devices.iter().filter(|d| !d.revoked).collect();
    let silence_ms = active
        .iter()
        .map(|d| {
            d.last_contact
                .map_or(i64::MAX, |at| now_ms.saturating_sub(at.as_millisecond()))
        })
        .max();
    let kiosks = Kiosks {
        text: match silence_ms {
            None => tr.get("overview-no-kiosk"),
            Some(i64::MAX) => tr.get("overview-never-heard"),
            Some(ms) => numbers::ago(tr, now_ms, now_ms - ms),
        },
        detail: match active.len() {
            0 => String::new(),
            n => tr.with("overview-kiosks", &[("n", (n as i64).into())]),
        },
        silent: silence_ms.is_some_and(|ms| ms > DAY_MS),
    };
    Row {
        id: location.id.clone(),
        name: location.name.clone(),
        answers: last.answers,
        answers_change: numbers::count_change(tr, row.week.answers_change),
        enthusiastic: share(
            tr,
            last.enthusiastic_percent,
            row.week.enthusiastic_change_points,
            true,
        ),
        low: share(tr, last.low_percent, row.week.low_change_points, false),
        response: share(
            tr,
            last.response_rate_percent,
            row.week.response_rate_change_points,
            true,
        ),
        open_follow_ups: open,
        kiosks,
        sort: SortValues {
            enthusiastic: last.enthusiastic_percent,
            low: last.low_percent,
            response: last.response_rate_percent,
            silence_ms,
        },
    }
}

/// Compares two optional values; a missing one comes last whichever the direction.
fn by<T: PartialOrd>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let order = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            if descending { order.reverse() } else { order }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn by_name(a: &Row, b: &Row) -> Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.id.cmp(&b.id))
}

fn compare(sort: Sort, a: &Row, b: &Row) -> Ordering {
    let d = sort.descending;
    let first = match sort.key {
        Key::Attention => {
            return by(a.sort.low, b.sort.low, true)
                .then_with(|| b.open_follow_ups.cmp(&a.open_follow_ups))
                .then_with(|| by(a.sort.silence_ms, b.sort.silence_ms, true))
                .then_with(|| by_name(a, b));
        }
        Key::Name => {
            let order = by_name(a, b);
            return if d { order.reverse() } else { order };
        }
        Key::Answers => by(Some(a.answers), Some(b.answers), d),
        Key::Enthusiastic => by(a.sort.enthusiastic, b.sort.enthusiastic, d),
        Key::Low => by(a.sort.low, b.sort.low, d),
        Key::Response => by(a.sort.response, b.sort.response, d),
        Key::FollowUps => by(Some(a.open_follow_ups), Some(b.open_follow_ups), d),
        Key::Contact => by(a.sort.silence_ms, b.sort.silence_ms, d),
    };
    first.then_with(|| by_name(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn an_unknown_sort_is_the_default_order() {
        let default = Sort {
            key: Key::Attention,
            descending: true,
        };
        assert_eq!(Sort::of(&query(&[])), default);
        assert_eq!(Sort::of(&query(&[("sort", "<script>")])), default);
        assert_eq!(
            Sort::of(&query(&[("sort", "low"), ("dir", "sideways")])),
            Sort {
                key: Key::Low,
                descending: true
            }
        );
        assert_eq!(
            Sort::of(&query(&[("sort", "name")])),
            Sort {
                key: Key::Name,
                descending: false
            }
        );
        assert_eq!(
            Sort::of(&query(&[("sort", "follow-ups"), ("dir", "asc")])),
            Sort {
                key: Key::FollowUps,
                descending: false
            }
        );
    }

    #[test]
    fn a_missing_value_comes_last_both_ways() {
        assert_eq!(by(Some(1.0), None, true), Ordering::Less);
        assert_eq!(by(Some(1.0), None, false), Ordering::Less);
        assert_eq!(by(Some(1.0), Some(2.0), true), Ordering::Greater);
        assert_eq!(by(Some(1.0), Some(2.0), false), Ordering::Less);
    }
}
