-- Whether each follow-up is open, kept on its row so that counting the open ones is
-- an index range read (the overview counts them for every location on each view).
--
-- `counted`: the rating is stored, is not misuse and is not superseded, and it needs
-- a talk (low, or its latest answer asks to talk).
-- `open_on`: the rating's local day while it is counted and no staff note names it;
-- NULL otherwise. "Open on or before today" is `open_on <= today`.
--
-- Kept at ingest, in the transaction that stores the events, for every rating an
-- event of the batch names (a rating, the one it supersedes, an answer, a note):
-- the same two statements as the back-fill below, for those rows only.
ALTER TABLE follow_ups ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE follow_ups ADD COLUMN open_on TEXT;
CREATE INDEX follow_ups_open ON follow_ups(location_id, open_on) WHERE open_on IS NOT NULL;

-- Back-fill the rows already kept.
UPDATE follow_ups SET counted = coalesce((
    SELECT (follow_ups.low = 1 OR follow_ups.talk_request = 1) AND r.misuse = 0
           AND NOT EXISTS (SELECT 1 FROM ratings s
                           WHERE s.location_id = r.location_id AND s.supersedes = r.id)
    FROM ratings r
    WHERE r.location_id = follow_ups.location_id AND r.id = follow_ups.rating_id), 0);
UPDATE follow_ups SET open_on = CASE
    WHEN counted = 1 AND NOT EXISTS (
        SELECT 1 FROM follow_up_notes n
        WHERE n.location_id = follow_ups.location_id AND n.rating_id = follow_ups.rating_id)
    THEN (SELECT r.local_date FROM ratings r
          WHERE r.location_id = follow_ups.location_id AND r.id = follow_ups.rating_id)
    END;

-- One-time numbers of forms that must not act twice (adding a kiosk): issued with
-- the form, tied to the session (the SHA-256 of its CSRF token), used once. A
-- browser sending the same form again finds its number used. Kept a day. (IF NOT
-- EXISTS: a database taken back to an older version keeps it.)
CREATE TABLE IF NOT EXISTS form_nonces (
    nonce       TEXT PRIMARY KEY,
    session_key TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    used_at     INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS form_nonces_created ON form_nonces(created_at);
