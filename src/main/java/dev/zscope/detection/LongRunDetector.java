package dev.zscope.detection;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the detectors built on a long-run exponentially weighted baseline ({@link EwMoments}) share:
 * the warm-up counted in points learned, the threshold and the baseline's part of the state. One
 * place, so that the detectors built on it cannot drift apart on what
 * "learning" means.
 */
public abstract class LongRunDetector extends DetectorBase {

    /** The long-run level and spread; subclasses judge against it and add each finite point. */
    public final EwMoments moments;
    private final double threshold;
    private final int warmup;

    protected LongRunDetector(String name, double alpha, double threshold, int warmup) {
        super(name);
        this.moments = new EwMoments(alpha);
        this.threshold = threshold;
        this.warmup = warmup;
    }

    @Override
    public final long seen() {
        return moments.count();
    }

    @Override
    protected final int warmup() {
        return warmup;
    }

    @Override
    protected final double threshold() {
        return threshold;
    }

    /** Forgets the baseline; subclasses forget their own state in {@link #forgetMore()}. */
    @Override
    protected final void forget() {
        moments.reset();
        forgetMore();
    }

    /** Forgets what the subclass keeps beside the baseline. */
    protected void forgetMore() {
    }

    @Override
    protected final void writeLearned(DataOutput out) throws IOException {
        moments.write(out);
        writeMore(out);
    }

    @Override
    protected final void readLearned(DataInput in) throws IOException {
        moments.read(in);
        readMore(in);
    }

    /** Writes what the subclass keeps beside the baseline. */
    protected void writeMore(DataOutput out) throws IOException {
    }

    /** Reads what {@link #writeMore} wrote. */
    protected void readMore(DataInput in) throws IOException {
    }
}
