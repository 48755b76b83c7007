package dev.zscope.detection.zscore;

import dev.zscope.detection.BatchArguments;
import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;

import java.util.Arrays;
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
 *   <li>a NaN or infinite x is not scored and never enters the baseline or {@link #seen()}; it is
 *       counted in {@link #skipped()}. Its verdict is a learning verdict while the detector is
 *       learning, otherwise a judged verdict carrying the current baseline with z = NaN and
 *       anomaly = false. So a gap in the data never raises an anomaly and never poisons the
 *       state.</li>
 * </ul>
 *
 * <p>The decision compares (n·x − Σx)² with threshold² · (n·Σx² − (Σx)²), which is |z| &gt; threshold
 * multiplied out by n² ({@link WindowStats#exceeds}): it needs neither a square root nor a division,
 * and std and z are derived only when the verdict is read ({@link Verdict#judgedFromVariance}). The
 * batch entry point {@link #update(double[], int, int, int[])} makes the same decisions, bit for bit,
 * in a loop that does little else (the detector's kernel, which the benchmarks measure). The
 * baseline lives in {@link WindowStats}: shifted sums, O(1) amortised, allocation-free, drift-free
 * and exactly reproducible from a copy of the window, which is what {@link #snapshot()},
 * {@link #restore}, {@link #prime} and {@link #applySettings} rely on: whichever way a detector
 * reached a state, its next verdicts are identical bit for bit.
 *
 * <p>Not thread-safe, like every {@link Detector}: call {@link #applySettings} on the thread that
 * feeds the points.
 */
public final class ZScoreDetector implements Detector {

    /** The name written to the anomaly log. */
    public static final String NAME = "zscore";

    private ZScoreSettings settings;
    private double thresholdSquared;
    /** The settings' numbers, copied so that a point does not also read the settings record. */
    private double threshold;
    private int window;
    private int warmup;
    private WindowStats stats;
    private long skipped;
    /** The verdict of points the batch kernel hands back to {@link #update(double, Verdict)}. */
    private final Verdict scratch = new Verdict();

    /** A detector with {@link ZScoreSettings#defaults()}. */
    public ZScoreDetector() {
        this(ZScoreSettings.defaults());
    }

    public ZScoreDetector(ZScoreSettings settings) {
        this.stats = new WindowStats(Objects.requireNonNull(settings, "settings").window());
        use(settings);
    }

    /** A detector that has already learned {@code history}, as {@link #prime} describes. */
    public static ZScoreDetector seeded(ZScoreSettings settings, double[] history) {
        ZScoreDetector detector = new ZScoreDetector(settings);
        detector.prime(history);
        return detector;
    }

    /** A detector in exactly the state {@link #snapshot()} captured. */
    public static ZScoreDetector restore(State state) {
        Objects.requireNonNull(state, "state");
        ZScoreDetector detector = new ZScoreDetector(state.settings());
        double[] values = state.values();
        detector.stats.load(values, 0, values.length, state.seen(), state.anchor());
        detector.skipped = state.skipped();
        return detector;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict update(double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            return isLearning() ? learning(value, out)
                    : out.judgedFromVariance(NAME, value, stats.mean(), stats.variance(), Double.NaN,
                            threshold, window, false);
        }
        if (isLearning()) {
            learning(value, out);
        } else {
            judge(value, out);
        }
        stats.add(value);
        return out;
    }

    /**
     * Judges and learns {@code values[from..to)} exactly as that many calls of {@link #update} would
     * (same decisions, same state afterwards, bit for bit), but reports only the anomalies: their
     * indices in {@code values} go to {@code anomalies} (at least {@code to - from} long), and the count is returned.
     * For consumers that need no verdict per point (a backtest, a replay, a kernel benchmark):
     * without a verdict to fill and with the window's state in registers, a point costs a fraction
     * of an {@link #update} call.
     */
    public int update(double[] values, int from, int to, int[] anomalies) {
        BatchArguments.check(values, from, to, anomalies);
        int[] found = {0};
        int i = from;
        while (i < to) {
            int next = isLearning() ? i : stats.judgeAndAdd(values, i, to, thresholdSquared, anomalies, found);
            if (next == i) {
                if (update(values[i], scratch).anomaly()) {
                    anomalies[found[0]++] = i;
                }
                next = i + 1;
            }
            i = next;
        }
        return found[0];
    }

    /** True while the baseline holds fewer than {@code warmup} points. */
    @Override
    public boolean isLearning() {
        return stats.count() < warmup;
    }

    @Override
    public long seen() {
        return stats.seen();
    }

    /** NaN and infinite values received and ignored since creation or the last reset. */
    @Override
    public long skipped() {
        return skipped;
    }

    /** Forgets every point and the skipped count; keeps the settings. */
    @Override
    public void reset() {
        stats.reset();
        skipped = 0;
    }

    public ZScoreSettings settings() {
        return settings;
    }

    /**
     * Switches to {@code next} from the next point on. Threshold and warm-up apply as they are.
     * A new window keeps the most recent min(points held, new window) values, so a detector past
     * its warm-up keeps judging instead of learning all over again; {@link #seen()} is unchanged.
     */
    public void applySettings(ZScoreSettings next) {
        Objects.requireNonNull(next, "settings");
        if (next.window() != settings.window()) {
            double[] held = stats.values();
            int keep = Math.min(held.length, next.window());
            WindowStats resized = new WindowStats(next.window());
            resized.load(held, held.length - keep, keep, stats.seen(),
                    Anchors.forDetector(held, stats.seen(), next.window()));
            stats = resized;
        }
        use(next);
    }

    /**
     * Forgets everything, then learns {@code history} (oldest first) exactly as if each value had
     * gone through {@link #update} (non-finite ones are skipped and counted), without verdicts.
     */
    public void prime(double[] history) {
        Objects.requireNonNull(history, "history");
        reset();
        int finite = 0;
        for (double v : history) {
            if (Double.isFinite(v)) {
                finite++;
            }
        }
        skipped = history.length - finite;
        // The window, plus the block before the current one, from which feeding would have chosen
        // the anchor: the last min(finite, 2 × window) finite values cover both.
        int held = (int) Math.min(finite, 2L * window);
        double[] recent = new double[held];
        for (int i = history.length - 1, k = held - 1; k >= 0; i--) {
            if (Double.isFinite(history[i])) {
                recent[k--] = history[i];
            }
        }
        int keep = Math.min(finite, window);
        double anchor = Anchors.forDetector(recent, finite, window);
        stats.load(recent, held - keep, keep, finite, anchor);
    }

    /** The detector's complete state; {@link #restore} turns it back into an identical detector. */
    @Override
    public State snapshot() {
        return new State(settings, stats.values(), stats.seen(), skipped, stats.anchor());
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
        out.judgedFromVariance(NAME, value, mean, variance, deviation, threshold, window, anomaly);
    }

    private Verdict learning(double value, Verdict out) {
        return out.learning(NAME, value, settings.threshold(), settings.window(), stats.count(),
                settings.warmup());
    }

    private void use(ZScoreSettings next) {
        settings = next;
        thresholdSquared = next.threshold() * next.threshold();
        threshold = next.threshold();
        window = next.window();
        warmup = next.warmup();
    }

    /**
     * Everything a {@link ZScoreDetector} knows, e.g. to survive a restart.
     *
     * @param settings the settings in force
     * @param values   the baseline window, oldest first; finite, at most min(window, seen) of them
     * @param seen     finite points learned in the detector's lifetime
     * @param skipped  non-finite points ignored in the detector's lifetime
     * @param anchor   the value the window's sums are taken around (chosen from the last completed
     *                 block, part of which may have left the window); NaN lets {@link #restore}
     *                 choose one from the values, which reproduces the verdicts to rounding only
     */
    public record State(ZScoreSettings settings, double[] values, long seen, long skipped, double anchor)
            implements Detector.Snapshot {

        public State {
            Objects.requireNonNull(settings, "settings");
            values = Objects.requireNonNull(values, "values").clone();
            if (seen < 0 || skipped < 0) {
                throw new IllegalArgumentException(
                        "seen (" + seen + ") and skipped (" + skipped + ") must not be negative");
            }
            if (values.length > Math.min(settings.window(), seen)) {
                throw new IllegalArgumentException("a window of " + settings.window() + " after "
                        + seen + " points cannot hold " + values.length + " values");
            }
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("window values must be finite, got " + v);
                }
            }
            if (Double.isInfinite(anchor)) {
                throw new IllegalArgumentException("the anchor must be finite or NaN, got " + anchor);
            }
        }

        /** A state whose anchor {@link #restore} chooses from the values. */
        public State(ZScoreSettings settings, double[] values, long seen, long skipped) {
            this(settings, values, seen, skipped, Double.NaN);
        }

        @Override
        public ZScoreDetector restore() {
            return ZScoreDetector.restore(this);
        }

        /** A copy of the window, oldest first. */
        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && settings.equals(s.settings) && Arrays.equals(values, s.values)
                    && seen == s.seen && skipped == s.skipped
                    && Double.doubleToLongBits(anchor) == Double.doubleToLongBits(s.anchor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(settings, Arrays.hashCode(values), seen, skipped, anchor);
        }

        @Override
        public String toString() {
            return "State[settings=" + settings + ", values=" + values.length + " values, seen=" + seen
                    + ", skipped=" + skipped + ", anchor=" + anchor + "]";
        }
    }
}
