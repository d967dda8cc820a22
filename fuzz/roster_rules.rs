//! What the roster parser must do with any file, for the `roster` and `roster_sheet`
//! fuzz targets and their corpus replay in `tests/fuzz_corpus.rs`: a roster or a list
//! of problems, never a panic, and the problems' report can always be written.

use welkom_core::LanguageTag;

/// Parses `file` as a roster and holds the result to the rules above.
pub fn check(file: &[u8]) {
    match welkom_core::roster::parse(file, &LanguageTag::dutch()) {
        Ok(roster) => {
            let _ = format!("{roster:?}");
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "an error names a problem");
            let _ = error.report();
        }
    }
}
