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
        return List.of(v.detector(), v.learning(), v.anomaly(), bits(v.value()), bits(v.expected()),
                bits(v.std()), bits(v.z()), bits(v.threshold()), v.window(), v.learnedPoints(), v.warmup());
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
            assertThat(List.of(bits(vb.score()), bits(vb.lower()), bits(vb.upper()), bits(vb.severity())))
                    .as("score, band and severity for point %d", i)
                    .isEqualTo(List.of(bits(va.score()), bits(va.lower()), bits(va.upper()), bits(va.severity())));
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
}
