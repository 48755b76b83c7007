package dev.zscope.detection.ewma;

import dev.zscope.detection.BatchArguments;
import dev.zscope.detection.EwMoments;
import dev.zscope.detection.LongRunDetector;
import dev.zscope.detection.Verdict;


/**
 * Exponentially weighted mean and variance: O(1) time and memory per stream, no window to size.
 *
 * <p>The point is scored against the state before it, then folded in with the incremental update of
 * Finch (2009, "Incremental calculation of weighted mean and variance"):
 * {@code d = x − mean; mean += α·d; var = (1 − α)(var + α·d²)}. It adapts to a level shift within
 * about {@code span} points, so it stops firing on its own. During warm-up the weight is
 * max(α, 1/n), an exact running mean, so the first value does not dominate the baseline.
 */
public final class EwmaDetector extends LongRunDetector {

    public static final String NAME = "ewma";

    private final EwmaSettings settings;
    private final double thresholdSquared;
    /** The verdict of points the batch kernel hands back to {@link #update(double, Verdict)}. */
    private transient Verdict scratch;

    public EwmaDetector(EwmaSettings settings) {
        super(NAME, settings.alpha(), settings.threshold(), settings.warmup());
        this.settings = settings;
        this.thresholdSquared = settings.threshold() * settings.threshold();
    }

    public EwmaSettings settings() {
        return settings;
    }

    @Override
    public Verdict update(double value, Verdict out) {
        if (!Double.isFinite(value)) {
            return skip(value, out);
        }
        if (isLearning()) {
            learning(value, out);
        } else {
            double mean = moments.mean();
            double sigma = moments.sigma();
            double score = Math.abs(value - mean) / sigma;
            double band = settings.threshold() * sigma;
            out.scored(NAME, value, score, mean, mean - band, mean + band, settings.threshold(),
                    EwMoments.exceeds(value - mean, moments.variance(), mean, thresholdSquared));
        }
        moments.add(value);
        return out;
    }

    /**
     * Judges and learns {@code values[from..to)} exactly as that many calls of {@link #update} would
     * (same decisions, same state afterwards, bit for bit), but reports only the anomalies: their
     * indices in {@code values} go to {@code anomalies} (at least {@code to - from} long), and the
     * count is returned. For consumers that need no verdict per point: once the weight has settled,
     * a point is a handful of arithmetic operations ({@link EwMoments#judgeAndAdd}).
     */
    public int update(double[] values, int from, int to, int[] anomalies) {
        BatchArguments.check(values, from, to, anomalies);
        if (scratch == null) {
            scratch = new Verdict();
        }
        int[] processed = {0};
        int found = 0;
        int i = from;
        while (i < to) {
            if (!isLearning()) {
                found = moments.judgeAndAdd(values, i, to, thresholdSquared, anomalies, found, processed);
                i += processed[0];
                if (i == to) {
                    break;
                }
            }
            if (update(values[i], scratch).anomaly()) {
                anomalies[found++] = i;
            }
            i++;
        }
        return found;
    }
}
