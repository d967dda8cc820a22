-- One-time pairing codes (`welkom-hub device pair`, the Devices page's "Pair a
-- tablet"), exchanged once for a device token at `POST /v1/pair` (docs/protocol.md,
-- "Pairing"). Only the SHA-256 of the code in its normal form (8 capital
-- characters, no dash) is kept, never the code. A code is valid until
-- `expires_at` (15 minutes after `created_at`) and until `used_at` is set, in the
-- transaction that adds the device it made (`device_id`, with the name the tablet
-- gave itself in `device_name`). `created_by`: the web user's id, or `cli`.
-- Several unexpired codes of one location may coexist (two tablets hung at once).
-- Rows go 30 days after they expired. Only a new table: running this again over a
-- database that has it changes nothing.
CREATE TABLE IF NOT EXISTS pairing_codes (
    code_hash   TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES locations(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    created_by  TEXT NOT NULL,
    device_id   TEXT,
    device_name TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS pairing_codes_expires ON pairing_codes(expires_at);
