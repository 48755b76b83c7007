package dev.zscope.detection.shape;

import dev.zscope.detection.Params;
import dev.zscope.detection.SettingSpec;

import java.io.Serializable;
import java.util.List;

/**
 * Settings of {@code sentinel}, the default detector. The defaults are generic rather than fitted:
 * a few round numbers, stable in the neighbourhood tried (see src/docs/detectors.md).
 *
 * @param block     points averaged into one block mean; 4 smooths sample noise and still reacts
 *                  within a handful of points
 * @param window    block means forming one shape; 4 blocks = 16 points of context
 * @param radius    a shape within this distance (fraction of the stream's range) of a prototype
 *                  resonates with it and is learned into it; smaller than any distance worth
 *                  alarming on
 * @param capacity  most prototypes kept; bounds memory and time per point
 * @param span      memory in points of the long-run mean and deviation that confirm a novel shape
 *                  is also far from the stream's usual level; about two weeks of 5-minute data
 * @param quiet     a score is reported only if it beats every score of this many previous points,
 *                  so one incident raises one alarm, not a burst of them
 * @param warmup    points before the first verdict
 * @param threshold score above which the live engine flags an anomaly
 */
public record SentinelSettings(int block, int window, double radius, int capacity, double span, int quiet,
                               int warmup, double threshold) implements Serializable {

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("block", "4", "points averaged into one block, 1 to 1000"),
            new SettingSpec("window", "4", "blocks per shape, 1 to 64"),
            new SettingSpec("radius", "0.03", "learning radius as a fraction of the range, 0 to 1"),
            new SettingSpec("capacity", "500", "most shapes remembered, 1 to 100000"),
            new SettingSpec("span", "5000", "memory of the long-run level in points, >= 2"),
            new SettingSpec("quiet", "400", "points a new alarm must out-score, 1 to 100000"),
            new SettingSpec("warmup", "100", "points before the first verdict, 1 to 1000000"),
            new SettingSpec("threshold", "0.15", "live anomaly flag above this score, > 0"));

    public SentinelSettings {
        ShapeLimits.require("sentinel", block, window, radius, capacity, span, quiet, warmup, threshold);
    }

    static SentinelSettings defaults() {
        return new SentinelSettings(4, 4, 0.03, 500, 5000, 400, 100, 0.15);
    }

    public static SentinelSettings from(Params p) {
        return new SentinelSettings(p.integer("block", 1, 1000), p.integer("window", 1, 64),
                p.number("radius", 0, 1), p.integer("capacity", 1, 100_000), p.number("span", 2, 1e12),
                p.integer("quiet", 1, 100_000), p.integer("warmup", 1, 1_000_000), p.number("threshold", 0, 1e9));
    }
}
