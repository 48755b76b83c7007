package dev.zscope.detection.ewma;

import dev.zscope.detection.EwMoments;
import dev.zscope.detection.LongRunDetector;
import dev.zscope.detection.Verdict;
import java.io.DataInput;
import java.io.IOException;

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
    /** Version of the state {@link #writeState} writes. */
    public static final int STATE_VERSION = 2;

    private final EwmaSettings settings;
    private final double thresholdSquared;

    public EwmaDetector(EwmaSettings settings) {
        super(NAME, settings.alpha(), settings.threshold(), settings.warmup());
        this.settings = settings;
        this.thresholdSquared = settings.threshold() * settings.threshold();
    }

    /** A detector with {@code settings} in the state {@link #writeState} wrote. */
    public static EwmaDetector read(EwmaSettings settings, DataInput in) throws IOException {
        return new EwmaDetector(settings).readState(in);
    }

    public EwmaSettings settings() {
        return settings;
    }

    @Override
    protected Verdict accept(long epochMillis, double value, Verdict out) {
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
}
