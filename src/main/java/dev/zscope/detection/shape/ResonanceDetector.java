package dev.zscope.detection.shape;

import dev.zscope.detection.LongRunDetector;
import dev.zscope.detection.Verdict;

/**
 * The default detector: {@code sentinel}'s adaptive-resonance novelty, calibrated against the
 * stream's own history of novelty, joined by a novelty against the same phase of recent cycles,
 * reported once per incident.
 *
 * <p>At the end of every block of points:
 * <ol>
 *   <li>raw = novelty × √|z|, exactly as in {@link SentinelDetector}: how far the recent shape lies
 *       from every shape seen before ({@link ShapeMemory}, in fractions of the range), tempered by
 *       how far the latest block mean lies from the long-run level (in long-run deviations);</li>
 *   <li>score = raw × √max(0, c), where c is how unusual raw is for this stream
 *       ({@link ScoreCalibration}: z of log raw). A stream that often shows novel shapes needs a
 *       bigger novelty to alarm than a calm one, so a single threshold fits streams of different
 *       temperament. Keeping raw as a factor keeps the size of the change in the score;</li>
 *   <li>on a periodic stream, the latest shape is also compared with the same phase of the last
 *       {@code cycles} periods ({@link PhaseMemory}); that novelty, calibrated the same way and
 *       weighted by {@code phase}, replaces the score when larger. A day whose usual peak does not
 *       come is made of familiar short shapes; only the comparison with earlier days shows it;</li>
 *   <li>the score is reported only when it beats every score of the previous {@code quiet}
 *       points (or, for a shape farther than {@code rearm} from the last alarm's shape, once that
 *       shape is out of view, of the previous quarter of them) and, while the shape of the last alarm is still in view, exceeds that alarm
 *       {@code escalation} times; otherwise 0, so the first point of an incident carries the alarm
 *       and an incident growing over its own blocks does not alarm at each of them.</li>
 * </ol>
 * At every point, the spike guard ({@link SpikeGuard}) asks whether this one point is extreme for a
 * calm stream (far from the median of the few points before it, in the stream's own typical
 * deviations). If so it is reported at once, at the point, as one incident with the block ends
 * that follow while it is in view: the red dot lands on the spike, not a few points later, and a
 * spike that the quiet period would have silenced is not lost.
 * Between block ends the score is otherwise 0. Every part learns from every point, so a level shift is novel
 * at first, then learned. O(capacity × window) per block at worst, no allocation, no randomness.
 */
public final class ResonanceDetector extends LongRunDetector {

    public static final String NAME = "resonance";

    private final ResonanceSettings settings;
    private ShapeMemory shapes;
    private PhaseMemory phases;
    private final ScoreCalibration phaseCalibration;
    private long blocksSeen;
    private SlidingMax recent;
    private final ScoreCalibration calibration;
    private double lastAlarm;
    private int sinceAlarm;
    private SlidingMax rearmRecent;
    private double[] alarmShape;
    private SpikeGuard guard;
    private int sinceGuard;

    public ResonanceDetector() {
        this(ResonanceSettings.defaults());
    }

    public ResonanceDetector(ResonanceSettings settings) {
        super(NAME, 2.0 / (settings.span() + 1), settings.threshold(), settings.warmup());
        this.settings = settings;
        this.calibration = new ScoreCalibration(settings.calibration());
        this.phaseCalibration = new ScoreCalibration(settings.calibration());
        reset();
    }

    public ResonanceSettings settings() {
        return settings;
    }

    @Override
    protected Verdict accept(long epochMillis, double x, Verdict out) {
        boolean judge = !isLearning();
        double extreme = guard.update(x, shapes.max() - shapes.min());  // before the block learns x
        double novelty = shapes.update(x);
        double phaseNovelty = phaseNovelty();
        if (judge) {
            double mean = moments.mean();
            double score = 0;
            if (novelty != 0) {
                double raw = SentinelDetector.confirmed(novelty, shapes, moments);
                score = raw * Math.sqrt(Math.max(0, calibration.zThenLearn(raw)));
            }
            if (phaseNovelty != 0) {
                score = Math.max(score, settings.phase() * phaseNovelty
                        * Math.sqrt(Math.max(0, phaseCalibration.zThenLearn(phaseNovelty))));
            }
            double reported = report(score, extreme);
            recent.add(score);
            rearmRecent.add(score);
            out.scored(NAME, x, reported, mean, shapes.min(), shapes.max(), settings.threshold(),
                    reported > settings.threshold());
        } else {
            learning(x, out);
        }
        moments.add(x);
        return out;
    }

    /**
     * The score to report at this point, with the once-per-incident bookkeeping: the block-end
     * score if it passes the quiet, re-arm and escalation rules and no guard alarm lies within one
     * shape span before it (that spike is in the shape: the same incident); the spike guard's
     * score instead when larger and not an echo of the last alarm. A guard alarm scores
     * threshold × r³, r = how far beyond its bound the deviation lies (≥ 1), so it ranks by size
     * among block-end alarms: on Gaussian noise a 10, 15 and 20σ spike score about 0.66, 2.2 and
     * 5.3 at the point, where the block end would have given 0.94, 2.4 and 4.4.
     */
    private double report(double score, double extreme) {
        boolean beats = score > recent.max() || rearms(score);
        double reported = beats && !echoes(score) && sinceGuard >= span() ? score : 0.0;
        double spike = settings.threshold() * extreme * extreme * extreme;
        boolean guarded = spike > reported && !echoes(spike);
        if (guarded) {
            reported = spike;
        }
        sinceGuard = guarded ? 0 : Math.min(sinceGuard + 1, Integer.MAX_VALUE - 1);
        if (reported > 0) {
            if (!guarded) {
                shapes.copyShape(alarmShape);
            }
            lastAlarm = reported;
            sinceAlarm = 0;
        } else {
            sinceAlarm = Math.min(sinceAlarm + 1, Integer.MAX_VALUE - 1);
        }
        return reported;
    }

    /**
     * True for a score that only continues the last alarm: the shape that raised it still
     * overlaps the current one and the score has not grown by the escalation factor.
     */
    private boolean echoes(double score) {
        return sinceAlarm < span() && score <= settings.escalation() * lastAlarm;
    }

    /** Points one shape spans: an alarm's shape is in view this long. */
    private int span() {
        return settings.block() * settings.window();
    }

    /**
     * True for a score that the quiet period would silence although its shape is clearly another
     * one than the shape that raised the last alarm, and that beats the last quarter of the quiet
     * period: a second incident, not an echo of the first. The alarm's own shape is out of view
     * (one shape span has passed), so the two do not overlap.
     */
    private boolean rearms(double score) {
        return settings.rearm() > 0 && score > 0 && sinceAlarm >= settings.block() * settings.window()
                && score > rearmRecent.max() && shapes.distanceTo(alarmShape) > settings.rearm();
    }

    /** At a block end, the novelty against the same phase of recent cycles (learning it); else 0. */
    private double phaseNovelty() {
        if (settings.phase() == 0 || shapes.blocks() == blocksSeen) {
            return 0;
        }
        blocksSeen = shapes.blocks();
        return phases.add(shapes.lastMean(), shapes.max() - shapes.min());
    }

    @Override
    protected void forgetMore() {
        shapes = new ShapeMemory(settings.block(), settings.window(), settings.radius(), settings.capacity());
        recent = new SlidingMax(settings.quiet());
        rearmRecent = new SlidingMax(Math.max(1, settings.quiet() / 4));
        alarmShape = new double[settings.window()];
        phases = new PhaseMemory(Math.max(8, 600 / settings.block()), settings.window(), settings.cycles());
        phaseCalibration.reset();
        blocksSeen = 0;
        calibration.reset();
        lastAlarm = 0;
        sinceAlarm = Integer.MAX_VALUE;
        guard = new SpikeGuard(settings.guard(), settings.calm(), settings.span(), span());
        sinceGuard = Integer.MAX_VALUE - 1;
    }

    /** Not kept across a restart: this detector warms up again (its kind has no state reader). */
    @Override
    protected void writeMore(java.io.DataOutput out) {
        throw new UnsupportedOperationException(NAME + " keeps no state");
    }
}
