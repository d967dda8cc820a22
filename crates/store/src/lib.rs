//! Welkom's local store: one SQLite file with numbered migrations, written in WAL mode
//! with `synchronous=FULL`, so a rating is on disk before its thank-you is shown.
//!
//! The store is append-only for what guardians give: a correction is a new row that
//! names the row it replaces. Every visit, rating and follow-up writes its outbox
//! event in the same transaction.

mod error;
mod export;
mod migrations;
mod outbox;
mod pin_hash;
mod record;
mod roster;
mod schema_open;
mod tally;

pub use error::StoreError;
pub use export::RatingRow;
pub use record::{NewFollowUp, NewRating, NewVisit, RecordedRating};
pub use roster::{Family, ImportSummary, IssuedPin};
pub use schema_open::Store;
