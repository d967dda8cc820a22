//! Schemathesis (from PyPI; `.ci/run` installs it) generates requests from
//! `/openapi.json` and checks every answer: no server error, no status, header or
//! body that contradicts the document. The tests are ignored by a plain `cargo test`
//! (they need schemathesis, and one of them PostgreSQL); `cargo test -- --include-ignored`
//! runs them, and then a missing tool fails them with the install hint.

mod common;

use common::BackEnd;
use std::process::Command;

/// Fails with the install hint when schemathesis is not installed.
fn need_schemathesis() {
    let installed = Command::new("schemathesis")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(installed, "needs schemathesis: pip install schemathesis");
}

#[test]
#[ignore = "needs schemathesis: pip install schemathesis"]
fn schemathesis_on_sqlite() {
    schemathesis_finds_no_server_error_and_no_answer_that_contradicts_the_document(BackEnd::Sqlite);
}

#[test]
#[ignore = "needs schemathesis (pip install schemathesis) and PostgreSQL (apt-get install postgresql)"]
fn schemathesis_on_postgres() {
    schemathesis_finds_no_server_error_and_no_answer_that_contradicts_the_document(
        BackEnd::Postgres,
    );
}

fn schemathesis_finds_no_server_error_and_no_answer_that_contradicts_the_document(
    back_end: BackEnd,
) {
    need_schemathesis();
    back_end.run(|hub| {
        let location = hub.location("De Boomhut");
        let device = hub.device(&location);
        hub.runtime
            .block_on(hub.db.put_roster(
                &location.id,
                b"guardian_id;guardian_first_name;guardian_last_name;pin;child_id;child_first_name;group\nG1;Sanne;de Vries;4826;C1;Daan;Vlinders\n".to_vec(),
            ))
            .unwrap();
        let out = Command::new("schemathesis")
            .args(["run", &format!("{}/openapi.json", hub.url)])
            .args([
                "--checks",
                "all",
                "--max-examples",
                "40",
                "--seed",
                "20261122",
            ])
            .args(["-H", &format!("Authorization: Bearer {}", device.token)])
            .args(["-H", "Welkom-Protocol: 1"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "schemathesis on {}:\n{report}\n{}",
            hub.back_end,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(report.contains("passed"), "{report}");
    });
}
