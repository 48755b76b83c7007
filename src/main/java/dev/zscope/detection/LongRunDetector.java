package dev.zscope.detection;

import java.io.Serializable;

/**
 * What the detectors built on a long-run exponentially weighted baseline ({@link EwMoments}) share:
 * the warm-up counted in points learned, skipped NaN/infinite points (counted, never learned, a
 * learning or a missing verdict), and a snapshot by serialization. One place, so that
 * {@code ewma}, {@code sentinel} and {@code resonance} cannot drift apart on what "learning" or
 * "skipped" means.
 */
public abstract class LongRunDetector implements Detector, Serializable {

    /** The long-run level and spread; subclasses judge against it and add each finite point. */
    public final EwMoments moments;
    private final String name;
    private final double threshold;
    private final int warmup;
    private long skipped;

    protected LongRunDetector(String name, double alpha, double threshold, int warmup) {
        this.name = name;
        this.moments = new EwMoments(alpha);
        this.threshold = threshold;
        this.warmup = warmup;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isLearning() {
        return moments.count() < warmup;
    }

    @Override
    public final long seen() {
        return moments.count();
    }

    @Override
    public final long skipped() {
        return skipped;
    }

    /** The verdict for a NaN or infinite point, which is counted and never learned. */
    protected final Verdict skip(double x, Verdict out) {
        skipped++;
        return isLearning() ? learning(x, out) : out.missing(name, x, threshold);
    }

    protected final Verdict learning(double x, Verdict out) {
        return out.learning(name, x, threshold, 0, moments.count(), warmup);
    }

    /** Forgets the baseline and the skipped count; subclasses reset their own state too. */
    @Override
    public void reset() {
        moments.reset();
        skipped = 0;
    }

    @Override
    public final Snapshot snapshot() {
        return SerializedSnapshot.of(this);
    }
}
