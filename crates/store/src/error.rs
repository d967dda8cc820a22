//! The store's errors.

use std::path::PathBuf;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("cannot open the database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The database was written by a newer Welkom.
    #[error(
        "the database is at schema version {found}, newer than this Welkom knows ({known}); install the newer Welkom"
    )]
    TooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored value could not be read back.
    #[error("unreadable value in the database: {0}")]
    Corrupt(String),
    /// No PIN could be issued (the PIN space for this length is used up).
    #[error("could not issue a new PIN of {0} digits; use longer PINs")]
    PinSpaceExhausted(usize),
    /// A value given to the store is not acceptable; the message says what to do.
    #[error("{0}")]
    Invalid(String),
    /// A badge is already linked to another guardian.
    #[error("this badge already belongs to another guardian")]
    BadgeTaken,
}
