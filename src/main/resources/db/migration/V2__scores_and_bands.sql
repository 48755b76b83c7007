-- Every detector's score and normal band, so the grid can show, filter and sort anomalies of any
-- detector (the Z-score's z is NaN for detectors without a Gaussian baseline).
-- Portable SQL for H2 2.x and PostgreSQL 12+, and cheap on a table of millions of rows: no
-- existing row is rewritten (an UPDATE of every row took minutes per million rows in H2).
--
-- abs_z now holds the detector's score, which for the Z-score is |z| as before, so earlier rows
-- and the abs_z index serve the score's filter and sort unchanged. baseline_mean holds the
-- expected value. The band is new; NULL in earlier rows, which read it as the Z-score reported
-- it: baseline_mean ± threshold · baseline_std.

ALTER TABLE anomaly ADD COLUMN band_lower DOUBLE PRECISION;
ALTER TABLE anomaly ADD COLUMN band_upper DOUBLE PRECISION;
