//! The sync thread: sends while there is something to send, waits the configured
//! interval when all is sent, backs off after a failure, stops on a refused token.

use crate::backoff::Backoff;
use crate::client::{Attempt, RosterFetch, SyncClient, Upstream};
use crate::status::SyncStatus;
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Duration;
use welkom_store::Store;

/// The name of the sync thread.
pub const THREAD_NAME: &str = "welkom-sync";

/// How often a stopped client looks whether it may go on (a new token needs a
/// restart; this only keeps the thread from spinning).
const STOPPED_WAIT: Duration = Duration::from_secs(3600);

/// Starts the sync thread on its own connection to `database`.
pub fn spawn(
    database: PathBuf,
    upstream: Upstream,
    status: SyncStatus,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name(THREAD_NAME.into())
        .spawn(move || {
            let store = loop {
                match Store::open(&database) {
                    Ok(store) => break store,
                    Err(e) => {
                        tracing::error!(error = %e, "the sync client cannot open the database");
                        std::thread::sleep(Duration::from_secs(60));
                    }
                }
            };
            run(SyncClient::new(store, upstream.clone(), status), &upstream);
        })
}

fn run(mut client: SyncClient, upstream: &Upstream) {
    let mut backoff = Backoff::default();
    let mut roster_due = true;
    loop {
        if roster_due {
            roster_due = false;
            match client.fetch_roster() {
                Ok(RosterFetch::Failed(e)) => {
                    tracing::warn!(error = %e, "fetching the roster failed")
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "applying the upstream's roster failed"),
            }
        }
        let wait = match client.send_once() {
            Ok(Attempt::Sent { .. } | Attempt::Split) => {
                backoff.succeeded();
                Duration::ZERO
            }
            Ok(Attempt::Idle) => {
                backoff.succeeded();
                // All is sent: look for a new roster after the wait.
                roster_due = true;
                upstream.interval
            }
            Ok(Attempt::TokenRefused) => STOPPED_WAIT,
            Ok(Attempt::RetryAfter(asked, _)) => {
                let backed_off = backoff.failed();
                asked.map_or(backed_off, |asked| asked.max(backed_off))
            }
            Err(e) => {
                tracing::error!(error = %e, "the sync client could not read or mark the outbox");
                backoff.failed()
            }
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }
}
