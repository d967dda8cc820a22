//! `welkom family export|erase --guardian-id ID`: the right of access and the right
//! to be forgotten, for one family at a time.
//!
//! The export prints names (that is its purpose); the erasure lists what it removes
//! by id only, and logs counts only.

use crate::files::erase::{self, Outcome};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use welkom_core::{ChildId, GuardianId};
use welkom_store::FamilyErasure;

/// Prints everything held about the family as JSON; exit code 2 for an unknown id.
pub fn export(data_dir: &Path, guardian_id: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data_dir)?;
    let Some(record) = store.family_export(&GuardianId(guardian_id.to_owned()))? else {
        return Ok(unknown(guardian_id, store.path()));
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, &record)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// Erases the family (with `yes`), or says what would be erased; exit code 2 for an
/// unknown id.
pub fn erase(data_dir: &Path, guardian_id: &str, yes: bool) -> anyhow::Result<ExitCode> {
    let mut store = super::open_store(data_dir)?;
    let id = GuardianId(guardian_id.to_owned());
    if !yes {
        let Some(erasure) = store.preview_family_erase(&id)? else {
            return Ok(unknown(guardian_id, store.path()));
        };
        println!("Erasing guardian {guardian_id} would remove:");
        print_erasure(&erasure);
        println!(
            "Nothing was changed. To erase, run again with --yes:\n  welkom family erase --guardian-id {guardian_id} --yes"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let Some(erasure) = store.erase_family(&id, jiff::Timestamp::now())? else {
        return Ok(unknown(guardian_id, store.path()));
    };
    tracing::info!(
        children_erased = erasure.children_erased.len(),
        children_kept = erasure.children_kept.len(),
        visits = erasure.visits_unlinked.len(),
        ratings = erasure.ratings_unlinked.len(),
        follow_ups = erasure.follow_ups_unlinked.len(),
        notes = erasure.notes_emptied.len(),
        events_rewritten = erasure.outbox_rewritten.len(),
        events_deleted = erasure.outbox_deleted.len(),
        "a family was erased"
    );
    println!("Erased guardian {guardian_id}. Removed:");
    print_erasure(&erasure);
    if let Some(event) = erasure.erased_event {
        println!(
            "Event for the upstream to erase the family too: nl.welkom.family.erased.v1 {event}"
        );
    }
    let compacted = store.compact();
    let files_done = erase_from_files(data_dir, &erasure);
    match compacted {
        Ok(true) if files_done => Ok(ExitCode::SUCCESS),
        Ok(true) => Ok(ExitCode::from(1)),
        Ok(false) => {
            eprintln!(
                "The family is erased, but the database could not be compacted completely \
                 while the kiosk was using it: old copies may remain in unused parts of the \
                 file until it is. Stop the kiosk and run `welkom retention` to compact it."
            );
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!(
                "The family is erased, but compacting the database failed ({e}): old copies \
                 may remain in unused parts of the file until it is compacted. Stop the \
                 kiosk and run `welkom retention` to compact it."
            );
            Ok(ExitCode::from(1))
        }
    }
}

/// The error for an id the store does not know.
fn unknown(guardian_id: &str, database: &Path) -> ExitCode {
    eprintln!(
        "No guardian with id '{guardian_id}' in {}. Use the id from the roster's guardian_id \
         column (a family that was erased is no longer known).",
        database.display()
    );
    ExitCode::from(2)
}

fn print_erasure(e: &FamilyErasure) {
    println!("  the guardian: 1");
    section("children", &ids(&e.children_erased), "child");
    if !e.children_kept.is_empty() {
        section(
            "children kept, because another guardian still brings them",
            &ids(&e.children_kept),
            "child",
        );
    }
    println!(
        "  links between guardians and children: {}",
        e.links_removed
    );
    section("visits, guardian unlinked", &e.visits_unlinked, "visit");
    println!(
        "  children removed from visits: {}",
        e.visit_children_removed
    );
    section(
        "ratings, guardian and visit unlinked (the face, day and moment stay)",
        &e.ratings_unlinked,
        "rating",
    );
    section(
        "talk requests, guardian unlinked",
        &e.follow_ups_unlinked,
        "follow-up",
    );
    section(
        "staff notes, text emptied (that they were handled stays)",
        &e.notes_emptied,
        "note",
    );
    section(
        "waiting events, rewritten without the family",
        &e.outbox_rewritten,
        "event",
    );
    section("sent events, deleted", &e.outbox_deleted, "event");
}

fn section(title: &str, ids: &[String], kind: &str) {
    println!("  {title}: {}", ids.len());
    for id in ids {
        println!("    {kind} {id}");
    }
}

fn ids(children: &[ChildId]) -> Vec<String> {
    children.iter().map(|c| c.0.clone()).collect()
}

/// Takes the family out of the files in the data directory (issued-PIN files, roster
/// files in the import folder) and says what is left to do by hand. Whether every
/// file could be changed.
fn erase_from_files(data_dir: &Path, erasure: &FamilyErasure) -> bool {
    let changes = erase::erase_from_files(data_dir, &erasure.guardian_id, &erasure.children_erased);
    let mut complete = true;
    if !changes.is_empty() {
        println!("Files in {} that named the family:", data_dir.display());
    }
    for change in &changes {
        let path = change.path.display();
        match &change.outcome {
            Outcome::Rewritten(rows) => println!("  {path}: {rows} row(s) removed"),
            Outcome::Removed(rows) => {
                println!("  {path}: {rows} row(s) removed, nothing else in it: file removed")
            }
            Outcome::Failed(reason) => {
                complete = false;
                eprintln!(
                    "{path} still names the family: it could not be rewritten ({reason}). \
                     Remove the family's rows from it by hand, or delete it."
                );
            }
        }
    }
    tracing::info!(
        files = changes.len(),
        "files in the data directory checked for the family"
    );
    println!(
        "Also remove the family from the roster you import (and from copies outside {}), \
         or the next import adds them again.",
        data_dir.display()
    );
    complete
}
