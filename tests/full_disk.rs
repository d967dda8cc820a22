//! A full disk through the real app: the tap gets the "could not save" message,
//! nothing panics, staff mode says why in words, and once there is room again the
//! next tap is stored.
//!
//! The data directory is a 4 MiB tmpfs mounted for the test (we run as root in CI),
//! and the disk is filled with a file until the file system refuses another byte.
//! Where mounting is not permitted, the database is capped at its size instead
//! (SQLite's `max_page_count`) and ratings are given until one does not fit; under
//! `WELKOM_REQUIRE_TOOLS=1` the mount must work.

mod common;

use common::{MANAGER_PIN, MONDAY_MORNING, kiosk, kiosk_in, rate_once, sign_in};
use egui_kittest::kittest::Queryable;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use welkom::kiosk::Screen;
use welkom_store::{StaffRole, WriteProblem};

const SAVE_FAILED: &str = "Er ging iets mis. Probeer het nog eens of meld het even bij ons.";

/// A small tmpfs, unmounted when dropped.
struct SmallDisk {
    mount: PathBuf,
    _parent: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<Self> {
        let parent = tempfile::tempdir().ok()?;
        let mount = parent.path().join("disk");
        std::fs::create_dir(&mount).ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
            .arg(&mount)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(Self {
            mount,
            _parent: parent,
        })
    }

    /// Writes a file until the file system takes no more bytes.
    fn fill(&self) -> PathBuf {
        let filler = self.mount.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        for chunk in [64 * 1024, 4096, 512, 1] {
            let bytes = vec![0x5a_u8; chunk];
            while file
                .write_all(&bytes)
                .and_then(|()| file.sync_all())
                .is_ok()
            {}
        }
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.mount)
            .status();
    }
}

fn empty_the_log(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join("welkom.sqlite")).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

#[test]
fn a_tap_on_a_full_disk_says_it_failed_staff_see_why_and_it_carries_on() {
    let disk = SmallDisk::mount();
    if disk.is_none() {
        assert!(
            std::env::var_os("WELKOM_REQUIRE_TOOLS").is_none(),
            "mounting a tmpfs failed; the full-disk test needs root"
        );
        eprintln!("mounting a tmpfs is not permitted: the database is capped instead");
    }
    let mut k = match &disk {
        Some(disk) => kiosk_in(
            tempfile::tempdir_in(&disk.mount).unwrap(),
            "",
            MONDAY_MORNING,
            egui::vec2(1280.0, 800.0),
        ),
        None => kiosk("", MONDAY_MORNING),
    };
    let now = k.harness.state().kiosk.now();
    k.harness
        .state_mut()
        .kiosk
        .store
        .add_staff("Anouk", StaffRole::Manager, MANAGER_PIN, now)
        .unwrap();
    assert!(rate_once(&mut k), "a tap is stored while there is room");

    // The disk fills up.
    let filler = match &disk {
        Some(disk) => {
            empty_the_log(k.dir.path());
            Some(disk.fill())
        }
        None => {
            k.harness
                .state()
                .kiosk
                .store
                .cap_size_for_tests(true)
                .unwrap();
            None
        }
    };
    let mut stored = 1;
    let mut attempts = 0;
    loop {
        attempts += 1;
        if !rate_once(&mut k) {
            break;
        }
        stored += 1;
        assert!(
            disk.is_none() && attempts < 300,
            "a tap on a full disk was stored"
        );
    }
    // The parent hears only that it did not work, and can try again.
    assert!(k.shows(SAVE_FAILED));
    let problem = *k
        .harness
        .state()
        .kiosk
        .save_problem()
        .expect("the kiosk knows");
    assert_eq!(problem.problem, WriteProblem::DiskFull);
    assert_eq!(k.ratings().len(), stored, "nothing half-written");

    // Staff see why, in words.
    sign_in(&mut k, MANAGER_PIN);
    assert!(matches!(k.screen(), Screen::Staff(_)));
    assert!(
        k.harness
            .query_by_label_contains("de opslag van deze tablet is vol")
            .is_some(),
        "staff mode says the storage is full"
    );
    k.tap("Sluiten");

    // Room again: the next tap is stored, and the line is gone.
    match filler {
        Some(filler) => std::fs::remove_file(filler).unwrap(),
        None => k
            .harness
            .state()
            .kiosk
            .store
            .cap_size_for_tests(false)
            .unwrap(),
    }
    assert!(rate_once(&mut k), "the next tap is stored");
    assert_eq!(k.ratings().len(), stored + 1);
    assert!(k.harness.state().kiosk.save_problem().is_none());
    sign_in(&mut k, MANAGER_PIN);
    assert!(
        k.harness
            .query_by_label_contains("de opslag van deze tablet is vol")
            .is_none()
    );
    k.tap("Sluiten");
    assert_eq!(
        k.harness.state().kiosk.store.integrity_check().unwrap(),
        "ok"
    );
    drop(k);
    drop(disk);
}

/// A talk request after a low face that cannot be saved says so on the thank-you
/// screen instead of "we will come back to you"; with room again it is saved.
#[test]
#[ignore = "needs root: mounts a small tmpfs (run as root with --include-ignored)"]
fn a_talk_request_on_a_full_disk_says_it_was_not_saved() {
    let disk =
        SmallDisk::mount().expect("mounting a tmpfs failed: this test needs root (mount -t tmpfs)");
    let mut k = kiosk_in(
        tempfile::tempdir_in(&disk.mount).unwrap(),
        "",
        MONDAY_MORNING,
        egui::vec2(1280.0, 800.0),
    );
    k.type_pin("4826");
    k.tap("Matig");
    assert!(k.shows("Wat kan beter?"));
    k.wait(Duration::from_millis(1600));
    empty_the_log(k.dir.path());
    let filler = disk.fill();
    k.tap("Ik wil graag even praten");
    assert!(k.shows(SAVE_FAILED));
    assert!(
        !k.shows("We komen bij je terug"),
        "no promise that was not kept"
    );
    assert!(!k.ratings()[0].talk_request);

    std::fs::remove_file(filler).unwrap();
    k.tap("Ik wil graag even praten");
    k.tap("Ik wil graag even praten");
    assert!(k.shows("We komen bij je terug"));
    assert!(k.ratings()[0].talk_request, "saved once there is room");
    drop(k);
    drop(disk);
}
