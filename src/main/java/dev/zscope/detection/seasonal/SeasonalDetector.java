package dev.zscope.detection.seasonal;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Periods;
import dev.zscope.detection.Scales;
import dev.zscope.detection.SerializedSnapshot;
import dev.zscope.detection.Verdict;

import java.io.Serializable;

/**
 * Additive Holt–Winters without trend, with the period learned from the data: the expected value
 * is level + the offset of this point's phase, and the score is the residual over its running
 * standard deviation.
 *
 * <p>Why this shape: comparing a point with the same phase of earlier periods is what makes a quiet
 * night normal and a quiet afternoon anomalous. Keeping the level separate from the per-phase
 * offsets means a level shift is absorbed in about {@code levelSpan} points, instead of one whole
 * period per phase. The period is the highest autocorrelation peak of the first {@code warmup}
 * points. The phase is counted in sampling steps from the first timestamp, so a gap in the data does
 * not shift the phase of everything after it; without timestamps, points are taken as evenly spaced.
 */
public final class SeasonalDetector implements Detector, Serializable {

    public static final String NAME = "seasonal";
    /** E|r| = σ·√(2/π) for Gaussian residuals; this turns the mean absolute residual into a σ. */
    private static final double ABS_TO_SIGMA = 1.2533;

    private final SeasonalSettings settings;
    private final double[] buffer;
    private final long[] times;
    private double[] season = new double[0];
    private int period;
    private long step;
    private long origin;
    private double level;
    private double absResidual;
    private long seen;
    private long skipped;

    public SeasonalDetector(SeasonalSettings settings) {
        this.settings = settings;
        this.buffer = new double[settings.warmup()];
        this.times = new long[settings.warmup()];
    }

    @Override
    public String name() {
        return NAME;
    }

    public SeasonalSettings settings() {
        return settings;
    }

    /** The learned period in points: 0 while learning, 1 when the stream has no season. */
    public int period() {
        return period;
    }

    @Override
    public Verdict update(double value, Verdict out) {
        return update(Long.MIN_VALUE, value, out);
    }

    @Override
    public Verdict update(long epochMillis, double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            return isLearning() ? learning(value, out) : out.missing(NAME, value, settings.threshold());
        }
        if (isLearning()) {
            buffer[(int) seen] = value;
            times[(int) seen] = epochMillis == Long.MIN_VALUE ? seen : epochMillis;
            seen++;
            learning(value, out);
            if (!isLearning()) {
                learnPeriod();
            }
            return out;
        }
        int phase = phase(epochMillis == Long.MIN_VALUE ? seen : epochMillis);
        double expected = level + season[phase];
        double sigma = Scales.floored(ABS_TO_SIGMA * absResidual, expected);
        double score = Math.abs(value - expected) / sigma;
        double band = settings.threshold() * sigma;
        out.scored(NAME, value, score, expected, expected - band, expected + band, settings.threshold(),
                score > settings.threshold());
        learn(value, phase);
        seen++;
        return out;
    }

    private Verdict learning(double value, Verdict out) {
        return out.learning(NAME, value, settings.threshold(), 0, seen, settings.warmup());
    }

    private void learnPeriod() {
        int n = buffer.length;
        period = Periods.period(buffer, n, settings.minCorrelation());
        boolean timed = times[n - 1] != n - 1 || times[0] != 0;
        step = timed ? Math.max(1, Periods.step(times, n)) : 1;
        origin = times[0];
        season = new double[period];
        double mean = 0;
        for (double x : buffer) {
            mean += x;
        }
        mean /= n;
        double[] sums = new double[period];
        int[] counts = new int[period];
        for (int i = 0; i < n; i++) {
            int p = phase(times[i]);
            sums[p] += buffer[i] - mean;
            counts[p]++;
        }
        for (int p = 0; p < period; p++) {
            season[p] = counts[p] == 0 ? 0 : sums[p] / counts[p];
        }
        level = mean;
        for (int i = 0; i < n; i++) {
            learn(buffer[i], phase(times[i]));
        }
    }

    private int phase(long time) {
        if (period <= 1) {
            return 0;
        }
        long index = Math.round((double) (time - origin) / step);
        return (int) Math.floorMod(index, (long) period);
    }

    private void learn(double x, int phase) {
        double levelAlpha = 2.0 / (settings.levelSpan() + 1);
        double seasonAlpha = period <= 1 ? 0 : 2.0 / (settings.seasonSpan() + 1);
        double residual = x - level - season[phase];
        absResidual += 0.01 * (Math.abs(residual) - absResidual);
        level += levelAlpha * (x - season[phase] - level);
        season[phase] += seasonAlpha * (x - level - season[phase]);
    }

    @Override
    public boolean isLearning() {
        return seen < settings.warmup();
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
        seen = 0;
        skipped = 0;
        period = 0;
        season = new double[0];
        level = 0;
        absResidual = 0;
    }

    @Override
    public Snapshot snapshot() {
        return SerializedSnapshot.of(this);
    }
}
