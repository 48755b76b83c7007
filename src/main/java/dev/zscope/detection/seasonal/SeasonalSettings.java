package dev.zscope.detection.seasonal;

import dev.zscope.detection.Params;
import dev.zscope.detection.SettingSpec;

import java.io.Serializable;
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
                               double threshold) implements Serializable {

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("warmup", "600", "points buffered to learn the period (max period = warmup/2), 20 to 100000"),
            new SettingSpec("minCorrelation", "0.3", "autocorrelation needed to accept a period, 0 to 1"),
            new SettingSpec("levelSpan", "20", "memory of the level in points, >= 1"),
            new SettingSpec("seasonSpan", "5", "memory of each phase in periods, >= 1"),
            new SettingSpec("threshold", "4", "anomalous above this many residual standard deviations, > 0"));

    public SeasonalSettings {
        if (warmup < 20 || warmup > 100_000) {
            throw new IllegalArgumentException("seasonal warmup must be 20 to 100000, got " + warmup);
        }
        if (!(minCorrelation >= 0 && minCorrelation <= 1)) {
            throw new IllegalArgumentException("seasonal minCorrelation must be 0 to 1, got " + minCorrelation);
        }
        if (!(levelSpan >= 1) || !(seasonSpan >= 1) || Double.isInfinite(levelSpan)
                || Double.isInfinite(seasonSpan)) {
            throw new IllegalArgumentException("seasonal spans must be finite and at least 1");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("seasonal threshold must be > 0, got " + threshold);
        }
    }

    public static SeasonalSettings from(Params p) {
        return new SeasonalSettings(p.integer("warmup", 20, 100_000), p.number("minCorrelation", 0, 1),
                p.number("levelSpan", 1, 1e9), p.number("seasonSpan", 1, 1e9), p.number("threshold", 0, 1e9));
    }
}
