package dev.zscope.detection.rcf;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;

/**
 * AWS Random Cut Forest (Guha et al., ICML 2016) through its thresholded forest, which adds
 * normalisation and an adaptive threshold to the raw forest.
 *
 * <p>The score is the forest's raw anomaly score (how much a point would change the trees' shape,
 * unclipped); {@link Verdict#anomaly()} is the library's own grade &gt; 0. Input is shingled
 * internally, normalised by the library, and the seed is fixed: replaying a file twice gives the
 * same scores. State goes through the library's mapper, its supported way to save a forest.
 */
public final class RcfDetector implements Detector {

    public static final String NAME = "rcf";

    private final RcfSettings settings;
    private final double[] point = new double[1];
    private ThresholdedRandomCutForest forest;
    private long seen;
    private long skipped;
    private boolean learning = true;

    public RcfDetector(RcfSettings settings) {
        this.settings = settings;
        this.forest = build(settings);
    }

    private static ThresholdedRandomCutForest build(RcfSettings s) {
        return ThresholdedRandomCutForest.builder().dimensions(s.shingleSize()).shingleSize(s.shingleSize())
                .internalShinglingEnabled(true).numberOfTrees(s.trees()).sampleSize(s.sampleSize())
                .randomSeed(s.seed()).transformMethod(TransformMethod.NORMALIZE)
                .parallelExecutionEnabled(false).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict update(double value, Verdict out) {
        return update(seen, value, out);
    }

    @Override
    public Verdict update(long epochMillis, double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            return isLearning() ? learning(value, out) : out.missing(NAME, value, Double.NaN);
        }
        point[0] = value;
        AnomalyDescriptor d = forest.process(point, epochMillis);
        seen++;
        // The forest scores 0 until its trees hold enough points; that is its warm-up.
        learning = d.getRCFScore() == 0 && learning;
        if (learning) {
            return learning(value, out);
        }
        double[][] expected = d.getExpectedValuesList();
        double guess = expected != null && expected.length > 0 && expected[0] != null
                ? expected[0][0] : Double.NaN;
        return out.scored(NAME, value, d.getRCFScore(), guess, Double.NaN, Double.NaN, d.getThreshold(),
                d.getAnomalyGrade() > 0);
    }

    private Verdict learning(double value, Verdict out) {
        return out.learning(NAME, value, Double.NaN, settings.sampleSize(), seen, settings.sampleSize());
    }

    @Override
    public boolean isLearning() {
        return learning;
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
        forest = build(settings);
        learning = true;
        seen = 0;
        skipped = 0;
    }

    @Override
    public Snapshot snapshot() {
        return new State(settings, new ThresholdedRandomCutForestMapper().toState(forest), seen, skipped,
                learning);
    }

    /** The forest's state as the library maps it, plus Zscope's counters. */
    record State(RcfSettings settings, ThresholdedRandomCutForestState forest, long seen, long skipped,
                 boolean learning) implements Snapshot {

        @Override
        public Detector restore() {
            RcfDetector d = new RcfDetector(settings);
            d.forest = new ThresholdedRandomCutForestMapper().toModel(forest, settings.seed());
            d.seen = seen;
            d.skipped = skipped;
            d.learning = learning;
            return d;
        }
    }
}
