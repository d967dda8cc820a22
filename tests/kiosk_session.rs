//! The kiosk session script (`packaging/kiosk/kiosk-session`, installed as
//! `/usr/lib/welkom/kiosk-session`): it reads `[display] rotation` with
//! `welkom check-config --print display.rotation` and starts cage with one `-r` per
//! quarter turn, never with `-s` (no switching to another virtual terminal).

use std::path::Path;
use std::process::Command;

/// Runs the script with a stand-in for cage that prints its arguments.
fn session_arguments(data_dir: &Path) -> String {
    let fake_cage = data_dir.join("fake-cage");
    std::fs::write(&fake_cage, "#!/bin/sh\necho \"$@\"\n").unwrap();
    std::fs::set_permissions(
        &fake_cage,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/kiosk/kiosk-session");
    let out = Command::new(script)
        .env("WELKOM_BINARY", env!("CARGO_BIN_EXE_welkom"))
        .env("WELKOM_CAGE", &fake_cage)
        .env("WELKOM_DATA_DIR", data_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn each_quarter_turn_is_one_rotate_flag_for_cage() {
    let dir = tempfile::tempdir().unwrap();
    let welkom = env!("CARGO_BIN_EXE_welkom");
    for (degrees, flags) in [
        (0, "-d"),
        (90, "-d -r"),
        (180, "-d -r -r"),
        (270, "-d -r -r -r"),
    ] {
        std::fs::write(
            dir.path().join("welkom.toml"),
            format!("[display]\nrotation = {degrees}\n"),
        )
        .unwrap();
        assert_eq!(
            session_arguments(dir.path()),
            format!("{flags} -- {welkom}")
        );
    }
}

#[test]
fn a_broken_config_starts_the_session_unrotated_so_the_kiosk_can_say_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("welkom.toml"), "[display]\nrotation = 45\n").unwrap();
    let welkom = env!("CARGO_BIN_EXE_welkom");
    assert_eq!(session_arguments(dir.path()), format!("-d -- {welkom}"));
    let out = Command::new(welkom)
        .args(["check-config", "--print", "display.rotation"])
        .env("WELKOM_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2") && err.contains("0, 90, 180 or 270"),
        "{err}"
    );
}

#[test]
fn check_config_prints_the_rotation_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("welkom.toml"), "[display]\nrotation = 90\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_welkom"))
        .args(["check-config", "--print", "display.rotation"])
        .env("WELKOM_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "90\n");
}
