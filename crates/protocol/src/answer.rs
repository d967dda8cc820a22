//! The upstream's answer to a batch.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a batch was taken: every event is accepted, a duplicate of one already held,
/// or refused with a reason. `accepted + duplicates + refused.len()` is the number of
/// events sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BatchAnswer {
    /// Events stored now.
    pub accepted: usize,
    /// Events already held (same `source` and `id`); the sender may forget them.
    pub duplicates: usize,
    /// Events not stored, each with why. Sending them again will not help.
    pub refused: Vec<Refusal>,
}

/// One refused event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Refusal {
    /// The event's `id` as sent (empty when the event had none).
    pub id: String,
    /// Why, in words for the person who reads the staff Sync view or a log.
    pub reason: String,
}
