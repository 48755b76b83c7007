package dev.zscope.detection;

/**
 * What a detector concluded about one point: the point, its baseline (mean, standard deviation),
 * its z-score, and whether it is anomalous.
 *
 * <p>Deliberately a mutable holder: the engine reuses one per stream so the hot path allocates
 * nothing. Anything that outlives the call (an anomaly record, a chart point) copies the fields.
 * While {@link #learning()} is true the baseline fields are NaN and {@link #anomaly()} is false.
 */
public final class Verdict {

    private double value = Double.NaN;
    private double mean = Double.NaN;
    private double std = Double.NaN;
    private double z = Double.NaN;
    private double threshold = Double.NaN;
    private int window;
    private boolean anomaly;
    private boolean learning = true;
    private long learnedPoints;
    private int warmup;
    private String detector = "";

    /** Records a verdict for a point that was judged against a baseline. */
    public Verdict judged(String detector, double value, double mean, double std, double z,
                          double threshold, int window, boolean anomaly) {
        this.detector = detector;
        this.value = value;
        this.mean = mean;
        this.std = std;
        this.z = z;
        this.threshold = threshold;
        this.window = window;
        this.anomaly = anomaly;
        this.learning = false;
        return this;
    }

    /** Records that the detector is still learning: {@code learned} of {@code warmup} points seen. */
    public Verdict learning(String detector, double value, double threshold, int window,
                            long learned, int warmup) {
        this.detector = detector;
        this.value = value;
        this.mean = Double.NaN;
        this.std = Double.NaN;
        this.z = Double.NaN;
        this.threshold = threshold;
        this.window = window;
        this.anomaly = false;
        this.learning = true;
        this.learnedPoints = learned;
        this.warmup = warmup;
        return this;
    }

    public double value() { return value; }
    public double mean() { return mean; }
    public double std() { return std; }
    public double z() { return z; }
    public double threshold() { return threshold; }
    public int window() { return window; }
    public boolean anomaly() { return anomaly; }
    public boolean learning() { return learning; }
    /** While learning: how many points have been learned so far. */
    public long learnedPoints() { return learnedPoints; }
    /** While learning: how many points the detector needs before it judges. */
    public int warmup() { return warmup; }
    public String detector() { return detector; }

    @Override
    public String toString() {
        return learning
                ? "Verdict[learning " + learnedPoints + "/" + warmup + ", value=" + value + "]"
                : "Verdict[value=" + value + ", mean=" + mean + ", std=" + std + ", z=" + z
                        + ", threshold=" + threshold + ", window=" + window + ", anomaly=" + anomaly + "]";
    }
}
