//! Dropping the log-in failures that no longer count, which every log-in attempt
//! does first, reads an index rather than the whole throttle table: someone trying
//! many addresses and emails cannot make every attempt slower.

mod common;

#[test]
fn expired_failures_are_found_through_an_index() {
    let hub = common::start();
    let file = hub.sqlite.clone().expect("a SQLite hub");
    let conn = rusqlite::Connection::open(file).unwrap();
    let plan: Vec<String> = conn
        .prepare("EXPLAIN QUERY PLAN DELETE FROM login_throttle WHERE last_failure_at <= 0")
        .unwrap()
        .query_map([], |row| row.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter()
            .any(|step| step.contains("login_throttle_expiry")),
        "{plan:?}"
    );
}
