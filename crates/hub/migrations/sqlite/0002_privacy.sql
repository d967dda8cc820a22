-- Privacy: each location's PIN key (the argon2id salt and cost its PIN verifiers
-- share), and a SHA-256 of every id erased at a location, so that events of an
-- erased family arriving later are stripped on arrival (the ids themselves are gone).
ALTER TABLE locations ADD COLUMN pin_key TEXT;

CREATE TABLE erased_ids (
    location_id TEXT NOT NULL REFERENCES locations(id),
    id_hash     TEXT NOT NULL,
    erased_at   INTEGER NOT NULL,
    PRIMARY KEY (location_id, id_hash)
) STRICT, WITHOUT ROWID;
