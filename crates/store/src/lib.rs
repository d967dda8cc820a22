//! Welkom's local store: one SQLite file with numbered migrations, written in WAL mode
//! with `synchronous=FULL`, so a rating is on disk before its thank-you is shown.
//!
//! The store is append-only for what guardians give: a correction is a new row that
//! names the row it replaces. Every visit, rating and follow-up writes its outbox
//! event in the same transaction.

mod error;
mod export;
mod family;
mod follow_ups;
mod guardian_admin;
mod language_choice;
mod migrations;
mod outbox;
mod pin_hash;
mod pins_to_export;
mod present;
mod record;
mod retention;
mod roster;
mod schema_open;
mod staff;
mod tally;
#[cfg(test)]
mod test_support;
mod throttle;
mod write_gate;

pub use error::{StoreError, WriteProblem};
pub use export::RatingRow;
pub use family::{
    ChildRecord, FamilyErasure, FamilyRecord, FollowUpRecord, GuardianRecord, LinkRecord,
    NoteRecord, OutboxRecord, RatingRecord, VisitRecord,
};
pub use follow_ups::{FollowUpItem, FollowUpScope, Handled, MAX_NOTE_CHARS};
pub use guardian_admin::GuardianOverview;
pub use outbox::{OutboxEvent, OutboxSummary, SetAsideEvent};
pub use present::PresentChild;
pub use record::{NewFollowUp, NewRating, NewVisit, Privacy, RecordedRating};
pub use retention::RetentionReport;
pub use roster::{Family, ImportSummary, IssuedPin, hub_pin_verifiers};
pub use schema_open::{BUSY_TIMEOUT, Store};
pub use staff::{
    STAFF_HASH_LANES, STAFF_HASH_MEMORY_KIB, STAFF_HASH_PASSES, StaffCredential, StaffMatch,
    StaffMember, StaffRole, find_staff_member, hash_staff_pin, staff_hash_is_weak,
    verify_staff_pin,
};
pub use throttle::{PinPad, ThrottleState};
