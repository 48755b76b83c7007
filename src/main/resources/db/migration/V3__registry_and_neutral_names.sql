-- One clear house: neutral column names, the mark as a byte offset, the stream registry, detector
-- states and per-stream anomaly counts. Portable SQL for H2 2.x and PostgreSQL 12+; renames and new
-- tables only, no existing row is rewritten, so it is quick on a table of millions of rows.

-- The score, expected value and band of every detector (they once held only the Z-score's |z|
-- and mean). Rows from before V2 still have no band (NULL): read as expected ± threshold · std.
ALTER TABLE anomaly RENAME COLUMN abs_z TO score;
ALTER TABLE anomaly RENAME COLUMN baseline_mean TO expected;
ALTER TABLE anomaly RENAME COLUMN band_lower TO lower;
ALTER TABLE anomaly RENAME COLUMN band_upper TO upper;
ALTER INDEX anomaly_abs_z RENAME TO anomaly_score;

-- How far anomalies.csv is in the table, as the byte offset just past the last row it holds: a
-- start reads only the log from there on. NULL until the first start of this version has turned
-- logged_rows (a row count, which meant reading the log from its start) into it once.
ALTER TABLE anomaly_log_mark ADD COLUMN logged_bytes BIGINT;

-- Anomalies per stream, advanced in the same transaction as the rows they count, so the engine's
-- counters start from the store without counting a large table at every start.
CREATE TABLE anomaly_count (
    stream    VARCHAR(255) PRIMARY KEY,
    anomalies BIGINT NOT NULL
);
INSERT INTO anomaly_count (stream, anomalies) SELECT stream, COUNT(*) FROM anomaly GROUP BY stream;

-- The stream registry: every stream the engine knows, also idle ones, across restarts.
CREATE TABLE stream (
    name              VARCHAR(100) PRIMARY KEY,
    archived          BOOLEAN NOT NULL,
    -- the detector of its own and its settings as key=value lines; NULL runs the default
    detector          VARCHAR(100),
    detector_settings VARCHAR(4000),
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    points            BIGINT NOT NULL,
    last_point_at     TIMESTAMP(6) WITH TIME ZONE,
    last_value        DOUBLE PRECISION
);

-- Streams an earlier version knew, as far as their anomalies tell: they appear (idle) at once
-- instead of when their next point arrives. Names longer than the name rule allows are left out.
INSERT INTO stream (name, archived, created_at, points)
    SELECT stream, FALSE, MIN(observed_at), 0 FROM anomaly WHERE LENGTH(stream) <= 100 GROUP BY stream;

-- Each stream's detector state, in the versioned binary format of DetectorStates.
CREATE TABLE stream_state (
    name     VARCHAR(100) PRIMARY KEY,
    saved_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    state    BYTEA NOT NULL
);
