//! The roster parser over spreadsheets around arbitrary sheet XML (see
//! `fuzz/sheet_zip.rs`): a roster or a list of problems, never a panic, and the
//! problems' report can always be written.
#![no_main]

#[path = "../sheet_zip.rs"]
mod sheet_zip;

use libfuzzer_sys::fuzz_target;
use welkom_core::LanguageTag;

fuzz_target!(|data: &[u8]| {
    let Some(file) = sheet_zip::sheet_file(data) else {
        return;
    };
    match welkom_core::roster::parse(&file, &LanguageTag::dutch()) {
        Ok(roster) => {
            let _ = format!("{roster:?}");
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "an error names a problem");
            let _ = error.report();
        }
    }
});
