package dev.zscope.detection.art;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingException;
import dev.zscope.detection.SettingValues;
import dev.zscope.detection.Severity;
import dev.zscope.detection.StreamHints;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of {@link ArtDetector}. The user-facing ones are in {@link #SETTINGS}, each stated once;
 * the rest are the method's constants, kept here so that experiments (the NAB harness) can vary them.
 *
 * @param severity  flag a point when its calibrated severity is at least this
 * @param capacity  most fuzzy ART categories per time scale (bounds memory and time per point)
 * @param margin    share of the observed span added on each side of a discovered value frame
 * @param horizon   points of memory of the severity calibration
 * @param share     a time scale reports once its warm-up is at most this share of the points seen
 * @param trend     block values in a streaming time scale's warm-up (ARTime: 13 windows of 8)
 * @param steps     points per block of the streaming time scales, finest first
 * @param clip      cap the raw score at 1 as ARTime does
 * @param deadband  a block value within this many median absolute deviations (of the levels) of
 *                  the median level is snapped to it, on top of ARTime's 7.5% of the frame; NaN
 *                  means automatic: {@link #STREAMING_DEADBAND} when the frame is discovered, 0
 *                  (ARTime's rule alone) when a range is declared
 * @param hints     what is known of the stream in advance
 */
public record ArtSettings(double severity, int capacity, double margin, int horizon, double share, int trend,
                          int[] steps, boolean clip, double deadband, StreamHints hints) {

    /** The deadband of a stream whose range is discovered (chosen on the NAB dev folds). */
    public static final double STREAMING_DEADBAND = 1.5;

    public static final Setting SEVERITY = Setting.number("severity", 0.99999, 0, 1,
            "flag a point whose calibrated severity (1 - how often this stream's recent scores reach its score) "
                    + "is at least this");
    public static final Setting CAPACITY = Setting.whole("capacity", 256, 16, 4096,
            "most remembered categories per time scale");
    public static final Setting MARGIN = Setting.number("margin", 0.1, 0, 10,
            "share of the warm-up's span added on each side of the value frame");
    public static final Setting HORIZON = Setting.whole("horizon", Severity.HORIZON, 100, 10_000_000,
            "points of memory of the severity calibration");
    public static final Setting MIN = Setting.number(StreamHints.MIN, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, "hint: lowest value expected (-Infinity: not given)");
    public static final Setting MAX = Setting.number(StreamHints.MAX, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, "hint: highest value expected (Infinity: not given)");
    public static final Setting PERIOD = Setting.whole(StreamHints.PERIOD, 0, 0, Integer.MAX_VALUE,
            "hint: points in the stream or the horizon to scale for (0: not given)");
    public static final List<Setting> SETTINGS = List.of(SEVERITY, CAPACITY, MARGIN, HORIZON, MIN, MAX, PERIOD);

    public ArtSettings {
        if (!(severity >= 0 && severity <= 1)) {
            throw new IllegalArgumentException("severity must be in [0, 1], got " + severity);
        }
        if (capacity < 16) {
            throw new IllegalArgumentException("capacity must be >= 16, got " + capacity);
        }
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin must be >= 0, got " + margin);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        }
        if (trend < 2 * ArtScale.WINDOW) {
            throw new IllegalArgumentException("trend must be >= " + 2 * ArtScale.WINDOW + ", got " + trend);
        }
        steps = steps.clone();
        if (steps.length == 0 || steps.length > 64) {
            throw new IllegalArgumentException("1 to 64 time scales");
        }
        for (int k = 0; k < steps.length; k++) {
            if (steps[k] < 1 || (k > 0 && steps[k] <= steps[k - 1])) {
                throw new IllegalArgumentException("steps must be increasing and >= 1: " + Arrays.toString(steps));
            }
        }
        if (deadband < 0) {
            throw new IllegalArgumentException("deadband must be >= 0 or NaN, got " + deadband);
        }
        if (hints == null) {
            hints = StreamHints.none();
        }
    }

    public static ArtSettings defaults() {
        return new ArtSettings(0.99999, 256, 0.1, Severity.HORIZON, 0.5, 104, new int[] {1, 2, 3, 4, 5, 6, 7}, false,
                Double.NaN, StreamHints.none());
    }

    /** From user settings (see {@link #SETTINGS}); the method's constants stay at their defaults. */
    public static ArtSettings of(SettingValues v) {
        ArtSettings d = defaults();
        double min = v.number(MIN);
        double max = v.number(MAX);
        if (Double.isFinite(min) && Double.isFinite(max) && max < min) {
            throw new SettingException(MAX.key(), "max must be at least min (" + min + "), got '" + max + "'");
        }
        StreamHints hints = new StreamHints(min, max, v.whole(PERIOD));
        return new ArtSettings(v.number(SEVERITY), v.whole(CAPACITY), v.number(MARGIN), v.whole(HORIZON), d.share(),
                d.trend(), d.steps(), d.clip(), d.deadband(), hints);
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    /** The deadband the scales use: the setting, or the automatic choice for these hints. */
    double deadbandInForce() {
        if (!Double.isNaN(deadband)) {
            return deadband;
        }
        return hints.hasRange() ? 0.0 : STREAMING_DEADBAND;
    }

    public ArtSettings withHints(StreamHints h) {
        return new ArtSettings(severity, capacity, margin, horizon, share, trend, steps, clip, deadband, h);
    }

    /** A copy with one setting changed by name (any component, for experiments); values as text. */
    public ArtSettings with(String key, String value) {
        double v = key.equals("steps") ? 0 : Double.parseDouble(value.strip());
        int[] st = key.equals("steps")
                ? Arrays.stream(value.split("[/,]")).mapToInt(s -> Integer.parseInt(s.strip())).toArray() : steps;
        return new ArtSettings(
                key.equals("severity") ? v : severity,
                key.equals("capacity") ? (int) v : capacity,
                key.equals("margin") ? v : margin,
                key.equals("horizon") ? (int) v : horizon,
                key.equals("share") ? v : share,
                key.equals("trend") ? (int) v : trend,
                st,
                key.equals("clip") ? v != 0 : clip,
                key.equals("deadband") ? v : deadband,
                hints).checkKey(key);
    }

    private ArtSettings checkKey(String key) {
        if (!List.of("severity", "capacity", "margin", "horizon", "share", "trend", "steps", "clip", "deadband")
                .contains(key)) {
            throw new IllegalArgumentException("no art setting " + key);
        }
        return this;
    }
}
