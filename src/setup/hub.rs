//! Pairing with the organisation's hub from the set-up: the address and one-time
//! code go to the sync client's pairing call (on the set-up's worker thread), and the
//! device token it brings back is written into `welkom.toml`'s `[upstream]`.

use crate::config::{self, Config, ConfigError};
use std::path::{Path, PathBuf};
use welkom_sync::PairError;

/// What a pairing brought back.
#[derive(Clone, PartialEq, Eq)]
pub struct Paired {
    /// The hub's address, as typed.
    pub url: String,
    /// The device's token.
    pub token: String,
    /// The name the hub knows the location by.
    pub location_name: String,
}

impl std::fmt::Debug for Paired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paired")
            .field("url", &self.url)
            .field("token", &"<hidden>")
            .field("location_name", &self.location_name)
            .finish()
    }
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
    /// The address is not an `https://` address (the token must travel encrypted).
    NotSecure,
    /// Anything else (the log says what).
    Other,
}

/// How long one pairing may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// The file name the organisation's CA certificate is kept under in the data
/// directory once a pairing needed it (the USB stick it came on goes away).
pub const CA_FILE: &str = "hub-ca.pem";

/// Pairs with the hub (blocking: call it from a worker thread). `ca_file`: the
/// organisation's CA certificate, when its hub's certificate comes from a private
/// CA; `None`: the public web's authorities vouch for it.
pub fn pair(
    address: &str,
    code: &str,
    device_name: &str,
    ca_file: Option<&Path>,
) -> Result<Paired, HubProblem> {
    match welkom_sync::pair(address, code, device_name, ca_file, TIMEOUT) {
        Ok(pairing) => Ok(Paired {
            url: pairing.hub_url,
            token: pairing.token,
            location_name: pairing.location_name,
        }),
        Err(e) => {
            // The error's words name neither the code nor a token.
            tracing::warn!(error = %e, "set-up: pairing with the hub failed");
            Err(problem(&e))
        }
    }
}

/// The plain-words problem of a pairing error.
fn problem(error: &PairError) -> HubProblem {
    match error {
        PairError::CodeMalformed | PairError::CodeRefused => HubProblem::BadCode,
        PairError::TooManyTries { .. } => {
            HubProblem::TooManyTries(error.wait_minutes().unwrap_or(15))
        }
        PairError::Unreachable(_) => HubProblem::Unreachable,
        PairError::CertificateNotTrusted(_) | PairError::CaFile(_) => HubProblem::Untrusted,
        PairError::NotAWelkomHub(_) => HubProblem::NotAHub,
        PairError::BadAddress(_) => HubProblem::NotSecure,
        PairError::HubUnavailable(_) => HubProblem::Other,
    }
}

/// Checks, before a code is spent, that the file would take a pairing with this
/// address (as `welkom pair` does).
pub fn check(file: &Path, address: &str) -> Result<(), ConfigError> {
    let placeholder = config::PairedUpstream {
        url: welkom_sync::hub_address(address).unwrap_or_else(|_| address.to_owned()),
        token: "wlk_placeholder".into(),
        ca_file: None,
        location_name: String::new(),
    };
    config::check_pairing(file, &placeholder)
}

/// Writes the pairing into `[upstream]` as `welkom pair` does, checked like every
/// edit; with the CA certificate kept in the data directory when one was used.
pub fn save(file: &Path, paired: &Paired, ca_file: Option<&Path>) -> Result<Config, ConfigError> {
    config::save_pairing(
        file,
        &config::PairedUpstream {
            url: paired.url.clone(),
            token: paired.token.clone(),
            ca_file: ca_file.map(Path::to_owned),
            location_name: paired.location_name.clone(),
        },
    )
}

/// Copies the CA certificate chosen on the USB stick into the data directory (synced),
/// as a full path for `[upstream] ca_file`.
pub fn keep_ca_file(chosen: &Path, data_dir: &Path) -> std::io::Result<PathBuf> {
    let kept = std::path::absolute(data_dir.join(CA_FILE))?;
    let temporary = kept.with_extension("pem.new");
    std::fs::copy(chosen, &temporary)?;
    std::fs::File::open(&temporary)?.sync_all()?;
    std::fs::rename(&temporary, &kept)?;
    Ok(kept)
}

/// Certificate files (`.pem`, `.crt`) on the mounted USB sticks, at most a few
/// folders deep: the organisation's CA, when its hub needs one.
pub fn ca_files_on(media_roots: &[PathBuf]) -> Vec<PathBuf> {
    fn search(dir: &Path, depth: u8, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                if depth > 0 {
                    search(&path, depth - 1, found);
                }
            } else if (name.ends_with(".pem") || name.ends_with(".crt")) && found.len() < 6 {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for root in media_roots {
        search(root, 3, &mut found);
    }
    found.sort();
    found
}
