package dev.zscope.detection.zscore;

import dev.zscope.detection.Verdict;
import dev.zscope.detection.Verdicts;

import static dev.zscope.detection.Verdicts.assertSameVerdicts;
import static dev.zscope.detection.Verdicts.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The detector's semantics on small hand-checked inputs. */
class ZScoreDetectorTest {

    private static final double EXACT = 1e-15;

    private static ZScoreDetector fedWith(ZScoreSettings settings, double... xs) {
        ZScoreDetector d = new ZScoreDetector(settings);
        feed(d, xs, 0, xs.length);
        return d;
    }

    private static Verdict judge(ZScoreDetector d, double x) {
        return d.update(x, new Verdict());
    }

    @Test
    void isNamedZscore() {
        ZScoreDetector d = new ZScoreDetector();
        assertThat(d.name()).isEqualTo("zscore");
        assertThat(d.settings()).isEqualTo(ZScoreSettings.defaults());
        assertThat(judge(d, 1).detector()).isEqualTo("zscore");
    }

    @Test
    void baselineIsThePreviousPointsAndGrowsUntilTheWindowIsFull() {
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 3, 2));
        Verdict v = new Verdict();

        d.update(1, v);
        assertThat(v.learning()).isTrue();
        assertThat(v.learnedPoints()).isZero();
        d.update(2, v);
        assertThat(v.learning()).isTrue();
        assertThat(v.learnedPoints()).isEqualTo(1);

        d.update(3, v); // baseline {1, 2}: the point itself is not part of it
        assertThat(v.learning()).isFalse();
        assertThat(v.expected()).isEqualTo(1.5);
        assertThat(v.std()).isEqualTo(0.5);
        assertThat(v.z()).isEqualTo(3.0);
        assertThat(v.anomaly()).as("|z| == threshold is not an anomaly").isFalse();
        assertThat(v.window()).isEqualTo(3);
        assertThat(v.threshold()).isEqualTo(3.0);
        assertThat(v.value()).isEqualTo(3.0);

        d.update(4, v); // baseline {1, 2, 3}: full
        assertThat(v.expected()).isCloseTo(2.0, within(EXACT));
        assertThat(v.std()).isCloseTo(Math.sqrt(2.0 / 3), within(EXACT));
        assertThat(v.z()).isCloseTo(Math.sqrt(6), within(1e-14));
        assertThat(v.anomaly()).isFalse();

        d.update(100, v); // baseline {2, 3, 4}: 1 has left the window
        assertThat(v.expected()).isCloseTo(3.0, within(EXACT));
        assertThat(v.std()).isCloseTo(Math.sqrt(2.0 / 3), within(EXACT));
        assertThat(v.z()).isCloseTo(97 * Math.sqrt(1.5), within(1e-12));
        assertThat(v.anomaly()).isTrue();

        d.update(5, v); // baseline {3, 4, 100}: the spike now inflates the spread
        assertThat(v.expected()).isCloseTo(107.0 / 3, within(1e-13));
        assertThat(v.std()).isCloseTo(Math.sqrt(18626.0) / 3, within(1e-12));
        assertThat(v.z()).isCloseTo(-92 / Math.sqrt(18626.0), within(1e-14));
        assertThat(v.anomaly()).isFalse();
        assertThat(d.seen()).isEqualTo(6);
    }

    @Test
    void learnsUntilWarmupPointsArePresentEvenThroughOutliers() {
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 10, 5));
        double[] xs = {10, 11, 1e6, 9, 10};
        for (int i = 0; i < xs.length; i++) {
            assertThat(d.isLearning()).isTrue();
            Verdict v = judge(d, xs[i]);
            assertThat(v.learning()).isTrue();
            assertThat(v.anomaly()).isFalse();
            assertThat(v.learnedPoints()).isEqualTo(i);
            assertThat(v.warmup()).isEqualTo(5);
            assertThat(v.value()).isEqualTo(xs[i]);
            assertThat(v.expected()).isNaN();
            assertThat(v.std()).isNaN();
            assertThat(v.z()).isNaN();
            assertThat(d.seen()).isEqualTo(i + 1);
        }
        assertThat(d.isLearning()).isFalse();
        Verdict v = judge(d, 10);
        assertThat(v.learning()).isFalse();
        assertThat(v.expected()).as("learned points form the baseline").isCloseTo(200_008.0, within(1e-9));
    }

    @Test
    void flatLineJudgesEqualValuesNormalAndAnyOtherValueInfinitelyFar() {
        for (double level : new double[] {7.0, 0.0, -3.25, 1e9 + 0.1}) {
            ZScoreSettings s = new ZScoreSettings(3.0, 10, 5);
            double[] flat = new double[12];
            java.util.Arrays.fill(flat, level);
            ZScoreDetector d = fedWith(s, flat);

            Verdict same = judge(d, level);
            assertThat(same.anomaly()).isFalse();
            assertThat(same.z()).isEqualTo(0.0);
            assertThat(same.std()).isEqualTo(0.0);
            assertThat(same.expected()).isEqualTo(level);

            Verdict above = judge(fedWith(s, flat), Math.nextUp(level));
            assertThat(above.anomaly()).isTrue();
            assertThat(above.z()).isEqualTo(Double.POSITIVE_INFINITY);

            Verdict below = judge(fedWith(s, flat), level - 1);
            assertThat(below.anomaly()).isTrue();
            assertThat(below.z()).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void zExactlyAtTheThresholdIsNormalAndJustBeyondIsAnomalous() {
        ZScoreSettings s = new ZScoreSettings(3.0, 2, 2); // baseline {1, 3}: mean 2, std 1
        Verdict up = judge(fedWith(s, 1, 3), 5);
        assertThat(up.z()).isEqualTo(3.0);
        assertThat(up.anomaly()).isFalse();
        Verdict down = judge(fedWith(s, 1, 3), -1);
        assertThat(down.z()).isEqualTo(-3.0);
        assertThat(down.anomaly()).isFalse();

        assertThat(judge(fedWith(s, 1, 3), 5 + 1e-12).anomaly()).isTrue();
        assertThat(judge(fedWith(s, 1, 3), -1 - 1e-12).anomaly()).isTrue();
        assertThat(judge(fedWith(s, 1, 3), 5 - 1e-12).anomaly()).isFalse();
    }

    @Test
    void nonFiniteValuesAreSkippedCountedAndNeverAnomalous() {
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 10, 3));
        Verdict v = judge(d, Double.NaN);
        assertThat(v.learning()).isTrue();
        assertThat(v.anomaly()).isFalse();
        assertThat(v.learnedPoints()).isZero();
        assertThat(d.seen()).isZero();
        assertThat(d.skipped()).isEqualTo(1);

        feed(d, new double[] {1, 2, 3}, 0, 3);
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            v = judge(d, bad);
            assertThat(v.learning()).isFalse();
            assertThat(v.anomaly()).isFalse();
            assertThat(Double.compare(v.value(), bad)).as("value %s", v.value()).isZero();
            assertThat(v.z()).isNaN();
            assertThat(v.expected()).as("the current baseline").isEqualTo(2.0);
            assertThat(v.std()).isCloseTo(Math.sqrt(2.0 / 3), within(EXACT));
        }
        assertThat(d.skipped()).isEqualTo(4);
        assertThat(d.seen()).isEqualTo(3);
    }

    @Test
    void nonFiniteValuesLeaveNoTrace() {
        double[] withGaps = Verdicts.stream(21, 5_000, 20);
        double[] clean = Verdicts.finite(withGaps);
        assertThat(clean.length).isLessThan(withGaps.length - 100);
        ZScoreSettings s = new ZScoreSettings(3.0, 50, 10);
        ZScoreDetector gappy = new ZScoreDetector(s);
        ZScoreDetector reference = new ZScoreDetector(s);
        Verdict g = new Verdict();
        Verdict r = new Verdict();
        for (double x : withGaps) {
            gappy.update(x, g);
            if (Double.isFinite(x)) {
                reference.update(x, r);
                assertThat(Verdicts.fields(g)).isEqualTo(Verdicts.fields(r));
            }
        }
        assertThat(gappy.skipped()).isEqualTo(withGaps.length - clean.length);
        assertThat(gappy.seen()).isEqualTo(clean.length);
    }

    @Test
    void resetForgetsEverythingButTheSettings() {
        ZScoreSettings s = new ZScoreSettings(2.5, 40, 8);
        double[] xs = Verdicts.stream(5, 500, 30);
        ZScoreDetector d = fedWith(s, xs);
        assertThat(d.skipped()).isPositive();
        d.reset();
        assertThat(d.seen()).isZero();
        assertThat(d.skipped()).isZero();
        assertThat(d.isLearning()).isTrue();
        assertThat(d.settings()).isEqualTo(s);
        assertSameVerdicts(new ZScoreDetector(s), d, xs, 0, xs.length);
    }

    @Test
    void isDeterministic() {
        ZScoreSettings s = new ZScoreSettings(3.0, 64, 16);
        double[] xs = Verdicts.stream(99, 20_000, 100);
        assertSameVerdicts(new ZScoreDetector(s), new ZScoreDetector(s), xs, 0, xs.length);
    }

    @Test
    void updateDoesNotAllocate() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
                && b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled());
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] xs = Verdicts.stream(3, 200_000, 50);
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 500, 30));
        Verdict v = new Verdict();
        for (double x : xs) { // warm up
            d.update(x, v);
        }
        long thread = Thread.currentThread().threadId();
        long before = bean.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 5; round++) {
            for (double x : xs) {
                d.update(x, v);
            }
        }
        long allocated = bean.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated by 10^6 updates").isLessThan(64 * 1024);
    }
}
