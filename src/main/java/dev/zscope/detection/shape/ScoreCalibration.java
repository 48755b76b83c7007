package dev.zscope.detection.shape;

import dev.zscope.detection.EwMoments;

import java.io.Serializable;

/**
 * How unusual a raw score is for the stream that produced it: the z-score of its logarithm against
 * the exponentially weighted distribution of the stream's earlier raw scores.
 *
 * <p>Why: one threshold serves every stream, but a noisy stream shows novel shapes all the time
 * and a calm one almost never, so the same raw novelty means different things. Raw novelties are
 * skewed over orders of magnitude, hence the logarithm. Raw scores below {@link #FLOOR} (a
 * thousandth of the stream's range) count as equally unremarkable, so a flat stretch does not make
 * the next small wiggle look extreme. Nothing is judged before {@link #MIN_SAMPLES} raw scores.
 */
final class ScoreCalibration implements Serializable {

    static final double FLOOR = 1e-3;
    static final int MIN_SAMPLES = 10;

    private final EwMoments logs;

    ScoreCalibration(double span) {
        this.logs = new EwMoments(2.0 / (span + 1));
    }

    /** The z of log(raw) against the scores seen before it (1 while too few), then learns raw. */
    double zThenLearn(double raw) {
        double v = Math.log(raw + FLOOR);
        double z = logs.count() < MIN_SAMPLES ? 1 : (v - logs.mean()) / logs.sigma();
        logs.add(v);
        return z;
    }

    void reset() {
        logs.reset();
    }
}
