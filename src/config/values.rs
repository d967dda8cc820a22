//! Value types of the configuration that check themselves while being read.

use serde::{Deserialize, Deserializer, de};
use std::fmt;

/// A time of day written as `HH:MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub jiff::civil::Time);

impl ClockTime {
    /// A time from hours and minutes (both in range).
    pub const fn new(hour: i8, minute: i8) -> Self {
        Self(jiff::civil::Time::constant(hour, minute, 0, 0))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bad = || {
            de::Error::custom(format!(
                "'{text}' is not a time; write it as HH:MM, e.g. 07:30"
            ))
        };
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        let (h, m): (i8, i8) = (
            h.trim().parse().map_err(|_| bad())?,
            m.trim().parse().map_err(|_| bad())?,
        );
        if !(0..=23).contains(&h) || !(0..=59).contains(&m) || text.trim().len() != 5 {
            return Err(bad());
        }
        Ok(Self::new(h, m))
    }
}

/// An IANA time zone name that this build knows (`Europe/Amsterdam`).
#[derive(Clone, Debug, PartialEq)]
pub struct TimeZoneName {
    name: String,
    zone: jiff::tz::TimeZone,
}

impl TimeZoneName {
    /// The zone.
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.zone
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Looks a zone up by name.
    pub fn parse(name: &str) -> Result<Self, String> {
        jiff::tz::TimeZone::get(name)
            .map(|zone| Self {
                name: name.to_owned(),
                zone,
            })
            .map_err(|_| {
                format!("'{name}' is not a known time zone; use a name such as Europe/Amsterdam")
            })
    }
}

impl Default for TimeZoneName {
    fn default() -> Self {
        // The bundled zone database always holds Europe/Amsterdam; UTC is a last resort.
        Self::parse("Europe/Amsterdam").unwrap_or_else(|_| Self {
            name: "UTC".into(),
            zone: jiff::tz::TimeZone::UTC,
        })
    }
}

impl<'de> Deserialize<'de> for TimeZoneName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

/// A day of the week, written `mon` … `sun`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// Monday to Friday.
    pub const WORKING_WEEK: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    /// The same day in jiff's terms.
    pub fn matches(self, day: jiff::civil::Weekday) -> bool {
        use jiff::civil::Weekday as J;
        matches!(
            (self, day),
            (Weekday::Mon, J::Monday)
                | (Weekday::Tue, J::Tuesday)
                | (Weekday::Wed, J::Wednesday)
                | (Weekday::Thu, J::Thursday)
                | (Weekday::Fri, J::Friday)
                | (Weekday::Sat, J::Saturday)
                | (Weekday::Sun, J::Sunday)
        )
    }
}
