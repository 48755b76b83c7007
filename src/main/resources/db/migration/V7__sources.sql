-- How far each Prometheus source has read its query: the time of the last step written for every
-- series, moved after each poll, so a restart goes on from there (no point read twice, none left
-- out). The definition's fingerprint (URL, query, step) tells whether the mark still applies: a
-- changed query starts again from its look-back. Portable SQL for H2 2.x and PostgreSQL 12+.
CREATE TABLE source_cursor (
    source      VARCHAR(64) PRIMARY KEY,
    fingerprint VARCHAR(64) NOT NULL,
    polled_to   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
