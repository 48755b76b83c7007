package dev.zscope.detection.zscore;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingException;
import dev.zscope.detection.SettingValues;
import java.util.List;

/**
 * The three knobs of the rolling Z-score detector. Each is stated once, as a {@link Setting};
 * the record checks its values against those and the one rule across them.
 *
 * @param threshold a point is anomalous when its |z| is strictly greater than this
 * @param window    how many of the most recent points form the baseline
 * @param warmup    how many points the baseline needs before the detector judges anything: at least
 *                  2 (a single point has no spread) and at most {@code window} (the baseline could
 *                  otherwise never grow big enough)
 */
public record ZScoreSettings(double threshold, int window, int warmup) {

    /**
     * Largest accepted window. The detector keeps three {@code double}s per window slot, so this caps
     * one stream's detector at about 24 MB and keeps a typo from exhausting the heap.
     */
    public static final int MAX_WINDOW = 1_000_000;

    public static final Setting THRESHOLD = Setting.positive("threshold", 3, 1e9,
            "anomalous when |z| is above this");
    public static final Setting WINDOW = Setting.whole("window", 100, 2, MAX_WINDOW,
            "points in the rolling baseline");
    public static final Setting WARMUP = Setting.whole("warmup", 30, 2, MAX_WINDOW,
            "points before the first verdict, at most the window");
    public static final List<Setting> SETTINGS = List.of(THRESHOLD, WINDOW, WARMUP);

    /** @throws SettingException naming the setting at fault */
    public ZScoreSettings {
        THRESHOLD.check(threshold);
        WINDOW.check(window);
        WARMUP.check(warmup);
        if (warmup > window) {
            throw new SettingException(WARMUP.key(), "warmup must be at most the window (" + window
                    + "), got '" + warmup + "'");
        }
    }

    public static ZScoreSettings of(SettingValues v) {
        return new ZScoreSettings(v.number(THRESHOLD), v.whole(WINDOW), v.whole(WARMUP));
    }

    /** Threshold 3, window 100, warm-up 30. */
    public static ZScoreSettings defaults() {
        return of(SettingValues.defaults(SETTINGS));
    }
}
