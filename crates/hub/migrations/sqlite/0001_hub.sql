-- welkom-hub on SQLite: organisation → locations → devices; every event as received
-- (deduplicated by source and id); the ratings and visits the tally counts; each
-- location's roster as imported.
CREATE TABLE locations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
    id          TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES locations(id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

CREATE TABLE events (
    source      TEXT NOT NULL,
    id          TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations(id),
    device_id   TEXT NOT NULL REFERENCES devices(id),
    type        TEXT NOT NULL,
    time        TEXT NOT NULL,
    data        TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (source, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX events_location ON events(location_id, type);

CREATE TABLE ratings (
    id          TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations(id),
    moment      TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    at_unix_ms  INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    scale       INTEGER NOT NULL,
    supersedes  TEXT,
    misuse      INTEGER NOT NULL,
    groups      TEXT NOT NULL,
    PRIMARY KEY (location_id, id)
) STRICT;
CREATE INDEX ratings_day ON ratings(location_id, local_date);
CREATE INDEX ratings_supersedes ON ratings(location_id, supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE visits (
    id          TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations(id),
    moment      TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    at_unix_ms  INTEGER NOT NULL,
    groups      TEXT NOT NULL,
    PRIMARY KEY (location_id, id)
) STRICT;
CREATE INDEX visits_day ON visits(location_id, local_date);

CREATE TABLE rosters (
    location_id TEXT PRIMARY KEY REFERENCES locations(id),
    etag        TEXT NOT NULL,
    csv         BLOB NOT NULL,
    imported_at INTEGER NOT NULL
) STRICT;
