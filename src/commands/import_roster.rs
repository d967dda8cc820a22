//! `welkom import-roster FILE` (CSV, .xlsx or .ods): all-or-nothing, every problem
//! reported by line (a spreadsheet's by row), PINs
//! issued where the roster gives none and written once to a file for staff.

use crate::files::{issued_pins, roster};
use std::path::Path;
use std::process::ExitCode;

/// Runs the command.
pub fn run(data_dir: &Path, file: &Path, pins_out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let config = super::load_config(data_dir)?;
    let mut store = super::open_store(data_dir)?;
    let summary = match roster::import(&mut store, file, &config.location.language)? {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            for problem in &e.problems {
                eprintln!("  {}: {problem}", file.display());
            }
            eprintln!("Nothing was changed: correct the file and import it again.");
            return Ok(ExitCode::from(2));
        }
    };
    println!(
        "roster imported: {} guardians added, {} updated, {} deactivated; {} children added, {} updated, {} deactivated",
        summary.guardians_added,
        summary.guardians_updated,
        summary.guardians_deactivated,
        summary.children_added,
        summary.children_updated,
        summary.children_deactivated,
    );
    if !summary.issued_pins.is_empty() {
        let path = match pins_out {
            Some(path) => {
                issued_pins::write(path, &summary.issued_pins)?;
                path.to_owned()
            }
            None => issued_pins::write_in(data_dir, &summary.issued_pins)?,
        };
        // Written out: the store need not keep them for an export any more.
        store.pins_exported(&summary.issued_pins)?;
        println!(
            "{} new PINs written to {} — hand them out, then delete the file; Welkom keeps only their hashes",
            summary.issued_pins.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
