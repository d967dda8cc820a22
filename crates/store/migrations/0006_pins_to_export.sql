-- PINs the kiosk issued (in staff mode, or for a roster without them), kept in clear
-- only until a manager exports them once, so a restart or a crash does not lose them
-- before they are handed out. The export deletes them (secure_delete is on). The
-- hash beside the PIN tells whether it is still the guardian's PIN: a later import
-- or a new PIN replaces it, and then it is not exported.
CREATE TABLE pins_to_export (
    guardian_id TEXT PRIMARY KEY REFERENCES guardians(id) ON DELETE CASCADE,
    pin         TEXT NOT NULL,
    pin_hash    TEXT NOT NULL
) STRICT;
