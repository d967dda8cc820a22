//! The hub's reading of a `POST /v1/events` body over arbitrary bytes: a problem for
//! the whole body, or every event either checked or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use welkom_hub::api::batch::check_batch;
use welkom_protocol::MAX_BATCH_EVENTS;

/// The device the corpus's batches come from.
const LOCATION: &str = "L1";
const DEVICE: &str = "D1";

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = check_batch(data, LOCATION, DEVICE) {
        assert!(batch.checked.len() + batch.refused.len() <= MAX_BATCH_EVENTS);
        for event in &batch.checked {
            assert_eq!(
                event.source,
                format!("/locations/{LOCATION}/devices/{DEVICE}")
            );
        }
    }
});
