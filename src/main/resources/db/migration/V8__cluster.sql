-- Cluster mode (src/docs/cluster.md): how far this server has kept what it reads from Kafka, per
-- source (a topic partition), moved in the same transaction as the anomalies read from it, so that a
-- restart reads on from exactly there and keeps nothing twice. Portable SQL for H2 2.x and
-- PostgreSQL 12+; a new table only. Empty in single-server mode.
CREATE TABLE anomaly_source_mark (
    source      VARCHAR(255) PRIMARY KEY,
    next_offset BIGINT NOT NULL
);
