//! welkom-hub: the upstream of Welkom kiosks. It receives their events (CloudEvents
//! batches, deduplicated by source and id), serves each location its roster and its
//! daily tally, and reports health and metrics. See `docs/protocol.md`.

pub mod api;
mod background;
pub mod cli;
pub mod clock;
pub mod db;
pub mod export;
pub mod metrics;
pub mod openapi;
pub mod password;
pub mod tls;
pub mod web;

pub use api::{AppState, router, router_with};
pub use background::BackgroundHub;
pub use db::Db;
