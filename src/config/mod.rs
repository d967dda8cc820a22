//! `welkom.toml`: every setting of a location, each with a sensible default.
//!
//! Values are checked while they are read, so a bad value is reported with the line
//! and key it stands on (see [`load`]).

mod display;
mod edit;
mod languages;
mod load;
mod location_edit;
mod pairing;
mod values;

pub use display::{Display, Rotation};
pub use edit::{ConfigEdit, save as save_edit};
pub use languages::shipped as shipped_languages;
pub use load::{ConfigError, load, load_text};
pub use location_edit::{MAX_NAME_CHARS, NameProblem, name_problem, save_location};
pub use pairing::{PairedUpstream, apply_pairing, check_pairing, save_pairing};
pub use values::{ClockTime, TimeZoneName, Weekday};

use serde::Deserialize;
use std::collections::BTreeMap;
use welkom_core::{LanguageTag, Moment, Scale};

/// The file name of the configuration in the data directory.
pub const FILE_NAME: &str = "welkom.toml";

/// A location's settings.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Name, time zone, language.
    pub location: Location,
    /// When the location is open; outside these hours the screen dims.
    pub opening_hours: OpeningHours,
    /// Which ways of identifying are offered.
    pub identification: Identification,
    /// The faces.
    pub rating: RatingSettings,
    /// How drop-off and pick-up are told apart.
    pub moments: Moments,
    /// The question per moment, per language, overriding the translation files.
    pub questions: Questions,
    /// The reasons offered after a low rating (at most six).
    pub reasons: Vec<Reason>,
    /// How long screens stay.
    pub timeouts: Timeouts,
    /// Anonymous mode and retention.
    pub privacy: PrivacySettings,
    /// The hub this kiosk sends its events to (none: the kiosk works alone).
    pub upstream: UpstreamSettings,
    /// How the screen is mounted.
    pub display: Display,
}

/// The location itself.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Location {
    /// Shown on the welcome screen.
    pub name: String,
    /// The location's time zone (IANA name).
    pub time_zone: TimeZoneName,
    /// The language of the welcome screen and of guardians without one.
    pub language: LanguageTag,
    /// The languages a parent can choose on the rating screen (`None`: every
    /// shipped language); the location's own is always among them. See
    /// [`Config::enabled_languages`].
    pub languages: Option<Vec<LanguageTag>>,
}

impl Default for Location {
    fn default() -> Self {
        Self {
            name: "Kinderopvang".into(),
            time_zone: TimeZoneName::default(),
            language: LanguageTag::dutch(),
            languages: None,
        }
    }
}

/// Opening hours.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OpeningHours {
    /// Opening time.
    pub open: ClockTime,
    /// Closing time.
    pub close: ClockTime,
    /// Days the location is open.
    pub days: Vec<Weekday>,
}

impl Default for OpeningHours {
    fn default() -> Self {
        Self {
            open: ClockTime::new(7, 0),
            close: ClockTime::new(18, 30),
            days: Weekday::WORKING_WEEK.to_vec(),
        }
    }
}

/// Ways a guardian can identify.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Identification {
    /// A PIN on the on-screen keypad.
    pub pin: bool,
    /// A badge, key fob or QR code read by a reader that types like a keyboard.
    pub badge: bool,
    /// A list of guardians' first names (for small locations that choose it).
    pub name_list: bool,
}

impl Default for Identification {
    fn default() -> Self {
        Self {
            pin: true,
            badge: true,
            name_list: false,
        }
    }
}

/// The faces.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RatingSettings {
    /// 3, 4 (default) or 5 faces.
    pub scale: Scale,
}

/// Drop-off and pick-up.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Moments {
    /// From this time on, a family's first visit of the day is a pick-up.
    pub pick_up_from: ClockTime,
}

impl Default for Moments {
    fn default() -> Self {
        Self {
            pick_up_from: ClockTime::new(12, 0),
        }
    }
}

/// The question per moment, by language tag.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Questions {
    /// Asked at drop-off.
    pub drop_off: BTreeMap<LanguageTag, String>,
    /// Asked at pick-up.
    pub pick_up: BTreeMap<LanguageTag, String>,
}

impl Questions {
    /// The configured question for a moment in a language, if any.
    pub fn get(&self, moment: Moment, language: &LanguageTag) -> Option<&str> {
        let map = match moment {
            Moment::DropOff => &self.drop_off,
            Moment::PickUp => &self.pick_up,
        };
        map.get(language).map(String::as_str)
    }
}

/// A reason offered after a low rating.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// A stable key, stored with the rating (`communication`, `parking`, …).
    pub key: String,
    /// The words per language; without them the translation files' `reason-KEY` is used.
    #[serde(default)]
    pub text: BTreeMap<LanguageTag, String>,
}

/// The reasons offered when the configuration names none.
pub const DEFAULT_REASONS: [&str; 6] = [
    "handover",
    "information",
    "attention",
    "atmosphere",
    "food",
    "other",
];

impl Config {
    /// The reasons to offer: the configured ones, or the default six.
    pub fn reasons(&self) -> Vec<Reason> {
        if self.reasons.is_empty() {
            DEFAULT_REASONS
                .iter()
                .map(|key| Reason {
                    key: (*key).into(),
                    text: BTreeMap::new(),
                })
                .collect()
        } else {
            self.reasons.clone()
        }
    }
}

/// How long screens stay.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Timeouts {
    /// The thank-you screen returns to the welcome screen after this many seconds.
    pub thank_you_secs: u32,
    /// Any screen returns to the welcome screen after this many seconds untouched.
    pub idle_secs: u32,
    /// Taps during the first part of the thank-you screen are ignored (a toddler's
    /// second tap), in milliseconds.
    pub tap_guard_ms: u32,
    /// Staff mode returns to the welcome screen after this many seconds untouched.
    pub staff_idle_secs: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            thank_you_secs: 8,
            idle_secs: 20,
            tap_guard_ms: 1500,
            staff_idle_secs: 60,
        }
    }
}

/// Anonymous mode and retention (see `docs/privacy.md`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacySettings {
    /// Store ratings without the guardian who gave them (the greeting still uses the
    /// name; a talk request still names the guardian, who asked for it).
    pub anonymous: bool,
    /// After this many days the link between a rating or visit and its guardian is
    /// dropped; the anonymous statistic stays.
    pub retention_days: u32,
}

impl PrivacySettings {
    /// The allowed range of `retention_days`.
    pub const RETENTION_DAYS: std::ops::RangeInclusive<u32> = 7..=3650;
}

impl Default for PrivacySettings {
    fn default() -> Self {
        Self {
            anonymous: false,
            retention_days: 180,
        }
    }
}

/// Where the kiosk sends its events (see `docs/protocol.md`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct UpstreamSettings {
    /// The upstream's address (`https://…`): a Welkom hub, or a CloudEvents
    /// receiver's own address; empty: no upstream.
    pub url: String,
    /// The device's token, as `welkom-hub device add` printed it (a plain receiver
    /// may need none).
    pub token: String,
    /// `auto` (ask the upstream), `welkom` (a Welkom hub) or `cloudevents` (a plain
    /// receiver: events are posted to `url` itself).
    pub kind: String,
    /// The CloudEvents `source` of every event (`/locations/…/devices/…`); empty:
    /// the hub says it, or the device makes its own for a plain receiver.
    pub source: String,
    /// Seconds between rounds when everything is sent.
    pub interval_secs: u32,
    /// Seconds one request may take.
    pub timeout_secs: u32,
    /// The full path of the organisation's CA certificate (PEM), when its hub's
    /// certificate comes from a private CA; empty: the public web's authorities.
    pub ca_file: String,
}

impl UpstreamSettings {
    /// The allowed range of `interval_secs`.
    pub const INTERVAL_SECS: std::ops::RangeInclusive<u32> = 5..=3600;
    /// The allowed range of `timeout_secs`.
    pub const TIMEOUT_SECS: std::ops::RangeInclusive<u32> = 2..=120;

    /// Whether an upstream is configured.
    pub fn is_set(&self) -> bool {
        !self.url.trim().is_empty()
    }

    /// The kind of upstream (`auto` when the text is not one; the loader refuses
    /// such a file).
    pub fn kind(&self) -> welkom_sync::UpstreamKind {
        welkom_sync::UpstreamKind::parse(&self.kind).unwrap_or_default()
    }

    /// The CA file set here, if any.
    pub fn ca_file(&self) -> Option<std::path::PathBuf> {
        let path = self.ca_file.trim();
        (!path.is_empty()).then(|| path.into())
    }

    /// The `source` set here, if any.
    pub fn source(&self) -> Option<String> {
        let source = self.source.trim();
        (!source.is_empty()).then(|| source.to_owned())
    }
}

impl Default for UpstreamSettings {
    fn default() -> Self {
        Self {
            url: String::new(),
            token: String::new(),
            kind: "auto".into(),
            source: String::new(),
            interval_secs: 60,
            timeout_secs: 20,
            ca_file: String::new(),
        }
    }
}

/// The annotated default configuration, written to a new data directory.
pub const DEFAULT_FILE: &str = include_str!("../../assets/welkom.default.toml");
