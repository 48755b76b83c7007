package dev.zscope.detection.shape;

import static dev.zscope.detection.shape.ShapeLimits.BLOCK;
import static dev.zscope.detection.shape.ShapeLimits.CAPACITY;
import static dev.zscope.detection.shape.ShapeLimits.QUIET;
import static dev.zscope.detection.shape.ShapeLimits.RADIUS;
import static dev.zscope.detection.shape.ShapeLimits.SPAN;
import static dev.zscope.detection.shape.ShapeLimits.WARMUP;
import static dev.zscope.detection.shape.ShapeLimits.WINDOW;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingValues;
import java.util.List;

/**
 * Settings of {@code resonance}, the default detector. The shape and level settings are those of
 * {@code sentinel}, which it extends; {@code calibration}, {@code escalation}, {@code rearm}, {@code phase},
 * {@code cycles}, {@code guard} and {@code calm} are its own. Round, generic values, stable
 * in the neighbourhood tried (see src/docs/detectors.md).
 *
 * @param block       points averaged into one block mean
 * @param window      block means forming one shape
 * @param radius      learning radius of the shape memory, a fraction of the stream's range
 * @param capacity    most prototypes kept
 * @param span        memory in points of the long-run level that confirms a novel shape
 * @param calibration memory in blocks of the stream's own score distribution; 2000 blocks of 4
 *                    points is about four weeks of 5-minute data
 * @param quiet       a score is reported only if it beats every score of this many previous points
 * @param escalation  while the shape that raised the last alarm is still in view (block × window
 *                    points after it), a score is reported only if it exceeds that alarm this many
 *                    times: the same incident growing over its own blocks is one alarm, not several
 * @param rearm       L∞ distance, a fraction of the range, beyond which a shape counts as different
 *                    from the one that raised the last alarm (0 = off): such a shape, at least one
 *                    shape span after that alarm, need only beat the last quarter of {@code quiet}
 *                    points, so a second, different incident soon after the first is not silenced;
 *                    0.5, half the range, is far looser than the learning radius because every
 *                    novel shape is already more than that radius from everything seen
 * @param phase       weight of the novelty against the same phase of recent cycles (0 = off); 0.25
 *                    lets a changed day alarm without letting ordinary day-to-day variation do so
 * @param cycles      recent cycles that phase is compared with; 7 covers a week of daily cycles,
 *                    so a weekend is compared with the previous weekend
 * @param guard       the point-level spike guard ({@link SpikeGuard}, 0 = off): a point whose distance
 *                    from the median of the 5 points before it exceeds this many typical distances
 *                    is flagged at that point, not at the next block end; 8 typical distances is
 *                    about 7 standard deviations of Gaussian noise, which noise alone reaches about
 *                    once in 10^11 points
 * @param calm        the guard acts only while the distance the stream exceeds on one point in a
 *                    hundred is at most this many typical distances: 3.3 for Gaussian noise, so
 *                    3.75 leaves room for its jitter and shuts the guard out of heavy-tailed or
 *                    routinely spiky streams, where a big jump is not news
 * @param warmup      points before the first verdict
 * @param threshold   score above which the live engine flags an anomaly
 */
public record ResonanceSettings(int block, int window, double radius, int capacity, double span,
                                double calibration, int quiet, double escalation, double rearm, double phase,
                                int cycles, double guard, double calm, int warmup, double threshold) {

    public static final Setting CALIBRATION = Setting.number("calibration", 2000, 2, 1e12,
            "memory of the stream's own scores in blocks");
    public static final Setting ESCALATION = Setting.number("escalation", 4, 1, 1e12,
            "factor a score must exceed the last alarm by while that alarm's shape is in view");
    public static final Setting REARM = Setting.number("rearm", 0.5, 0, 1e6,
            "distance (fraction of the range) from the last alarm's shape at which a new shape may alarm after a quarter of quiet, 0 = off");
    public static final Setting PHASE = Setting.number("phase", 0.25, 0, 1e6,
            "weight of the novelty against the same phase of recent cycles, 0 = off");
    public static final Setting CYCLES = Setting.whole("cycles", 7, 1, 50, "recent cycles the phase is compared with");
    public static final Setting GUARD = Setting.number("guard", 8, 0, 1e6,
            "a point is flagged at once when its distance from the median of the 5 points before it exceeds this many times the stream's typical distance, on a calm stream; 0 = off");
    public static final Setting CALM = Setting.positive("calm", 3.75, 1e6,
            "a stream is calm while the distance it exceeds on 1 point in 100 is at most this many typical distances (Gaussian noise: 3.3)");
    public static final Setting THRESHOLD = Setting.positive("threshold", 0.25, 1e9, "live anomaly flag above this score");
    public static final List<Setting> SETTINGS = List.of(BLOCK, WINDOW, RADIUS, CAPACITY, SPAN, CALIBRATION, QUIET,
            ESCALATION, REARM, PHASE, CYCLES, GUARD, CALM, WARMUP, THRESHOLD);

    public ResonanceSettings {
        ShapeLimits.require(block, window, radius, capacity, span, quiet, warmup);
        CALIBRATION.check(calibration);
        ESCALATION.check(escalation);
        REARM.check(rearm);
        PHASE.check(phase);
        CYCLES.check(cycles);
        GUARD.check(guard);
        CALM.check(calm);
        THRESHOLD.check(threshold);
    }

    static ResonanceSettings defaults() {
        return of(SettingValues.defaults(SETTINGS));
    }

    public static ResonanceSettings of(SettingValues v) {
        return new ResonanceSettings(v.whole(BLOCK), v.whole(WINDOW), v.number(RADIUS), v.whole(CAPACITY),
                v.number(SPAN), v.number(CALIBRATION), v.whole(QUIET), v.number(ESCALATION), v.number(REARM),
                v.number(PHASE), v.whole(CYCLES), v.number(GUARD), v.number(CALM), v.whole(WARMUP),
                v.number(THRESHOLD));
    }
}
