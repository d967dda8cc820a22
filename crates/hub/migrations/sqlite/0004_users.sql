-- The people who open the hub in a browser: an admin sees every location, a manager
-- only the locations given. Emails are kept in lower case, so one address is one
-- account whatever its case. Only an argon2id hash of each password is kept.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'manager')),
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE user_locations (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    location_id TEXT NOT NULL REFERENCES locations(id),
    PRIMARY KEY (user_id, location_id)
) STRICT, WITHOUT ROWID;

-- A browser's session: only the SHA-256 of the cookie's value is kept, so a copy of
-- the database opens no session. Each carries the token its forms must send back.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed log-ins, per account ('account:' and the email) and per client address
-- ('address:' and the address); a success clears its account's row.
CREATE TABLE login_throttle (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
