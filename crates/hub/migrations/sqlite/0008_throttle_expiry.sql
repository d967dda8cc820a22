-- Every log-in attempt first drops the failures that no longer count
-- (`DELETE FROM login_throttle WHERE last_failure_at <= …`): with this index that
-- stays cheap however many addresses and emails someone tries.
CREATE INDEX IF NOT EXISTS login_throttle_expiry ON login_throttle (last_failure_at);
