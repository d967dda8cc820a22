//! Today on the location page: the kiosk's Today (`DayTally`), per moment its total,
//! each group and each hour, as rows of numbers ready for the template. Percentages
//! are whole numbers written by [`crate::web::numbers::percent`] (as the kiosk's
//! Today screen rounds them; in Dutch "45 %" with a no-break space); a percentage the
//! five-answer rule hides is `None`, and the template then shows a dash without a
//! `data-field`.

use crate::web::numbers::percent;
use crate::web::{Lang, Tr};
use welkom_core::Moment;
use welkom_core::tally::{Cell, DayTally, MomentTally};

/// One row of a moment's table.
pub struct TodayRow {
    /// What the row is called on the page ("Totaal", the group, "08:00").
    pub label: String,
    /// `total`, `group` or `hour` (the `data-row`).
    pub row: &'static str,
    /// The group's name or the hour as a number; empty for the total (`data-key`).
    pub key: String,
    /// Counted answers.
    pub answers: u32,
    /// Visits.
    pub visits: u32,
    /// Enthusiastic answers.
    pub enthusiastic: u32,
    /// Low answers.
    pub low: u32,
    /// The enthusiastic share, when shown.
    pub enthusiastic_percent: Option<String>,
    /// The low share, when shown.
    pub low_percent: Option<String>,
    /// The response rate, when shown.
    pub response_rate_percent: Option<String>,
}

impl TodayRow {
    fn of(lang: Lang, label: String, row: &'static str, key: String, cell: &Cell) -> Self {
        let percent = |value: f64| percent(lang, value);
        Self {
            label,
            row,
            key,
            answers: cell.answers,
            visits: cell.visits,
            enthusiastic: cell.enthusiastic,
            low: cell.low,
            enthusiastic_percent: cell.enthusiastic_percent.map(percent),
            low_percent: cell.low_percent.map(percent),
            response_rate_percent: cell.response_rate_percent.map(percent),
        }
    }
}

/// One moment of Today.
pub struct TodayMoment {
    /// `drop_off` or `pick_up` (the `data-moment`, the JSON name).
    pub key: &'static str,
    /// Its name on the page.
    pub name: String,
    /// The moment's total.
    pub total: TodayRow,
    /// Whether the total has answers but fewer than five.
    pub too_few: bool,
    /// The groups, then the hours.
    pub rows: Vec<TodayRow>,
    /// "3 taps without a code not counted", when there were any.
    pub misuse: Option<String>,
}

/// The JSON name of a moment.
pub fn moment_key(moment: Moment) -> &'static str {
    match moment {
        Moment::DropOff => "drop_off",
        Moment::PickUp => "pick_up",
    }
}

/// A moment's name on the page.
pub fn moment_name(tr: &Tr, moment: Moment) -> String {
    tr.get(match moment {
        Moment::DropOff => "location-drop-off",
        Moment::PickUp => "location-pick-up",
    })
}

/// Both moments of a day's tally.
pub fn moments(tr: &Tr, tally: &DayTally) -> Vec<TodayMoment> {
    [&tally.drop_off, &tally.pick_up]
        .into_iter()
        .map(|m| moment(tr, m))
        .collect()
}

fn moment(tr: &Tr, tally: &MomentTally) -> TodayMoment {
    let mut rows = Vec::with_capacity(tally.groups.len() + tally.hours.len());
    for g in &tally.groups {
        rows.push(TodayRow::of(
            tr.lang,
            g.group.clone(),
            "group",
            g.group.clone(),
            &g.cell,
        ));
    }
    for h in &tally.hours {
        rows.push(TodayRow::of(
            tr.lang,
            format!("{:02}:00", h.hour),
            "hour",
            h.hour.to_string(),
            &h.cell,
        ));
    }
    let misuse = (tally.misuse > 0).then(|| {
        tr.with(
            "location-today-misuse",
            &[("count", fluent_bundle::FluentValue::from(tally.misuse))],
        )
    });
    TodayMoment {
        key: moment_key(tally.moment),
        name: moment_name(tr, tally.moment),
        too_few: tally.total.answers > 0 && !tally.total.shows_percentages(),
        total: TodayRow::of(
            tr.lang,
            tr.get("location-today-total"),
            "total",
            String::new(),
            &tally.total,
        ),
        rows,
        misuse,
    }
}
