//! Starting the sync client when `welkom.toml` names an upstream: a thread of its
//! own, on its own connection to the store; the kiosk only reads its status.

use crate::config::Config;
use crate::kiosk::Kiosk;
use std::thread::JoinHandle;
use std::time::Duration;
use welkom_sync::{SyncStatus, Upstream};

/// The sync client's settings from `[upstream]`, if an upstream is configured.
pub fn settings(config: &Config) -> Option<Upstream> {
    let settings = &config.upstream;
    settings.is_set().then(|| Upstream {
        url: settings.url.trim().to_owned(),
        token: settings.token.trim().to_owned(),
        interval: Duration::from_secs(u64::from(settings.interval_secs)),
        timeout: Duration::from_secs(u64::from(settings.timeout_secs)),
        default_language: config.location.language.clone(),
        kind: settings.kind(),
        source: settings.source(),
        location_name: config.location.name.clone(),
        ca_file: settings.ca_file(),
    })
}

/// Starts sending to the configured upstream, if there is one.
pub fn start(kiosk: &mut Kiosk) -> Option<JoinHandle<()>> {
    let upstream = settings(&kiosk.config)?;
    let status = SyncStatus::default();
    match welkom_sync::spawn(kiosk.store.path().to_owned(), upstream, status.clone()) {
        Ok(handle) => {
            kiosk.set_sync_status(status);
            tracing::info!("sending events upstream");
            Some(handle)
        }
        Err(e) => {
            tracing::error!(error = %e, "the sync thread could not start");
            None
        }
    }
}
