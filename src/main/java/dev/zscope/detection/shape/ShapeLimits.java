package dev.zscope.detection.shape;

import dev.zscope.detection.Setting;

/**
 * The settings that {@code sentinel} and {@code resonance} share (their shape memory, long-run
 * baseline, quiet period and warm-up), stated once so that the two detectors accept the same
 * values and explain a refusal in the same words.
 */
final class ShapeLimits {

    static final Setting BLOCK = Setting.whole("block", 4, 1, 1000, "points averaged into one block");
    static final Setting WINDOW = Setting.whole("window", 4, 1, 64, "blocks per shape");
    static final Setting RADIUS = Setting.number("radius", 0.03, 0, 1, "learning radius as a fraction of the range");
    static final Setting CAPACITY = Setting.whole("capacity", 500, 1, 100_000, "most shapes remembered");
    static final Setting SPAN = Setting.number("span", 5000, 2, 1e12, "memory of the long-run level in points");
    static final Setting QUIET = Setting.whole("quiet", 400, 1, 100_000, "points a new alarm must out-score");
    static final Setting WARMUP = Setting.whole("warmup", 100, 1, 1_000_000, "points before the first verdict");

    private ShapeLimits() {
    }

    static void require(int block, int window, double radius, int capacity, double span, int quiet, int warmup) {
        BLOCK.check(block);
        WINDOW.check(window);
        RADIUS.check(radius);
        CAPACITY.check(capacity);
        SPAN.check(span);
        QUIET.check(quiet);
        WARMUP.check(warmup);
    }
}
