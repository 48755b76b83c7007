package dev.zscope.detection.ewma;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingValues;
import java.util.List;

/**
 * Settings of the {@code ewma} detector, each stated once as a {@link Setting}.
 *
 * @param span      the memory in points: weights decay by α = 2 / (span + 1), the convention of
 *                  pandas and of most monitoring tools, so a span of 100 behaves roughly like a
 *                  100-point moving average without a window to store
 * @param threshold anomalous above this many exponentially weighted standard deviations
 * @param warmup    points before the first verdict
 */
public record EwmaSettings(double span, double threshold, int warmup) {

    public static final Setting SPAN = Setting.number("span", 100, 1, 1e9, "memory in points, alpha = 2/(span+1)");
    public static final Setting THRESHOLD = Setting.positive("threshold", 4, 1e9,
            "anomalous above this many weighted standard deviations");
    public static final Setting WARMUP = Setting.whole("warmup", 30, 2, 1_000_000, "points before the first verdict");
    public static final List<Setting> SETTINGS = List.of(SPAN, THRESHOLD, WARMUP);

    public EwmaSettings {
        SPAN.check(span);
        THRESHOLD.check(threshold);
        WARMUP.check(warmup);
    }

    public static EwmaSettings of(SettingValues v) {
        return new EwmaSettings(v.number(SPAN), v.number(THRESHOLD), v.whole(WARMUP));
    }

    double alpha() {
        return 2.0 / (span + 1.0);
    }
}
