package dev.zscope.detection.robust;

import dev.zscope.detection.Params;
import dev.zscope.detection.SettingSpec;

import java.io.Serializable;
import java.util.List;

/**
 * Settings of the {@code robust} detector.
 *
 * @param window    points in the rolling baseline; a few hundred covers a day of 5-minute data
 *                  without a minute's worth of memory
 * @param threshold a point is anomalous when |x − median| / (1.4826 · MAD) exceeds this; 1.4826
 *                  makes the MAD estimate a standard deviation under Gaussian noise, so 4 reads like
 *                  a 4-sigma rule that one outlier cannot loosen
 * @param warmup    points needed before the first verdict
 */
public record RobustSettings(int window, double threshold, int warmup) implements Serializable {

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("window", "288", "points in the rolling median/MAD baseline, 3 to 100000"),
            new SettingSpec("threshold", "4", "anomalous above this many robust standard deviations, > 0"),
            new SettingSpec("warmup", "30", "points before the first verdict, 3 to window"));

    public RobustSettings {
        if (window < 3 || window > 100_000) {
            throw new IllegalArgumentException("robust window must be 3 to 100000, got " + window);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("robust threshold must be > 0, got " + threshold);
        }
        if (warmup < 3 || warmup > window) {
            throw new IllegalArgumentException("robust warmup must be 3 to the window, got " + warmup);
        }
    }

    public static RobustSettings from(Params p) {
        return new RobustSettings(p.integer("window", 3, 100_000), p.number("threshold", 0, 1e9),
                p.integer("warmup", 3, 100_000));
    }
}
