//! The data directory's file system turning read-only while the kiosk runs (an SD
//! card or disk that reports errors, remounted read-only by the kernel): the tap
//! gets the "could not save" message, nothing panics, staff mode says why in words,
//! the kiosk carries on (identification, staff mode), and once the file system is
//! repaired and the kiosk started again, everything stored before is there and the
//! next tap is stored.
//!
//! The data directory is on a small ext4 image mounted through a loop device with
//! `errors=remount-ro`; the test makes ext4 report an error
//! (`/sys/fs/ext4/<device>/trigger_fs_error`), which turns it read-only with the
//! database open, as a failing card would. Needs root, `losetup` and `mkfs.ext4`.

mod common;

use common::{
    MANAGER_PIN, MONDAY_MORNING, TestKiosk, kiosk_in, kiosk_reopened, rate_once, sign_in,
};
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::Command;
use welkom::kiosk::Screen;
use welkom_store::{StaffRole, WriteProblem};

const SAVE_FAILED: &str = "Er ging iets mis. Probeer het nog eens of meld het even bij ons.";
const SAVE_FAILED_POLISH: &str = "Coś poszło nie tak. Spróbuj jeszcze raz albo daj nam znać.";
const STAFF_LINE: &str = "de gegevensmap kan alleen gelezen worden";

/// An ext4 file system on a loop device, unmounted when dropped.
struct Ext4Disk {
    image: PathBuf,
    mount: PathBuf,
    /// The kernel's name of the device (`loop3`).
    device: String,
    _parent: tempfile::TempDir,
}

fn run(command: &mut Command) -> Result<String, String> {
    let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    match out.status.success() {
        true => Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned()),
        false => Err(format!(
            "{command:?}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

impl Ext4Disk {
    fn mount() -> Result<Self, String> {
        let parent = tempfile::tempdir().map_err(|e| e.to_string())?;
        let image = parent.path().join("disk.img");
        let mount = parent.path().join("disk");
        std::fs::create_dir(&mount).map_err(|e| e.to_string())?;
        std::fs::File::create(&image)
            .and_then(|f| f.set_len(32 * 1024 * 1024))
            .map_err(|e| e.to_string())?;
        run(Command::new("mkfs.ext4").args(["-q", "-F"]).arg(&image))?;
        run(Command::new("mount")
            .args(["-o", "loop,errors=remount-ro"])
            .arg(&image)
            .arg(&mount))?;
        let source = run(Command::new("findmnt")
            .args(["-n", "-o", "SOURCE"])
            .arg(&mount))?;
        let device = Path::new(&source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("no device for {}", mount.display()))?;
        Ok(Self {
            image,
            mount,
            device,
            _parent: parent,
        })
    }

    /// Makes ext4 report an error: with `errors=remount-ro` it turns read-only at
    /// once, open files and all.
    fn fail(&self) {
        std::fs::write(
            format!("/sys/fs/ext4/{}/trigger_fs_error", self.device),
            "test: a failing card",
        )
        .unwrap();
        assert!(
            std::fs::File::create(self.mount.join("probe")).is_err(),
            "the file system is read-only now"
        );
    }

    /// The administrator's repair: unmount, check, mount again.
    fn repair(&self) {
        run(Command::new("umount").arg(&self.mount)).unwrap();
        // e2fsck exits 1 when it corrected something: that is a repair, not a failure.
        let checked = Command::new("e2fsck")
            .args(["-f", "-y"])
            .arg(&self.image)
            .output()
            .unwrap();
        assert!(
            matches!(checked.status.code(), Some(0 | 1)),
            "e2fsck: {}",
            String::from_utf8_lossy(&checked.stdout)
        );
        run(Command::new("mount")
            .args(["-o", "loop,errors=remount-ro"])
            .arg(&self.image)
            .arg(&self.mount))
        .unwrap();
    }
}

impl Drop for Ext4Disk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
    }
}

#[test]
#[ignore = "needs root, losetup and mkfs.ext4: mounts an ext4 image (run as root with --include-ignored)"]
fn a_data_directory_turning_read_only_while_running_says_so_and_carries_on_when_repaired() {
    let disk = Ext4Disk::mount().unwrap_or_else(|e| {
        panic!("mounting an ext4 image failed ({e}); run as root on a machine with loop devices")
    });
    let mut k = kiosk_in(
        tempfile::tempdir_in(&disk.mount).unwrap(),
        "",
        MONDAY_MORNING,
        egui::vec2(1280.0, 800.0),
    );
    let now = k.harness.state().kiosk.now();
    k.harness
        .state_mut()
        .kiosk
        .store
        .add_staff("Anouk", StaffRole::Manager, MANAGER_PIN, now)
        .unwrap();
    assert!(rate_once(&mut k), "a tap is stored while the disk is well");

    disk.fail();
    assert!(!rate_once(&mut k), "a tap on a read-only disk was stored");
    assert!(k.shows(SAVE_FAILED));
    let problem = *k
        .harness
        .state()
        .kiosk
        .save_problem()
        .expect("the kiosk knows");
    assert_eq!(problem.problem, WriteProblem::ReadOnly);
    assert!(!rate_once(&mut k), "still read-only");

    // Piotr reads Polish: he is told in Polish, not in the location's Dutch.
    k.type_pin("6048");
    assert!(matches!(k.screen(), Screen::Rate(_)), "identified");
    k.tap("Super");
    assert!(k.on_welcome());
    assert!(
        k.shows(SAVE_FAILED_POLISH),
        "the notice is in Piotr's language"
    );
    assert!(!k.shows(SAVE_FAILED));

    // Staff see why, in words (staff mode itself needs no write to open).
    sign_in(&mut k, MANAGER_PIN);
    assert!(matches!(k.screen(), Screen::Staff(_)));
    assert!(
        k.harness.query_by_label_contains(STAFF_LINE).is_some(),
        "staff mode says the data directory can only be read"
    );
    k.tap("Sluiten");

    // The kiosk carries on: a parent is still greeted, a tap still answered.
    assert!(!rate_once(&mut k));
    let failed = k
        .harness
        .state()
        .kiosk
        .save_problem()
        .unwrap()
        .failed_writes;
    assert!(failed >= 3, "{failed} failed writes counted");

    // Repaired and started again: the tap from before is there, the next is stored.
    let TestKiosk { harness, dir, .. } = k;
    drop(harness);
    disk.repair();
    let mut k = kiosk_reopened(dir, MONDAY_MORNING, egui::vec2(1280.0, 800.0));
    assert_eq!(k.ratings().len(), 1, "what was stored before is kept");
    assert!(rate_once(&mut k), "the next tap is stored");
    assert_eq!(k.ratings().len(), 2);
    assert!(k.harness.state().kiosk.save_problem().is_none());
    assert_eq!(
        k.harness.state().kiosk.store.integrity_check().unwrap(),
        "ok"
    );
    drop(k);
    drop(disk);
}
