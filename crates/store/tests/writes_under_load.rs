//! A rating is never refused because another connection writes: a thread imports
//! the roster and runs retention in a loop on the same file while ratings are
//! recorded. And a data directory that can only be read gives an error that says so.

use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use welkom_core::{ChildId, EventId, GuardianId, LanguageTag, Moment, Scale};
use welkom_store::{BUSY_TIMEOUT, NewRating, NewVisit, Privacy, Store, WriteProblem};

/// An invented roster of `families` guardians with two children each.
fn roster(families: usize) -> welkom_core::roster::Roster {
    let mut csv = String::from(
        "guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group\n",
    );
    for g in 0..families {
        for c in 0..2 {
            writeln!(
                csv,
                "G{g};Ouder{g};Achternaam{g};{};C{g}x{c};Kind{g}x{c};Groep{}",
                30_000 + g * 7,
                g % 6
            )
            .unwrap();
        }
    }
    welkom_core::roster::parse(csv.as_bytes(), &LanguageTag::dutch()).unwrap()
}

fn today() -> Date {
    "2026-03-02".parse().unwrap()
}

fn visit(n: usize, at: Timestamp) -> NewVisit {
    let g = n % 50;
    NewVisit {
        id: EventId::new(),
        guardian_id: GuardianId(format!("G{g}")),
        moment: if n.is_multiple_of(2) {
            Moment::DropOff
        } else {
            Moment::PickUp
        },
        moment_corrected: false,
        children: vec![ChildId(format!("C{g}x0")), ChildId(format!("C{g}x1"))],
        at,
        local_date: today(),
    }
}

#[test]
fn ratings_are_all_stored_while_another_thread_imports_and_runs_retention() {
    // At least 300 ratings, and on until the writer has done three rounds.
    const RATINGS: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("welkom.sqlite");
    let big = roster(400);
    let start: Timestamp = "2026-03-02T07:00:00Z".parse().unwrap();
    let mut store = Store::open(&path).unwrap();
    store.import_roster(&big, start).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let writes = Arc::new(AtomicU64::new(0));
    let writer = {
        let (stop, writes, path) = (stop.clone(), writes.clone(), path.clone());
        std::thread::spawn(move || -> Result<Duration, String> {
            let mut other = Store::open(&path).map_err(|e| e.to_string())?;
            let mut longest = Duration::ZERO;
            while !stop.load(Ordering::Relaxed) {
                // A full roster in one transaction: 400 guardians, 800 children.
                let began = Instant::now();
                other
                    .import_roster(&big, start)
                    .map_err(|e| format!("import: {e}"))?;
                longest = longest.max(began.elapsed());
                // Retention up to today: its batches, each a write transaction
                // (today's ratings are not old enough to change).
                other
                    .apply_retention(today())
                    .map_err(|e| format!("retention: {e}"))?;
                writes.fetch_add(1, Ordering::Relaxed);
            }
            Ok(longest)
        })
    };
    // Let the writer get going.
    while writes.load(Ordering::Relaxed) == 0 {
        std::thread::sleep(Duration::from_millis(5));
    }

    let mut waits = Vec::with_capacity(RATINGS);
    let mut refused = Vec::new();
    let mut n = 0;
    while n < RATINGS || (writes.load(Ordering::Relaxed) < 4 && n < 20 * RATINGS) {
        let at = start + jiff::SignedDuration::from_secs(n as i64);
        let rating = NewRating {
            id: EventId::new(),
            score: 1 + (n % 4) as u8,
            scale: Scale::default(),
            at,
            misuse: false,
            privacy: Privacy::Linked,
            replaces: None,
        };
        let began = Instant::now();
        if let Err(e) = store.record_rating(&visit(n, at), &rating) {
            refused.push(format!("rating {n}: {e}"));
        }
        waits.push(began.elapsed());
        n += 1;
    }
    let given = n;
    let writer_rounds = writes.load(Ordering::Relaxed) - 1;
    stop.store(true, Ordering::Relaxed);
    let longest_import = writer
        .join()
        .unwrap()
        .expect("the writer never fails either");

    assert!(refused.is_empty(), "refused: {refused:?}");
    let stored: Vec<_> = store.ratings_between(None, None).unwrap();
    assert_eq!(stored.len(), given, "every rating is stored");
    assert!(
        writer_rounds >= 3,
        "the writer kept writing meanwhile ({writer_rounds} rounds)"
    );
    waits.sort();
    let longest = *waits.last().unwrap();
    let p99 = waits[given * 99 / 100];
    eprintln!(
        "{given} ratings beside {writer_rounds} import+retention rounds \
         (longest import {longest_import:?}): median wait {:?}, p99 {p99:?}, longest {longest:?}",
        waits[given / 2]
    );
    // A tap never waits longer than the longest transaction of the other writer
    // and a little more, far below the point where the store gives up.
    assert!(
        longest < longest_import * 3 + Duration::from_millis(500),
        "longest wait {longest:?}, longest import {longest_import:?}"
    );
    assert!(longest < BUSY_TIMEOUT / 2, "longest wait {longest:?}");
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// The data directory mounted read-only: opening the store fails with an error that
/// names the file and reads as "read-only", never a panic. Needs root to mount, so
/// it runs only when asked for (`--include-ignored`, as CI does).
#[test]
#[ignore = "needs root: makes a read-only bind mount (run as root with --include-ignored)"]
fn a_read_only_data_directory_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let view = dir.path().join("read-only");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&view).unwrap();
    drop(Store::open(&data.join("welkom.sqlite")).unwrap());
    let mounted = std::process::Command::new("mount")
        .args(["--bind", "-o", "ro"])
        .arg(&data)
        .arg(&view)
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        mounted,
        "a read-only bind mount failed: this test needs root (mount --bind -o ro)"
    );
    // A bind mount made with `-o ro` is read-only at once on current util-linux;
    // remount it to be sure on older ones.
    let _ = std::process::Command::new("mount")
        .args(["-o", "remount,ro,bind"])
        .arg(&view)
        .status();
    let opened = Store::open(&view.join("welkom.sqlite"));
    let problem = opened.as_ref().err().map(|e| e.write_problem());
    let _ = std::process::Command::new("umount").arg(&view).status();
    let error = match opened {
        Ok(_) => panic!("a read-only data directory cannot be written"),
        Err(e) => e,
    };
    let words = error.to_string();
    assert_eq!(problem, Some(WriteProblem::ReadOnly), "{words}");
    assert!(words.contains("welkom.sqlite"), "names the file: {words}");
}
