package dev.zscope.detection.shape;

import static dev.zscope.detection.shape.ShapeLimits.BLOCK;
import static dev.zscope.detection.shape.ShapeLimits.CAPACITY;
import static dev.zscope.detection.shape.ShapeLimits.QUIET;
import static dev.zscope.detection.shape.ShapeLimits.RADIUS;
import static dev.zscope.detection.shape.ShapeLimits.SPAN;
import static dev.zscope.detection.shape.ShapeLimits.WARMUP;
import static dev.zscope.detection.shape.ShapeLimits.WINDOW;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingValues;
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
                               int warmup, double threshold) {

    public static final Setting THRESHOLD = Setting.positive("threshold", 0.15, 1e9, "live anomaly flag above this score");
    public static final List<Setting> SETTINGS = List.of(BLOCK, WINDOW, RADIUS, CAPACITY, SPAN, QUIET, WARMUP, THRESHOLD);

    public SentinelSettings {
        ShapeLimits.require(block, window, radius, capacity, span, quiet, warmup);
        THRESHOLD.check(threshold);
    }

    static SentinelSettings defaults() {
        return of(SettingValues.defaults(SETTINGS));
    }

    public static SentinelSettings of(SettingValues v) {
        return new SentinelSettings(v.whole(BLOCK), v.whole(WINDOW), v.number(RADIUS), v.whole(CAPACITY),
                v.number(SPAN), v.whole(QUIET), v.whole(WARMUP), v.number(THRESHOLD));
    }
}
