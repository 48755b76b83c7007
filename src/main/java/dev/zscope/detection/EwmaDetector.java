package dev.zscope.detection;

import java.io.Serializable;

/**
 * Exponentially weighted mean and variance: O(1) time and memory per stream, no window to size.
 *
 * <p>The point is scored against the state before it, then folded in with the incremental update of
 * Finch (2009, "Incremental calculation of weighted mean and variance"):
 * {@code d = x − mean; mean += α·d; var = (1 − α)(var + α·d²)}. It adapts to a level shift within
 * about {@code span} points, so it stops firing on its own. During warm-up the weight is
 * max(α, 1/n), an exact running mean, so the first value does not dominate the baseline.
 */
public final class EwmaDetector implements Detector, Serializable {

    public static final String NAME = "ewma";

    private final EwmaSettings settings;
    private final double alpha;
    private double mean;
    private double variance;
    private long seen;
    private long skipped;

    public EwmaDetector(EwmaSettings settings) {
        this.settings = settings;
        this.alpha = settings.alpha();
    }

    @Override
    public String name() {
        return NAME;
    }

    public EwmaSettings settings() {
        return settings;
    }

    @Override
    public Verdict update(double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            return isLearning() ? learning(value, out) : out.missing(NAME, value, settings.threshold());
        }
        double d = value - mean;
        if (isLearning()) {
            learning(value, out);
        } else {
            double sigma = Scales.floored(Math.sqrt(variance), mean);
            double score = Math.abs(d) / sigma;
            double band = settings.threshold() * sigma;
            out.scored(NAME, value, score, mean, mean - band, mean + band, settings.threshold(),
                    score > settings.threshold());
        }
        seen++;
        double a = Math.max(alpha, 1.0 / seen);
        mean += a * d;
        variance = (1 - a) * (variance + a * d * d);
        return out;
    }

    private Verdict learning(double value, Verdict out) {
        return out.learning(NAME, value, settings.threshold(), 0, seen, settings.warmup());
    }

    @Override
    public boolean isLearning() {
        return seen < settings.warmup();
    }

    @Override
    public long seen() {
        return seen;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void reset() {
        mean = 0;
        variance = 0;
        seen = 0;
        skipped = 0;
    }

    @Override
    public Snapshot snapshot() {
        return SerializedSnapshot.of(this);
    }
}
