package dev.zscope.detection.robust;

import dev.zscope.detection.DetectorBase;
import dev.zscope.detection.Scales;
import dev.zscope.detection.Verdict;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling median and median absolute deviation (MAD): score = |x − median| / (1.4826 · MAD) over
 * the previous {@code window} points.
 *
 * <p>Why: a mean and standard deviation are dragged by the very outliers they are meant to expose
 * (one spike inflates the spread for a whole window and hides the next one). The median and MAD
 * ignore up to half the window being wild, so a burst of anomalies stays visible, and a level shift
 * is absorbed once it fills half the window, after which the detector stops firing.
 */
public final class RobustDetector extends DetectorBase {

    public static final String NAME = "robust";
    /** Version of the state {@link #writeState} writes. */
    public static final int STATE_VERSION = 2;
    private static final double MAD_TO_SIGMA = 1.4826;
    /** Rate of the long-run mean absolute deviation: a memory of about a thousand points. */
    private static final double LONG_RATE = 1e-3;

    private final RobustSettings settings;
    private final SortedWindow window;
    private double longAbsDeviation;
    private long seen;

    public RobustDetector(RobustSettings settings) {
        super(NAME);
        this.settings = settings;
        this.window = new SortedWindow(settings.window());
    }

    /** A detector with {@code settings} in the state {@link #writeState} wrote. */
    public static RobustDetector read(RobustSettings settings, DataInput in) throws IOException {
        return new RobustDetector(settings).readState(in);
    }

    public RobustSettings settings() {
        return settings;
    }

    @Override
    protected Verdict accept(long epochMillis, double value, Verdict out) {
        if (window.count() < settings.warmup()) {
            learning(value, out);
        } else {
            double median = window.median();
            double sigma = Scales.floored(spread(median), median);
            double score = Math.abs(value - median) / sigma;
            double band = settings.threshold() * sigma;
            longAbsDeviation += LONG_RATE * (Math.abs(value - median) - longAbsDeviation);
            out.scored(NAME, value, score, median, median - band, median + band, settings.threshold(),
                    score > settings.threshold());
        }
        window.add(value);
        seen++;
        return out;
    }

    /**
     * 1.4826 · MAD, but never less than the stream's long-run mean absolute deviation from the
     * median. When more than half the window is one value (counters, quantised gauges) the MAD is
     * 0, so the spread of the central 80% (q90 − q10 = 2.563 σ under Gaussian noise) stands in.
     * The long-run floor keeps a quiet stretch (a flat line, or calm between bursts) from making
     * the next ordinary wiggle score in the millions; without it, scores of heavy-tailed streams
     * dwarf everyone else's and no single threshold fits them all.
     */
    private double spread(double median) {
        double mad = MAD_TO_SIGMA * window.medianDistance(median);
        double central = mad > 0 ? mad : (window.quantile(0.9) - window.quantile(0.1)) / 2.563;
        return Math.max(central, longAbsDeviation);
    }

    /** Learning until the window holds {@code warmup} points. */
    @Override
    public boolean isLearning() {
        return window.count() < settings.warmup();
    }

    @Override
    public long seen() {
        return seen;
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
        window.clear();
        longAbsDeviation = 0;
        seen = 0;
    }

    @Override
    protected void writeLearned(DataOutput out) throws IOException {
        out.writeLong(seen);
        out.writeDouble(longAbsDeviation);
        window.write(out);
    }

    @Override
    protected void readLearned(DataInput in) throws IOException {
        seen = in.readLong();
        longAbsDeviation = in.readDouble();
        window.read(in);
    }
}
