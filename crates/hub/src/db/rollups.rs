//! Daily roll-ups: counts per location, local day, moment, row (total or group), local
//! hour and face, kept at ingest in the same transaction as the ratings and visits
//! they count (see `docs/rollups.md`). Every number a page shows is read from them;
//! what counts is decided by `welkom_core::tally` (here: [`counts`] and
//! [`counted_groups`] at ingest, [`Counter`] and [`DayTally::from_rollups`] when
//! read), never a second time.
//!
//! The back ends keep the SQL (`sqlite/rollups.rs`, `postgres/rollups.rs`); this
//! module decides which counts change when ratings arrive, and makes rows into the
//! core's types.

use super::{Db, DbError, Location, local_hour};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::collections::{BTreeMap, HashSet};
use welkom_core::tally::{
    AnswerRollup, Comparison, Counter, DayTally, RatingCount, Trend, VisitCount, VisitRollup,
    counted_groups, counts,
};
use welkom_core::{Moment, Scale};

/// The row of roll-ups that is a moment's total (a group's row carries its name).
pub(crate) const TOTAL_ROW: &str = "";

/// The most weeks [`Db::trend_weeks`] gives (a year and a bit).
pub const MAX_TREND_WEEKS: u32 = 53;

/// The most days a heat map may cover.
pub const MAX_HEAT_MAP_DAYS: i32 = 400;

/// Which rows of the roll-ups a query reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Every row: the totals and every group.
    All,
    /// The moments' totals.
    Total,
    /// One group's rows.
    Group(String),
}

impl Rows {
    /// The total for `None`, else the group.
    pub fn of(group: Option<&str>) -> Self {
        match group {
            None => Rows::Total,
            Some(g) => Rows::Group(g.to_owned()),
        }
    }

    /// The `group_name` to read, `None` for every row.
    pub(crate) fn key(&self) -> Option<&str> {
        match self {
            Rows::All => None,
            Rows::Total => Some(TOTAL_ROW),
            Rows::Group(g) => Some(g),
        }
    }
}

/// One stored roll-up row of ratings, as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedAnswers {
    /// The location.
    pub location_id: String,
    /// The location's day.
    pub date: Date,
    /// The counts.
    pub rollup: AnswerRollup,
}

/// One stored roll-up row of visits, as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedVisits {
    /// The location.
    pub location_id: String,
    /// The location's day.
    pub date: Date,
    /// The counts.
    pub rollup: VisitRollup,
}

/// One week of a long trend: both moments apart and together.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct WeekTrend {
    /// Its first day.
    pub first_day: Date,
    /// Its last day (six days after the first).
    pub last_day: Date,
    /// Drop-off.
    pub drop_off: welkom_core::tally::Cell,
    /// Pick-up.
    pub pick_up: welkom_core::tally::Cell,
    /// Both moments together.
    pub both: welkom_core::tally::Cell,
}

/// One square of the heat map: a weekday and local hour over a period, both moments.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HeatCell {
    /// The weekday, 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// The local hour, 0 to 23.
    pub hour: u8,
    /// Its numbers: `answers` always, `enthusiastic_percent` only with five answers.
    pub cell: welkom_core::tally::Cell,
}

/// The heat map of a period: only squares with an answer or a visit are listed.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HeatMap {
    /// The first day counted.
    pub first_day: Date,
    /// The last day counted.
    pub last_day: Date,
    /// The squares, by weekday then hour.
    pub cells: Vec<HeatCell>,
}

/// When a device was last heard from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DeviceContact {
    /// The device.
    pub device_id: String,
    /// Its last authenticated request, if any.
    pub last_contact: Option<jiff::Timestamp>,
    /// Whether its token was revoked.
    pub revoked: bool,
}

/// A location's row on the overview: the last 7 days against the 7 before, both
/// moments together (the kiosk's week-on-week), and its devices.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OverviewRow {
    /// The location.
    pub location_id: String,
    /// The location's day the last week ends on (today there).
    pub last_day: Date,
    /// The week before and the last week, with every share's change.
    pub week: Comparison,
    /// Its devices, oldest first.
    pub devices: Vec<DeviceContact>,
}

/// The key of a rating roll-up row.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct AnswerKey {
    pub date: String,
    pub moment: &'static str,
    pub group: String,
    pub hour: u8,
    pub scale: u8,
    pub score: u8,
}

/// The key of a visit roll-up row.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct VisitKey {
    pub date: String,
    pub moment: &'static str,
    pub group: String,
    pub hour: u8,
}

/// A stored rating as the roll-ups need it, read back after the batch's inserts.
pub(crate) struct RatingState {
    pub id: String,
    pub moment: Moment,
    pub date: String,
    pub at_unix_ms: i64,
    pub scale: Scale,
    pub score: u8,
    pub misuse: bool,
    pub groups: Vec<String>,
    /// Some rating names it as superseded now (this batch's included).
    pub superseded_now: bool,
    /// Some rating stored before this batch names it.
    pub superseded_before: bool,
}

/// A stored visit as the roll-ups need it.
pub(crate) struct VisitState {
    pub moment: Moment,
    pub date: String,
    pub at_unix_ms: i64,
    pub groups: Vec<String>,
}

/// What a batch changes in the roll-ups: added answers and misuse per row (answers
/// may go down when a rating gets superseded), added visits per row.
#[derive(Default)]
pub(crate) struct Changes {
    pub answers: BTreeMap<AnswerKey, (i64, i64)>,
    pub visits: BTreeMap<VisitKey, i64>,
}

impl Changes {
    /// The change one rating brings: `new` when it is of this batch. It counted
    /// before when it was stored before and counted then; it counts now by the
    /// same rule with what is stored now; its misuse flag is counted once, when new.
    pub fn rating(
        &mut self,
        r: &RatingState,
        new: bool,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(), DbError> {
        let before = !new && counts(r.superseded_before, r.misuse);
        let now = counts(r.superseded_now, r.misuse);
        let answers = i64::from(now) - i64::from(before);
        let misuse = i64::from(new && r.misuse);
        if answers == 0 && misuse == 0 {
            return Ok(());
        }
        let hour = local_hour(r.at_unix_ms, zone)?;
        let key = |group: &str| AnswerKey {
            date: r.date.clone(),
            moment: r.moment.key(),
            group: group.to_owned(),
            hour,
            scale: r.scale.size(),
            score: r.score,
        };
        let total = self.answers.entry(key(TOTAL_ROW)).or_default();
        total.0 += answers;
        total.1 += misuse;
        // Misuse is shown per moment only: the groups' rows count answers.
        if answers != 0 {
            for group in counted_groups(&r.groups) {
                self.answers.entry(key(group)).or_default().0 += answers;
            }
        }
        Ok(())
    }

    /// A new visit.
    pub fn visit(&mut self, v: &VisitState, zone: &jiff::tz::TimeZone) -> Result<(), DbError> {
        let hour = local_hour(v.at_unix_ms, zone)?;
        let key = |group: &str| VisitKey {
            date: v.date.clone(),
            moment: v.moment.key(),
            group: group.to_owned(),
            hour,
        };
        *self.visits.entry(key(TOTAL_ROW)).or_default() += 1;
        for group in counted_groups(&v.groups) {
            *self.visits.entry(key(group)).or_default() += 1;
        }
        Ok(())
    }

    /// The changes of ratings read back after a batch (`new_ids` are the batch's).
    pub fn ratings(
        &mut self,
        states: &[RatingState],
        new_ids: &HashSet<&str>,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(), DbError> {
        for r in states {
            self.rating(r, new_ids.contains(r.id.as_str()), zone)?;
        }
        Ok(())
    }

    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.visits.is_empty()
    }
}

/// The ids a batch's ratings touch: the new ones and the ones they supersede.
pub(crate) fn touched(new: &[(String, Option<String>)]) -> Vec<String> {
    let mut ids: Vec<String> = new
        .iter()
        .flat_map(|(id, target)| std::iter::once(id.clone()).chain(target.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// A location's zone.
pub(crate) fn zone_of(location_id: &str, name: &str) -> Result<jiff::tz::TimeZone, DbError> {
    jiff::tz::TimeZone::get(name).map_err(|_| {
        DbError::Corrupt(format!(
            "location {location_id} has time zone '{name}', which this hub does not know"
        ))
    })
}

/// Reads a stored number into a count, refusing what cannot be one.
pub(crate) fn count_of(n: i64, what: &str) -> Result<u32, DbError> {
    u32::try_from(n).map_err(|_| DbError::Corrupt(format!("a roll-up's {what} is {n}")))
}

/// Reads a stored day.
pub(crate) fn date_of(text: &str) -> Result<Date, DbError> {
    text.parse()
        .map_err(|_| DbError::Corrupt(format!("a roll-up's day '{text}'")))
}

/// Reads a stored hour, scale and score.
pub(crate) fn small_of(n: i64, what: &str) -> Result<u8, DbError> {
    u8::try_from(n).map_err(|_| DbError::Corrupt(format!("a roll-up's {what} is {n}")))
}

/// The group of a stored row: `None` for the total.
pub(crate) fn group_of(name: String) -> Option<String> {
    (name != TOTAL_ROW).then_some(name)
}

fn location_zone(location: &Location) -> Result<jiff::tz::TimeZone, DbError> {
    zone_of(&location.id, &location.time_zone)
}

fn checked_range(first: Date, last: Date, most_days: i32) -> Result<(), DbError> {
    if first > last {
        return Err(DbError::Invalid(format!(
            "the period {first} to {last} ends before it starts; give the earlier day first"
        )));
    }
    let days = first.until(last).map(|s| s.get_days()).unwrap_or(i32::MAX);
    if days >= most_days {
        return Err(DbError::Invalid(format!(
            "the period {first} to {last} is longer than {most_days} days; ask for a shorter one"
        )));
    }
    Ok(())
}

/// The ISO weekday number of a day, 1 (Monday) to 7 (Sunday).
fn weekday_number(date: Date) -> u8 {
    match date.weekday() {
        Weekday::Monday => 1,
        Weekday::Tuesday => 2,
        Weekday::Wednesday => 3,
        Weekday::Thursday => 4,
        Weekday::Friday => 5,
        Weekday::Saturday => 6,
        Weekday::Sunday => 7,
    }
}

impl Db {
    /// The roll-up rows of one or more locations from `first` to `last` (both
    /// included), only rows with a count.
    pub async fn rollups(
        &self,
        location_ids: &[String],
        rows: Rows,
        first: Date,
        last: Date,
    ) -> Result<(Vec<DatedAnswers>, Vec<DatedVisits>), DbError> {
        match self {
            Db::Sqlite(db) => db.rollups(location_ids, rows, first, last).await,
            Db::Postgres(db) => db.rollups(location_ids, rows, first, last).await,
        }
    }

    /// Recomputes every roll-up from the stored ratings and visits (what the
    /// migration that brought them did once). Nothing needs it in normal running;
    /// it is there for an operator who repaired rows by hand, and for tests.
    pub async fn rebuild_rollups(&self) -> Result<(), DbError> {
        match self {
            Db::Sqlite(db) => db.rebuild_rollups().await,
            Db::Postgres(db) => db.rebuild_rollups().await,
        }
    }

    /// Notes that a device was heard from now (at most once a minute is written).
    pub async fn touch_device(&self, device_id: &str) -> Result<(), DbError> {
        let now = jiff::Timestamp::now().as_millisecond();
        match self {
            Db::Sqlite(db) => db.touch_device(device_id, now).await,
            Db::Postgres(db) => db.touch_device(device_id, now).await,
        }
    }

    /// The devices of these locations with their last contact, oldest device first.
    pub async fn device_contacts(
        &self,
        location_ids: &[String],
    ) -> Result<Vec<(String, DeviceContact)>, DbError> {
        match self {
            Db::Sqlite(db) => db.device_contacts(location_ids).await,
            Db::Postgres(db) => db.device_contacts(location_ids).await,
        }
    }

    /// A location's Today from the roll-ups: the kiosk's [`DayTally`].
    pub async fn day_tally(&self, location: &Location, date: Date) -> Result<DayTally, DbError> {
        let (answers, visits) = self
            .rollups(std::slice::from_ref(&location.id), Rows::All, date, date)
            .await?;
        let answers: Vec<AnswerRollup> = answers.into_iter().map(|a| a.rollup).collect();
        let visits: Vec<VisitRollup> = visits.into_iter().map(|v| v.rollup).collect();
        Ok(DayTally::from_rollups(date, &answers, &visits))
    }

    /// The kiosk's four-week [`Trend`] ending on `last_day`, of the totals
    /// (`group` `None`) or of one group.
    pub async fn trend(
        &self,
        location: &Location,
        last_day: Date,
        group: Option<&str>,
    ) -> Result<Trend, DbError> {
        let first = Trend::first_day(last_day);
        let (answers, visits) = self
            .rollups(
                std::slice::from_ref(&location.id),
                Rows::of(group),
                first,
                last_day,
            )
            .await?;
        let ratings: Vec<RatingCount> = answers
            .into_iter()
            .filter(|a| a.rollup.answers > 0)
            .map(|a| RatingCount {
                date: a.date,
                moment: a.rollup.moment,
                scale: a.rollup.scale,
                score: a.rollup.score,
                superseded: false,
                misuse: false,
                count: a.rollup.answers,
            })
            .collect();
        let visits: Vec<VisitCount> = visits
            .into_iter()
            .map(|v| VisitCount {
                date: v.date,
                moment: v.rollup.moment,
                count: v.rollup.visits,
            })
            .collect();
        Ok(Trend::from_counts(last_day, &ratings, &visits))
    }

    /// The last `weeks` weeks (of seven days, the last ending on `last_day`),
    /// oldest first, of the totals or of one group: for the 13-week and the year
    /// trend (52 weeks).
    pub async fn trend_weeks(
        &self,
        location: &Location,
        last_day: Date,
        weeks: u32,
        group: Option<&str>,
    ) -> Result<Vec<WeekTrend>, DbError> {
        if weeks == 0 || weeks > MAX_TREND_WEEKS {
            return Err(DbError::Invalid(format!(
                "a trend covers 1 to {MAX_TREND_WEEKS} weeks, not {weeks}"
            )));
        }
        let days = i64::from(weeks) * 7;
        let first = last_day
            .checked_sub((days - 1).days())
            .map_err(|_| DbError::Invalid(format!("{weeks} weeks before {last_day}")))?;
        let (answers, visits) = self
            .rollups(
                std::slice::from_ref(&location.id),
                Rows::of(group),
                first,
                last_day,
            )
            .await?;
        let mut counters = vec![[Counter::default(), Counter::default()]; weeks as usize];
        let week_of = |date: Date| -> Option<usize> {
            let since = first.until(date).ok()?.get_days();
            usize::try_from(since / 7)
                .ok()
                .filter(|w| *w < weeks as usize)
        };
        for a in &answers {
            if let Some(w) = week_of(a.date) {
                counters[w][moment_index(a.rollup.moment)].add_answers(
                    a.rollup.scale,
                    a.rollup.score,
                    a.rollup.answers,
                );
            }
        }
        for v in &visits {
            if let Some(w) = week_of(v.date) {
                counters[w][moment_index(v.rollup.moment)].add_visits(v.rollup.visits);
            }
        }
        let mut out = Vec::with_capacity(counters.len());
        let mut day = first;
        for [drop_off, pick_up] in counters {
            let mut both = drop_off.clone();
            both.merge(&pick_up);
            let week_last = day.saturating_add(6.days());
            out.push(WeekTrend {
                first_day: day,
                last_day: week_last,
                drop_off: drop_off.cell(),
                pick_up: pick_up.cell(),
                both: both.cell(),
            });
            day = week_last.saturating_add(1.days());
        }
        Ok(out)
    }

    /// The weekday × local hour heat map from `first` to `last` (both moments), of
    /// the totals or of one group.
    pub async fn heat_map(
        &self,
        location: &Location,
        first: Date,
        last: Date,
        group: Option<&str>,
    ) -> Result<HeatMap, DbError> {
        checked_range(first, last, MAX_HEAT_MAP_DAYS)?;
        let (answers, visits) = self
            .rollups(
                std::slice::from_ref(&location.id),
                Rows::of(group),
                first,
                last,
            )
            .await?;
        let mut squares: BTreeMap<(u8, u8), Counter> = BTreeMap::new();
        for a in &answers {
            squares
                .entry((weekday_number(a.date), a.rollup.hour))
                .or_default()
                .add_answers(a.rollup.scale, a.rollup.score, a.rollup.answers);
        }
        for v in &visits {
            squares
                .entry((weekday_number(v.date), v.rollup.hour))
                .or_default()
                .add_visits(v.rollup.visits);
        }
        Ok(HeatMap {
            first_day: first,
            last_day: last,
            cells: squares
                .into_iter()
                .filter(|(_, c)| !c.is_empty())
                .map(|((weekday, hour), c)| HeatCell {
                    weekday,
                    hour,
                    cell: c.cell(),
                })
                .collect(),
        })
    }

    /// The overview's rows of these locations at `now`: per location the 7 days
    /// ending on its day of `now` against the 7 before, and its devices' last
    /// contact. In the order given.
    pub async fn overview(
        &self,
        locations: &[Location],
        now: jiff::Timestamp,
    ) -> Result<Vec<OverviewRow>, DbError> {
        let mut days = Vec::with_capacity(locations.len());
        for location in locations {
            // One location's unreadable zone must not take the whole overview down.
            let zone = location_zone(location).unwrap_or_else(|e| {
                tracing::warn!(location = %location.id, error = %e, "a location's time zone is unknown; its overview row counts in UTC");
                jiff::tz::TimeZone::UTC
            });
            days.push(now.to_zoned(zone).date());
        }
        let (Some(&earliest), Some(&latest)) = (days.iter().min(), days.iter().max()) else {
            return Ok(Vec::new());
        };
        let from = earliest.saturating_sub(13.days());
        let ids: Vec<String> = locations.iter().map(|l| l.id.clone()).collect();
        let (answers, visits) = self.rollups(&ids, Rows::Total, from, latest).await?;
        let mut weeks: BTreeMap<&str, [Counter; 2]> = BTreeMap::new();
        let id_set: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        let last_of: BTreeMap<&str, Date> = ids
            .iter()
            .map(String::as_str)
            .zip(days.iter().copied())
            .collect();
        // 0: the week before, 1: the last week.
        let week_of = |location: &str, date: Date| -> Option<usize> {
            let last = *last_of.get(location)?;
            let back = date.until(last).ok()?.get_days();
            match back {
                0..=6 => Some(1),
                7..=13 => Some(0),
                _ => None,
            }
        };
        for a in &answers {
            if let Some(w) = week_of(&a.location_id, a.date) {
                weeks.entry(ids_key(&id_set, &a.location_id)).or_default()[w].add_answers(
                    a.rollup.scale,
                    a.rollup.score,
                    a.rollup.answers,
                );
            }
        }
        for v in &visits {
            if let Some(w) = week_of(&v.location_id, v.date) {
                weeks.entry(ids_key(&id_set, &v.location_id)).or_default()[w]
                    .add_visits(v.rollup.visits);
            }
        }
        let mut devices: BTreeMap<String, Vec<DeviceContact>> = BTreeMap::new();
        for (location, device) in self.device_contacts(&ids).await? {
            devices.entry(location).or_default().push(device);
        }
        Ok(locations
            .iter()
            .zip(days)
            .map(|(location, last_day)| {
                let [before, last] = weeks.get(location.id.as_str()).cloned().unwrap_or_default();
                OverviewRow {
                    location_id: location.id.clone(),
                    last_day,
                    week: Comparison::new(&before, &last),
                    devices: devices.remove(&location.id).unwrap_or_default(),
                }
            })
            .collect())
    }
}

/// The id as held in `ids` (so the map borrows from there, not from a row).
/// The id as held in `ids` (a key that lives as long as the list), found by hash.
fn ids_key<'a>(ids: &std::collections::HashSet<&'a str>, id: &str) -> &'a str {
    ids.get(id).copied().unwrap_or("")
}

fn moment_index(moment: Moment) -> usize {
    match moment {
        Moment::DropOff => 0,
        Moment::PickUp => 1,
    }
}
