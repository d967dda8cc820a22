-- An event id is a UUIDv7 made on the device, so it names one event everywhere. A
-- kiosk given a new token (a new device, or moved to another location) may send an
-- event again under its new source when the answer to the first sending was lost:
-- one id is stored once, whatever source it comes with. Inserts say
-- `ON CONFLICT DO NOTHING`, so such an event counts as a duplicate.
-- An id already stored twice keeps its first copy.
DELETE FROM events
WHERE EXISTS (
    SELECT 1 FROM events AS first
    WHERE first.id = events.id
      AND (first.received_at < events.received_at
           OR (first.received_at = events.received_at AND first.source < events.source))
);
CREATE UNIQUE INDEX events_id_once ON events (id);
