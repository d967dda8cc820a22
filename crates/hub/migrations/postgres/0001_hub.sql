-- welkom-hub on PostgreSQL: the same tables as on SQLite (see the sqlite folder).
CREATE TABLE locations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE devices (
    id          TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES locations(id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE events (
    source      TEXT NOT NULL,
    id          TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations(id),
    device_id   TEXT NOT NULL REFERENCES devices(id),
    type        TEXT NOT NULL,
    time        TEXT NOT NULL,
    data        JSONB NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX events_location ON events(location_id, type);

CREATE TABLE ratings (
    id          TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations(id),
    moment      TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    at_unix_ms  BIGINT NOT NULL,
    score       SMALLINT NOT NULL,
    scale       SMALLINT NOT NULL,
    supersedes  TEXT,
    misuse      BOOLEAN NOT NULL,
    groups      JSONB NOT NULL,
    PRIMARY KEY (location_id, id)
);
CREATE INDEX ratings_day ON ratings(location_id, local_date);
CREATE INDEX ratings_supersedes ON ratings(location_id, supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE visits (
    id          TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES locations(id),
    moment      TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    at_unix_ms  BIGINT NOT NULL,
    groups      JSONB NOT NULL,
    PRIMARY KEY (location_id, id)
);
CREATE INDEX visits_day ON visits(location_id, local_date);

CREATE TABLE rosters (
    location_id TEXT PRIMARY KEY REFERENCES locations(id),
    etag        TEXT NOT NULL,
    csv         BYTEA NOT NULL,
    imported_at BIGINT NOT NULL
);
