package dev.zscope.detection;

import java.util.Random;

/** Synthetic streams with a known truth, from fixed seeds. */
public final class Streams {

    private Streams() {
    }

    /** Gaussian noise around {@code level} with standard deviation 1. */
    public static double[] noise(long seed, int n, double level) {
        Random random = new Random(seed);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = level + random.nextGaussian();
        }
        return xs;
    }

    /** A sine of {@code period} points and amplitude 10 around 100, with noise of σ = 0.3. */
    public static double[] seasonal(long seed, int n, int period) {
        Random random = new Random(seed);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 100 + 10 * Math.sin(2 * Math.PI * i / period) + 0.3 * random.nextGaussian();
        }
        return xs;
    }

    /** Scores of a fresh run over xs (0 while learning or missing). */
    public static double[] scores(Detector d, double[] xs) {
        double[] out = new double[xs.length];
        Verdict v = new Verdict();
        for (int i = 0; i < xs.length; i++) {
            d.update(xs[i], v);
            out[i] = v.learning() || !Double.isFinite(xs[i]) ? 0.0 : v.score();
        }
        return out;
    }

    /** Points flagged among xs[from..to) after feeding xs[0..to) to {@code d}, one call per point. */
    public static int flags(Detector d, double[] xs, int from, int to) {
        Verdict v = new Verdict();
        int flags = 0;
        for (int i = 0; i < to; i++) {
            d.update(xs[i], v);
            if (i >= from && v.anomaly()) {
                flags++;
            }
        }
        return flags;
    }

    public static double max(double[] xs, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, xs[i]);
        }
        return m;
    }
}
