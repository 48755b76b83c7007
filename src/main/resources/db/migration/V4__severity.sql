-- The calibrated severity of every anomaly, in [0, 1] and comparable across detectors and
-- streams: the grid and the read API filter and sort by it. Portable SQL for H2 2.x and
-- PostgreSQL 12+. Rows from before this version have no severity, and it cannot be derived from
-- the other columns: they hold -1 ("unknown"), which sorts below every known severity and never
-- matches a minimum-severity filter (minimums are at least 0). A value rather than NULL, so that
-- sorting and paging by severity need no NULL rules; PostgreSQL adds a constant default without
-- rewriting the table.
ALTER TABLE anomaly ADD COLUMN severity DOUBLE PRECISION DEFAULT -1 NOT NULL;
CREATE INDEX anomaly_severity ON anomaly (severity, id);
