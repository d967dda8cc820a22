//! The CloudEvents envelope and the `source` of a Welkom device.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A CloudEvent (specification 1.0) in its JSON form, as Welkom sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CloudEvent {
    /// Always "1.0".
    pub specversion: String,
    /// The device's UUIDv7 of the event; unique per `source`.
    pub id: String,
    /// The location and device that made the event, see [`Source`].
    pub source: String,
    /// What happened, e.g. `nl.welkom.rating.recorded.v1`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// When it happened, RFC 3339.
    pub time: String,
    /// Always "application/json".
    pub datacontenttype: String,
    /// The event's data, per type (see the JSON Schemas in `docs/schemas/`).
    pub data: serde_json::Value,
}

impl CloudEvent {
    /// The CloudEvents version Welkom speaks.
    pub const SPEC_VERSION: &'static str = "1.0";
    /// The content type of every event's data.
    pub const DATA_CONTENT_TYPE: &'static str = "application/json";
}

/// A device of a location: `/locations/{location}/devices/{device}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    /// The location's id at the upstream.
    pub location: String,
    /// The device's id at the upstream.
    pub device: String,
}

/// A `source` that is not `/locations/{location}/devices/{device}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError(pub String);

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "source '{}' is not /locations/LOCATION/devices/DEVICE",
            self.0
        )
    }
}

impl std::error::Error for SourceError {}

impl Source {
    /// Reads a `source`.
    pub fn parse(text: &str) -> Result<Self, SourceError> {
        let bad = || SourceError(text.chars().take(200).collect());
        let rest = text.strip_prefix("/locations/").ok_or_else(bad)?;
        let (location, device) = rest.split_once("/devices/").ok_or_else(bad)?;
        let fine = |part: &str| {
            !part.is_empty()
                && part.len() <= 64
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !fine(location) || !fine(device) {
            return Err(bad());
        }
        Ok(Self {
            location: location.into(),
            device: device.into(),
        })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/locations/{}/devices/{}", self.location, self.device)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_round_trips_and_bad_ones_are_named() {
        let source = Source::parse("/locations/loc-1/devices/dev_2").unwrap();
        assert_eq!(source.location, "loc-1");
        assert_eq!(source.to_string(), "/locations/loc-1/devices/dev_2");
        for bad in [
            "",
            "/locations//devices/x",
            "/locations/a/devices/",
            "/locations/a b/devices/c",
            "locations/a/devices/b",
        ] {
            assert!(Source::parse(bad).is_err(), "{bad}");
        }
    }
}
