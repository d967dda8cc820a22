-- An event is found by its id alone.
--
-- Migration 0003 made an event's id unique on its own (`events_id_once`), which
-- left the primary key on (source, id) with nothing to add but a second index
-- that every stored event writes to. The unique index on the id becomes the
-- primary key. (SQLite keeps its key: there the table is clustered on it.)
-- Only once: a database taken back to an older schema version keeps the new key.
DO $$
BEGIN
    IF to_regclass('events_id_once') IS NOT NULL THEN
        ALTER TABLE events DROP CONSTRAINT events_pkey;
        ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_once;
    END IF;
END $$;
