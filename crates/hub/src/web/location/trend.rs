//! The trend on the location page: four weeks per day (the kiosk's `Trend`), 13 or
//! 52 weeks per week (`Db::trend_weeks`), per moment. Made into two charts (the
//! enthusiastic share and the low share, a line per moment, a gap where a day or week
//! has fewer than five answers) and the table with the same numbers.

use super::chart::{self, Line, LineChart, Marker};
use super::today::moment_name;
use crate::db::WeekTrend;
use crate::web::numbers::percent;
use crate::web::{Lang, Tr};
use jiff::civil::Date;
use welkom_core::Moment;
use welkom_core::tally::{Cell, Trend, WeekChange};

/// Drop-off's colour in the charts and their legend (the pages' brand green).
pub const DROP_OFF_COLOUR: (u8, u8, u8) = (0x0b, 0x5d, 0x52);
/// Pick-up's colour (a dark orange, apart from the green also for most colour
/// blindness; its points are triangles besides).
pub const PICK_UP_COLOUR: (u8, u8, u8) = (0xb3, 0x47, 0x00);

/// How far back the trend and heat map look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// The last four weeks, per day (the kiosk's Trend).
    FourWeeks,
    /// The last 13 weeks, per week.
    ThirteenWeeks,
    /// The last 52 weeks, per week.
    Year,
}

impl Period {
    /// Every period, in the order the page offers them.
    pub const ALL: [Period; 3] = [Period::FourWeeks, Period::ThirteenWeeks, Period::Year];

    /// The period of `?trend=`: `4w`, `13w` or `52w`; four weeks for anything else.
    pub fn of(value: Option<&str>) -> Self {
        match value {
            Some("13w") => Self::ThirteenWeeks,
            Some("52w") => Self::Year,
            _ => Self::FourWeeks,
        }
    }

    /// Its value in `?trend=`.
    pub fn value(self) -> &'static str {
        match self {
            Self::FourWeeks => "4w",
            Self::ThirteenWeeks => "13w",
            Self::Year => "52w",
        }
    }

    /// Its weeks.
    pub fn weeks(self) -> u32 {
        match self {
            Self::FourWeeks => 4,
            Self::ThirteenWeeks => 13,
            Self::Year => 52,
        }
    }

    /// Its first day, for a period ending on `last`.
    pub fn first_day(self, last: Date) -> Date {
        let days = i64::from(self.weeks()) * 7 - 1;
        last.checked_sub(jiff::Span::new().days(days))
            .unwrap_or(last)
    }

    /// Its name on the page.
    pub fn label(self, tr: &Tr) -> String {
        tr.get(match self {
            Self::FourWeeks => "location-trend-4w",
            Self::ThirteenWeeks => "location-trend-13w",
            Self::Year => "location-trend-52w",
        })
    }
}

/// One point of the trend: a day or a week, both moments.
pub struct Bucket {
    /// The axis label ("2 mrt").
    pub short: String,
    /// The table's label ("2 mrt" or "2 – 8 mrt").
    pub long: String,
    /// Drop-off.
    pub drop_off: Cell,
    /// Pick-up.
    pub pick_up: Cell,
}

/// The points of the kiosk's four-week trend: its days.
pub fn days(tr: &Tr, trend: &Trend) -> Vec<Bucket> {
    trend
        .days
        .iter()
        .map(|d| Bucket {
            short: short_date(tr, d.date),
            long: short_date(tr, d.date),
            drop_off: d.drop_off.clone(),
            pick_up: d.pick_up.clone(),
        })
        .collect()
}

/// The points of a long trend: its weeks.
pub fn weeks(tr: &Tr, weeks: &[WeekTrend]) -> Vec<Bucket> {
    weeks
        .iter()
        .map(|w| Bucket {
            short: short_date(tr, w.first_day),
            long: format!(
                "{} – {}",
                short_date(tr, w.first_day),
                short_date(tr, w.last_day)
            ),
            drop_off: w.drop_off.clone(),
            pick_up: w.pick_up.clone(),
        })
        .collect()
}

/// "2 mrt": the day and the month's short name in the page's language.
pub fn short_date(tr: &Tr, date: Date) -> String {
    format!(
        "{} {}",
        date.day(),
        tr.get(&format!("location-month-{}", date.month()))
    )
}

/// A chart as the page shows it.
pub struct ChartView {
    /// Its id (for `aria-labelledby`).
    pub id: String,
    /// Its heading.
    pub title: String,
    /// The SVG, drawn by [`chart::svg`] (text in it escaped by plotters).
    pub svg: String,
}

/// Which share a chart shows.
#[derive(Clone, Copy)]
enum Share {
    Enthusiastic,
    Low,
}

impl Share {
    fn of(self, cell: &Cell) -> Option<f64> {
        match self {
            Self::Enthusiastic => cell.enthusiastic_percent,
            Self::Low => cell.low_percent,
        }
    }
}

/// The two charts of the trend: the enthusiastic share, then the low share; a chart
/// plotters could not draw is left out (and logged).
pub fn charts(tr: &Tr, period: Period, buckets: &[Bucket], caption: &str) -> Vec<ChartView> {
    let labels: Vec<String> = buckets.iter().map(|b| b.short.clone()).collect();
    let x_desc = tr.get(match period {
        Period::FourWeeks => "location-trend-axis-day",
        _ => "location-trend-axis-week",
    });
    [(Share::Enthusiastic, "enthusiastic"), (Share::Low, "low")]
        .into_iter()
        .filter_map(|(share, name)| {
            let lines = [
                Line {
                    colour: DROP_OFF_COLOUR,
                    marker: Marker::Circle,
                    values: buckets.iter().map(|b| share.of(&b.drop_off)).collect(),
                },
                Line {
                    colour: PICK_UP_COLOUR,
                    marker: Marker::Triangle,
                    values: buckets.iter().map(|b| share.of(&b.pick_up)).collect(),
                },
            ];
            let id = format!("trend-chart-{name}");
            let y_desc = tr.get(&format!("location-trend-axis-{name}"));
            let drawn = chart::svg(
                &LineChart {
                    caption,
                    x_labels: &labels,
                    x_desc: &x_desc,
                    y_desc: &y_desc,
                    lines: &lines,
                },
                &id,
            );
            match drawn {
                Ok(svg) => Some(ChartView {
                    title: tr.get(&format!("location-trend-chart-{name}")),
                    id,
                    svg,
                }),
                Err(e) => {
                    tracing::error!(error = %e, "a trend chart was left out");
                    None
                }
            }
        })
        .collect()
}

/// One moment's numbers in a row of the trend's table.
pub struct TableCell {
    /// The moment's JSON name (`data-moment`).
    pub key: &'static str,
    /// Answers.
    pub answers: u32,
    /// The enthusiastic share, when shown.
    pub enthusiastic: Option<String>,
    /// The low share, when shown.
    pub low: Option<String>,
}

impl TableCell {
    fn of(lang: Lang, key: &'static str, cell: &Cell) -> Self {
        Self {
            key,
            answers: cell.answers,
            enthusiastic: cell.enthusiastic_percent.map(|v| percent(lang, v)),
            low: cell.low_percent.map(|v| percent(lang, v)),
        }
    }
}

/// A row of the trend's table.
pub struct TableRow {
    /// The day or week.
    pub label: String,
    /// Its position (0 is the oldest), for `data-point`.
    pub index: usize,
    /// Drop-off, then pick-up.
    pub cells: [TableCell; 2],
}

/// The table with the charts' numbers, newest first.
pub fn table(lang: Lang, buckets: &[Bucket]) -> Vec<TableRow> {
    buckets
        .iter()
        .enumerate()
        .rev()
        .map(|(index, b)| TableRow {
            label: b.long.clone(),
            index,
            cells: [
                TableCell::of(lang, "drop_off", &b.drop_off),
                TableCell::of(lang, "pick_up", &b.pick_up),
            ],
        })
        .collect()
}

/// The kiosk's week-on-week lines (four weeks only).
pub fn week_lines(tr: &Tr, trend: &Trend) -> Vec<String> {
    [
        (Moment::DropOff, &trend.week_on_week.drop_off),
        (Moment::PickUp, &trend.week_on_week.pick_up),
    ]
    .into_iter()
    .map(|(moment, change)| week_line(tr, &moment_name(tr, moment), change))
    .collect()
}

fn week_line(tr: &Tr, moment: &str, change: &WeekChange) -> String {
    use fluent_bundle::FluentValue;
    match (
        change.enthusiastic_change_points,
        change.last_week.enthusiastic_percent,
        change.week_before.enthusiastic_percent,
    ) {
        (Some(points), Some(now), Some(before)) => tr.with(
            "location-trend-week-change",
            &[
                ("moment", FluentValue::from(moment)),
                ("now", FluentValue::from(percent(tr.lang, now))),
                ("before", FluentValue::from(percent(tr.lang, before))),
                ("points", FluentValue::from(format!("{points:+.0}"))),
            ],
        ),
        _ => tr.with_text("location-trend-week-unknown", "moment", moment),
    }
}
