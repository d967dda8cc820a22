//! Where Welkom keeps its files.

use std::path::{Path, PathBuf};

/// The database file's name in the data directory.
pub const DATABASE_FILE: &str = "welkom.sqlite";

/// The data directory: the one given, or the platform's (`~/.local/share/welkom` on
/// Linux, `%APPDATA%\welkom` on Windows).
pub fn data_dir(given: Option<&Path>) -> PathBuf {
    match given {
        Some(dir) => dir.to_owned(),
        None => dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("welkom"),
    }
}

/// The data directory of the demo location, apart from real data.
pub fn demo_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("demo")
}
