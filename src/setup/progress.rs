//! Whether the first start's set-up is due, and where it resumes after the power
//! went off half-way: a marker file in the data directory says a set-up was begun
//! and not finished.

use crate::kiosk::Kiosk;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The marker's file name in the data directory.
pub const MARKER_FILE: &str = "setup-unfinished";

/// The marker of a data directory.
pub fn marker(data_dir: &Path) -> PathBuf {
    data_dir.join(MARKER_FILE)
}

/// Whether the kiosk opens the set-up instead of the welcome screen: a set-up was
/// begun and not finished, or the store has neither a guardian nor a manager. Once a
/// manager exists and the set-up finished, it never shows again, even with an empty
/// roster (staff mode's Settings import one then).
pub fn needed(kiosk: &Kiosk, data_dir: &Path) -> bool {
    if marker(data_dir).exists() {
        return true;
    }
    let guardians = kiosk.store.active_guardian_count().unwrap_or(1);
    guardians == 0 && !has_manager(kiosk)
}

/// Whether an active manager is in the store.
pub fn has_manager(kiosk: &Kiosk) -> bool {
    kiosk.store.staff_members().is_ok_and(|members| {
        members
            .iter()
            .any(|m| m.role == welkom_store::StaffRole::Manager)
    })
}

/// Writes the marker (synced), before the first thing the set-up stores.
pub fn begin(data_dir: &Path) -> std::io::Result<()> {
    let mut file = std::fs::File::create(marker(data_dir))?;
    file.write_all(b"The first start's set-up was begun and not finished.\n")?;
    file.sync_all()
}

/// Removes the marker: the set-up is done.
pub fn finish(data_dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(marker(data_dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
