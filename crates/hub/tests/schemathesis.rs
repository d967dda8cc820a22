//! Schemathesis (from PyPI; `.ci/run` installs it) generates requests from
//! `/openapi.json` and checks every answer: no server error, no status, header or
//! body that contradicts the document. When it is not installed the test says so
//! loudly and skips.

mod common;

use std::process::Command;

#[test]
fn schemathesis_finds_no_server_error_and_no_answer_that_contradicts_the_document() {
    let installed = Command::new("schemathesis")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        assert!(
            std::env::var_os("WELKOM_REQUIRE_TOOLS").is_none(),
            "schemathesis is required here (WELKOM_REQUIRE_TOOLS) but not installed"
        );
        eprintln!(
            "\n*** schemathesis is not installed (pip install schemathesis): SKIPPING the \
             OpenAPI conformance test. `.ci/run` installs it. ***\n"
        );
        return;
    }
    common::on_both_back_ends(|hub| {
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
