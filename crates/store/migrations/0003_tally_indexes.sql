-- The tally. Four weeks of ratings and visits are counted per day, moment and face
-- from these indexes alone, without reading the rows; the ratings that supersede
-- another are found per day without scanning every rating.
CREATE INDEX ratings_tally ON ratings(local_date, moment, scale, score, misuse);
CREATE INDEX ratings_superseding ON ratings(local_date, supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX visits_tally ON visits(local_date, moment);
