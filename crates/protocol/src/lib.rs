//! What a Welkom kiosk and its upstream say to each other (see `docs/protocol.md`).
//!
//! Events are CloudEvents 1.0 in the HTTP batch content mode: a JSON array of
//! events with the content type [`BATCH_CONTENT_TYPE`]. Each request carries the
//! protocol version in [`PROTOCOL_HEADER`] and the device's token as
//! `Authorization: Bearer …`. The answer is a [`BatchAnswer`]. No I/O here: the kiosk's
//! sync client and welkom-hub both build on these types.

mod answer;
mod envelope;
mod events;
mod pairing;

pub use answer::{BatchAnswer, Refusal};
pub use envelope::{CloudEvent, Source, SourceError};
pub use events::{
    EventData, FamilyErased, FollowUpHandled, RatingFollowUp, RatingRecorded, VisitRecorded,
    schemas,
};
pub use pairing::{
    CODE_ALPHABET, CODE_LENGTH, PAIR_PATH, PairAnswer, PairRequest, display_code, normalize_code,
};

/// The content type of a batch of CloudEvents.
pub const BATCH_CONTENT_TYPE: &str = "application/cloudevents-batch+json";

/// The header that carries the protocol version on every request and answer.
pub const PROTOCOL_HEADER: &str = "Welkom-Protocol";

/// The header in which a kiosk tells a Welkom hub how many of its events wait to be
/// sent (set-aside events not counted), on every request to a hub; optional.
pub const WAITING_HEADER: &str = "Welkom-Waiting";

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;

/// The most events in one batch.
pub const MAX_BATCH_EVENTS: usize = 500;

/// The largest batch body, in bytes (1 MB).
pub const MAX_BATCH_BYTES: usize = 1024 * 1024;

/// The content type of the roster a location downloads (the import's CSV).
pub const ROSTER_CONTENT_TYPE: &str = "text/csv; charset=utf-8";
