//! `welkom import-roster FILE`: all-or-nothing, every problem reported by line, PINs
//! issued where the roster gives none and written once to a file for staff.

use anyhow::Context;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use welkom_core::roster;
use welkom_store::{ImportSummary, IssuedPin, Store};

/// Reads, checks and applies a roster file; on any problem nothing changes.
pub fn import_roster_file(
    store: &mut Store,
    file: &Path,
    default_language: &welkom_core::LanguageTag,
) -> anyhow::Result<Result<ImportSummary, roster::RosterError>> {
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

/// Runs the command.
pub fn run(data_dir: &Path, file: &Path, pins_out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let config = super::load_config(data_dir)?;
    let mut store = super::open_store(data_dir)?;
    let summary = match import_roster_file(&mut store, file, &config.location.language)? {
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
            Some(path) => path.to_owned(),
            None => issued_pins_path(data_dir),
        };
        write_issued_pins(&path, &summary.issued_pins)?;
        println!(
            "{} new PINs written to {} — hand them out, then delete the file; Welkom keeps only their hashes",
            summary.issued_pins.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn issued_pins_path(folder: &Path) -> PathBuf {
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    folder.join(format!("issued-pins-{stamp}.csv"))
}

/// Writes newly issued PINs to a new `issued-pins-…csv` in a folder; returns its path.
pub fn write_issued_pins_in(folder: &Path, pins: &[IssuedPin]) -> anyhow::Result<PathBuf> {
    let mut path = issued_pins_path(folder);
    // Two exports in one second: the second gets a number instead of replacing.
    let mut n = 1;
    while path.exists() {
        n += 1;
        let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
        path = folder.join(format!("issued-pins-{stamp}-{n}.csv"));
    }
    write_issued_pins(&path, pins)?;
    Ok(path)
}

/// Writes the newly issued PINs once, readable by the owner only.
fn write_issued_pins(path: &Path, pins: &[IssuedPin]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = String::from("guardian_id;guardian_first_name;guardian_last_name;pin\n");
    for issued in pins {
        out.push_str(&format!(
            "{};{};{};{}\n",
            csv_field(&issued.guardian_id.0),
            csv_field(&issued.first_name),
            csv_field(&issued.last_name),
            issued.pin
        ));
    }
    file.write_all(out.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

fn csv_field(text: &str) -> String {
    if text.contains([';', '"', '\n', ',']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
