-- `follow_ups_wanted` (0007) served the overview's count of open follow-ups until
-- `open_on` and its index `follow_ups_open` (0009) took over. No query reads it
-- any more (each filters on `open_on`, the rating's key or a guardian), yet every
-- low rating and every answer that arrives writes an entry to it.
DROP INDEX IF EXISTS follow_ups_wanted;
