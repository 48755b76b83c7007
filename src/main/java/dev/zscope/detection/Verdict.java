package dev.zscope.detection;

/**
 * What a detector concluded about one point: the point, its score, what the detector expected
 * (a value and a normal band), whether it is anomalous, and for the Z-score family the baseline's
 * standard deviation and the point's z.
 *
 * <p>Deliberately a mutable holder: the engine reuses one per stream so the hot path allocates
 * nothing. Anything that outlives the call (an anomaly record, a chart point) copies the fields.
 * While {@link #learning()} is true the expectation is NaN and {@link #anomaly()} is false.
 */
public final class Verdict {

    private double value = Double.NaN;
    private double std = Double.NaN;
    private double z = Double.NaN;
    private double threshold = Double.NaN;
    private int window;
    private boolean anomaly;
    private boolean learning = true;
    private long learnedPoints;
    private int warmup;
    private String detector = "";
    private double score;
    private double expected = Double.NaN;
    private double lower = Double.NaN;
    private double upper = Double.NaN;
    private double severity;
    /** Set by {@link #judgedFromVariance}: std, z, score and band are derived when first read. */
    private boolean pending;
    private double variance;
    private double deviation;

    /** Records a verdict for a point that was judged against a baseline. */
    public Verdict judged(String detector, double value, double mean, double std, double z,
                          double threshold, int window, boolean anomaly) {
        name(detector);
        this.value = value;
        this.std = std;
        this.z = z;
        this.threshold = threshold;
        this.window = window;
        this.anomaly = anomaly;
        this.learning = false;
        this.pending = false;
        this.severity = 0.0;
        this.score = Double.isNaN(z) ? 0.0 : Math.abs(z);
        this.expected = mean;
        this.lower = mean - threshold * std;
        this.upper = mean + threshold * std;
        return this;
    }

    /**
     * The same verdict as {@link #judged} with {@code std = sqrt(variance)} and
     * {@code z = deviation == 0 ? 0 : deviation / std}, bit for bit, except that the square root and
     * the division run only when std, z, the score or the band are first read. A detector that has
     * already decided with multiplications alone (|z| &gt; t ⇔ deviation² &gt; t²·variance) so
     * spends no division on the many points nobody asks about (a kernel counting anomalies, a batch
     * job); the engine, which stores the band of every point, pays for it there.
     *
     * @param deviation the point minus the mean (NaN for a missing point, which makes z NaN)
     */
    public Verdict judgedFromVariance(String detector, double value, double mean, double variance,
                                      double deviation, double threshold, int window, boolean anomaly) {
        name(detector);
        this.value = value;
        this.expected = mean;
        this.variance = variance;
        this.deviation = deviation;
        this.threshold = threshold;
        this.window = window;
        this.anomaly = anomaly;
        this.learning = false;
        this.pending = true;
        this.severity = 0.0;
        return this;
    }

    /**
     * Stores the detector's name only when it changes. A reference store costs the G1 collector's
     * write barrier (with a memory fence once the holder is in the old generation), which per point
     * was as expensive as the rest of a Z-score update; comparing costs nothing.
     */
    private void name(String detector) {
        if (this.detector != detector) {
            this.detector = detector;
        }
    }

    private void derive() {
        pending = false;
        std = Math.sqrt(variance);
        z = deviation == 0 ? 0.0 : deviation / std;
        score = Double.isNaN(z) ? 0.0 : Math.abs(z);
        lower = expected - threshold * std;
        upper = expected + threshold * std;
    }

    /**
     * Records a verdict of a detector that reports a score and a band rather than a Gaussian
     * baseline: {@link #std()} and {@link #z()} are NaN.
     *
     * @param score    how anomalous the point is: higher is more anomalous, 0 is normal, unclipped
     * @param expected what the detector expected at this point
     * @param lower    the lower edge of the normal band (NaN when the detector has no band)
     * @param upper    the upper edge of the normal band
     */
    public Verdict scored(String detector, double value, double score, double expected, double lower,
                          double upper, double threshold, boolean anomaly) {
        name(detector);
        this.value = value;
        this.std = Double.NaN;
        this.z = Double.NaN;
        this.threshold = threshold;
        this.window = 0;
        this.anomaly = anomaly;
        this.learning = false;
        this.pending = false;
        this.severity = 0.0;
        this.score = score;
        this.expected = expected;
        this.lower = lower;
        this.upper = upper;
        return this;
    }

    /**
     * Records a missing (NaN or infinite) value that a detector past its warm-up skipped: not
     * learning, not anomalous, score 0, no expectation.
     */
    public Verdict missing(String detector, double value, double threshold) {
        return scored(detector, value, 0.0, Double.NaN, Double.NaN, Double.NaN, threshold, false);
    }

    /** Records that the detector is still learning: {@code learned} of {@code warmup} points seen. */
    public Verdict learning(String detector, double value, double threshold, int window,
                            long learned, int warmup) {
        name(detector);
        this.value = value;
        this.std = Double.NaN;
        this.z = Double.NaN;
        this.threshold = threshold;
        this.window = window;
        this.anomaly = false;
        this.learning = true;
        this.pending = false;
        this.learnedPoints = learned;
        this.warmup = warmup;
        this.score = 0.0;
        this.severity = 0.0;
        this.expected = Double.NaN;
        this.lower = Double.NaN;
        this.upper = Double.NaN;
        return this;
    }

    public double value() { return value; }
    public double std() {
        if (pending) {
            derive();
        }
        return std;
    }
    public double z() {
        if (pending) {
            derive();
        }
        return z;
    }
    public double threshold() { return threshold; }
    public int window() { return window; }
    public boolean anomaly() { return anomaly; }
    public boolean learning() { return learning; }
    /** While learning: how many points have been learned so far. */
    public long learnedPoints() { return learnedPoints; }
    /** While learning: how many points the detector needs before it judges. */
    public int warmup() { return warmup; }
    public String detector() { return detector; }
    /**
     * How anomalous the point is: 0 while learning or for a missing value, otherwise higher means
     * more anomalous. Never clipped, so a threshold can be swept over it (the NAB scorer does).
     */
    public double score() {
        if (pending) {
            derive();
        }
        return score;
    }
    /**
     * The calibrated severity in [0, 1]: one minus how often this stream's own recent scores reach
     * this point's score (see {@link Severity}). Comparable across detectors and streams, unlike the
     * raw {@link #score()}; 0 while learning and for a missing value.
     */
    public double severity() { return severity; }

    /** Sets the calibrated severity of the verdict just recorded (see {@link #severity()}). */
    public Verdict severity(double severity) {
        this.severity = severity;
        return this;
    }

    /** The value the detector expected here; NaN while learning. */
    public double expected() { return expected; }
    /** Lower edge of the normal band; NaN while learning or when the detector has no band. */
    public double lower() {
        if (pending) {
            derive();
        }
        return lower;
    }
    /** Upper edge of the normal band; NaN while learning or when the detector has no band. */
    public double upper() {
        if (pending) {
            derive();
        }
        return upper;
    }

    @Override
    public String toString() {
        if (pending) {
            derive();
        }
        return learning
                ? "Verdict[learning " + learnedPoints + "/" + warmup + ", value=" + value + "]"
                : "Verdict[value=" + value + ", expected=" + expected + ", std=" + std + ", z=" + z
                        + ", threshold=" + threshold + ", window=" + window + ", severity=" + severity + ", anomaly=" + anomaly + "]";
    }
}
