//! Taking an erased family out of the files in the data directory that name them:
//! the issued-PIN files (`issued-pins-*.csv`) and the roster files in the import
//! folder. Each such file is rewritten without the family's rows, or removed when no
//! row is left; the other rows stay byte for byte. A roster spreadsheet (`.xlsx`,
//! `.ods`) cannot be rewritten so: one that names the family is removed whole (the
//! roster is exported again from the childcare administration, without them).
//!
//! A rewrite never leaves a half-written file: the new text goes to a file beside it,
//! which then replaces the old one in one step. The old file's bytes are overwritten
//! with zeros before it is let go, so the family's names are not left in it.

use super::issued_pins;
use super::roster::IMPORT_FOLDER;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use welkom_core::csv::as_text;
use welkom_core::{ChildId, GuardianId};

/// What happened to one file that named the family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    /// The file.
    pub path: PathBuf,
    /// What was done.
    pub outcome: Outcome,
}

/// What was done to a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Rewritten without this many rows.
    Rewritten(usize),
    /// This many rows removed, and with them the last rows: the file is gone.
    Removed(usize),
    /// It could not be changed; the reason (the family's rows are still in it).
    Failed(String),
}

/// Removes the guardian's rows, and the rows of the erased children, from every
/// issued-PIN file in `data_dir` and every roster file in its import folder. Files
/// that do not name them are left alone.
pub fn erase_from_files(
    data_dir: &Path,
    guardian: &GuardianId,
    children_erased: &[ChildId],
) -> Vec<FileChange> {
    let mut changes = Vec::new();
    let guardian_as_written = as_text(&guardian.0);
    let written: &str = &guardian_as_written;
    for path in issued_pins::files_in(data_dir) {
        let result = rewrite(&path, |bytes| {
            without_rows(bytes, b';', |header: &csv::ByteRecord| {
                let column = column(header, "guardian_id").unwrap_or(0);
                move |row: &csv::ByteRecord| field_is(row, column, &[written])
            })
        });
        if let Some(change) = change(path, result) {
            changes.push(change);
        }
    }
    let children: Vec<String> = children_erased.iter().map(|c| c.0.clone()).collect();
    for path in roster_files(&data_dir.join(IMPORT_FOLDER)) {
        let result = rewrite(&path, |bytes| {
            if bytes.starts_with(ZIP) {
                spreadsheet_without(bytes, &guardian.0, &children)
            } else {
                roster_without(bytes, &guardian.0, &children)
            }
        });
        if let Some(change) = change(path, result) {
            changes.push(change);
        }
    }
    changes
}

fn change(path: PathBuf, result: std::io::Result<Option<Outcome>>) -> Option<FileChange> {
    match result {
        Ok(None) => None,
        Ok(Some(outcome)) => Some(FileChange { path, outcome }),
        Err(e) => Some(FileChange {
            path,
            outcome: Outcome::Failed(e.to_string()),
        }),
    }
}

/// The first bytes of a zip archive, as `.xlsx` and `.ods` files are.
const ZIP: &[u8] = b"PK\x03\x04";

/// A roster spreadsheet naming the family: removed whole (`None`), with the number
/// of its rows that named them. One that does not, or that cannot be read as a
/// roster, is left alone.
fn spreadsheet_without(bytes: &[u8], guardian: &str, children: &[String]) -> Remains {
    let Ok(roster) = welkom_core::roster::parse(bytes, &welkom_core::LanguageTag::dutch()) else {
        return (None, 0);
    };
    let rows = roster
        .links
        .iter()
        .filter(|&&(g, c)| {
            roster
                .guardians
                .get(g)
                .is_some_and(|g| g.guardian.id.0 == guardian)
                || roster
                    .children
                    .get(c)
                    .is_some_and(|c| children.contains(&c.id.0))
        })
        .count();
    (None, rows)
}

/// The roster files (CSV, `.xlsx`, `.ods`) directly in the import folder.
fn roster_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && p.extension().is_some_and(|e| {
                            let e = e.to_string_lossy();
                            ["csv", "xlsx", "ods"]
                                .iter()
                                .any(|known| e.eq_ignore_ascii_case(known))
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// What remains of a file after removing rows: the new bytes (`None` when only the
/// header is left) and how many rows went.
type Remains = (Option<Vec<u8>>, usize);

/// A roster file without the rows of the guardian or of an erased child. UTF-16 is
/// turned into text, filtered and written back in the same byte order; UTF-8 and
/// Windows-1252 are filtered as bytes (their separators and quotes are ASCII).
fn roster_without(bytes: &[u8], guardian: &str, children: &[String]) -> Remains {
    let children: Vec<&str> = children.iter().map(String::as_str).collect();
    let children = &children;
    let matcher = |header: &csv::ByteRecord| {
        let g = column(header, "guardian_id");
        let c = column(header, "child_id");
        move |row: &csv::ByteRecord| {
            g.is_some_and(|g| field_is(row, g, &[guardian]))
                || c.is_some_and(|c| field_is(row, c, children))
        }
    };
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((true, rest)),
        [0xFE, 0xFF, rest @ ..] => Some((false, rest)),
        _ => None,
    };
    let Some((little_endian, body)) = utf16 else {
        let separator = separator_of(bytes);
        return without_rows(bytes, separator, matcher);
    };
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|pair| {
            if little_endian {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        })
        .collect();
    let text = String::from_utf16_lossy(&units);
    let (kept, removed) = without_rows(text.as_bytes(), separator_of(text.as_bytes()), matcher);
    let kept = kept.map(|utf8| {
        let text = String::from_utf8_lossy(&utf8);
        let mut out = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            out.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    });
    (kept, removed)
}

/// The separator of a roster: `;`, `,` or tab, whichever the first line has most of
/// (outside quotes); `;` when none.
fn separator_of(bytes: &[u8]) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes.iter().skip_while(|b| b.is_ascii_whitespace()) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ => {
                if let Some(count) = counts.iter_mut().find(|(s, _)| *s == b && !quoted) {
                    count.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .fold((b';', 0), |best, &c| if c.1 > best.1 { c } else { best })
        .0
}

/// The bytes without the data rows that `matcher` (made from the header row) picks;
/// every other byte stays as it was. A row's bytes run from its first byte to the
/// first byte of the next row, so a blank line goes with the row before it. `None`
/// for the bytes when no data row is left.
fn without_rows<M, F>(bytes: &[u8], separator: u8, matcher: M) -> Remains
where
    M: FnOnce(&csv::ByteRecord) -> F,
    F: Fn(&csv::ByteRecord) -> bool,
{
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut matcher = Some(matcher);
    let mut is_match: Option<F> = None;
    // Where each data row starts, and whether it goes.
    let mut rows: Vec<(usize, bool)> = Vec::new();
    while let Ok(true) = reader.read_byte_record(&mut record) {
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        // The reader counts the line breaks before a row as its start; the row's
        // own bytes begin after them.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        match (&is_match, matcher.take()) {
            (None, Some(make)) => is_match = Some(make(&header_of(&record))),
            (Some(pick), _) => rows.push((start.min(bytes.len()), pick(&record))),
            (None, None) => {}
        }
    }
    let removed = rows.iter().filter(|(_, gone)| *gone).count();
    if removed == 0 {
        return (Some(bytes.to_vec()), 0);
    }
    if removed == rows.len() {
        return (None, removed);
    }
    let mut kept = bytes[..rows[0].0].to_vec();
    for (i, &(start, gone)) in rows.iter().enumerate() {
        let end = rows
            .get(i + 1)
            .map_or(bytes.len(), |next| next.0)
            .max(start);
        if !gone {
            kept.extend_from_slice(&bytes[start..end]);
        }
    }
    (Some(kept), removed)
}

/// The header row with names trimmed, in lower case, without a byte order mark.
fn header_of(record: &csv::ByteRecord) -> csv::ByteRecord {
    record
        .iter()
        .map(|name| {
            let name = name.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(name);
            name.trim_ascii().to_ascii_lowercase()
        })
        .collect()
}

/// The index of a column by its name.
fn column(header: &csv::ByteRecord, name: &str) -> Option<usize> {
    header.iter().position(|n| n == name.as_bytes())
}

/// Whether the row's field in `column` is one of `values` (spaces around ignored).
fn field_is(row: &csv::ByteRecord, column: usize, values: &[&str]) -> bool {
    row.get(column)
        .map(<[u8]>::trim_ascii)
        .is_some_and(|field| !field.is_empty() && values.iter().any(|v| v.as_bytes() == field))
}

/// Applies `filter` to the file's bytes; when it removed rows, replaces the file
/// (or removes it when no row is left) and overwrites the old bytes with zeros.
fn rewrite(path: &Path, filter: impl FnOnce(&[u8]) -> Remains) -> std::io::Result<Option<Outcome>> {
    let bytes = std::fs::read(path)?;
    let (kept, removed) = filter(&bytes);
    if removed == 0 {
        return Ok(None);
    }
    let mut old = std::fs::OpenOptions::new().write(true).open(path)?;
    let outcome = match kept {
        Some(kept) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temporary = path.with_file_name(format!(".{name}.erasing"));
            let _ = std::fs::remove_file(&temporary);
            let mut new = issued_pins::create_private(&temporary)
                .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
            if let Ok(meta) = std::fs::metadata(path) {
                let _ = new.set_permissions(meta.permissions());
            }
            let written = new.write_all(&kept).and_then(|()| new.sync_all());
            if let Err(e) = written {
                let _ = std::fs::remove_file(&temporary);
                return Err(e);
            }
            std::fs::rename(&temporary, path)?;
            Outcome::Rewritten(removed)
        }
        None => {
            std::fs::remove_file(path)?;
            Outcome::Removed(removed)
        }
    };
    // The old file is no longer reachable by its name; its bytes are overwritten.
    old.seek(SeekFrom::Start(0))?;
    old.write_all(&vec![0u8; bytes.len()])?;
    old.sync_all()?;
    if let Some(dir) = path.parent()
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(Some(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(bytes: &[u8], guardian: &str, children: &[&str]) -> Remains {
        let children: Vec<String> = children.iter().map(|c| (*c).to_owned()).collect();
        roster_without(bytes, guardian, &children)
    }

    #[test]
    fn a_roster_loses_the_family_rows_and_keeps_the_rest_byte_for_byte() {
        let roster = "\u{FEFF}Guardian_ID;guardian_first_name;child_id;child_first_name\r\n\
                      G1;Sanne;C1;Daan\r\n\
                      G2;Ümit;C2;Elif\r\n\
                      \r\n\
                      G1;Sanne;C3;\"Fleur; de tweede\"\r\n\
                      G3;Emma;C3;\"Fleur; de tweede\"\r\n";
        let (kept, removed) = ids(roster.as_bytes(), "G1", &["C3"]);
        assert_eq!(removed, 3);
        assert_eq!(
            String::from_utf8(kept.unwrap()).unwrap(),
            "\u{FEFF}Guardian_ID;guardian_first_name;child_id;child_first_name\r\n\
             G2;Ümit;C2;Elif\r\n\
             \r\n",
            "the blank line goes with the row before it"
        );
    }

    #[test]
    fn windows_1252_and_utf16_rosters_keep_their_encoding() {
        let latin = b"guardian_id,guardian_first_name\nG1,Ren\xe9e\nG2,Jo\xeblle\n";
        let (kept, removed) = ids(latin, "G1", &[]);
        assert_eq!(removed, 1);
        assert_eq!(
            kept.unwrap(),
            b"guardian_id,guardian_first_name\nG2,Jo\xeblle\n"
        );

        let text = "guardian_id\tguardian_first_name\nG1\tRenée\nG2\tJoëlle\n";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let (kept, removed) = ids(&utf16, "G1", &[]);
        assert_eq!(removed, 1);
        let mut expected = vec![0xFF, 0xFE];
        expected.extend(
            "guardian_id\tguardian_first_name\nG2\tJoëlle\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(kept.unwrap(), expected);
    }

    #[test]
    fn a_roster_spreadsheet_naming_the_family_is_removed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(IMPORT_FOLDER);
        std::fs::create_dir_all(&folder).unwrap();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let xlsx = folder.join("rooster.xlsx");
        let ods = folder.join("rooster.ODS");
        std::fs::copy(fixtures.join("roster.xlsx"), &xlsx).unwrap();
        std::fs::copy(fixtures.join("roster.ods"), &ods).unwrap();
        // A guardian in neither: both are left alone.
        let none = erase_from_files(dir.path(), &GuardianId("G-9".into()), &[]);
        assert!(none.is_empty(), "{none:?}");
        assert!(xlsx.exists() && ods.exists());
        // Guardian 1001 brings two children: both files go, each with two rows.
        let changes = erase_from_files(dir.path(), &GuardianId("1001".into()), &[]);
        assert_eq!(
            changes,
            vec![
                FileChange {
                    path: ods.clone(),
                    outcome: Outcome::Removed(2)
                },
                FileChange {
                    path: xlsx.clone(),
                    outcome: Outcome::Removed(2)
                },
            ]
        );
        assert!(!xlsx.exists() && !ods.exists());
    }

    #[test]
    fn a_file_of_only_the_family_is_removed_and_others_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let only = dir.path().join("issued-pins-20260302-081500.csv");
        let mixed = dir.path().join("issued-pins-20260302-081501.csv");
        let other = dir.path().join("issued-pins-20260302-081502.csv");
        std::fs::write(
            &only,
            format!("{}\nG1;Sanne;de Vries;48261\n", issued_pins::HEADER),
        )
        .unwrap();
        std::fs::write(
            &mixed,
            format!(
                "{}\nG2;Ümit;Yılmaz;73911\nG1;Sanne;de Vries;48261\n",
                issued_pins::HEADER
            ),
        )
        .unwrap();
        let untouched = format!("{}\nG3;Emma;Bakker;39171\n", issued_pins::HEADER);
        std::fs::write(&other, &untouched).unwrap();

        let changes = erase_from_files(dir.path(), &GuardianId("G1".into()), &[]);
        assert_eq!(
            changes,
            [
                FileChange {
                    path: only.clone(),
                    outcome: Outcome::Removed(1)
                },
                FileChange {
                    path: mixed.clone(),
                    outcome: Outcome::Rewritten(1)
                },
            ]
        );
        assert!(!only.exists());
        assert_eq!(
            std::fs::read_to_string(&mixed).unwrap(),
            format!("{}\nG2;Ümit;Yılmaz;73911\n", issued_pins::HEADER)
        );
        assert_eq!(std::fs::read_to_string(&other).unwrap(), untouched);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no file left over: {names:?}");
    }
}
