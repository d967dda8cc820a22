//! `GET /locations/{id}?trend=4w|13w|52w&group=NAME`: the page a location manager
//! opens before the team meeting. Today (the kiosk's Today, every group), the trend
//! as charts with a table of the same numbers, the weekday × hour heat map, and a
//! group choice that narrows trend and heat map. Every number comes from the daily
//! roll-ups (`Db::day_tally`, `trend`, `trend_weeks`, `heat_map`,
//! `location_groups`), never from raw events.

use super::VisibleLocation;
use super::heat::{self, HeatView};
use super::nav::LocationNav;
use super::today::{self, TodayMoment};
use super::trend::{self, Bucket, ChartView, Period, TableRow};
use crate::db::{Db, DbError, Location};
use crate::web::pages::{Chrome, WebError, render};
use crate::web::{Tr, WebState};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::HashMap;

/// A link of a choice (period or group).
struct Choice {
    href: String,
    label: String,
    current: bool,
}

/// A moment in the charts' legend.
struct LegendLine {
    name: String,
    class: &'static str,
}

#[derive(Template)]
#[template(path = "web/location.html")]
struct LocationPage {
    chrome: Chrome,
    location: Location,
    nav: LocationNav,
    time_zone: String,
    today_text: String,
    today: Vec<TodayMoment>,
    periods: Vec<Choice>,
    groups: Vec<Choice>,
    /// The group chosen, if any.
    group: Option<String>,
    period_text: String,
    week_lines: Vec<String>,
    legend: Vec<LegendLine>,
    charts: Vec<ChartView>,
    /// Whether any day or week of the trend has five answers (a point to draw).
    any_point: bool,
    table: Vec<TableRow>,
    heat: HeatView,
}

/// The page's address with this period and group.
fn href(id: &str, period: Period, group: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("trend", period.value());
    if let Some(g) = group {
        query.append_pair("group", g);
    }
    format!("/locations/{id}?{}", query.finish())
}

/// What the page reads from the database: every figure, from the roll-ups.
pub struct Figures {
    /// The location's groups over the last year (the group choice).
    pub groups: Vec<String>,
    /// Today, every group.
    pub tally: welkom_core::tally::DayTally,
    /// The kiosk's four-week trend, when that is the period.
    pub four_weeks: Option<welkom_core::tally::Trend>,
    /// The weeks of a 13- or 52-week trend (empty for four weeks).
    pub weeks: Vec<crate::db::WeekTrend>,
    /// The heat map of the period.
    pub heat: crate::db::HeatMap,
}

/// Reads the page's figures for `today` at the location, of the period and of a
/// group (or every group): the same queries the page makes, also for the benchmark.
/// `None` when the location had no such group over the last year (read first, so an
/// unknown group costs one small query).
pub async fn figures(
    db: &Db,
    location: &Location,
    today: Date,
    period: Period,
    group: Option<&str>,
) -> Result<Option<Figures>, DbError> {
    let groups = db
        .location_groups(location, Period::Year.first_day(today), today)
        .await?;
    if let Some(g) = group
        && !groups.iter().any(|known| known == g)
    {
        return Ok(None);
    }
    let tally = db.day_tally(location, today).await?;
    let (four_weeks, weeks) = match period {
        Period::FourWeeks => (Some(db.trend(location, today, group).await?), Vec::new()),
        _ => (
            None,
            db.trend_weeks(location, today, period.weeks(), group)
                .await?,
        ),
    };
    let heat = db
        .heat_map(location, period.first_day(today), today, group)
        .await?;
    Ok(Some(Figures {
        groups,
        tally,
        four_weeks,
        weeks,
        heat,
    }))
}

/// `GET /locations/{id}`.
pub async fn page(
    State(state): State<WebState>,
    visible: VisibleLocation,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let lang = visible.user.lang;
    let location = visible.location;
    let mut chrome = Chrome::for_user(lang, "overview-title", &visible.user.logged_in);
    chrome.title = location.name.clone();
    let tr = chrome.tr;
    let zone = TimeZone::get(&location.time_zone).unwrap_or(TimeZone::UTC);
    let now = jiff::Timestamp::from_millisecond(state.now_ms()).unwrap_or_default();
    let today = now.to_zoned(zone).date();
    let period = Period::of(query.get("trend").map(String::as_str));
    let group = query
        .get("group")
        .map(String::as_str)
        .filter(|g| !g.is_empty());
    let Some(f) = figures(&state.db, &location, today, period, group)
        .await
        .map_err(|e| WebError::internal(lang, "cannot read a location's figures", &e))?
    else {
        // A group this location never had: no such page.
        return Err(WebError::NotFound(chrome));
    };
    let buckets: Vec<Bucket> = match &f.four_weeks {
        Some(t) => trend::days(&tr, t),
        None => trend::weeks(&tr, &f.weeks),
    };
    let caption = group.map_or_else(|| tr.get("location-group-all"), str::to_owned);
    let page = LocationPage {
        nav: LocationNav::new(&tr, &location.id, ""),
        time_zone: tr.with_text("location-time-zone", "zone", &location.time_zone),
        today_text: tr.with_text("location-today-date", "date", &long_date(&tr, today)),
        today: today::moments(&tr, &f.tally),
        periods: Period::ALL
            .into_iter()
            .map(|p| Choice {
                href: href(&location.id, p, group),
                label: p.label(&tr),
                current: p == period,
            })
            .collect(),
        groups: std::iter::once(Choice {
            href: href(&location.id, period, None),
            label: tr.get("location-group-all"),
            current: group.is_none(),
        })
        .chain(f.groups.iter().map(|g| Choice {
            href: href(&location.id, period, Some(g)),
            label: g.clone(),
            current: group == Some(g.as_str()),
        }))
        .collect(),
        group: group.map(str::to_owned),
        period_text: tr.with_text(
            "location-period",
            "period",
            &format!(
                "{} – {}",
                long_date(&tr, period.first_day(today)),
                long_date(&tr, today)
            ),
        ),
        week_lines: f
            .four_weeks
            .as_ref()
            .map(|t| trend::week_lines(&tr, t))
            .unwrap_or_default(),
        legend: vec![
            LegendLine {
                name: today::moment_name(&tr, welkom_core::Moment::DropOff),
                class: "legend__line--drop-off",
            },
            LegendLine {
                name: today::moment_name(&tr, welkom_core::Moment::PickUp),
                class: "legend__line--pick-up",
            },
        ],
        charts: trend::charts(&tr, period, &buckets, &caption),
        any_point: buckets
            .iter()
            .any(|b| b.drop_off.shows_percentages() || b.pick_up.shows_percentages()),
        table: trend::table(tr.lang, &buckets),
        heat: heat::view(&tr, &f.heat),
        chrome,
        location,
    };
    Ok(render(StatusCode::OK, &page))
}

/// "2 mrt 2026".
fn long_date(tr: &Tr, date: Date) -> String {
    format!("{} {}", trend::short_date(tr, date), date.year())
}
