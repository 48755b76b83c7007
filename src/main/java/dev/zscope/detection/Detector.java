package dev.zscope.detection;

import dev.zscope.detection.catalog.Detectors;

/**
 * A streaming anomaly detector: one call per point, in order, never looking ahead.
 *
 * <p>Implementations are single-threaded by contract (the engine hands a stream's points to one
 * thread at a time), deterministic, and import nothing but the JDK and their math libraries, so the
 * same code runs in the live engine, the replay command, a benchmark or a batch job.
 */
public interface Detector {

    /** Short stable name written to the anomaly log, e.g. {@code zscore}. */
    String name();

    /**
     * Scores {@code value} against what the detector learned from the points before it, then
     * learns from it. Writes the result into {@code out} (a reused holder: no allocation per point)
     * and returns it.
     */
    Verdict update(double value, Verdict out);

    /**
     * Like {@link #update(double, Verdict)} for a point observed at {@code epochMillis}. Detectors
     * that use time (to find a point's phase in a season, or to notice a gap) override this; the
     * default ignores the time. Callers that have timestamps should always call this one.
     */
    default Verdict update(long epochMillis, double value, Verdict out) {
        return update(value, out);
    }

    /** True while the detector has not seen enough points to give a verdict. */
    boolean isLearning();

    /** Points seen so far that entered the baseline (NaN and infinite values do not). */
    long seen();

    /** NaN and infinite values received and ignored (they never enter the state). */
    default long skipped() {
        return 0;
    }

    /** Forgets everything: the next point is treated as the first. */
    void reset();

    /**
     * The detector's complete state, detached from it: {@link Snapshot#restore()} gives a detector
     * whose subsequent verdicts are identical, bit for bit, to this one's. Serializable, so it can
     * survive a restart.
     */
    Snapshot snapshot();

    /** A saved detector state; see {@link Detector#snapshot()}. */
    interface Snapshot extends java.io.Serializable {

        /** A new detector in exactly the saved state; the snapshot can be restored again. */
        Detector restore();
    }
}
