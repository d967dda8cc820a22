-- What the sync client needs: an event the upstream refused is set aside with the
-- reason (shown in the staff Sync view) instead of holding back the others, and a
-- small key-value table for the client's own state (the roster's ETag, the last
-- answer, the upstream's clock).
ALTER TABLE outbox ADD COLUMN refused_at INTEGER;
ALTER TABLE outbox ADD COLUMN refused_reason TEXT;

DROP INDEX outbox_unsent;
CREATE INDEX outbox_to_send ON outbox(seq) WHERE sent_at IS NULL AND refused_at IS NULL;

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
