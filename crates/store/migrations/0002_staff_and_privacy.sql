-- Staff mode and privacy. Runs with foreign keys switched off, because it rebuilds
-- the ratings table; the foreign keys are checked before it commits.

-- Staff members who open staff mode, each with their own PIN.
CREATE TABLE staff (
    id          TEXT PRIMARY KEY,          -- UUIDv7 made on the device
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('staff', 'manager')),
    pin_hash    TEXT NOT NULL,             -- argon2id in PHC form, never the PIN
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL           -- unix ms
) STRICT;

-- Wrong PINs in a row per keypad, so a restart does not reset a cooldown.
CREATE TABLE pin_throttle (
    pad           TEXT PRIMARY KEY CHECK (pad IN ('guardian', 'staff')),
    failures      INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL         -- unix ms; 0 when no cooldown runs
) STRICT;

-- A staff member has talked with the guardian about a low rating or a talk
-- request. Never updated: a later note is a new row.
CREATE TABLE follow_up_notes (
    id          TEXT PRIMARY KEY,
    rating_id   TEXT NOT NULL REFERENCES ratings(id),
    staff_id    TEXT REFERENCES staff(id),
    staff_name  TEXT NOT NULL,
    note        TEXT NOT NULL,
    at_unix_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX follow_up_notes_rating ON follow_up_notes(rating_id, at_unix_ms);

-- The guardian who asked to talk. Set only with a talk request, so that in anonymous
-- mode the team still knows who asked (because they asked).
ALTER TABLE rating_followups ADD COLUMN guardian_id TEXT;
UPDATE rating_followups SET guardian_id = (
    SELECT r.guardian_id FROM ratings r WHERE r.id = rating_followups.rating_id
) WHERE talk_request = 1;

-- The groups a visit covered, kept with the visit so that the statistics stay when
-- children are erased. A JSON array of group names.
ALTER TABLE visits ADD COLUMN groups TEXT NOT NULL DEFAULT '[]';
UPDATE visits SET groups = (
    SELECT coalesce(json_group_array(DISTINCT c.group_name), '[]')
    FROM visit_children vc JOIN children c ON c.id = vc.child_id
    WHERE vc.visit_id = visits.id AND c.group_name <> ''
);

-- Ratings: the link to the visit may now be empty (anonymous mode, retention,
-- erasure), and each rating keeps its groups and hour for the statistics.
CREATE TABLE ratings_v2 (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT REFERENCES visits(id),  -- NULL when anonymous or the link is dropped
    guardian_id TEXT,                        -- NULL when anonymous or the link is dropped
    moment      TEXT NOT NULL CHECK (moment IN ('drop_off', 'pick_up')),
    at_unix_ms  INTEGER NOT NULL,
    local_date  TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND scale),
    scale       INTEGER NOT NULL CHECK (scale BETWEEN 3 AND 5),
    supersedes  TEXT REFERENCES ratings(id),
    misuse      INTEGER NOT NULL DEFAULT 0,
    groups      TEXT NOT NULL DEFAULT '[]'   -- JSON array of group names
) STRICT;
INSERT INTO ratings_v2 (id, visit_id, guardian_id, moment, at_unix_ms, local_date, score,
                        scale, supersedes, misuse, groups)
SELECT r.id, r.visit_id, r.guardian_id, r.moment, r.at_unix_ms, r.local_date, r.score,
       r.scale, r.supersedes, r.misuse, coalesce(v.groups, '[]')
FROM ratings r LEFT JOIN visits v ON v.id = r.visit_id;
DROP TABLE ratings;
ALTER TABLE ratings_v2 RENAME TO ratings;
CREATE INDEX ratings_date ON ratings(local_date, moment);
CREATE INDEX ratings_guardian ON ratings(guardian_id, local_date, moment);
CREATE INDEX ratings_visit ON ratings(visit_id);
CREATE INDEX ratings_supersedes ON ratings(supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX visits_guardian ON visits(guardian_id);
