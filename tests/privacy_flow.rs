//! Anonymous mode at the kiosk, driven through the screen as a parent would: the
//! greeting is the same, the stored rating names no one, a changed face still
//! supersedes, and a talk request names the parent who asked.

mod common;

use common::{MONDAY_MORNING, kiosk};
use std::time::Duration;

const ANONYMOUS: &str = "[privacy]\nanonymous = true\n";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn an_anonymous_rating_has_no_guardian_and_no_visit_link() {
    let mut k = kiosk(ANONYMOUS, MONDAY_MORNING);
    k.type_pin("4826");
    assert!(k.shows("Goedemorgen, Sanne!"), "still greeted by name");
    k.tap("Top");
    assert!(k.shows("Dank je wel, Sanne!"));

    let ratings = k.ratings();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].guardian_id, None);
    assert_eq!(ratings[0].score, 4);
    assert_eq!(
        k.query_i64("SELECT count(*) FROM ratings WHERE guardian_id IS NULL AND visit_id IS NULL"),
        1
    );
    assert_eq!(
        k.query_i64(
            "SELECT count(*) FROM ratings
             WHERE groups = '[\"Vlinders\",\"Rupsen\"]' AND moment = 'drop_off'
               AND local_date = '2026-03-02'"
        ),
        1,
        "the statistic is kept: groups, moment, day"
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM visits WHERE guardian_id = 'G1'"),
        1,
        "the visit itself is recorded"
    );
    assert_eq!(
        k.query_i64(
            "SELECT count(*) FROM outbox
             WHERE type = 'nl.welkom.rating.recorded.v1'
               AND json_extract(data, '$.guardian_id') IS NULL
               AND json_extract(data, '$.visit_id') IS NULL
               AND json_extract(data, '$.score') = 4"
        ),
        1,
        "the event for the upstream names no one either"
    );
}

#[test]
fn changing_the_face_still_supersedes_in_anonymous_mode() {
    let mut k = kiosk(ANONYMOUS, MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Matig");
    k.wait(ms(1600));
    k.tap("Ander gezichtje kiezen");
    k.tap("Goed");
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 2, "both kept");
    assert!(ratings[0].superseded, "the earlier one is superseded");
    assert!(!ratings[1].superseded);
    assert!(ratings.iter().all(|r| r.guardian_id.is_none()));

    // Another guardian's rating the same morning is not touched by it.
    k.wait(ms(1600));
    k.tap("Klaar");
    k.type_pin("3917");
    k.tap("Great");
    let ratings = k.ratings();
    assert_eq!(ratings.len(), 3);
    assert!(!ratings[1].superseded && !ratings[2].superseded);
}

#[test]
fn a_talk_request_in_anonymous_mode_names_the_guardian() {
    let mut k = kiosk(ANONYMOUS, MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Niet goed");
    k.wait(ms(1600));
    k.tap("De overdracht");
    assert_eq!(
        k.query_i64("SELECT count(*) FROM rating_followups WHERE guardian_id IS NOT NULL"),
        0,
        "reasons alone name no one"
    );
    k.tap("Ik wil graag even praten");
    assert!(k.ratings()[0].talk_request);
    assert_eq!(
        k.query_i64(
            "SELECT count(*) FROM rating_followups
             WHERE guardian_id = 'G1' AND talk_request = 1"
        ),
        1,
        "the parent asked to talk, so the team knows who"
    );
    assert_eq!(
        k.query_i64("SELECT count(*) FROM ratings WHERE guardian_id IS NOT NULL"),
        0,
        "the rating itself stays anonymous"
    );
}

#[test]
fn without_anonymous_mode_ratings_keep_their_guardian() {
    let mut k = kiosk("", MONDAY_MORNING);
    k.type_pin("4826");
    k.tap("Niet goed");
    k.wait(ms(1600));
    k.tap("Ik wil graag even praten");
    assert_eq!(
        k.query_i64(
            "SELECT count(*) FROM ratings r JOIN rating_followups f ON f.rating_id = r.id
             WHERE r.guardian_id = 'G1' AND r.visit_id IS NOT NULL AND f.guardian_id = 'G1'"
        ),
        1
    );
}
