package dev.zscope.detection.shape;

import dev.zscope.detection.Params;
import dev.zscope.detection.SettingSpec;

import java.io.Serializable;
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
                                double calibration, int quiet, double escalation, double rearm, double phase, int cycles, double guard, double calm, int warmup,
                                double threshold)
        implements Serializable {

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("block", "4", "points averaged into one block, 1 to 1000"),
            new SettingSpec("window", "4", "blocks per shape, 1 to 64"),
            new SettingSpec("radius", "0.03", "learning radius as a fraction of the range, 0 to 1"),
            new SettingSpec("capacity", "500", "most shapes remembered, 1 to 100000"),
            new SettingSpec("span", "5000", "memory of the long-run level in points, >= 2"),
            new SettingSpec("calibration", "2000", "memory of the stream's own scores in blocks, >= 2"),
            new SettingSpec("quiet", "400", "points a new alarm must out-score, 1 to 100000"),
            new SettingSpec("escalation", "4", "factor a score must exceed the last alarm by while that alarm's shape is in view, >= 1"),
            new SettingSpec("rearm", "0.5", "distance (fraction of the range) from the last alarm's shape at which a new shape may alarm after a quarter of quiet, 0 = off"),
            new SettingSpec("phase", "0.25", "weight of the novelty against the same phase of recent cycles, 0 = off"),
            new SettingSpec("cycles", "7", "recent cycles the phase is compared with, 1 to 50"),
            new SettingSpec("guard", "8", "a point is flagged at once when its distance from the median of the 5 points before it exceeds this many times the stream's typical distance, on a calm stream; 0 = off"),
            new SettingSpec("calm", "3.75", "a stream is calm while the distance it exceeds on 1 point in 100 is at most this many typical distances (Gaussian noise: 3.3), > 0"),
            new SettingSpec("warmup", "100", "points before the first verdict, 1 to 1000000"),
            new SettingSpec("threshold", "0.25", "live anomaly flag above this score, > 0"));

    public ResonanceSettings {
        ShapeLimits.require("resonance", block, window, radius, capacity, span, quiet, warmup, threshold);
        if (!(calibration >= 2) || Double.isInfinite(calibration)) {
            throw new IllegalArgumentException("resonance needs a finite calibration >= 2, got " + calibration);
        }
        if (!(escalation >= 1) || Double.isInfinite(escalation)) {
            throw new IllegalArgumentException("resonance escalation must be a finite number >= 1, got " + escalation);
        }
        if (!(rearm >= 0) || Double.isInfinite(rearm)) {
            throw new IllegalArgumentException("resonance rearm must be a finite number >= 0, got " + rearm);
        }
        if (!(phase >= 0) || Double.isInfinite(phase) || cycles < 1 || cycles > 50) {
            throw new IllegalArgumentException("resonance needs a finite phase >= 0 and cycles 1-50");
        }
        if (!(guard >= 0) || Double.isInfinite(guard) || !(calm > 0) || Double.isInfinite(calm)) {
            throw new IllegalArgumentException("resonance needs a finite guard >= 0 and a finite calm > 0");
        }
    }

    static ResonanceSettings defaults() {
        return new ResonanceSettings(4, 4, 0.03, 500, 5000, 2000, 400, 4, 0.5, 0.25, 7, 8, 3.75, 100, 0.25);
    }

    public static ResonanceSettings from(Params p) {
        return new ResonanceSettings(p.integer("block", 1, 1000), p.integer("window", 1, 64),
                p.number("radius", 0, 1), p.integer("capacity", 1, 100_000), p.number("span", 2, 1e12),
                p.number("calibration", 2, 1e12), p.integer("quiet", 1, 100_000), p.number("escalation", 1, 1e12),
                p.number("rearm", 0, 1e6),
                p.number("phase", 0, 1e6), p.integer("cycles", 1, 50),
                p.number("guard", 0, 1e6), p.number("calm", 0, 1e6),
                p.integer("warmup", 1, 1_000_000), p.number("threshold", 0, 1e9));
    }
}
