package dev.zscope.detection.robust;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingException;
import dev.zscope.detection.SettingValues;
import java.util.List;

/**
 * Settings of the {@code robust} detector, each stated once as a {@link Setting}.
 *
 * @param window    points in the rolling baseline; a few hundred covers a day of 5-minute data
 *                  without a minute's worth of memory
 * @param threshold a point is anomalous when |x − median| / (1.4826 · MAD) exceeds this; 1.4826
 *                  makes the MAD estimate a standard deviation under Gaussian noise, so 4 reads like
 *                  a 4-sigma rule that one outlier cannot loosen
 * @param warmup    points needed before the first verdict, at most the window
 */
public record RobustSettings(int window, double threshold, int warmup) {

    public static final Setting WINDOW = Setting.whole("window", 288, 3, 100_000,
            "points in the rolling median/MAD baseline");
    public static final Setting THRESHOLD = Setting.positive("threshold", 4, 1e9,
            "anomalous above this many robust standard deviations");
    public static final Setting WARMUP = Setting.whole("warmup", 30, 3, 100_000,
            "points before the first verdict, at most the window");
    public static final List<Setting> SETTINGS = List.of(WINDOW, THRESHOLD, WARMUP);

    public RobustSettings {
        WINDOW.check(window);
        THRESHOLD.check(threshold);
        WARMUP.check(warmup);
        if (warmup > window) {
            throw new SettingException(WARMUP.key(), "warmup must be at most the window (" + window
                    + "), got '" + warmup + "'");
        }
    }

    public static RobustSettings of(SettingValues v) {
        return new RobustSettings(v.whole(WINDOW), v.number(THRESHOLD), v.whole(WARMUP));
    }
}
