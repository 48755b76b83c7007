package dev.zscope.detection.zscore;

import dev.zscope.detection.DetectorBase;
import dev.zscope.detection.Verdict;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * Rolling Z-score detector: a point is anomalous when it lies more than {@code threshold} population
 * standard deviations from the mean of the points just before it.
 *
 * <p>Semantics, for a finite point x with n finite points before it:
 * <ul>
 *   <li>the baseline is the previous min(n, window) points; x is not part of its own baseline
 *       (otherwise a spike would inflate the very spread it is measured against);</li>
 *   <li>while the baseline holds fewer than {@code warmup} points the detector is learning: the
 *       verdict is {@link Verdict#learning learning} and x only joins the baseline;</li>
 *   <li>otherwise z = (x − mean) / std and x is anomalous when |z| &gt; threshold (equality is
 *       normal). On a flat baseline (std = 0) x equal to the mean is normal with z = 0, any other x
 *       is anomalous with z = ±Infinity;</li>
 *   <li>a NaN or infinite x is skipped ({@link DetectorBase}); past the warm-up its verdict carries
 *       the current baseline with z = NaN, so a gap never raises an anomaly.</li>
 * </ul>
 *
 * <p>The decision compares (n·x − Σx)² with threshold² · (n·Σx² − (Σx)²), which is |z| &gt; threshold
 * multiplied out by n² ({@link WindowStats#exceeds}): it needs neither a square root nor a division,
 * and std and z are derived only when the verdict is read ({@link Verdict#judgedFromVariance}). The
 * baseline lives in {@link WindowStats}: shifted sums, O(1) amortised, allocation-free, drift-free
 * and exactly reproducible from the window's values and anchor, which is what the saved state holds.
 */
public final class ZScoreDetector extends DetectorBase {

    /** The name written to the anomaly log. */
    public static final String NAME = "zscore";
    /** Version of the state {@link #writeState} writes. */
    public static final int STATE_VERSION = 2;

    private final ZScoreSettings settings;
    private final double thresholdSquared;
    private final WindowStats stats;

    /** A detector with {@link ZScoreSettings#defaults()}. */
    public ZScoreDetector() {
        this(ZScoreSettings.defaults());
    }

    public ZScoreDetector(ZScoreSettings settings) {
        super(NAME);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thresholdSquared = settings.threshold() * settings.threshold();
        this.stats = new WindowStats(settings.window());
    }

    /** A detector with {@code settings} in the state {@link #writeState} wrote. */
    public static ZScoreDetector read(ZScoreSettings settings, DataInput in) throws IOException {
        return new ZScoreDetector(settings).readState(in);
    }

    public ZScoreSettings settings() {
        return settings;
    }

    @Override
    protected Verdict accept(long epochMillis, double value, Verdict out) {
        if (isLearning()) {
            learning(value, out);
        } else {
            judge(value, out);
        }
        stats.add(value);
        return out;
    }

    @Override
    protected Verdict missing(double value, Verdict out) {
        return out.judgedFromVariance(NAME, value, stats.mean(), stats.variance(), Double.NaN,
                settings.threshold(), settings.window(), false);
    }

    /** True while the baseline holds fewer than {@code warmup} points. */
    @Override
    public boolean isLearning() {
        return stats.count() < settings.warmup();
    }

    @Override
    public long seen() {
        return stats.seen();
    }

    @Override
    protected int warmup() {
        return settings.warmup();
    }

    @Override
    protected double threshold() {
        return settings.threshold();
    }

    @Override
    protected int window() {
        return settings.window();
    }

    @Override
    protected void forget() {
        stats.reset();
    }

    /** The window's values, the points seen and the anchor the sums are taken around. */
    @Override
    protected void writeLearned(DataOutput out) throws IOException {
        double[] values = stats.values();
        out.writeLong(stats.seen());
        out.writeDouble(stats.anchor());
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    @Override
    protected void readLearned(DataInput in) throws IOException {
        long seen = in.readLong();
        double anchor = in.readDouble();
        int n = in.readInt();
        if (seen < 0 || n < 0 || n > Math.min(settings.window(), seen) || Double.isInfinite(anchor)) {
            throw new IOException("a zscore state of " + n + " values after " + seen
                    + " points does not fit a window of " + settings.window());
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
            if (!Double.isFinite(values[i])) {
                throw new IOException("a zscore state holds a non-finite value");
            }
        }
        stats.load(values, 0, n, seen, anchor);
    }

    private void judge(double value, Verdict out) {
        WindowStats w = stats;
        double mean;
        double variance;
        double deviation;
        boolean anomaly;
        if (w.flat()) {
            // Exactly: sums of equal values need not cancel to a variance of 0.
            mean = w.last();
            variance = 0.0;
            deviation = value - mean;
            anomaly = deviation != 0;
        } else {
            double sum = w.sum();
            double squares = w.squares();
            double shiftedMean = sum * w.inverseCount();
            double y = value - w.anchor();
            variance = w.variance(sum, shiftedMean, squares);
            deviation = y - shiftedMean;
            mean = w.anchor() + shiftedMean;
            double size = w.count();
            anomaly = WindowStats.exceeds(Math.fma(size, y, -sum), Math.fma(size, squares, -(sum * sum)),
                    thresholdSquared);
        }
        out.judgedFromVariance(NAME, value, mean, variance, deviation, settings.threshold(),
                settings.window(), anomaly);
    }
}
