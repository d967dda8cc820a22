-- A parent's own choice of language, made with the language button on the kiosk and
-- kept on this device. `roster_language` is the roster's language for the guardian
-- when they chose: an import that changes the guardian's language drops the choice
-- (the roster's new word wins), one that keeps it keeps the choice. Erasing the
-- guardian removes it.
CREATE TABLE guardian_language_choice (
    guardian_id      TEXT PRIMARY KEY REFERENCES guardians(id) ON DELETE CASCADE,
    language         TEXT NOT NULL,        -- the tag chosen (nl, en, pl, …)
    roster_language  TEXT NOT NULL,        -- guardians.language when it was chosen
    chosen_at        INTEGER NOT NULL      -- unix ms
) STRICT, WITHOUT ROWID;
