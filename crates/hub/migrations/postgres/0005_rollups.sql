-- Daily roll-ups, the same as on SQLite (see the sqlite folder): kept at ingest in
-- the same transaction as the ratings and visits they count (see docs/rollups.md), so that no page reads raw events. One row per
-- location, local day, moment, row (group_name '' is the moment's total; a rating or
-- visit counts once in the total and once in each of its groups), local hour and,
-- for ratings, face (scale, score). `answers` counts ratings that count (neither
-- superseded nor misuse), `misuse` the ratings flagged as misuse. The rows are filled
-- from the stored ratings and visits by the hub right after this script, in the same
-- transaction (the local hour needs the location's time zone).
-- Devices remember when they were last heard from, for the overview.
CREATE TABLE rating_rollups (
    location_id TEXT NOT NULL REFERENCES locations(id),
    local_date  TEXT NOT NULL,
    moment      TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    hour        INTEGER NOT NULL,
    scale       INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    answers     INTEGER NOT NULL,
    misuse      INTEGER NOT NULL,
    PRIMARY KEY (location_id, group_name, local_date, moment, hour, scale, score)
);
-- Today reads every row of one day.
CREATE INDEX rating_rollups_day ON rating_rollups(location_id, local_date);

CREATE TABLE visit_rollups (
    location_id TEXT NOT NULL REFERENCES locations(id),
    local_date  TEXT NOT NULL,
    moment      TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    hour        INTEGER NOT NULL,
    visits      INTEGER NOT NULL,
    PRIMARY KEY (location_id, group_name, local_date, moment, hour)
);
CREATE INDEX visit_rollups_day ON visit_rollups(location_id, local_date);

ALTER TABLE devices ADD COLUMN last_contact_at BIGINT;
