//! The roster parser over spreadsheets around arbitrary sheet XML (see
//! `fuzz/sheet_zip.rs`), held to the same rules as any roster (`fuzz/roster_rules.rs`).
#![no_main]

#[path = "../roster_rules.rs"]
mod roster_rules;
#[path = "../sheet_zip.rs"]
mod sheet_zip;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(file) = sheet_zip::sheet_file(data) {
        roster_rules::check(&file);
    }
});
