package dev.zscope.detection.robust;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Scales;
import dev.zscope.detection.SerializedSnapshot;
import dev.zscope.detection.Verdict;

import java.io.Serializable;

/**
 * Rolling median and median absolute deviation (MAD): score = |x − median| / (1.4826 · MAD) over
 * the previous {@code window} points.
 *
 * <p>Why: a mean and standard deviation are dragged by the very outliers they are meant to expose
 * (one spike inflates the spread for a whole window and hides the next one). The median and MAD
 * ignore up to half the window being wild, so a burst of anomalies stays visible, and a level shift
 * is absorbed once it fills half the window, after which the detector stops firing.
 */
public final class RobustDetector implements Detector, Serializable {

    public static final String NAME = "robust";
    private static final double MAD_TO_SIGMA = 1.4826;

    private final RobustSettings settings;
    private final SortedWindow window;
    /** Rate of the long-run mean absolute deviation: a memory of about a thousand points. */
    private static final double LONG_RATE = 1e-3;
    private double longAbsDeviation;
    private long seen;
    private long skipped;

    public RobustDetector(RobustSettings settings) {
        this.settings = settings;
        this.window = new SortedWindow(settings.window());
    }

    @Override
    public String name() {
        return NAME;
    }

    public RobustSettings settings() {
        return settings;
    }

    @Override
    public Verdict update(double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            return isLearning() ? out.learning(NAME, value, settings.threshold(), settings.window(),
                    window.count(), settings.warmup()) : out.missing(NAME, value, settings.threshold());
        }
        if (isLearning()) {
            out.learning(NAME, value, settings.threshold(), settings.window(), window.count(),
                    settings.warmup());
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

    @Override
    public boolean isLearning() {
        return window.count() < settings.warmup();
    }

    @Override
    public long seen() {
        return seen;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void reset() {
        window.clear();
        longAbsDeviation = 0;
        seen = 0;
        skipped = 0;
    }

    @Override
    public Snapshot snapshot() {
        return SerializedSnapshot.of(this);
    }
}
