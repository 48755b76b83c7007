package dev.zscope.detection;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What every detector does the same way, in one place: a NaN or infinite value is counted in
 * {@link #skipped()} and never reaches the detector's state (a learning verdict while learning,
 * otherwise a {@link #missing missing} one); learning lasts until {@link #seen()} reaches the
 * warm-up; the skipped count travels with the state. Subclasses see finite values only.
 *
 * <p>Every judged point also gets a calibrated severity from the stream's own recent scores (a
 * {@link Severity} kept here, with the state), so that a subclass only reports its raw score and
 * one severity threshold means the same for every detector.
 */
public abstract class DetectorBase implements Detector {

    private final String name;
    private long skipped;
    private final Severity calibration = new Severity(Severity.HORIZON);

    protected DetectorBase(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Verdict update(long epochMillis, double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            return isLearning() ? learning(value, out) : missing(value, out);
        }
        accept(epochMillis, value, out);
        return out.learning() ? out : out.severity(calibration.update(out.score()));
    }

    /**
     * Judges a finite {@code value} (a {@link #learning} verdict while learning) and learns it.
     */
    protected abstract Verdict accept(long epochMillis, double value, Verdict out);

    /** Points needed before the first verdict. */
    protected abstract int warmup();

    /** The threshold of the live flag, reported with every verdict. */
    protected abstract double threshold();

    /** The window in force, for detectors that have one; 0 otherwise. */
    protected int window() {
        return 0;
    }

    /** Forgets what the subclass learned; {@link #reset()} has already cleared the counters here. */
    protected abstract void forget();

    /** Writes what the subclass learned; see {@link Detector#writeState}. */
    protected abstract void writeLearned(DataOutput out) throws IOException;

    /** Reads what {@link #writeLearned} wrote, into a detector just made with the same settings. */
    protected abstract void readLearned(DataInput in) throws IOException;

    @Override
    public boolean isLearning() {
        return seen() < warmup();
    }

    @Override
    public final long skipped() {
        return skipped;
    }

    @Override
    public final void reset() {
        skipped = 0;
        calibration.reset();
        forget();
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        out.writeLong(skipped);
        calibration.write(out);
        writeLearned(out);
    }

    /** Loads a state {@link #writeState} wrote; for {@link DetectorKind.StateReader}s. */
    public final <D extends DetectorBase> D readState(DataInput in) throws IOException {
        skipped = in.readLong();
        calibration.read(in);
        readLearned(in);
        @SuppressWarnings("unchecked")
        D self = (D) this;
        return self;
    }

    /** The verdict while learning: {@code seen()} of {@code warmup()} points learned. */
    protected final Verdict learning(double value, Verdict out) {
        return out.learning(name, value, threshold(), window(), seen(), warmup());
    }

    /** The verdict for a missing value once past the warm-up: not anomalous, no expectation. */
    protected Verdict missing(double value, Verdict out) {
        return out.missing(name, value, threshold());
    }
}
