package dev.zscope.detection;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A streaming anomaly detector: one call per point, in order, never looking ahead.
 *
 * <p>Implementations are single-threaded by contract (the engine hands a stream's points to one
 * thread at a time), deterministic, and import nothing but the JDK and their math libraries, so the
 * same code runs in the live engine, the replay command, a benchmark or a batch job. Most extend
 * {@link DetectorBase}, which owns what every detector must do the same way (missing values,
 * counters, learning, the state's envelope).
 */
public interface Detector {

    /** The time of a point that has none: detectors that use time count points instead. */
    long NO_TIME = Long.MIN_VALUE;

    /** Short stable name written to the anomaly log, e.g. {@code zscore}. */
    String name();

    /**
     * Scores {@code value}, observed at {@code epochMillis} ({@link #NO_TIME} when unknown), against
     * what the detector learned from the points before it, then learns from it. Writes the result
     * into {@code out} (a reused holder: no allocation per point) and returns it.
     */
    Verdict update(long epochMillis, double value, Verdict out);

    /** {@link #update(long, double, Verdict)} for a point without a time. */
    default Verdict update(double value, Verdict out) {
        return update(NO_TIME, value, out);
    }

    /** True while the detector has not seen enough points to give a verdict. */
    boolean isLearning();

    /** Points seen so far that entered the baseline (NaN and infinite values do not). */
    long seen();

    /** NaN and infinite values received and ignored (they never enter the state). */
    long skipped();

    /** Forgets everything: the next point is treated as the first. */
    void reset();

    /**
     * Accepts the stream's current behaviour as the new normal (a user said a level shift is
     * expected): the detector stops flagging it and learns it. By default it forgets and warms up
     * again, raising nothing meanwhile; a detector that can keep what it knows does better.
     */
    default void rebaseline() {
        reset();
    }

    /**
     * Writes everything the detector has learned (not its settings) in its kind's binary format,
     * which {@link DetectorKind#restore} reads back into a detector whose next verdicts are
     * identical, bit for bit. The envelope (kind, version, settings) is the caller's.
     *
     * @throws UnsupportedOperationException when the kind keeps no state
     *                                       ({@link DetectorKind#keepsState()} is false)
     */
    void writeState(DataOutput out) throws IOException;
}
