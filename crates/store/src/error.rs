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

/// Why a write did not reach the disk, as staff need to hear it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteProblem {
    /// The disk (or the database's size limit) is full.
    DiskFull,
    /// The data directory or the database file can only be read.
    ReadOnly,
    /// Another writer held the database longer than the store waits.
    Busy,
    /// Anything else (the log says what).
    Other,
}

impl StoreError {
    /// What kind of problem this is, for the line staff mode shows.
    pub fn write_problem(&self) -> WriteProblem {
        use rusqlite::ErrorCode;
        let sqlite = match self {
            Self::Open { path, source } => {
                // SQLite cannot open a database in WAL mode in a folder it cannot
                // write, and says only "unable to open database file".
                if read_only_folder(path) {
                    return WriteProblem::ReadOnly;
                }
                source
            }
            Self::Sqlite(e) => e,
            _ => return WriteProblem::Other,
        };
        let Some(code) = sqlite.sqlite_error_code() else {
            return WriteProblem::Other;
        };
        match code {
            ErrorCode::DiskFull => WriteProblem::DiskFull,
            ErrorCode::ReadOnly => WriteProblem::ReadOnly,
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => WriteProblem::Busy,
            _ => WriteProblem::Other,
        }
    }
}

impl StoreError {
    /// What kind of problem this is for a write to the database at `database`. When
    /// SQLite reports only an I/O error (a file system the kernel turned read-only
    /// under an open database fails writes with EROFS, which SQLite calls an I/O
    /// error), the database's folder is checked.
    pub fn write_problem_at(&self, database: &std::path::Path) -> WriteProblem {
        let io_failure = matches!(
            self,
            Self::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
        );
        match self.write_problem() {
            WriteProblem::Other if io_failure && read_only_folder(database) => {
                WriteProblem::ReadOnly
            }
            problem => problem,
        }
    }
}

/// Whether the folder of `file` is on a file system mounted read-only (checked by
/// creating and removing a small file beside it).
fn read_only_folder(file: &std::path::Path) -> bool {
    let Some(folder) = file.parent() else {
        return false;
    };
    let probe = folder.join(".welkom-write-check");
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => e.kind() == std::io::ErrorKind::ReadOnlyFilesystem,
    }
}
