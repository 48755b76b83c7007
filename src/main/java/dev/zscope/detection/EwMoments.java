package dev.zscope.detection;

import java.io.Serializable;

/**
 * Exponentially weighted mean and variance of a stream, O(1) per value, shared by the detectors
 * that keep a long-run baseline. Update after Finch (2009): {@code d = x − mean; mean += a·d;
 * var = (1 − a)(var + a·d²)} with {@code a = max(α, 1/n)}, an exact running mean at first, so the
 * first value does not dominate the baseline.
 */
final class EwMoments implements Serializable {

    private final double alpha;
    private double mean;
    private double variance;
    private long count;
    /** Whether 1/count has fallen to α or below, after which the weight is α for good. */
    private boolean settled;

    EwMoments(double alpha) {
        this.alpha = alpha;
    }

    void add(double x) {
        count++;
        // max(α, 1/n) without a division per value once 1/n ≤ α: 1/n only decreases.
        double a = alpha;
        if (!settled) {
            a = Math.max(alpha, 1.0 / count);
            settled = a == alpha && 1.0 / count <= alpha;
        }
        double d = x - mean;
        mean += a * d;
        variance = (1 - a) * (variance + a * d * d);
    }

    double mean() {
        return mean;
    }

    /** The standard deviation, never below the floor {@link Scales} sets for this mean. */
    double sigma() {
        return Scales.floored(Math.sqrt(variance), mean);
    }

    /** Values added so far. */
    long count() {
        return count;
    }

    void reset() {
        mean = 0;
        variance = 0;
        count = 0;
        settled = false;
    }
}
