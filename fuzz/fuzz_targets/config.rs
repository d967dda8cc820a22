//! The kiosk's `welkom.toml` loader over arbitrary text: a configuration or an error
//! that names the file, never a panic.
//!
//! The kiosk's `config` module is compiled here on its own (the same source files),
//! so the fuzzer does not have to build the kiosk's user interface.
#![no_main]

#[allow(dead_code, unused_imports)]
#[path = "../../src/config/mod.rs"]
mod config;

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match config::load_text(text, Path::new("welkom.toml")) {
        Ok(config) => {
            let _ = format!("{config:?}");
        }
        Err(error) => {
            assert!(error.to_string().starts_with("welkom.toml"), "{error}");
        }
    }
});
