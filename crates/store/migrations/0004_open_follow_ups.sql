-- The follow-ups still open, kept as a small table so that the staff list and the
-- count on the staff button need not scan a year of ratings. Maintained in the same
-- transaction as every rating, follow-up and note (crates/store/src/follow_ups.rs).
CREATE TABLE follow_ups_open (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id)
) STRICT, WITHOUT ROWID;

INSERT INTO follow_ups_open (rating_id)
SELECT r.id FROM ratings r
WHERE r.misuse = 0
  AND NOT EXISTS (SELECT 1 FROM ratings s WHERE s.supersedes = r.id)
  AND NOT EXISTS (SELECT 1 FROM follow_up_notes n WHERE n.rating_id = r.id)
  AND (r.score <= 2 OR coalesce((SELECT f.talk_request FROM rating_followups f
                                 WHERE f.rating_id = r.id
                                 ORDER BY f.at_unix_ms DESC, f.id DESC LIMIT 1), 0) = 1);

-- Notes of today, for the items handled today.
CREATE INDEX follow_up_notes_at ON follow_up_notes(at_unix_ms);
