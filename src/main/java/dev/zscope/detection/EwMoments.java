package dev.zscope.detection;



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
 * values.
 */
public final class EwMoments {

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
        double floor = Scales.floor(mean);
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

    /** Writes the moments for {@link #read}. */
    public void write(java.io.DataOutput out) throws java.io.IOException {
        out.writeDouble(mean);
        out.writeDouble(variance);
        out.writeLong(count);
        out.writeBoolean(settled);
    }

    /** Reads what {@link #write} wrote into these moments (same alpha). */
    public void read(java.io.DataInput in) throws java.io.IOException {
        mean = in.readDouble();
        variance = in.readDouble();
        count = in.readLong();
        settled = in.readBoolean();
        if (count < 0) {
            throw new java.io.IOException("negative count in saved moments");
        }
    }
}
