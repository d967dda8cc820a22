-- The PIN throttle becomes a budget of wrong codes that refills with time: a right
-- PIN no longer wipes the count. The budget is kept as the moment every wrong code
-- so far is paid back. A cooldown that runs while this migration runs keeps running:
-- its end becomes a debt of one try beyond a spent budget (guardians: 9 tries of 4
-- minutes; staff: 4 tries of 15 minutes).
CREATE TABLE pin_budget (
    pad             TEXT PRIMARY KEY CHECK (pad IN ('guardian', 'staff')),
    debt_clears_at  INTEGER NOT NULL       -- unix ms; when every wrong code is paid back
) STRICT;
INSERT INTO pin_budget (pad, debt_clears_at)
SELECT pad, locked_until + CASE pad WHEN 'guardian' THEN 9 * 240000 ELSE 4 * 900000 END
FROM pin_throttle WHERE locked_until > 0;
DROP TABLE pin_throttle;
