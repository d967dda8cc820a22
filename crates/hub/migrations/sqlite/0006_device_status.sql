-- What each device last told the hub about itself, recorded on each of its
-- authenticated /v1 requests (docs/protocol.md, "What a kiosk reports"): when it was
-- last heard from (hub's clock, ms since the epoch), how many events it said were
-- waiting to be sent, its app version, and its clock minus the hub's in ms (the
-- network delay included, seconds resolution). NULL: never heard, or not (validly)
-- reported in the last request. (`last_contact_at` came with the roll-ups, 0005.)
ALTER TABLE devices ADD COLUMN last_waiting INTEGER;
ALTER TABLE devices ADD COLUMN app_version TEXT;
ALTER TABLE devices ADD COLUMN clock_offset_ms INTEGER;
