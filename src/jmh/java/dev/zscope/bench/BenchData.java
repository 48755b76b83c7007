package dev.zscope.bench;

import java.util.SplittableRandom;

/**
 * The synthetic series every benchmark feeds: Gaussian noise around a level with rare spikes, from a
 * fixed seed, so that two runs (or two machines) judge exactly the same points.
 */
final class BenchData {

    /** Level and spread of the normal points; a level far from 0 keeps the shift logic honest. */
    static final double LEVEL = 1_000.0;
    static final double SPREAD = 10.0;
    /** Spikes sit this many standard deviations off the level, far past the default threshold of 3. */
    static final double SPIKE = 8.0;

    private BenchData() {
    }

    /**
     * {@code n} points, of which about {@code anomalyShare} (e.g. 0.005) are spikes; the rest are
     * Gaussian noise, so a Z-score detector at 3σ flags that share plus about 0.27% false positives.
     * A share of exactly 0 means "no anomaly at all": the noise is then uniform within ±√3 σ (same
     * spread, no tail), so no point can pass a 3σ threshold and the anomaly path never runs.
     */
    static double[] series(int n, double anomalyShare, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            double noise;
            if (anomalyShare == 0) {
                noise = Math.sqrt(3.0) * (2.0 * random.nextDouble() - 1.0);
            } else if (random.nextDouble() < anomalyShare) {
                noise = random.nextBoolean() ? SPIKE : -SPIKE;
            } else {
                noise = gaussian(random);
            }
            points[i] = LEVEL + SPREAD * noise;
        }
        return points;
    }

    /** Box-Muller: SplittableRandom has no nextGaussian of its own on every JDK we support. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
