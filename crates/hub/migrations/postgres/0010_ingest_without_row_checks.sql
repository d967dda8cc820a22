-- Ingest without a foreign-key check per row.
--
-- PostgreSQL checks a foreign key with a trigger per inserted row: a look-up of the
-- location (and, for events, the device) that also locks that row (`FOR KEY SHARE`),
-- so every batch of 500 events ran some 1,500 such checks, and two kiosks' batches
-- locked the same location row at once. The rows these tables get at ingest never
-- need the check:
-- - their `location_id` and `device_id` are the sending device's own, read from
--   `devices` by its token in the same request (`Db::device_by_token_hash`), and
--   every event's `source` must name exactly that device (`api/batch.rs`);
-- - no code path deletes a location or a device (a device is revoked, never
--   removed), so a row cannot be left naming one that is gone.
-- The check stays where rows are written by hand or rarely: devices, rosters,
-- erased_ids, user_locations. SQLite keeps its foreign keys: there a check is one
-- look-up in the parent's primary key without a lock, and dropping one means
-- rebuilding the table.
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_location_id_fkey;
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_device_id_fkey;
ALTER TABLE ratings DROP CONSTRAINT IF EXISTS ratings_location_id_fkey;
ALTER TABLE visits DROP CONSTRAINT IF EXISTS visits_location_id_fkey;
ALTER TABLE rating_rollups DROP CONSTRAINT IF EXISTS rating_rollups_location_id_fkey;
ALTER TABLE visit_rollups DROP CONSTRAINT IF EXISTS visit_rollups_location_id_fkey;
ALTER TABLE follow_ups DROP CONSTRAINT IF EXISTS follow_ups_location_id_fkey;
ALTER TABLE follow_up_notes DROP CONSTRAINT IF EXISTS follow_up_notes_location_id_fkey;
