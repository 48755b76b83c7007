package dev.zscope.detection.shape;

/**
 * The limits of the settings that {@code sentinel} and {@code resonance} share (their shape memory,
 * long-run baseline, quiet period, warm-up and threshold), checked in one place so that the two
 * detectors accept the same values and explain a refusal in the same words.
 */
final class ShapeLimits {

    private ShapeLimits() {
    }

    static void require(String detector, int block, int window, double radius, int capacity, double span,
                        int quiet, int warmup, double threshold) {
        if (block < 1 || block > 1000 || window < 1 || window > 64 || capacity < 1 || capacity > 100_000
                || quiet < 1 || quiet > 100_000 || warmup < 1 || warmup > 1_000_000) {
            throw new IllegalArgumentException(detector + " needs block 1-1000, window 1-64, capacity 1-100000, "
                    + "quiet 1-100000 and warmup 1-1000000");
        }
        if (!(radius >= 0 && radius <= 1) || !(span >= 2) || Double.isInfinite(span)) {
            throw new IllegalArgumentException(detector + " needs radius 0-1 and a finite span >= 2");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(detector + " threshold must be > 0, got " + threshold);
        }
    }
}
