package dev.zscope.detection;

import java.util.Arrays;

/** Finding a stream's period and sampling step from a buffered stretch of it. */
public final class Periods {

    private Periods() {
    }

    /**
     * The lag, from 2 to n/2, at which the autocorrelation of {@code xs[0..n)} has its highest local
     * peak, or 1 when no peak reaches {@code minCorrelation}. Local peaks only, because a slowly
     * drifting series correlates best at lag 1, 2, 3... without being periodic. O(n²/2), once.
     */
    public static int period(double[] xs, int n, double minCorrelation) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += xs[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (xs[i] - mean) * (xs[i] - mean);
        }
        if (var == 0) {
            return 1;
        }
        int maxLag = n / 2;
        double[] acf = new double[maxLag + 2];
        for (int lag = 1; lag <= maxLag + 1 && lag < n; lag++) {
            double s = 0;
            for (int i = lag; i < n; i++) {
                s += (xs[i] - mean) * (xs[i - lag] - mean);
            }
            acf[lag] = s / var;
        }
        int best = 1;
        double bestAcf = minCorrelation;
        for (int lag = 2; lag <= maxLag; lag++) {
            if (acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1] && acf[lag] > bestAcf) {
                best = lag;
                bestAcf = acf[lag];
            }
        }
        return best;
    }

    /** The median positive difference between consecutive timestamps, or 0 when there is none. */
    public static long step(long[] times, int n) {
        long[] deltas = new long[Math.max(0, n - 1)];
        int k = 0;
        for (int i = 1; i < n; i++) {
            long d = times[i] - times[i - 1];
            if (d > 0) {
                deltas[k++] = d;
            }
        }
        if (k == 0) {
            return 0;
        }
        Arrays.sort(deltas, 0, k);
        return deltas[k / 2];
    }
}
