package dev.zscope.detection.shape;

import dev.zscope.detection.EwMoments;
import dev.zscope.detection.LongRunDetector;
import dev.zscope.detection.Verdict;

/**
 * The previous default detector, kept as {@code sentinel}; {@link ResonanceDetector}, the default
 * now, calibrates its score per stream. Adaptive-resonance novelty of the stream's recent shape, confirmed by its
 * distance from the long-run level, reported once per incident.
 *
 * <p>score = novelty × √|z|, where
 * <ul>
 *   <li>novelty is how far the last few block means lie from every shape the stream has shown
 *       before ({@link ShapeMemory}), as a fraction of the stream's range: new behaviour, whatever
 *       its form (spike, level, rhythm), scores high; behaviour seen before scores low however
 *       extreme it is;</li>
 *   <li>z is the distance of the latest block mean (the part of the shape that just arrived) from an
 *       exponentially weighted long-run mean, in long-run standard deviations. The square root lets it temper rather than dominate: a novel shape at the usual
 *       level (a wiggle never seen before) counts less than one away from it;</li>
 *   <li>the score is reported only when it beats every score of the previous {@code quiet} points
 *       (a {@link SlidingMax}), otherwise 0: the first, earliest point of an incident carries it,
 *       and the rest do not re-alarm.</li>
 * </ul>
 * Both parts learn from every point, so a level shift is novel at first, then learned, and the
 * detector falls silent. Everything is O(capacity × window / block) per point at worst, with no
 * allocation and no randomness.
 */
public final class SentinelDetector extends LongRunDetector {

    public static final String NAME = "sentinel";

    private final SentinelSettings settings;
    private ShapeMemory shapes;
    private SlidingMax recent;

    public SentinelDetector() {
        this(SentinelSettings.defaults());
    }

    public SentinelDetector(SentinelSettings settings) {
        super(NAME, 2.0 / (settings.span() + 1), settings.threshold(), settings.warmup());
        this.settings = settings;
        reset();
    }

    public SentinelSettings settings() {
        return settings;
    }

    @Override
    protected Verdict accept(long epochMillis, double x, Verdict out) {
        boolean judge = !isLearning();
        double novelty = shapes.update(x);
        if (judge) {
            double mean = moments.mean();
            double confirmed = confirmed(novelty, shapes, moments);
            double score = confirmed > recent.max() ? confirmed : 0.0;
            recent.add(confirmed);
            out.scored(NAME, x, score, mean, shapes.min(), shapes.max(), settings.threshold(),
                    score > settings.threshold());
        } else {
            learning(x, out);
        }
        moments.add(x);
        return out;
    }

    /**
     * A shape's novelty confirmed by how far the latest block mean sits from the long-run mean, in
     * long-run standard deviations (square-rooted): 0 for a shape seen before. Shared with
     * {@link ResonanceDetector}, which calibrates it further.
     */
    static double confirmed(double novelty, ShapeMemory shapes, EwMoments moments) {
        return novelty == 0 ? 0 : novelty * Math.sqrt(Math.abs(shapes.lastMean() - moments.mean()) / moments.sigma());
    }

    @Override
    protected void forgetMore() {
        shapes = new ShapeMemory(settings.block(), settings.window(), settings.radius(), settings.capacity());
        recent = new SlidingMax(settings.quiet());
    }

    /** Not kept across a restart: this detector warms up again (its kind has no state reader). */
    @Override
    protected void writeMore(java.io.DataOutput out) {
        throw new UnsupportedOperationException(NAME + " keeps no state");
    }
}
