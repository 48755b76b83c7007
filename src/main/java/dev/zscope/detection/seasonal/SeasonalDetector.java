package dev.zscope.detection.seasonal;

import dev.zscope.detection.DetectorBase;
import dev.zscope.detection.Periods;
import dev.zscope.detection.Scales;
import dev.zscope.detection.Verdict;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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
public final class SeasonalDetector extends DetectorBase {

    public static final String NAME = "seasonal";
    /** Version of the state {@link #writeState} writes. */
    public static final int STATE_VERSION = 2;
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

    public SeasonalDetector(SeasonalSettings settings) {
        super(NAME);
        this.settings = settings;
        this.buffer = new double[settings.warmup()];
        this.times = new long[settings.warmup()];
    }

    /** A detector with {@code settings} in the state {@link #writeState} wrote. */
    public static SeasonalDetector read(SeasonalSettings settings, DataInput in) throws IOException {
        return new SeasonalDetector(settings).readState(in);
    }

    public SeasonalSettings settings() {
        return settings;
    }

    /** The learned period in points: 0 while learning, 1 when the stream has no season. */
    public int period() {
        return period;
    }

    @Override
    protected Verdict accept(long epochMillis, double value, Verdict out) {
        if (isLearning()) {
            buffer[(int) seen] = value;
            times[(int) seen] = epochMillis == NO_TIME ? seen : epochMillis;
            seen++;
            learning(value, out);
            if (!isLearning()) {
                learnPeriod();
            }
            return out;
        }
        int phase = phase(epochMillis == NO_TIME ? seen : epochMillis);
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
    protected void forget() {
        seen = 0;
        period = 0;
        season = new double[0];
        level = 0;
        absResidual = 0;
    }

    /** While learning: the buffered points; afterwards: the period, phase clock, level and profile. */
    @Override
    protected void writeLearned(DataOutput out) throws IOException {
        out.writeLong(seen);
        if (isLearning()) {
            for (int i = 0; i < seen; i++) {
                out.writeDouble(buffer[i]);
                out.writeLong(times[i]);
            }
            return;
        }
        out.writeInt(period);
        out.writeLong(step);
        out.writeLong(origin);
        out.writeDouble(level);
        out.writeDouble(absResidual);
        out.writeInt(season.length);
        for (double s : season) {
            out.writeDouble(s);
        }
    }

    @Override
    protected void readLearned(DataInput in) throws IOException {
        seen = in.readLong();
        if (seen < 0) {
            throw new IOException("negative count in a seasonal state");
        }
        if (isLearning()) {
            for (int i = 0; i < seen; i++) {
                buffer[i] = in.readDouble();
                times[i] = in.readLong();
            }
            return;
        }
        period = in.readInt();
        step = in.readLong();
        origin = in.readLong();
        level = in.readDouble();
        absResidual = in.readDouble();
        int n = in.readInt();
        if (n < 0 || n > settings.warmup()) {
            throw new IOException("a seasonal profile of " + n + " phases is longer than the warm-up allows");
        }
        season = new double[n];
        for (int i = 0; i < n; i++) {
            season[i] = in.readDouble();
        }
    }
}
