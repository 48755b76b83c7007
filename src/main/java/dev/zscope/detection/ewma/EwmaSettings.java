package dev.zscope.detection.ewma;

import dev.zscope.detection.Params;
import dev.zscope.detection.SettingSpec;

import java.io.Serializable;
import java.util.List;

/**
 * Settings of the {@code ewma} detector.
 *
 * @param span      the memory in points: weights decay by α = 2 / (span + 1), the convention of
 *                  pandas and of most monitoring tools, so a span of 100 behaves roughly like a
 *                  100-point moving average without a window to store
 * @param threshold anomalous above this many exponentially weighted standard deviations
 * @param warmup    points before the first verdict
 */
public record EwmaSettings(double span, double threshold, int warmup) implements Serializable {

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("span", "100", "memory in points, alpha = 2/(span+1); 1 to 1e9"),
            new SettingSpec("threshold", "4", "anomalous above this many weighted standard deviations, > 0"),
            new SettingSpec("warmup", "30", "points before the first verdict, 2 to 1000000"));

    public EwmaSettings {
        if (!(span >= 1) || Double.isInfinite(span)) {
            throw new IllegalArgumentException("ewma span must be at least 1, got " + span);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("ewma threshold must be > 0, got " + threshold);
        }
        if (warmup < 2 || warmup > 1_000_000) {
            throw new IllegalArgumentException("ewma warmup must be 2 to 1000000, got " + warmup);
        }
    }

    public static EwmaSettings from(Params p) {
        return new EwmaSettings(p.number("span", 1, 1e9), p.number("threshold", 0, 1e9),
                p.integer("warmup", 2, 1_000_000));
    }

    double alpha() {
        return 2.0 / (span + 1.0);
    }
}
