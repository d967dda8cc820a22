//! The issued-PIN files: `issued-pins-YYYYMMDD-HHMMSS.csv`, with the guardian's id,
//! names and new PIN, `;`-separated for Dutch Excel, readable by the owner only.
//! Written once, for staff to hand the PINs out; Welkom itself keeps only hashes.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use welkom_core::csv::cell;
use welkom_store::IssuedPin;

/// How the name of every issued-PIN file starts.
pub const FILE_PREFIX: &str = "issued-pins-";

/// The header row.
pub const HEADER: &str = "guardian_id;guardian_first_name;guardian_last_name;pin";

/// A new file name in `folder`, stamped with the time now.
pub fn path_in(folder: &Path) -> PathBuf {
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    folder.join(format!("{FILE_PREFIX}{stamp}.csv"))
}

/// Writes PINs to a new issued-PIN file in `folder`; its path. Two files in one
/// second: the second gets a number instead of replacing the first.
pub fn write_in(folder: &Path, pins: &[IssuedPin]) -> anyhow::Result<PathBuf> {
    let mut path = path_in(folder);
    let mut n = 1;
    while path.exists() {
        n += 1;
        let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
        path = folder.join(format!("{FILE_PREFIX}{stamp}-{n}.csv"));
    }
    write(&path, pins)?;
    Ok(path)
}

/// Writes PINs to a new file at `path` (never replacing one), readable by the owner
/// only, and makes sure it is on disk.
pub fn write(path: &Path, pins: &[IssuedPin]) -> anyhow::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(contents(pins).as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Creates a new file readable by the owner only.
pub(crate) fn create_private(path: &Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))
}

/// The file's text: the header, then a row per PIN. Names and ids come from people,
/// so a spreadsheet shows them as text, never as a formula.
pub fn contents(pins: &[IssuedPin]) -> String {
    let mut out = format!("{HEADER}\n");
    for issued in pins {
        out.push_str(&format!(
            "{};{};{};{}\n",
            cell(&issued.guardian_id.0),
            cell(&issued.first_name),
            cell(&issued.last_name),
            cell(&issued.pin)
        ));
    }
    out
}

/// The issued-PIN files directly in `folder`, sorted.
pub fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.starts_with(FILE_PREFIX) && name.ends_with(".csv")
                })
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use welkom_core::GuardianId;

    #[test]
    fn names_that_look_like_formulas_are_written_as_text() {
        let pins = [IssuedPin {
            guardian_id: GuardianId("G1".into()),
            first_name: "=HYPERLINK(\"http://x\",\"y\")".into(),
            last_name: "+31 6 12345678".into(),
            pin: "48261".into(),
        }];
        assert_eq!(
            contents(&pins),
            "guardian_id;guardian_first_name;guardian_last_name;pin\n\
             G1;\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";'+31 6 12345678;48261\n"
        );
    }
}
