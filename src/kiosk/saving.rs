//! When the store cannot write (a full disk, a read-only data directory, a writer
//! that holds the file too long), the guardian hears only that it did not work; the
//! kiosk keeps why, so staff mode can say it in words, until a write succeeds again.

use super::Kiosk;
use jiff::Timestamp;
use welkom_store::{StoreError, WriteProblem};

/// The writes that are failing, and since when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveProblem {
    /// What the store reported.
    pub problem: WriteProblem,
    /// The first failed write since the last one that succeeded.
    pub since: Timestamp,
    /// How many writes failed since then.
    pub failed_writes: u32,
}

impl Kiosk {
    /// Why the last writes failed, while they fail (`None` once one succeeded).
    pub fn save_problem(&self) -> Option<&SaveProblem> {
        self.save_problem.as_ref()
    }

    /// A write of something a guardian gave failed: log it and keep why.
    pub(super) fn save_failed(&mut self, what: &'static str, error: &StoreError) {
        let problem = error.write_problem_at(self.store.path());
        tracing::error!(error = %error, ?problem, "storing {what} failed");
        let now = self.now();
        let entry = self.save_problem.get_or_insert(SaveProblem {
            problem,
            since: now,
            failed_writes: 0,
        });
        entry.problem = problem;
        entry.failed_writes = entry.failed_writes.saturating_add(1);
    }

    /// A write succeeded: whatever failed before works again.
    pub(super) fn saved(&mut self) {
        if let Some(problem) = self.save_problem.take() {
            tracing::info!(failed_writes = problem.failed_writes, "storing works again");
        }
    }
}
