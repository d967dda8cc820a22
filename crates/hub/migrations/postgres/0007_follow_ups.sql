-- The follow-ups of each location: the same as on SQLite (see the sqlite folder).
CREATE TABLE follow_ups (
    location_id      TEXT NOT NULL REFERENCES locations(id),
    rating_id        TEXT NOT NULL,
    low              BOOLEAN NOT NULL DEFAULT FALSE,
    guardian_id      TEXT,
    answer_id        TEXT,
    answer_at_ms     BIGINT,
    reasons          JSONB NOT NULL DEFAULT '[]'::jsonb,
    talk_request     BOOLEAN NOT NULL DEFAULT FALSE,
    talk_guardian_id TEXT,
    received_at      BIGINT NOT NULL,
    PRIMARY KEY (location_id, rating_id)
);
CREATE INDEX follow_ups_wanted ON follow_ups(location_id) WHERE low OR talk_request;

CREATE TABLE follow_up_notes (
    location_id TEXT NOT NULL REFERENCES locations(id),
    id          TEXT NOT NULL,
    rating_id   TEXT NOT NULL,
    staff_name  TEXT NOT NULL,
    note        TEXT NOT NULL,
    at_unix_ms  BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (location_id, id)
);
CREATE INDEX follow_up_notes_rating ON follow_up_notes(location_id, rating_id);

-- Back-fill from the events already stored.
INSERT INTO follow_ups (location_id, rating_id, low, guardian_id, received_at)
SELECT location_id, data->>'id', TRUE, data->>'guardian_id', received_at
FROM events
WHERE type = 'nl.welkom.rating.recorded.v1' AND (data->>'score')::int BETWEEN 1 AND 2
ON CONFLICT DO NOTHING;

INSERT INTO follow_ups (location_id, rating_id, answer_id, answer_at_ms, reasons, talk_request,
                        talk_guardian_id, received_at)
SELECT DISTINCT ON (location_id, data->>'rating_id')
       location_id, data->>'rating_id', id,
       (extract(epoch FROM time::timestamptz) * 1000)::bigint,
       coalesce(data->'reasons', '[]'::jsonb), coalesce((data->>'talk_request')::boolean, FALSE),
       data->>'guardian_id', received_at
FROM events WHERE type = 'nl.welkom.rating.followup.v1'
ORDER BY location_id, data->>'rating_id', time::timestamptz DESC, id DESC
ON CONFLICT (location_id, rating_id) DO UPDATE SET
    answer_id = excluded.answer_id, answer_at_ms = excluded.answer_at_ms,
    reasons = excluded.reasons, talk_request = excluded.talk_request,
    talk_guardian_id = excluded.talk_guardian_id;

INSERT INTO follow_up_notes (location_id, id, rating_id, staff_name, note, at_unix_ms, received_at)
SELECT location_id, id, data->>'rating_id', coalesce(data->>'staff_name', ''),
       coalesce(data->>'note', ''), (extract(epoch FROM time::timestamptz) * 1000)::bigint,
       received_at
FROM events WHERE type = 'nl.welkom.followup.handled.v1'
ON CONFLICT DO NOTHING;
