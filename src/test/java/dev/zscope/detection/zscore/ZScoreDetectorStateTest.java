package dev.zscope.detection.zscore;

import dev.zscope.detection.TwoPass;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.Verdicts;

import static dev.zscope.detection.Verdicts.assertSameVerdicts;
import static dev.zscope.detection.Verdicts.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings changes, priming and snapshot/restore: however a state is reached, verdicts are identical. */
class ZScoreDetectorStateTest {

    private static final ZScoreSettings S = new ZScoreSettings(3.0, 100, 30);
    private static final double[] XS = Verdicts.stream(42, 3_000, 25);

    private static ZScoreDetector fed(ZScoreSettings s, int points) {
        ZScoreDetector d = new ZScoreDetector(s);
        feed(d, XS, 0, points);
        return d;
    }

    /** Cut points around warm-up, around block boundaries (multiples of the window) and beyond. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 29, 30, 31, 99, 100, 101, 102, 150, 199, 200, 201, 1234, 2999})
    void restoredDetectorGivesIdenticalVerdicts(int cut) {
        ZScoreDetector original = fed(S, cut);
        ZScoreDetector.State state = original.snapshot();
        ZScoreDetector restored = ZScoreDetector.restore(state);

        assertThat(restored.seen()).isEqualTo(original.seen());
        assertThat(restored.skipped()).isEqualTo(original.skipped());
        assertThat(restored.settings()).isEqualTo(S);
        assertThat(restored.isLearning()).isEqualTo(original.isLearning());
        assertThat(restored.snapshot()).isEqualTo(state);
        assertSameVerdicts(original, restored, XS, cut, XS.length);
    }

    @Test
    void snapshotHoldsTheWindowOldestFirstAndTheCounters() {
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 4, 2));
        feed(d, new double[] {1, Double.NaN, 2, 3, 4, 5, 6, Double.POSITIVE_INFINITY}, 0, 8);
        ZScoreDetector.State state = d.snapshot();
        assertThat(state.values()).containsExactly(3, 4, 5, 6);
        assertThat(state.seen()).isEqualTo(6);
        assertThat(state.skipped()).isEqualTo(2);
        assertThat(state.settings()).isEqualTo(new ZScoreSettings(3.0, 4, 2));
    }

    @Test
    void takingASnapshotDoesNotDisturbTheDetector() {
        ZScoreDetector watched = fed(S, 0);
        ZScoreDetector untouched = fed(S, 0);
        Verdict a = new Verdict();
        Verdict b = new Verdict();
        for (int i = 0; i < XS.length; i++) {
            if (i % 37 == 0) {
                watched.snapshot();
            }
            watched.update(XS[i], a);
            untouched.update(XS[i], b);
            assertThat(Verdicts.fields(a)).isEqualTo(Verdicts.fields(b));
        }
    }

    @Test
    void stateIsImmutableAndValidated() {
        ZScoreSettings s = new ZScoreSettings(3, 5, 2);
        double[] values = {1, 2, 3};
        ZScoreDetector.State state = new ZScoreDetector.State(s, values, 10, 0);
        values[0] = 99;
        state.values()[1] = 99;
        assertThat(state.values()).containsExactly(1, 2, 3);
        ZScoreDetector.State same = new ZScoreDetector.State(s, new double[] {1, 2, 3}, 10, 0);
        assertThat(state).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(state).isNotEqualTo(new ZScoreDetector.State(s, new double[] {1, 2, 4}, 10, 0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ZScoreDetector.State(s, new double[6], 10, 0))
                .withMessage("a window of 5 after 10 points cannot hold 6 values");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ZScoreDetector.State(s, new double[3], 2, 0))
                .withMessage("a window of 5 after 2 points cannot hold 3 values");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ZScoreDetector.State(s, new double[] {1, Double.NaN}, 2, 0))
                .withMessage("window values must be finite, got NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ZScoreDetector.State(s, new double[0], 0, -1))
                .withMessage("seen (0) and skipped (-1) must not be negative");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 30, 99, 100, 101, 1234, 3000})
    void primingIsTheSameAsFeeding(int points) {
        double[] history = Arrays.copyOf(XS, points);
        ZScoreDetector primed = ZScoreDetector.seeded(S, history);
        ZScoreDetector fed = fed(S, points);
        assertThat(primed.snapshot()).isEqualTo(fed.snapshot());
        assertSameVerdicts(fed, primed, XS, points, XS.length);
    }

    @Test
    void primingReplacesWhatWasLearned() {
        ZScoreDetector d = fed(S, 2000);
        d.prime(new double[] {1, 2, Double.NaN});
        assertThat(d.seen()).isEqualTo(2);
        assertThat(d.skipped()).isEqualTo(1);
        assertThat(d.isLearning()).isTrue();
        assertThat(d.snapshot().values()).containsExactly(1, 2);
    }

    @Test
    void shrinkingTheWindowKeepsTheMostRecentPoints() {
        ZScoreDetector d = fed(new ZScoreSettings(3.0, 50, 10), 777);
        d.applySettings(new ZScoreSettings(3.0, 20, 10));
        assertThat(d.isLearning()).isFalse();
        assertThat(d.seen()).isEqualTo(fed(S, 777).seen());
        // as if it had always had a window of 20
        assertSameVerdicts(fed(new ZScoreSettings(3.0, 20, 10), 777), d, XS, 777, XS.length);
    }

    @Test
    void growingTheWindowKeepsWhatItHasAndGrowsFromThere() {
        double[] xs = Verdicts.finite(XS);
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 50, 30));
        feed(d, xs, 0, 500);
        d.applySettings(new ZScoreSettings(3.0, 100, 30));
        assertThat(d.isLearning()).isFalse();
        assertThat(d.snapshot().values()).containsExactly(Arrays.copyOfRange(xs, 450, 500));
        Verdict v = new Verdict();
        for (int i = 500; i < 700; i++) {
            d.update(xs[i], v);
            int from = Math.max(450, i - 100); // 50 kept points, growing to 100
            TwoPass ref = TwoPass.of(xs, from, i);
            assertThat(v.learning()).isFalse();
            assertThat(v.mean()).as("mean at %d", i).isCloseTo(ref.mean, within(1e-12));
            assertThat(v.std()).as("std at %d", i).isCloseTo(ref.std, within(1e-12));
        }
        assertThat(d.snapshot().values()).hasSize(100);
    }

    @Test
    void aWindowChangeBeforeWarmupKeepsEveryPoint() {
        double[] xs = Verdicts.finite(XS);
        ZScoreDetector d = new ZScoreDetector(new ZScoreSettings(3.0, 50, 30));
        feed(d, xs, 0, 20);
        d.applySettings(new ZScoreSettings(3.0, 200, 30));
        assertThat(d.isLearning()).isTrue();
        ZScoreDetector alwaysWide = new ZScoreDetector(new ZScoreSettings(3.0, 200, 30));
        feed(alwaysWide, xs, 0, 20);
        assertSameVerdicts(alwaysWide, d, xs, 20, xs.length);
    }

    @Test
    void aResizedDetectorSurvivesSnapshotAndRestore() {
        ZScoreDetector d = fed(new ZScoreSettings(3.0, 50, 30), 1003);
        d.applySettings(new ZScoreSettings(3.0, 128, 30)); // holds 50 of 128 slots, phase not at 0
        feed(d, XS, 1003, 1040);
        assertSameVerdicts(d, ZScoreDetector.restore(d.snapshot()), XS, 1040, XS.length);
    }

    @Test
    void thresholdAndWarmupChangesApplyToTheNextPoint() {
        ZScoreSettings s = new ZScoreSettings(3.0, 2, 2); // baseline {1, 3}: mean 2, std 1
        ZScoreDetector d = new ZScoreDetector(s);
        feed(d, new double[] {1, 3}, 0, 2);
        ZScoreDetector lowered = ZScoreDetector.restore(d.snapshot());
        lowered.applySettings(s.withThreshold(2.0));
        assertThat(d.update(4.5, new Verdict()).anomaly()).isFalse();
        Verdict v = lowered.update(4.5, new Verdict());
        assertThat(v.anomaly()).isTrue();
        assertThat(v.threshold()).isEqualTo(2.0);

        ZScoreDetector early = new ZScoreDetector(new ZScoreSettings(3.0, 10, 5));
        feed(early, new double[] {1, 2, 3}, 0, 3);
        assertThat(early.isLearning()).isTrue();
        early.applySettings(new ZScoreSettings(3.0, 10, 3));
        assertThat(early.isLearning()).isFalse();
        early.applySettings(new ZScoreSettings(3.0, 10, 4));
        assertThat(early.update(2, new Verdict()).learning()).isTrue();
    }
}
