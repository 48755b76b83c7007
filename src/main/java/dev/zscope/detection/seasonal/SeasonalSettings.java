package dev.zscope.detection.seasonal;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingValues;
import java.util.List;

/**
 * Settings of the {@code seasonal} detector.
 *
 * @param warmup         points buffered to learn the period; the longest period it can find is half
 *                       of this (600 points find a daily cycle in 5-minute data, and daily or
 *                       weekly cycles in hourly data)
 * @param minCorrelation autocorrelation a lag needs to count as a period; below it the stream is
 *                       treated as having no season
 * @param levelSpan      memory of the level, in points (α = 2/(span+1)): short, so a level shift is
 *                       absorbed in a few dozen points
 * @param seasonSpan     memory of each phase's offset, in periods: a few periods, so the profile
 *                       follows slow changes but one odd day does not rewrite it
 * @param threshold      anomalous above this many residual standard deviations
 */
public record SeasonalSettings(int warmup, double minCorrelation, double levelSpan, double seasonSpan,
                               double threshold) {

    public static final Setting WARMUP = Setting.whole("warmup", 600, 20, 100_000,
            "points buffered to learn the period (the longest period found is half of it)");
    public static final Setting MIN_CORRELATION = Setting.number("minCorrelation", 0.3, 0, 1,
            "autocorrelation needed to accept a period");
    public static final Setting LEVEL_SPAN = Setting.number("levelSpan", 20, 1, 1e9, "memory of the level in points");
    public static final Setting SEASON_SPAN = Setting.number("seasonSpan", 5, 1, 1e9,
            "memory of each phase in periods");
    public static final Setting THRESHOLD = Setting.positive("threshold", 4, 1e9,
            "anomalous above this many residual standard deviations");
    public static final List<Setting> SETTINGS = List.of(WARMUP, MIN_CORRELATION, LEVEL_SPAN, SEASON_SPAN, THRESHOLD);

    public SeasonalSettings {
        WARMUP.check(warmup);
        MIN_CORRELATION.check(minCorrelation);
        LEVEL_SPAN.check(levelSpan);
        SEASON_SPAN.check(seasonSpan);
        THRESHOLD.check(threshold);
    }

    public static SeasonalSettings of(SettingValues v) {
        return new SeasonalSettings(v.whole(WARMUP), v.number(MIN_CORRELATION), v.number(LEVEL_SPAN),
                v.number(SEASON_SPAN), v.number(THRESHOLD));
    }
}
