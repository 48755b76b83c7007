package dev.zscope.detection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is known about a stream before it starts, all optional: its value range and its time scale
 * in points (the stream's length, or the horizon to scale for). NAB hands its detectors each
 * file's minimum, maximum and row count; a live stream's user often knows as much (CPU is 0–100 %,
 * a day of 5-minute points). A detector that uses hints declares settings under the keys
 * {@link #MIN}, {@link #MAX} and {@link #PERIOD} and uses them exactly as NAB's detectors use the
 * file's range and length; without hints it is strictly streaming.
 *
 * @param min    lowest value expected; NaN or infinite when not given
 * @param max    highest value expected; NaN or infinite when not given
 * @param period points in the stream, or the horizon to scale for; 0 when not given
 */
public record StreamHints(double min, double max, long period) {

    /** The setting keys under which a detector takes hints. */
    public static final String MIN = "min", MAX = "max", PERIOD = "period";

    private static final StreamHints NONE = new StreamHints(Double.NaN, Double.NaN, 0);

    public StreamHints {
        if (period < 0) {
            throw new IllegalArgumentException("period must be >= 0, got " + period);
        }
        if (Double.isFinite(min) && Double.isFinite(max) && max < min) {
            throw new IllegalArgumentException("max (" + max + ") must be at least min (" + min + ")");
        }
    }

    /** No hints: strictly streaming. */
    public static StreamHints none() {
        return NONE;
    }

    /** Whether both ends of the range are given. */
    public boolean hasRange() {
        return Double.isFinite(min) && Double.isFinite(max);
    }

    public boolean hasPeriod() {
        return period > 0;
    }

    /** Whether nothing is given. */
    public boolean isEmpty() {
        return !Double.isFinite(min) && !Double.isFinite(max) && period == 0;
    }

    /** The hints given, as detector settings (keys {@link #MIN}, {@link #MAX}, {@link #PERIOD}). */
    public Map<String, String> asSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (Double.isFinite(min)) {
            settings.put(MIN, Double.toString(min));
        }
        if (Double.isFinite(max)) {
            settings.put(MAX, Double.toString(max));
        }
        if (period > 0) {
            settings.put(PERIOD, Long.toString(period));
        }
        return settings;
    }
}
