-- The follow-ups of each location, kept at ingest (in the transaction that stores the
-- events) so that the Follow-ups page never reads raw events.
--
-- `follow_ups`: one row per rating that is low (score 1 or 2, as
-- `welkom_core::Scale::is_low` says) or that a guardian answered (reasons, talk
-- request); the latest answer (by time, then id) replaces an earlier one.
-- `follow_up_notes`: a staff member's "talked" about a rating, with their note.
-- Whether a rating is counted (not misuse, not superseded) is read from `ratings`.
CREATE TABLE follow_ups (
    location_id      TEXT NOT NULL REFERENCES locations(id),
    rating_id        TEXT NOT NULL,
    low              INTEGER NOT NULL DEFAULT 0,
    guardian_id      TEXT,
    answer_id        TEXT,
    answer_at_ms     INTEGER,
    reasons          TEXT NOT NULL DEFAULT '[]',
    talk_request     INTEGER NOT NULL DEFAULT 0,
    talk_guardian_id TEXT,
    received_at      INTEGER NOT NULL,
    PRIMARY KEY (location_id, rating_id)
) STRICT;
CREATE INDEX follow_ups_wanted ON follow_ups(location_id) WHERE low = 1 OR talk_request = 1;

CREATE TABLE follow_up_notes (
    location_id TEXT NOT NULL REFERENCES locations(id),
    id          TEXT NOT NULL,
    rating_id   TEXT NOT NULL,
    staff_name  TEXT NOT NULL,
    note        TEXT NOT NULL,
    at_unix_ms  INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (location_id, id)
) STRICT;
CREATE INDEX follow_up_notes_rating ON follow_up_notes(location_id, rating_id);

-- Back-fill from the events already stored.
INSERT INTO follow_ups (location_id, rating_id, low, guardian_id, received_at)
SELECT location_id, json_extract(data, '$.id'), 1, json_extract(data, '$.guardian_id'),
       received_at
FROM events
WHERE type = 'nl.welkom.rating.recorded.v1' AND json_extract(data, '$.score') BETWEEN 1 AND 2
ON CONFLICT DO NOTHING;

INSERT INTO follow_ups (location_id, rating_id, answer_id, answer_at_ms, reasons, talk_request,
                        talk_guardian_id, received_at)
SELECT location_id, rating_id, id, at_ms, reasons, talk_request, guardian_id, received_at
FROM (
    SELECT location_id, json_extract(data, '$.rating_id') AS rating_id, id,
           CAST(round((julianday(time) - 2440587.5) * 86400000) AS INTEGER) AS at_ms,
           coalesce(json_extract(data, '$.reasons'), '[]') AS reasons,
           coalesce(json_extract(data, '$.talk_request'), 0) AS talk_request,
           json_extract(data, '$.guardian_id') AS guardian_id, received_at,
           row_number() OVER (PARTITION BY location_id, json_extract(data, '$.rating_id')
                              ORDER BY julianday(time) DESC, id DESC) AS newest
    FROM events WHERE type = 'nl.welkom.rating.followup.v1'
) WHERE newest = 1
ON CONFLICT (location_id, rating_id) DO UPDATE SET
    answer_id = excluded.answer_id, answer_at_ms = excluded.answer_at_ms,
    reasons = excluded.reasons, talk_request = excluded.talk_request,
    talk_guardian_id = excluded.talk_guardian_id;

INSERT INTO follow_up_notes (location_id, id, rating_id, staff_name, note, at_unix_ms, received_at)
SELECT location_id, id, json_extract(data, '$.rating_id'),
       coalesce(json_extract(data, '$.staff_name'), ''), coalesce(json_extract(data, '$.note'), ''),
       CAST(round((julianday(time) - 2440587.5) * 86400000) AS INTEGER), received_at
FROM events WHERE type = 'nl.welkom.followup.handled.v1'
ON CONFLICT DO NOTHING;
