package dev.zscope.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly as it leaves the engine: immutable, and exactly one row of {@code anomalies.csv}.
 *
 * <p>Every detector reports a score and what it expected (a value and a normal band); the
 * Gaussian fields {@code std} and {@code z} are those of the Z-score family and NaN for detectors
 * that have no such baseline. The grid filters and sorts by {@code score}, which all detectors share.
 *
 * @param time      when the point was observed (UTC)
 * @param stream    the stream's name
 * @param value     the observed value
 * @param score     how anomalous the detector found the point: higher is more anomalous, unclipped
 *                  (|z| for the Z-score)
 * @param expected  the value the detector expected (the baseline mean for the Z-score)
 * @param lower     the lower edge of the normal band; NaN when the detector has none
 * @param upper     the upper edge of the normal band; NaN when the detector has none
 * @param std       the baseline population standard deviation, NaN when the detector has none
 * @param z         (value - expected) / std; infinite when std is 0 and value differs; NaN when none
 * @param threshold the detector's threshold in force (on |z|, or on its score)
 * @param window    the window size in force, 0 when the detector has none
 * @param detector  the detector's name
 */
public record Anomaly(Instant time, String stream, double value, double score, double expected, double lower,
                      double upper, double std, double z, double threshold, int window, String detector) {

    public Anomaly {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(detector, "detector");
    }

    /**
     * The Z-score form, as logs written before scores and bands were recorded hold it: the score
     * is |z| (0 when z is NaN) and the band is {@code mean ± threshold·std}, exactly what the
     * Z-score detector reports.
     */
    public Anomaly(Instant time, String stream, double value, double mean, double std, double z,
                   double threshold, int window, String detector) {
        this(time, stream, value, Double.isNaN(z) ? 0.0 : Math.abs(z), mean, mean - threshold * std,
                mean + threshold * std, std, z, threshold, window, detector);
    }

    /** The expected value; the name the Z-score detector and older logs use for it. */
    public double mean() {
        return expected;
    }
}
