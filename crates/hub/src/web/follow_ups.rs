//! `/locations/{id}/follow-ups`: the location's low ratings and talk requests, open
//! first (oldest first), then those handled in the period, with the reasons the
//! guardian chose and who talked when. A manager of the location sees the guardian's
//! name where the hub holds the roster, and the notes; an admin sees counts only.

use super::location::VisibleLocation;
use super::pages::{Chrome, WebError, render};
use super::{Tr, WebState};
use crate::db::{FollowUp, Location, Role};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// The reasons the kiosk offers when a location chose none (`src/config`); their
/// texts are copied into the hub's translation files as `follow-ups-reason-KEY`.
const DEFAULT_REASONS: [&str; 6] = [
    "handover",
    "information",
    "attention",
    "atmosphere",
    "food",
    "other",
];

/// The period the page covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Period {
    /// Monday of this week to today.
    ThisWeek,
    /// The last 28 days, today included.
    FourWeeks,
}

impl Period {
    /// The period a query asks for; this week for anything else.
    fn of(query: &HashMap<String, String>) -> Self {
        match query.get("period").map(String::as_str) {
            Some("4weeks") => Self::FourWeeks,
            _ => Self::ThisWeek,
        }
    }

    /// Its first day, for a period ending `today`.
    fn first_day(self, today: Date) -> Date {
        let back = match self {
            Self::ThisWeek => i64::from(today.weekday().to_monday_zero_offset()),
            Self::FourWeeks => 27,
        };
        today
            .checked_sub(jiff::Span::new().days(back))
            .unwrap_or(today)
    }
}

/// One choice of the period form.
struct PeriodChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

/// One follow-up as a manager sees it.
struct Item {
    when: String,
    moment: String,
    face: String,
    low: bool,
    talk_request: bool,
    reasons: Vec<String>,
    guardian: String,
    handled: Option<HandledView>,
}

/// A "talked", as shown.
struct HandledView {
    by: String,
    note: String,
}

/// The four counts an admin sees (a manager too, above the list).
struct Counts {
    open_low: u64,
    open_talk: u64,
    handled_low: u64,
    handled_talk: u64,
}

/// The most open follow-ups the page lists (the most recent); the rest are counted.
/// A location where nobody notes the talks gathers thousands, and a list that long
/// helps nobody and slows the page.
const OPEN_SHOWN: usize = 200;

#[derive(Template)]
#[template(path = "web/follow_ups.html")]
struct FollowUpsPage {
    chrome: Chrome,
    nav: super::location::LocationNav,
    location: Location,
    periods: Vec<PeriodChoice>,
    period_text: String,
    counts: Counts,
    with_details: bool,
    older_open: Option<String>,
    open: Vec<Item>,
    handled: Vec<Item>,
}

/// `GET /locations/{id}/follow-ups?period=week|4weeks`.
pub async fn page(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let lang = visible.user.lang;
    let location = visible.location;
    let zone = TimeZone::get(&location.time_zone).unwrap_or(TimeZone::UTC);
    let now = jiff::Timestamp::from_millisecond(state.now_ms()).unwrap_or_default();
    // The overview's count of open follow-ups ends on the same day.
    let today = crate::db::local_today(&location, now);
    let period = Period::of(&query);
    let from = period.first_day(today);
    // Names and notes only for a manager of this location (the guard let them in).
    let with_details = visible.user.logged_in.user.role == Role::Manager;
    let listed = state
        .db
        .follow_ups(
            &location,
            from,
            today,
            if with_details { OPEN_SHOWN } else { 0 },
        )
        .await
        .map_err(|e| WebError::internal(lang, "cannot read the follow-ups", &e))?;
    let names = match with_details {
        true => roster_names(&state, &location).await,
        false => HashMap::new(),
    };

    let mut chrome = Chrome::for_user(lang, "follow-ups-title", &visible.user.logged_in);
    chrome.title = chrome
        .tr
        .with_text("follow-ups-page-title", "location", &location.name);
    let tr = chrome.tr;
    let counts = Counts {
        open_low: listed.open_low,
        open_talk: listed.open_talk,
        handled_low: listed.handled.iter().filter(|f| f.low).count() as u64,
        handled_talk: listed.handled.iter().filter(|f| f.talk_request).count() as u64,
    };
    let older_open = match listed.open_not_shown() {
        0 => None,
        older => Some(tr.with(
            "follow-ups-older-open",
            &[
                ("shown", (listed.open.len() as i64).into()),
                ("total", (listed.open_total as i64).into()),
                ("older", (older as i64).into()),
            ],
        )),
    };
    let view = |items: &[FollowUp]| -> Vec<Item> {
        match with_details {
            true => items
                .iter()
                .map(|f| item_view(tr, &zone, f, &names))
                .collect(),
            false => Vec::new(),
        }
    };
    let (open, handled) = (view(&listed.open), view(&listed.handled));
    let periods = [
        (Period::ThisWeek, "week", "follow-ups-period-week"),
        (Period::FourWeeks, "4weeks", "follow-ups-period-4weeks"),
    ]
    .into_iter()
    .map(|(p, value, key)| PeriodChoice {
        value,
        label: tr.get(key),
        selected: p == period,
    })
    .collect();
    let period_text = tr.with(
        "follow-ups-period-text",
        &[
            ("from", day_text(from).into()),
            ("to", day_text(today).into()),
        ],
    );
    Ok(render(
        StatusCode::OK,
        &FollowUpsPage {
            nav: super::location::LocationNav::new(&chrome.tr, &location.id, "follow-ups"),
            chrome,
            location,
            periods,
            period_text,
            counts,
            with_details,
            older_open,
            open,
            handled,
        },
    ))
}

/// The guardians' names of a location's roster, by id; none when the hub holds no
/// roster or cannot read it.
async fn roster_names(state: &WebState, location: &Location) -> HashMap<String, String> {
    let csv = match state.db.roster(&location.id).await {
        Ok(Some((_, csv))) => csv,
        Ok(None) => return HashMap::new(),
        Err(e) => {
            tracing::warn!(error = %e, location = %location.id, "cannot read the roster for the follow-ups' names");
            return HashMap::new();
        }
    };
    match welkom_core::roster::parse(&csv, &welkom_core::LanguageTag::dutch()) {
        Ok(roster) => roster
            .guardians
            .into_iter()
            .map(|g| {
                let name = format!("{} {}", g.guardian.first_name, g.guardian.last_name);
                (g.guardian.id.0, name.trim().to_owned())
            })
            .collect(),
        Err(_) => {
            tracing::warn!(location = %location.id, "the stored roster cannot be read; the follow-ups show no names");
            HashMap::new()
        }
    }
}

/// One follow-up in the page's words.
fn item_view(tr: Tr, zone: &TimeZone, item: &FollowUp, names: &HashMap<String, String>) -> Item {
    // No link (anonymous, erased, past retention), or a guardian the roster lacks.
    let guardian = match &item.guardian_id {
        None => tr.get("follow-ups-anonymous-parent"),
        Some(id) => names
            .get(id)
            .cloned()
            .unwrap_or_else(|| tr.get("follow-ups-unknown-parent")),
    };
    let face = welkom_core::Scale::try_from(item.scale)
        .ok()
        .and_then(|scale| scale.face(item.score))
        .map(|face| tr.get(&format!("follow-ups-{}", face.key)))
        .unwrap_or_default();
    Item {
        when: moment_text(tr, zone, item.at_unix_ms),
        moment: tr.get(match item.moment.as_str() {
            "pick_up" => "follow-ups-moment-pick-up",
            _ => "follow-ups-moment-drop-off",
        }),
        face: tr.with(
            "follow-ups-face",
            &[
                ("face", face.into()),
                ("score", i64::from(item.score).into()),
                ("scale", i64::from(item.scale).into()),
            ],
        ),
        low: item.low,
        talk_request: item.talk_request,
        reasons: item
            .reasons
            .iter()
            .map(|key| reason_text(tr, key))
            .collect(),
        guardian,
        handled: item.handled.as_ref().map(|h| HandledView {
            by: match h.staff_name.is_empty() {
                true => tr.with_text(
                    "follow-ups-handled-unnamed",
                    "when",
                    &moment_text(tr, zone, h.at_unix_ms),
                ),
                false => tr.with(
                    "follow-ups-handled-by",
                    &[
                        ("name", h.staff_name.as_str().into()),
                        ("when", moment_text(tr, zone, h.at_unix_ms).into()),
                    ],
                ),
            },
            note: h.note.clone(),
        }),
    }
}

/// A reason's words: the kiosk's for a standard key, the key itself for another.
fn reason_text(tr: Tr, key: &str) -> String {
    match DEFAULT_REASONS.contains(&key) {
        true => tr.get(&format!("follow-ups-reason-{key}")),
        false => key.to_owned(),
    }
}

/// A moment in the location's time zone: weekday, day and time ("maandag 02-03-2026
/// om 08:02").
fn moment_text(tr: Tr, zone: &TimeZone, at_unix_ms: i64) -> String {
    let Ok(at) = jiff::Timestamp::from_millisecond(at_unix_ms) else {
        return String::new();
    };
    let local = at.to_zoned(zone.clone());
    let weekday = tr.get(&format!(
        "follow-ups-weekday-{}",
        local.weekday().to_monday_one_offset()
    ));
    tr.with(
        "follow-ups-when",
        &[
            ("weekday", weekday.into()),
            ("date", day_text(local.date()).into()),
            ("time", local.strftime("%H:%M").to_string().into()),
        ],
    )
}

/// A day as `DD-MM-YYYY`, as Dutch readers write it.
fn day_text(day: Date) -> String {
    day.strftime("%d-%m-%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_starts_on_monday_or_27_days_back() {
        let thursday: Date = "2026-03-05".parse().unwrap();
        assert_eq!(
            Period::ThisWeek.first_day(thursday),
            "2026-03-02".parse::<Date>().unwrap()
        );
        assert_eq!(
            Period::FourWeeks.first_day(thursday),
            "2026-02-06".parse::<Date>().unwrap()
        );
        let query = |v: &str| HashMap::from([("period".to_owned(), v.to_owned())]);
        assert_eq!(Period::of(&query("4weeks")), Period::FourWeeks);
        assert_eq!(Period::of(&query("<script>")), Period::ThisWeek);
    }

    #[test]
    fn a_standard_reason_is_in_words_and_another_is_its_key() {
        let nl = Tr {
            lang: super::super::Lang::Nl,
        };
        assert_eq!(reason_text(nl, "food"), "Eten en drinken");
        assert_eq!(reason_text(nl, "parking"), "parking");
        assert_eq!(reason_text(nl, "title"), "title");
    }
}
