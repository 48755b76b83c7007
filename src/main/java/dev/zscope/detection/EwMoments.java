package dev.zscope.detection;

import dev.zscope.detection.ewma.EwmaDetector;

import java.io.Serializable;

/**
 * Exponentially weighted mean and variance of a stream, O(1) per value, shared by the detectors
 * that keep a long-run baseline. Update after Finch (2009), {@code d = x − mean; mean += a·d;
 * var = (1 − a)(var + a·d²)} with {@code a = max(α, 1/n)}, an exact running mean at first, so the
 * first value does not dominate the baseline.
 *
 * <p>It is evaluated as {@code mean = (1 − a)·mean + a·x} and {@code var = (1 − a)·var +
 * (1 − a)·a·d²}, each one fused multiply-add on the previous value: the same quantities, but the
 * chain from one value's state to the next is one fused operation per moment instead of a
 * subtraction, a multiplication and an addition, which is what bounds the speed of a stream of
 * values (see {@link #judgeAndAdd}).
 */
public final class EwMoments implements Serializable {

    private final double alpha;
    private double mean;
    private double variance;
    private long count;
    /** Whether 1/count has fallen to α or below, after which the weight is α for good. */
    private boolean settled;

    public EwMoments(double alpha) {
        this.alpha = alpha;
    }

    public void add(double x) {
        count++;
        // max(α, 1/n) without a division per value once 1/n ≤ α: 1/n only decreases.
        double a = alpha;
        if (!settled) {
            a = Math.max(alpha, 1.0 / count);
            settled = a == alpha && 1.0 / count <= alpha;
        }
        double d = x - mean;
        double keep = 1 - a;
        mean = Math.fma(keep, mean, a * x);
        variance = Math.fma(keep, variance, keep * a * (d * d));
    }

    /**
     * The batch kernel of {@link EwmaDetector}: judges xs[from..to) with {@link #exceeds} against the
     * moments before each value and adds it, exactly as that many {@link #add} calls after the same
     * decisions, while the weight has settled at α and the values are finite. Indices of anomalies
     * go to {@code anomalies} from {@code found} on; returns the new count, and the number of values
     * processed through {@code processed[0]}. A non-finite value is not tested per point: it leaves
     * the mean non-finite for good, so the moments are put back and the values judged again up to it.
     */
    public int judgeAndAdd(double[] xs, int from, int to, double thresholdSquared, int[] anomalies, int found,
                    int[] processed) {
        if (!settled) {
            processed[0] = 0;
            return found;
        }
        double m0 = mean;
        double v0 = variance;
        int end = to;
        int judged = judge(xs, from, end, thresholdSquared, anomalies, found);
        if (!Double.isFinite(mean)) {
            int bad = from;
            while (bad < to && Double.isFinite(xs[bad])) {
                bad++;
            }
            if (bad < to) { // else finite values overflowed, as they would one by one
                mean = m0;
                variance = v0;
                end = bad;
                judged = judge(xs, from, end, thresholdSquared, anomalies, found);
            }
        }
        count += end - from;
        processed[0] = end - from;
        return judged;
    }

    private int judge(double[] xs, int from, int to, double thresholdSquared, int[] anomalies, int found) {
        double a = alpha;
        double keep = 1 - a;
        double m = mean;
        double v = variance;
        for (int i = from; i < to; i++) {
            double x = xs[i];
            double d = x - m;
            if (exceeds(d, v, m, thresholdSquared)) {
                anomalies[found++] = i;
            }
            m = Math.fma(keep, m, a * x);
            v = Math.fma(keep, v, keep * a * (d * d));
        }
        mean = m;
        variance = v;
        return found;
    }

    /**
     * Whether a deviation d from {@code mean} exceeds t = √{@code thresholdSquared} spreads, the
     * spread being √variance {@linkplain Scales#floored floored}: d² &gt; t²·spread², with no square
     * root and no division. The first comparison settles almost every point, because the floor can
     * only raise the spread: a point within t·√variance is normal either way.
     */
    public static boolean exceeds(double d, double variance, double mean, double thresholdSquared) {
        double squared = d * d;
        if (!(squared > thresholdSquared * variance)) {
            return false;
        }
        // Scales.floor(mean), written out: a call, even on this rare path, keeps the JIT from
        // unrolling the kernel's loop (it then costs twice as much).
        double floor = Scales.FLOOR * Math.max(1.0, Math.abs(mean));
        return variance > floor * floor || squared > thresholdSquared * (floor * floor);
    }

    public double mean() {
        return mean;
    }

    public double variance() {
        return variance;
    }

    /** The standard deviation, never below the floor {@link Scales} sets for this mean. */
    public double sigma() {
        return Scales.floored(Math.sqrt(variance), mean);
    }

    /** Values added so far. */
    public long count() {
        return count;
    }

    public void reset() {
        mean = 0;
        variance = 0;
        count = 0;
        settled = false;
    }
}
