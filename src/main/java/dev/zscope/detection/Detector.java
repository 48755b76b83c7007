package dev.zscope.detection;

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

    /** True while the detector has not seen enough points to give a verdict. */
    boolean isLearning();

    /** Points seen so far that entered the baseline (NaN and infinite values do not). */
    long seen();

    /** Forgets everything: the next point is treated as the first. */
    void reset();
}
