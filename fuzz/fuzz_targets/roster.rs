//! The roster parser over arbitrary bytes: a roster or a list of problems, never a
//! panic, and the problems' report can always be written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use welkom_core::LanguageTag;

fuzz_target!(|data: &[u8]| {
    match welkom_core::roster::parse(data, &LanguageTag::dutch()) {
        Ok(roster) => {
            let _ = format!("{roster:?}");
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "an error names a problem");
            let _ = error.report();
        }
    }
});
