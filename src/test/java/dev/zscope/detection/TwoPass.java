package dev.zscope.detection;

/**
 * Test reference: mean and population standard deviation of {@code xs[from..to)} by the two-pass
 * algorithm, O(n) per call and stateless.
 *
 * <p>Both passes work on x − x0, x0 being the window's first value, and z is taken in that frame
 * too. Without the shift the reference would be the weak side of the comparison: at 1e9 + N(0,1)
 * with a window of 1000, Σx/n alone is off by ~1e-6, and rounding the mean to a double near 1e9
 * costs up to 6e-8 of z.
 */
public final class TwoPass {

    public final double mean;
    public final double std;
    private final double origin;
    private final double shiftedMean;

    private TwoPass(double origin, double shiftedMean, double std) {
        this.origin = origin;
        this.shiftedMean = shiftedMean;
        this.mean = origin + shiftedMean;
        this.std = std;
    }

    public static TwoPass of(double[] xs, int from, int to) {
        int n = to - from;
        double origin = xs[from];
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += xs[i] - origin;
        }
        double shiftedMean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            double d = (xs[i] - origin) - shiftedMean;
            squares += d * d;
        }
        return new TwoPass(origin, shiftedMean, Math.sqrt(squares / n));
    }

    /** z of x against this baseline; 0 when x equals the mean, ±Infinity when only std is 0. */
    public double z(double x) {
        double d = (x - origin) - shiftedMean;
        return d == 0 ? 0 : d / std;
    }
}
