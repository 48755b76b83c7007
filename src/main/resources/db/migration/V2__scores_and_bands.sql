-- Every detector's score and normal band, so the grid can show, filter and sort anomalies of any
-- detector (the Z-score's z is NaN for detectors without a Gaussian baseline).
-- baseline_mean keeps holding the expected value. Portable SQL for H2 2.x and PostgreSQL 12+.

ALTER TABLE anomaly ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE anomaly ADD COLUMN band_lower DOUBLE PRECISION;
ALTER TABLE anomaly ADD COLUMN band_upper DOUBLE PRECISION;

-- Rows recorded before: the Z-score's score and band, as the detector reported them.
UPDATE anomaly SET score = abs_z,
                   band_lower = baseline_mean - threshold * baseline_std,
                   band_upper = baseline_mean + threshold * baseline_std;

ALTER TABLE anomaly ALTER COLUMN score SET NOT NULL;
ALTER TABLE anomaly ALTER COLUMN band_lower SET NOT NULL;
ALTER TABLE anomaly ALTER COLUMN band_upper SET NOT NULL;

-- The grid's "min score" filter and score sort replace those on |z|.
CREATE INDEX anomaly_score ON anomaly (score, id);
DROP INDEX anomaly_abs_z;
