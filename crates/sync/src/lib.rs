//! The kiosk's sync client. On a thread of its own it sends the outbox upstream in
//! batches (CloudEvents, see `docs/protocol.md`), marks events sent only after the
//! upstream's answer, sets aside an event the upstream refuses, retries with backoff,
//! and fetches the location's roster when it changed. The screen never waits on it:
//! it has its own connection to the store and reports through [`SyncStatus`].

mod backoff;
mod client;
mod status;
mod thread;

pub use backoff::Backoff;
pub use client::{Attempt, RosterFetch, SyncClient, Upstream};
pub use status::{SyncSnapshot, SyncState, SyncStatus};
pub use thread::{THREAD_NAME, spawn};
