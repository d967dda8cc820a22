-- Privacy: the same as on SQLite (see the sqlite folder).
ALTER TABLE locations ADD COLUMN pin_key TEXT;

CREATE TABLE erased_ids (
    location_id TEXT NOT NULL REFERENCES locations(id),
    id_hash     TEXT NOT NULL,
    erased_at   BIGINT NOT NULL,
    PRIMARY KEY (location_id, id_hash)
);
