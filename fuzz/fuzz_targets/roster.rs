//! The roster parser over arbitrary bytes: a roster or a list of problems, never a
//! panic, and the problems' report can always be written (`fuzz/roster_rules.rs`).
#![no_main]

#[path = "../roster_rules.rs"]
mod roster_rules;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| roster_rules::check(data));
