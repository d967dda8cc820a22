//! The JSON Schemas in `docs/schemas/` are the ones the types describe: a change to an
//! event's data that is not written down fails here. `WELKOM_WRITE_SCHEMAS=1` writes
//! them anew.

use std::path::PathBuf;

#[test]
fn the_documented_schemas_match_the_types() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas");
    let write = std::env::var_os("WELKOM_WRITE_SCHEMAS").is_some();
    for (name, schema) in welkom_protocol::schemas() {
        let path = dir.join(name);
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if write {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing; run with WELKOM_WRITE_SCHEMAS=1",
                path.display()
            )
        });
        assert_eq!(
            kept,
            text,
            "{} differs from the types; run with WELKOM_WRITE_SCHEMAS=1 and review",
            path.display()
        );
    }
}
