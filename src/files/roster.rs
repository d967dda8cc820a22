//! Reading a roster file and importing it into the store: all of it or nothing.

use anyhow::Context;
use std::io::Read;
use std::path::Path;
use welkom_core::LanguageTag;
use welkom_core::roster::{self, RosterError};
use welkom_store::{ImportSummary, Store};

/// The folder in the data directory that is searched for roster files.
pub const IMPORT_FOLDER: &str = "import";

/// Reads, checks and applies a roster file; on any problem nothing changes. The
/// outer error is a file that cannot be read or a store that refuses; the inner one
/// the roster's problems, each with its line.
///
/// PINs issued to guardians the roster gives none are kept in the store until they
/// are exported (see [`Store::pins_to_export`]).
pub fn import(
    store: &mut Store,
    file: &Path,
    default_language: &LanguageTag,
) -> anyhow::Result<Result<ImportSummary, RosterError>> {
    // Read at most one byte past the limit: the parser reports a file that is too
    // large without this process holding gigabytes.
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(roster::MAX_ROSTER_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .with_context(|| format!("cannot read {}", file.display()))?;
    let parsed = match roster::parse(&bytes, default_language) {
        Ok(parsed) => parsed,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(store.import_roster(&parsed, jiff::Timestamp::now())?))
}
