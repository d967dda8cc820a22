//! The kiosk's sync client. On a thread of its own it sends the outbox upstream in
//! batches (CloudEvents, see `docs/protocol.md`) to a Welkom hub or to any plain
//! CloudEvents receiver, marks events sent only when the upstream's answer accounts
//! for them, sets aside an event the upstream refuses, retries with backoff, and
//! fetches the location's roster (from a hub) when it changed. The screen never
//! waits on it: it has its own connection to the store and reports through
//! [`SyncStatus`].

pub mod answer;
mod backoff;
mod client;
mod identity;
mod pair;
mod status;
mod thread;
mod transport;
mod trust;

pub use answer::{Accounting, account, account_from_hub};
pub use backoff::Backoff;
pub use client::{Attempt, RosterFetch, SyncClient, Upstream};
pub use identity::{Peer, UpstreamKind, device_source, slug};
pub use pair::{PairError, Pairing, hub_address, pair};
pub use status::{SyncSnapshot, SyncState, SyncStatus};
pub use thread::{THREAD_NAME, spawn};
pub use transport::is_plain_http_off_machine;
pub use trust::read_ca_file;
pub use welkom_protocol::{Source, SourceError};
