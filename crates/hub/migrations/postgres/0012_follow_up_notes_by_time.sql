-- The notes of a location by when they were written: the Follow-ups page lists the
-- follow-ups handled in its period starting from the notes of that period, instead
-- of looking up the latest note of every follow-up the location ever had.
CREATE INDEX IF NOT EXISTS follow_up_notes_when ON follow_up_notes(location_id, at_unix_ms);
