package dev.zscope.detection.rcf;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import dev.zscope.detection.DetectorBase;
import dev.zscope.detection.Verdict;


import java.io.DataInput;
import java.io.DataOutput;

/**
 * AWS Random Cut Forest (Guha et al., ICML 2016) through its thresholded forest, which adds
 * normalisation and an adaptive threshold to the raw forest.
 *
 * <p>The score is the forest's raw anomaly score (how much a point would change the trees' shape,
 * unclipped); {@link Verdict#anomaly()} is the library's own grade &gt; 0. Input is shingled
 * internally, normalised by the library, and the seed is fixed: replaying a file twice gives the
 * same scores. It keeps no state across a restart: the forest's only supported form is the
 * library's own object graph, and Zscope saves detector state in explicit binary formats only,
 * so a restarted {@code rcf} stream warms up again.
 */
public final class RcfDetector extends DetectorBase {

    public static final String NAME = "rcf";

    private final RcfSettings settings;
    private final double[] point = new double[1];
    private ThresholdedRandomCutForest forest;
    private long seen;
    private boolean learning = true;

    public RcfDetector(RcfSettings settings) {
        super(NAME);
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
    protected Verdict accept(long epochMillis, double value, Verdict out) {
        point[0] = value;
        AnomalyDescriptor d = forest.process(point, epochMillis == NO_TIME ? seen : epochMillis);
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

    @Override
    public boolean isLearning() {
        return learning;
    }

    @Override
    public long seen() {
        return seen;
    }

    @Override
    protected int warmup() {
        return settings.sampleSize();
    }

    @Override
    protected double threshold() {
        return Double.NaN;
    }

    @Override
    protected int window() {
        return settings.sampleSize();
    }

    @Override
    protected void forget() {
        forest = build(settings);
        learning = true;
        seen = 0;
    }

    @Override
    protected void writeLearned(DataOutput out) {
        throw new UnsupportedOperationException(NAME + " keeps no state");
    }

    @Override
    protected void readLearned(DataInput in) {
        throw new UnsupportedOperationException(NAME + " keeps no state");
    }
}
