package dev.zscope.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

/** Test helpers: bit-exact verdict comparison and reproducible streams. */
public final class Verdicts {

    private Verdicts() {
    }

    /** Every field of a verdict, doubles as raw bits, so equality means bit-for-bit identical. */
    public static List<Object> fields(Verdict v) {
        return List.of(v.detector(), v.learning(), v.anomaly(), bits(v.value()), bits(v.mean()),
                bits(v.std()), bits(v.z()), bits(v.threshold()), v.window(), v.learnedPoints(),
                v.warmup());
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** Feeds {@code xs[from..to)} to both detectors and asserts identical verdicts throughout. */
    public static void assertSameVerdicts(Detector a, Detector b, double[] xs, int from, int to) {
        Verdict va = new Verdict();
        Verdict vb = new Verdict();
        for (int i = from; i < to; i++) {
            a.update(xs[i], va);
            b.update(xs[i], vb);
            assertThat(fields(vb)).as("verdict for point %d", i).isEqualTo(fields(va));
        }
        assertThat(b.seen()).isEqualTo(a.seen());
        assertThat(b.isLearning()).isEqualTo(a.isLearning());
    }

    public static void feed(Detector d, double[] xs, int from, int to) {
        Verdict v = new Verdict();
        for (int i = from; i < to; i++) {
            d.update(xs[i], v);
        }
    }

    /** Noisy level shifts with spikes, and about one NaN or infinity in {@code 1 / gapEvery} points. */
    public static double[] stream(long seed, int n, int gapEvery) {
        Random random = new Random(seed);
        double[] xs = new double[n];
        double level = 50;
        for (int i = 0; i < n; i++) {
            if (random.nextInt(300) == 0) {
                level += 20 * random.nextGaussian();
            }
            xs[i] = level + random.nextGaussian() + (random.nextInt(100) == 0 ? 15 : 0);
            if (gapEvery > 0 && random.nextInt(gapEvery) == 0) {
                xs[i] = switch (random.nextInt(3)) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.POSITIVE_INFINITY;
                    default -> Double.NEGATIVE_INFINITY;
                };
            }
        }
        return xs;
    }

    /** The finite values of {@code xs}, in order. */
    public static double[] finite(double[] xs) {
        return java.util.Arrays.stream(xs).filter(Double::isFinite).toArray();
    }

    /** A detector's batch entry point: judges xs[from..to), writes anomaly indices, returns their count. */
    @FunctionalInterface
    public interface Batch {
        int update(double[] xs, int from, int to, int[] anomalies);
    }

    /** Indices of the points {@code detector} flags, fed one call per point. */
    public static java.util.List<Integer> anomaliesOneByOne(Detector detector, double[] xs) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        Verdict v = new Verdict();
        for (int i = 0; i < xs.length; i++) {
            if (detector.update(xs[i], v).anomaly()) {
                found.add(i);
            }
        }
        return found;
    }

    /** Indices of the points {@code batch} flags, fed in batches of random sizes up to {@code maxBatch}. */
    public static java.util.List<Integer> anomaliesInBatches(Batch batch, double[] xs, int maxBatch, long seed) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        java.util.Random sizes = new java.util.Random(seed);
        int[] out = new int[maxBatch];
        for (int from = 0; from < xs.length; ) {
            int to = Math.min(xs.length, from + 1 + sizes.nextInt(maxBatch));
            int n = batch.update(xs, from, to, out);
            for (int k = 0; k < n; k++) {
                found.add(out[k]);
            }
            from = to;
        }
        return found;
    }
}
