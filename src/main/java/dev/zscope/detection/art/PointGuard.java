package dev.zscope.detection.art;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Point-level outlier test: is this one point so far from where the stream just was that no block
 * of the ART memory could be needed to call it anomalous? The ART judges windows of block values,
 * so it sees a lone spike only at its block end, and it learns a repeated kind of spike as normal
 * (a fuzzy ART box grows to cover it); an operator looking at a calm wave still expects the red
 * dot on an obvious spike, at the spike.
 *
 * <p>The deviation d of a point is its distance from the median of the {@link #LOCAL} points before
 * it (one earlier spike does not move it, a wave or a trend hardly does). A point is extreme when
 * <ul>
 *   <li>the stream is calm: the deviation exceeded on one point in a hundred (its reach, tracked by
 *       stochastic approximation) is at most {@link #CALM} typical deviations. Gaussian noise gives
 *       about 3.3; on heavy-tailed streams outliers are routine and the guard stays silent;</li>
 *   <li>|d| exceeds {@link #FACTOR} typical deviations (an exponentially weighted mean of |d|, each
 *       clipped at {@link #CLIP} times it, so spikes barely move it) and {@link #FLOOR} of the value
 *       frame, so a nearly flat stream does not make a tiny wiggle extreme;</li>
 *   <li>|d| exceeds every |d| of the last {@link #ECHO} points (the points after a spike or the
 *       first points of a shift are the same incident).</li>
 * </ul>
 * Its score is {@code UNIT × r³}, r = |d| over that bound (so ≥ 1): a point just at the bound
 * scores like an ordinary ART anomaly, a twice as far one eight times more. O(1) per point.
 */
final class PointGuard {

    static final int LOCAL = 5;
    static final double ROUTINE = 0.01;
    static final double CLIP = 4;
    static final double STEP = 0.05;
    static final int MIN_SAMPLES = 100;
    static final double FLOOR = 0.05;
    static final double FACTOR = 8;
    static final double CALM = 3.75;
    static final int ECHO = 16;
    static final double UNIT = 0.5;
    static final double SPAN = 1000;

    private final double[] last = new double[LOCAL];
    private final double[] echo = new double[ECHO];
    private long count;
    private long samples;
    private double typical;
    private double reach;
    private double largest;
    private double tail = 1;
    private double center = Double.NaN;
    private double bound = Double.NaN;

    /** The median of the five points before the last one: where the guard expected it. */
    double center() {
        return center;
    }

    /** How far from {@link #center()} the last point had to be to be extreme; NaN when the guard was not armed (stream not calm). */
    double bound() {
        return bound;
    }

    /** √(2/π): the mean absolute value of a standard Gaussian. */
    static final double MEAN_ABS = Math.sqrt(2 / Math.PI);

    /**
     * The two-sided Gaussian tail probability of the last point's deviation when it was extreme (1
     * otherwise): the calm gate admits only streams whose deviations have Gaussian-like tails, and
     * a point is extreme only 8 typical deviations out (z ≥ 6.4), where the Mills-ratio bound
     * 2φ(z)/z is within 3% of the exact tail.
     */
    double tail() {
        return tail;
    }

    /** The score of {@code x} (0 when it is not extreme), then learns it. {@code span}: the value frame's span. */
    double update(double x, double span) {
        double score = 0;
        tail = 1;
        bound = Double.NaN;
        if (count >= LOCAL) {
            center = median();
            double a = Math.abs(x - center);
            double floor = span > 0 ? FLOOR * span : 0;
            if (samples >= MIN_SAMPLES && reach <= CALM * typical) {
                bound = Math.max(FACTOR * typical, floor);
                if (bound > 0 && a > bound && a > echoMax()) {
                    double r = a / bound;
                    score = UNIT * r * r * r;
                    // |d| of Gaussian noise averages √(2/π) of its deviation: z = |d| / (typical / √(2/π))
                    double z = a * MEAN_ABS / typical;
                    tail = 2 * Math.exp(-0.5 * z * z) / (z * Math.sqrt(2 * Math.PI));
                }
            }
            learn(a, floor);
        }
        last[(int) (count % LOCAL)] = x;
        count++;
        return score;
    }

    private double echoMax() {
        double m = 0;
        for (double e : echo) {
            m = Math.max(m, e);
        }
        return m;
    }

    private void learn(double a, double floor) {
        samples++;
        double clipped = samples <= MIN_SAMPLES ? a : Math.min(a, Math.max(CLIP * typical, floor));
        typical += Math.max(2.0 / (SPAN + 1), 1.0 / samples) * (clipped - typical);
        if (samples <= MIN_SAMPLES) {
            if (a > largest) {
                reach = largest;
                largest = a;
            } else if (a > reach) {
                reach = a;
            }
        } else {
            double step = STEP * Math.max(typical, floor);
            reach = Math.max(0, reach + (a > reach ? step * (1 - ROUTINE) : -step * ROUTINE));
        }
        echo[(int) (samples % ECHO)] = a;
    }

    private double median() {
        return medianOfFive(last[0], last[1], last[2], last[3], last[4]);
    }

    /** The median of five values: a sorting network of nine compare-exchanges, no allocation. */
    static double medianOfFive(double v0, double v1, double v2, double v3, double v4) {
        double a = v0;
        double b = v1;
        double c = v2;
        double d = v3;
        double e = v4;
        double t;
        if (a > b) { t = a; a = b; b = t; }
        if (d > e) { t = d; d = e; e = t; }
        if (c > e) { t = c; c = e; e = t; }
        if (c > d) { t = c; c = d; d = t; }
        if (a > d) { t = a; a = d; d = t; }
        if (a > c) { t = a; a = c; c = t; }
        if (b > e) { t = b; b = e; e = t; }
        if (b > d) { t = b; b = d; d = t; }
        if (b > c) { t = b; b = c; c = t; }
        return c;
    }

    void reset() {
        java.util.Arrays.fill(last, 0);
        java.util.Arrays.fill(echo, 0);
        count = 0;
        samples = 0;
        typical = 0;
        reach = 0;
        largest = 0;
        tail = 1;
        center = Double.NaN;
        bound = Double.NaN;
    }

    void write(DataOutput out) throws IOException {
        for (double v : last) {
            out.writeDouble(v);
        }
        for (double v : echo) {
            out.writeDouble(v);
        }
        out.writeLong(count);
        out.writeLong(samples);
        out.writeDouble(typical);
        out.writeDouble(reach);
        out.writeDouble(largest);
        out.writeDouble(tail);
        out.writeDouble(center);
        out.writeDouble(bound);
    }

    void read(DataInput in) throws IOException {
        for (int k = 0; k < LOCAL; k++) {
            last[k] = in.readDouble();
        }
        for (int k = 0; k < ECHO; k++) {
            echo[k] = in.readDouble();
        }
        count = in.readLong();
        samples = in.readLong();
        typical = in.readDouble();
        reach = in.readDouble();
        largest = in.readDouble();
        tail = in.readDouble();
        center = in.readDouble();
        bound = in.readDouble();
    }
}
