package dev.zscope.detection.zscore;

/**
 * The three knobs of the rolling Z-score detector, validated once here so that every consumer (the
 * settings form, the config file, a restored snapshot) gets the same rules and the same messages.
 *
 * @param threshold a point is anomalous when its |z| is strictly greater than this; finite, &gt; 0
 * @param window    how many of the most recent points form the baseline; 2 to {@link #MAX_WINDOW}
 * @param warmup    how many points the baseline needs before the detector judges anything; at least
 *                  2 (a single point has no spread) and at most {@code window} (the baseline could
 *                  otherwise never grow big enough)
 */
public record ZScoreSettings(double threshold, int window, int warmup) implements java.io.Serializable {

    /**
     * Largest accepted window. The detector keeps three {@code double}s per window slot, so this caps
     * one stream's detector at about 24 MB and keeps a typo from exhausting the heap.
     */
    public static final int MAX_WINDOW = 1_000_000;

    private static final ZScoreSettings DEFAULTS = new ZScoreSettings(3.0, 100, 30);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException with a message fit to show to the user as is
     */
    public ZScoreSettings {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(
                    "threshold must be a finite number greater than 0, got " + threshold);
        }
        if (window < 2) {
            throw new IllegalArgumentException("window must hold at least 2 points, got " + window);
        }
        if (window > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "window must hold at most " + MAX_WINDOW + " points, got " + window);
        }
        if (warmup < 2) {
            throw new IllegalArgumentException("warm-up must be at least 2 points, got " + warmup);
        }
        if (warmup > window) {
            throw new IllegalArgumentException(
                    "warm-up (" + warmup + ") must not exceed the window (" + window + ")");
        }
    }

    /** Threshold 3.0, window 100, warm-up 30. */
    public static ZScoreSettings defaults() {
        return DEFAULTS;
    }

    /** A copy with another threshold; validated like the constructor. */
    public ZScoreSettings withThreshold(double newThreshold) {
        return new ZScoreSettings(newThreshold, window, warmup);
    }

    /**
     * A copy with another window; validated like the constructor, so shrinking the window below the
     * current warm-up fails: lower the warm-up first.
     */
    public ZScoreSettings withWindow(int newWindow) {
        return new ZScoreSettings(threshold, newWindow, warmup);
    }

    /** A copy with another warm-up; validated like the constructor. */
    public ZScoreSettings withWarmup(int newWarmup) {
        return new ZScoreSettings(threshold, window, newWarmup);
    }
}
