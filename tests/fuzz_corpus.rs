//! Every input the fuzzers keep (`fuzz/corpus/<target>/`: the seeds, and what the
//! fuzzers found interesting, findings included) is read again here by the same
//! function and held to the same rules as in `fuzz/fuzz_targets/`, so a plain
//! `cargo test` replays the corpus without a nightly compiler.

#[path = "../fuzz/roster_rules.rs"]
mod roster_rules;
#[path = "../fuzz/sheet_zip.rs"]
mod sheet_zip;

use std::path::{Path, PathBuf};
use welkom_core::LanguageTag;
use welkom_hub::api::batch::MAX_BATCH_EVENTS;

/// The files of a target's corpus; a target has at least its seeds.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|entry| {
            let path = entry.path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    files.sort();
    assert!(
        files.iter().any(|(p, _)| p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))),
        "{}: the seeds are missing",
        dir.display()
    );
    files
}

/// Runs `check` on every file, naming the file that panics.
fn replay(target: &str, check: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    let files = corpus(target);
    for (path, bytes) in &files {
        if std::panic::catch_unwind(|| check(bytes)).is_err() {
            panic!("{}: see the panic above", path.display());
        }
    }
}

#[test]
fn the_roster_corpus_parses_without_a_panic() {
    replay("roster", roster_rules::check);
    let seeds = corpus("roster")
        .into_iter()
        .filter(|(path, _)| path.to_string_lossy().contains("/seed-"));
    for (path, bytes) in seeds {
        let parsed = welkom_core::roster::parse(&bytes, &LanguageTag::dutch());
        assert!(parsed.is_ok(), "{}: {parsed:?}", path.display());
    }
}

#[test]
fn the_roster_sheet_corpus_parses_without_a_panic() {
    replay("roster_sheet", |bytes| {
        if let Some(file) = sheet_zip::sheet_file(bytes) {
            roster_rules::check(&file);
        }
    });
    let seeds = corpus("roster_sheet")
        .into_iter()
        .filter(|(path, _)| path.to_string_lossy().contains("/seed-"));
    for (path, bytes) in seeds {
        let file = sheet_zip::sheet_file(&bytes).unwrap();
        let parsed = welkom_core::roster::parse(&file, &LanguageTag::dutch());
        assert!(parsed.is_ok(), "{}: {parsed:?}", path.display());
    }
}

#[test]
fn the_configuration_corpus_loads_without_a_panic() {
    replay("config", |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        match welkom::config::load_text(text, Path::new("welkom.toml")) {
            Ok(config) => {
                let _ = format!("{config:?}");
            }
            Err(error) => {
                assert!(error.to_string().starts_with("welkom.toml"), "{error}");
            }
        }
    });
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/config/seed-default.toml"),
    )
    .unwrap();
    assert!(welkom::config::load_text(&seed, Path::new("welkom.toml")).is_ok());
}

#[test]
fn the_batch_corpus_is_checked_without_a_panic() {
    replay("batch", |bytes| {
        if let Ok(batch) = welkom_hub::api::batch::check_batch(bytes, "L1", "D1") {
            assert!(batch.checked.len() + batch.refused.len() <= MAX_BATCH_EVENTS);
            for event in &batch.checked {
                assert_eq!(event.source, "/locations/L1/devices/D1");
            }
        }
    });
    let seed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/batch/seed-rating-and-visit.json"),
    )
    .unwrap();
    let batch = welkom_hub::api::batch::check_batch(&seed, "L1", "D1").unwrap();
    assert_eq!((batch.checked.len(), batch.refused.len()), (2, 0));
}

#[test]
fn the_sync_answer_corpus_is_read_without_a_panic() {
    use welkom_sync::{Accounting, account};
    const SENT: [&str; 4] = [
        "0190a0b2-7c4e-7d3a-9f00-000000000001",
        "0190a0b2-7c4e-7d3a-9f00-000000000002",
        "0190a0b2-7c4e-7d3a-9f00-000000000003",
        "",
    ];
    // The same split of the input as fuzz/fuzz_targets/sync_answer.rs.
    let read = |input: &[u8]| {
        let (status, body) = match input {
            [high, low, body @ ..] => (u16::from_be_bytes([*high, *low]), body),
            _ => (200, input),
        };
        let sent = &SENT[..1 + usize::from(status % 4)];
        (status, sent.len(), account(status, body, sent))
    };
    replay("sync_answer", |bytes| {
        let (status, sent, accounting) = read(bytes);
        match accounting {
            Accounting::Delivered { refused } | Accounting::Unaccounted { refused, .. } => {
                assert!((200..300).contains(&status));
                assert!(refused.len() <= sent);
            }
            Accounting::TooLarge => assert_eq!(status, 413),
            Accounting::TokenRefused => assert!(status == 401 || status == 403),
            Accounting::Failed { status: failed } => assert_eq!(failed, status),
        }
    });
    let seed = |name: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fuzz/corpus/sync_answer")
                .join(name),
        )
        .unwrap()
    };
    // 202 without a body accounts for every event sent; a refusal is set aside.
    assert!(matches!(
        read(&seed("seed-202-empty")).2,
        Accounting::Delivered { refused } if refused.is_empty()
    ));
    assert!(matches!(
        read(&seed("seed-refused")).2,
        Accounting::Delivered { refused } if refused.len() == 1
    ));
}
