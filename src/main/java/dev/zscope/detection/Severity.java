package dev.zscope.detection;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Calibrated severity of a raw anomaly score, per stream: {@code 1 − p}, where p estimates how often
 * this stream's own recent scores reach the score (a tail probability, in the spirit of HTM's
 * anomaly likelihood). A detector whose raw scores mean different things on different streams
 * (a novelty that is routine on a noisy stream, exceptional on a calm one) so gets one scale for
 * every stream, and a flag threshold that reads as a false-alarm rate.
 *
 * <p>Raw scores ≤ 0 mean "nothing" and get severity 0. For a positive score,
 * {@code p = π · P(X ≥ x | X > 0)}:
 * <ul>
 *   <li>π, the rate of positive scores, is an exponentially weighted count over the last
 *       {@code horizon} points, with one pseudo-positive in the numerator and one pseudo-point in
 *       the denominator ({@code (positives + 1) / (points + 1)}), so the very first positive of a
 *       stream is as rare as the points seen so far make it and no rarer;</li>
 *   <li>the conditional tail is a shifted exponential fitted by moments to the earlier positive
 *       scores (weighted the same way): mean μ, deviation σ, tail {@code exp(−(x − μ + σ) / σ)}
 *       above {@code μ − σ}. The deviation is shrunk toward {@code SHRINK × μ} by
 *       {@code PRIOR} pseudo-scores, so a few equal scores do not make the next slightly larger
 *       one infinitely rare. An exponential tail is conservative for the light-tailed scores of
 *       ART confidences and z-scores alike.</li>
 * </ul>
 * The score is judged against the past only, then learned. O(1) per point, 6 numbers of state,
 * deterministic.
 */
public final class Severity {

    /** Pseudo-scores that pull the deviation of positive scores toward SHRINK × their mean. */
    static final double PRIOR = 2.0;
    static final double SHRINK = 0.25;
    /** A positive score enters the fit clipped at this many deviations above the mean, so rare big ones stay rare. */
    static final double CLIP = 3;
    /** The memory of a stream's calibration unless a detector says otherwise: a week of 1-minute points. */
    public static final int HORIZON = 10_000;

    private final double keep;
    private double points;
    private double positives;
    private double sum;
    private double sumSquares;
    private double last;

    /** @param horizon points of memory (the weight of a point halves after ~0.7 × horizon) */
    public Severity(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        this.keep = 1.0 - 1.0 / horizon;
    }

    /** Judges {@code raw} against the stream's earlier scores, then learns it; returns the severity. */
    public double update(double raw) {
        double s = severity(raw);
        points = points * keep + 1;
        positives *= keep;
        sum *= keep;
        sumSquares *= keep;
        if (raw > 0 && Double.isFinite(raw)) {
            double x = raw;
            if (positives >= PRIOR) {
                double mean = sum / positives;
                x = Math.min(x, mean + CLIP * deviation(mean));
            }
            positives += 1;
            sum += x;
            sumSquares += x * x;
        }
        last = s;
        return s;
    }

    /** The severity {@code raw} would get now, without learning it. */
    public double severity(double raw) {
        if (!(raw > 0)) {
            return 0.0;
        }
        if (raw == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        double rate = (positives + 1) / (points + 1);
        double tail = 1.0;
        if (positives > 0) {
            double mean = sum / positives;
            double sd = deviation(mean);
            double excess = raw - (mean - sd);
            if (excess > 0 && sd > 0) {
                tail = Math.exp(-excess / sd);
            }
        }
        return 1.0 - rate * tail;
    }

    /** The deviation of the positive scores, shrunk toward SHRINK × their mean. */
    private double deviation(double mean) {
        double var = Math.max(0, sumSquares / positives - mean * mean);
        double prior = SHRINK * mean;
        return Math.sqrt((var * positives + PRIOR * prior * prior) / (positives + PRIOR));
    }

    /** The last severity returned by {@link #update}. */
    public double last() {
        return last;
    }

    public void reset() {
        points = 0;
        positives = 0;
        sum = 0;
        sumSquares = 0;
        last = 0;
    }

    public void write(DataOutput out) throws IOException {
        out.writeDouble(points);
        out.writeDouble(positives);
        out.writeDouble(sum);
        out.writeDouble(sumSquares);
        out.writeDouble(last);
    }

    public void read(DataInput in) throws IOException {
        points = in.readDouble();
        positives = in.readDouble();
        sum = in.readDouble();
        sumSquares = in.readDouble();
        last = in.readDouble();
    }
}
