//! `welkom-hub export ratings --format csv`: what kiosks sent is written as text a
//! spreadsheet never runs as a formula.

mod common;

use common::{agent, rating};
use serde_json::Value;
use std::process::Command;

#[test]
fn groups_that_look_like_formulas_are_exported_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", dir.path().join("hub.sqlite").display());
    let hub = welkom_hub::BackgroundHub::start(&database).unwrap();
    let location = hub
        .runtime
        .block_on(hub.db.add_location("De Vlinders", "Europe/Amsterdam"))
        .unwrap();
    let device = hub
        .runtime
        .block_on(hub.db.add_device(&location.id))
        .unwrap();
    let batch = Value::Array(vec![
        rating(
            &device,
            2,
            "2026-03-02T07:15:00Z",
            &["=HYPERLINK(\"http://x\",\"y\")"],
        ),
        rating(&device, 4, "2026-03-02T07:16:00Z", &["+31 6 12345678"]),
        rating(&device, 3, "2026-03-02T07:17:00Z", &["Vlinders"]),
    ]);
    let response = agent()
        .post(&format!("{}/v1/events", hub.url))
        .header("Authorization", &format!("Bearer {}", device.token))
        .header("Welkom-Protocol", "1")
        .header("Content-Type", "application/cloudevents-batch+json")
        .send(batch.to_string().as_bytes())
        .unwrap();
    let status = response.status().as_u16();
    assert!(status == 200 || status == 202, "{status}");

    let out = Command::new(env!("CARGO_BIN_EXE_welkom-hub"))
        .args([
            "--database",
            &database,
            "export",
            "ratings",
            "--location",
            &location.id,
            "--format",
            "csv",
        ])
        .env("WELKOM_HUB_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[1].ends_with(",2,4,false,false,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{csv}"
    );
    assert!(
        lines[2].ends_with(",4,4,false,false,'+31 6 12345678"),
        "{csv}"
    );
    assert!(lines[3].ends_with(",3,4,false,false,Vlinders"), "{csv}");
    for line in &lines[1..] {
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "no cell starts a formula: {line}"
            );
        }
    }
}
