-- Each stream's hints, all optional (NULL: not given): the value range it is expected to keep and
-- its time scale in points. Detectors that take hints use them as NAB's detectors use a file's
-- minimum, maximum and length. Portable SQL for H2 2.x and PostgreSQL 12+; nothing is rewritten.
ALTER TABLE stream ADD COLUMN hint_min DOUBLE PRECISION;
ALTER TABLE stream ADD COLUMN hint_max DOUBLE PRECISION;
ALTER TABLE stream ADD COLUMN hint_period BIGINT;
