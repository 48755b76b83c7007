package dev.zscope.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly as it leaves the engine: immutable, and exactly one row of {@code anomalies.csv}.
 *
 * @param time      when the point was observed (UTC)
 * @param stream    the stream's name
 * @param value     the observed value
 * @param mean      the baseline mean the point was judged against
 * @param std       the baseline population standard deviation
 * @param z         (value - mean) / std; infinite when std is 0 and value differs from mean
 * @param threshold the |z| threshold in force
 * @param window    the window size in force
 * @param detector  the detector's name
 */
public record Anomaly(Instant time, String stream, double value, double mean, double std, double z,
                      double threshold, int window, String detector) {

    public Anomaly {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(detector, "detector");
    }

    /** |z|, the figure the grid filters and sorts on. */
    public double absZ() {
        return Math.abs(z);
    }
}
