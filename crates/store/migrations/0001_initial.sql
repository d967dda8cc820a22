-- Welkom local store, first schema. Released migrations are never edited; a change
-- is a new numbered file.

-- Facts about this device (its id, the salt for PIN hashes).
CREATE TABLE device (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE guardians (
    id          TEXT PRIMARY KEY,          -- key in the organisation's system
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT 'nl',
    pin_hash    TEXT,                      -- salted SHA-256 of the PIN, never the PIN
    badge       TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    updated_at  INTEGER NOT NULL           -- unix ms
) STRICT;
CREATE UNIQUE INDEX guardians_pin ON guardians(pin_hash) WHERE pin_hash IS NOT NULL AND active = 1;
CREATE UNIQUE INDEX guardians_badge ON guardians(badge) WHERE badge IS NOT NULL AND active = 1;

CREATE TABLE children (
    id          TEXT PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL DEFAULT '',
    group_name  TEXT NOT NULL DEFAULT '',
    birth_date  TEXT,                      -- ISO date
    start_date  TEXT,
    end_date    TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE guardian_children (
    guardian_id TEXT NOT NULL REFERENCES guardians(id),
    child_id    TEXT NOT NULL REFERENCES children(id),
    active      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (guardian_id, child_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX guardian_children_child ON guardian_children(child_id);

-- A guardian passing the kiosk at drop-off or pick-up. Never updated.
CREATE TABLE visits (
    id               TEXT PRIMARY KEY,     -- UUIDv7 made on the device
    guardian_id      TEXT,                 -- NULL once the link is dropped
    moment           TEXT NOT NULL CHECK (moment IN ('drop_off', 'pick_up')),
    moment_corrected INTEGER NOT NULL DEFAULT 0,
    at_unix_ms       INTEGER NOT NULL,
    local_date       TEXT NOT NULL
) STRICT;
CREATE INDEX visits_date ON visits(local_date, at_unix_ms);

CREATE TABLE visit_children (
    visit_id TEXT NOT NULL REFERENCES visits(id),
    child_id TEXT NOT NULL,
    PRIMARY KEY (visit_id, child_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_children_child ON visit_children(child_id, visit_id);

-- One tap on a face. Never updated: a new rating names the one it supersedes.
CREATE TABLE ratings (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL REFERENCES visits(id),
    guardian_id TEXT,
    moment      TEXT NOT NULL CHECK (moment IN ('drop_off', 'pick_up')),
    at_unix_ms  INTEGER NOT NULL,
    local_date  TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND scale),
    scale       INTEGER NOT NULL CHECK (scale BETWEEN 3 AND 5),
    supersedes  TEXT REFERENCES ratings(id),
    misuse      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX ratings_date ON ratings(local_date, moment);
CREATE INDEX ratings_guardian ON ratings(guardian_id, local_date, moment);
CREATE INDEX ratings_supersedes ON ratings(supersedes) WHERE supersedes IS NOT NULL;

-- What a guardian added after a low rating: reasons and a request to talk. Each
-- change is a new row holding the whole answer; the latest row per rating counts.
CREATE TABLE rating_followups (
    id            TEXT PRIMARY KEY,
    rating_id     TEXT NOT NULL REFERENCES ratings(id),
    at_unix_ms    INTEGER NOT NULL,
    reasons       TEXT NOT NULL,           -- JSON array of reason keys
    talk_request  INTEGER NOT NULL
) STRICT;
CREATE INDEX rating_followups_rating ON rating_followups(rating_id, at_unix_ms);

-- Events waiting to be sent upstream, written in the same transaction as the row
-- they describe.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    time        TEXT NOT NULL,             -- RFC 3339
    data        TEXT NOT NULL,             -- JSON
    sent_at     INTEGER
) STRICT;
CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;
