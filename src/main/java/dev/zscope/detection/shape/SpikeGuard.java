package dev.zscope.detection.shape;

import dev.zscope.detection.zscore.Anchors;
import dev.zscope.detection.Scales;

import java.io.Serializable;

/**
 * Point-level outlier test for {@link ResonanceDetector}: is this one point so far from where the
 * stream just was that it is extreme for this stream? The shape memory judges whole blocks, so it
 * sees a lone spike only at the next block end, and its once-per-incident rule may silence it; an
 * operator looking at a calm wave expects the red dot on the spike itself.
 *
 * <p>The deviation d of a point is its distance from the median of the {@link #LOCAL} points before
 * it: a median, so one earlier spike does not move the expectation, and only a few points, so a
 * seasonal wave or a trend hardly moves it either. A point is extreme when
 * <ul>
 *   <li>the stream is calm: the 99th percentile of its |d| (its reach) is at most {@code calm} ×
 *       its typical |d|. Gaussian noise gives about 3.3; a stream with heavy tails, or with
 *       outliers on more than one point in a hundred, gives more, and there outliers are routine,
 *       so the guard stays out of the way and the shape memory alone judges;</li>
 *   <li>|d| exceeds {@code factor} × the typical |d| (an exponentially weighted mean of |d|, each
 *       clipped at {@link #CLIP} times the mean so spikes barely move it), and a floor of
 *       {@link #FLOOR} of the stream's range, so a nearly flat stream does not make a tiny wiggle
 *       extreme;</li>
 *   <li>|d| exceeds every |d| of the last {@code incident} points: the points right after a spike and
 *       the first points of a level shift, which still differ from the median, are the same
 *       incident.</li>
 * </ul>
 * The reach starts as the 99th percentile of the first {@link #MIN_SAMPLES} deviations (their
 * second largest, so one early spike does not inflate it), then follows the stream by stochastic
 * approximation: up by {@link #STEP} × (1 − 1/100) typical deviations when a deviation exceeds it,
 * down by {@link #STEP} × 1/100 otherwise, which settles where one deviation in a hundred exceeds
 * it. O(1) per point (a median of five values), no allocation, no randomness.
 */
final class SpikeGuard implements Serializable {

    /** Points before x whose median is its expectation. */
    static final int LOCAL = 5;
    /** The share of deviations the reach leaves above itself: one point in a hundred. */
    static final double ROUTINE = 0.01;
    /** Deviations are clipped at this many typical deviations before they enter the typical one. */
    static final double CLIP = 4;
    /** Step of the reach, in typical deviations: small enough to stay steady, large enough to follow. */
    static final double STEP = 0.05;
    /** Deviations learned before the first verdict. */
    static final int MIN_SAMPLES = 100;
    /** Least extreme deviation, as a fraction of the stream's range. */
    static final double FLOOR = 0.05;

    private final double factor;
    private final double calm;
    private final double alpha;
    private final double[] last = new double[LOCAL];
    private final SlidingMax echo;
    private long count;
    private long samples;
    private double typical;
    private double reach;
    private double largest;

    /**
     * @param factor   multiple of the typical deviation a point must exceed (0 = never extreme)
     * @param calm     largest ratio of reach to typical deviation at which the guard acts
     * @param span     memory in points of the typical deviation
     * @param incident points whose deviations a new extreme point must beat
     */
    SpikeGuard(double factor, double calm, double span, int incident) {
        this.factor = factor;
        this.calm = calm;
        this.alpha = 2.0 / (span + 1);
        this.echo = new SlidingMax(incident);
    }

    /**
     * How far beyond its bound x lies, as |d| / bound (above 1), or 0 when x is not extreme; then
     * learns x. {@code range} is the stream's range (0 or less when unknown).
     */
    double update(double x, double range) {
        double ratio = 0;
        if (count >= LOCAL) {
            double a = Math.abs(x - median());
            double floor = range > 0 ? FLOOR * range : 0;
            if (samples >= MIN_SAMPLES && factor > 0 && reach <= calm * typical) {
                double bound = Math.max(factor * typical, Math.max(floor, Scales.floor(x)));
                if (a > bound && a > echo.max()) {
                    ratio = a / bound;
                }
            }
            learn(a, floor);
        }
        last[(int) (count % LOCAL)] = x;
        count++;
        return ratio;
    }

    private void learn(double a, double floor) {
        samples++;
        double clipped = samples <= MIN_SAMPLES ? a : Math.min(a, Math.max(CLIP * typical, floor));
        typical += Math.max(alpha, 1.0 / samples) * (clipped - typical);
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
        echo.add(a);
    }

    /** The median of the last five values ({@link Anchors#medianOfFive}: six comparisons, no copy). */
    private double median() {
        return Anchors.medianOfFive(last[0], last[1], last[2], last[3], last[4]);
    }
}
