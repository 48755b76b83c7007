package dev.zscope.engine;

import dev.zscope.detection.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly as it leaves the engine: immutable, one row of {@code anomalies.csv} and of the
 * anomaly store, and what the engine-wide feed carries to views.
 *
 * <p>Every detector reports a score and what it expected (a value and a normal band); the
 * Gaussian fields {@code std} and {@code z} are those of the Z-score family and NaN for detectors
 * that have no such baseline. The grid filters by {@code severity}, which means the same for all
 * detectors, and sorts by it or by the raw {@code score}.
 *
 * @param time      when the point was observed (UTC)
 * @param stream    the stream's name
 * @param value     the observed value
 * @param score     how anomalous the detector found the point: higher is more anomalous, unclipped
 *                  (|z| for the Z-score)
 * @param severity  the calibrated severity in [0, 1], comparable across detectors and streams (see
 *                  {@link Verdict#severity()}); NaN for anomalies recorded before it existed
 * @param expected  the value the detector expected (the baseline mean for the Z-score)
 * @param lower     the lower edge of the normal band; NaN when the detector has none
 * @param upper     the upper edge of the normal band; NaN when the detector has none
 * @param std       the baseline population standard deviation, NaN when the detector has none
 * @param z         (value - expected) / std; infinite when std is 0 and value differs; NaN when none
 * @param threshold the detector's threshold in force (on |z|, or on its score)
 * @param window    the window size in force, 0 when the detector has none
 * @param detector  the detector's name
 */
public record Anomaly(Instant time, String stream, double value, double score, double severity, double expected,
                      double lower, double upper, double std, double z, double threshold, int window,
                      String detector) {

    public Anomaly {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(detector, "detector");
    }

    /** The anomaly a verdict describes, for a point of {@code stream} observed at {@code epochMillis}. */
    public static Anomaly of(String stream, long epochMillis, Verdict v) {
        return new Anomaly(Instant.ofEpochMilli(epochMillis), stream, v.value(), v.score(), v.severity(), v.expected(),
                v.lower(), v.upper(), v.std(), v.z(), v.threshold(), v.window(), v.detector());
    }
}
