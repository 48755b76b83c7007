package dev.zscope.bench;

/**
 * A reference point for the Z-score kernel, not a detector: the textbook O(1) rolling Z-score, whose
 * window sums add the newest value and subtract the evicted one, with the decision of
 * {@code ZScoreDetector} (no square root, no division) and nothing else: no anchor chosen from the
 * data, no rebuilding of the sums (their rounding errors grow for as long as it runs), no flat-window
 * rule, no check for non-finite values.
 *
 * <p>Why it is here: it is the least arithmetic per point an exact-decision rolling Z-score can do in
 * a scalar loop, so its time shows how far {@code zscore}'s extra guarantees are from that floor,
 * and how far the floor itself is from {@link DetectorBenchmark#readBaseline}. The values are kept
 * around a fixed centre given at construction (the benchmark series' level), as an anchor would.
 */
final class TextbookZScore {

    private final double[] window;
    private final double centre;
    private final double thresholdSquared;
    private double sum;
    private double squares;
    private int slot;

    TextbookZScore(int size, double centre, double threshold, double[] first) {
        this.window = new double[size];
        this.centre = centre;
        this.thresholdSquared = threshold * threshold;
        for (int i = 0; i < size; i++) {
            double y = first[i % first.length] - centre;
            window[i] = y;
            sum += y;
            squares += y * y;
        }
    }

    /** Judges and learns xs[0..n), writing the anomalies' indices to {@code found}; returns their count. */
    int update(double[] xs, int[] found) {
        double[] w = window;
        double c = centre;
        double n = w.length;
        double t2 = thresholdSquared;
        double s = sum;
        double q = squares;
        int at = slot;
        int count = 0;
        int i = 0;
        while (i < xs.length) {
            int m = Math.min(xs.length - i, w.length - at); // up to the ring's end: no wrap test per point
            for (int k = 0; k < m; k++) {
                double y = xs[i + k] - c;
                double deviation = Math.fma(n, y, -s);
                double variance = Math.fma(n, q, -(s * s));
                if (deviation * deviation > t2 * variance) {
                    found[count++] = i + k;
                }
                double old = w[at + k];
                w[at + k] = y;
                s += y - old;
                q += Math.fma(y, y, -(old * old));
            }
            i += m;
            at = at + m == w.length ? 0 : at + m;
        }
        sum = s;
        squares = q;
        slot = at;
        return count;
    }
}
