//! Counters for `/metrics`, in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the hub counts.
#[derive(Debug, Default)]
pub struct Metrics {
    accepted: AtomicU64,
    duplicates: AtomicU64,
    refused: AtomicU64,
    responses: Mutex<BTreeMap<u16, u64>>,
}

impl Metrics {
    /// Counts the events of a batch.
    pub fn events(&self, accepted: usize, duplicates: usize, refused: usize) {
        self.accepted.fetch_add(accepted as u64, Ordering::Relaxed);
        self.duplicates
            .fetch_add(duplicates as u64, Ordering::Relaxed);
        self.refused.fetch_add(refused as u64, Ordering::Relaxed);
    }

    /// Counts an answer by its status.
    pub fn answered(&self, status: axum::http::StatusCode) {
        if let Ok(mut responses) = self.responses.lock() {
            *responses.entry(status.as_u16()).or_default() += 1;
        }
    }

    /// The counters as Prometheus text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (name, help, value) in [
            (
                "welkom_hub_events_accepted_total",
                "Events stored.",
                &self.accepted,
            ),
            (
                "welkom_hub_events_duplicate_total",
                "Events received again and not stored twice.",
                &self.duplicates,
            ),
            (
                "welkom_hub_events_refused_total",
                "Events refused, each with a reason.",
                &self.refused,
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        }
        let _ = writeln!(
            out,
            "# HELP welkom_hub_responses_total Answers by HTTP status.\n# TYPE welkom_hub_responses_total counter"
        );
        if let Ok(responses) = self.responses.lock() {
            for (status, count) in responses.iter() {
                let _ = writeln!(
                    out,
                    "welkom_hub_responses_total{{status=\"{status}\"}} {count}"
                );
            }
        }
        out
    }
}
