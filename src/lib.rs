//! Welkom: a check-in kiosk for the entrance hall of a daycare centre. It greets
//! every parent by name, asks one question that takes one tap at drop-off and at
//! pick-up, and stores the answer durably on the device.
//!
//! The binary (`src/main.rs`) is thin; everything it runs lives here so the tests
//! can drive the same code.

pub mod app;
pub mod bidi;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod files;
pub mod font_atlas;
#[cfg(feature = "heap-stats")]
pub mod heap_stats;
pub mod heap_tuning;
pub mod i18n;
pub mod kiosk;
pub mod paths;
pub mod retention;
pub mod screens;
pub mod setup;
pub mod theme;
pub mod upstream;
pub mod watchdog;
pub mod widgets;

/// With the `heap-stats` feature, every Rust allocation is counted (see [`heap_stats`]).
#[cfg(feature = "heap-stats")]
#[global_allocator]
static ALLOCATOR: heap_stats::CountingAllocator = heap_stats::CountingAllocator;
