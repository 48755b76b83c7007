package dev.zscope.detection.art;

import dev.zscope.detection.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic streams and verdict recording for the art tests (fixed seeds, deterministic). */
final class ArtStreams {

    private ArtStreams() {
    }

    static double[] noise(long seed, int n, double level) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + r.nextGaussian();
        }
        return v;
    }

    static double[] walk(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        double x = 100;
        for (int i = 0; i < n; i++) {
            x += r.nextGaussian();
            v[i] = x;
        }
        return v;
    }

    /** A daily sine at one-minute spacing (1,440 points a cycle), amplitude 10, unit Gaussian noise. */
    static double[] dailySine(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 1440.0) + r.nextGaussian();
        }
        return v;
    }

    /** One point's verdict, every field as bits, and the detector's severity. */
    record Row(long value, long score, long expected, long lower, long upper, boolean anomaly, boolean learning,
               long severity) {
        static Row of(Verdict v, ArtDetector d) {
            return new Row(Double.doubleToRawLongBits(v.value()), Double.doubleToRawLongBits(v.score()),
                    Double.doubleToRawLongBits(v.expected()), Double.doubleToRawLongBits(v.lower()),
                    Double.doubleToRawLongBits(v.upper()), v.anomaly(), v.learning(),
                    Double.doubleToRawLongBits(d.lastSeverity()));
        }

        double scoreValue() {
            return Double.longBitsToDouble(score);
        }
    }

    /** Feeds xs[from, to) at one-minute spacing and records every verdict. */
    static List<Row> run(ArtDetector d, double[] xs, int from, int to) {
        Verdict v = new Verdict();
        List<Row> rows = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            d.update(60_000L * i, xs[i], v);
            rows.add(Row.of(v, d));
        }
        return rows;
    }

    /** Indices in [from, to) of xs whose points the detector flags. */
    static List<Integer> flags(ArtDetector d, double[] xs, int from, int to) {
        Verdict v = new Verdict();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            d.update(60_000L * i, xs[i], v);
            if (i >= from && v.anomaly()) {
                out.add(i);
            }
        }
        return out;
    }
}
