package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.Streams;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.Verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every detector in the registry promises, checked on synthetic streams with fixed seeds. */
class DetectorContractTest {

    static Stream<String> names() {
        return Detectors.kinds().stream().map(DetectorKind::name);
    }

    /** A new detector with its defaults; {@code rcf} with 10 trees instead of 50, five times faster. */
    private static Detector fresh(String name) {
        return Detectors.create(name, name.equals("rcf") ? Map.of("trees", "10") : Map.of());
    }

    @ParameterizedTest
    @MethodSource("names")
    void aSpikeOutscoresTheNoiseAroundIt(String name) {
        double[] xs = Streams.noise(1, 2000, 100);
        xs[1500] += 12;
        double[] s = Streams.scores(fresh(name), xs);
        assertThat(Streams.max(s, 1500, 1510)).as(name).isGreaterThan(Streams.max(s, 700, 1500));
    }

    @ParameterizedTest
    @MethodSource("names")
    void aDipOutscoresTheNoiseAroundIt(String name) {
        double[] xs = Streams.noise(2, 2000, 100);
        xs[1500] -= 12;
        double[] s = Streams.scores(fresh(name), xs);
        assertThat(Streams.max(s, 1500, 1510)).as(name).isGreaterThan(Streams.max(s, 700, 1500));
    }

    @ParameterizedTest
    @MethodSource("names")
    void aLevelShiftIsNoticedThenLearned(String name) {
        double[] xs = Streams.noise(3, 4000, 100);
        for (int i = 2000; i < xs.length; i++) {
            xs[i] += 15;
        }
        Detector d = fresh(name);
        double[] s = Streams.scores(d, xs);
        double before = Streams.max(s, 700, 2000);
        assertThat(Streams.max(s, 2000, 2020)).as(name).isGreaterThan(before);
        int late = Streams.flags(fresh(name), xs, 3000, 4000);
        assertThat(late).as(name + " flags long after the shift").isLessThanOrEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("names")
    void aFlatLineRaisesNothingAndStaysFinite(String name) {
        double[] xs = new double[1500];
        java.util.Arrays.fill(xs, 42.0);
        Detector d = fresh(name);
        Verdict v = new Verdict();
        for (double x : xs) {
            d.update(x, v);
            assertThat(v.anomaly()).as(name).isFalse();
            assertThat(v.score()).as(name).isFinite();
            if (!name.equals("rcf")) { // a forest's raw score of a familiar point is about 1, not 0
                assertThat(v.score()).as(name).isLessThanOrEqualTo(1e-6);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void noiseAloneRaisesFewFlags(String name) {
        double[] xs = Streams.noise(4, 5000, 10);
        assertThat(Streams.flags(fresh(name), xs, 0, xs.length)).as(name).isLessThan(100);
    }

    @ParameterizedTest
    @MethodSource("names")
    void theSameInputGivesTheSameScores(String name) {
        double[] xs = Verdicts.stream(5, 3000, 50);
        assertThat(Streams.scores(fresh(name), xs)).as(name).isEqualTo(Streams.scores(fresh(name), xs));
    }

    @ParameterizedTest
    @MethodSource("names")
    void missingValuesAreSkippedAndCountedWithoutTouchingTheState(String name) {
        double[] clean = Streams.noise(6, 1500, 100);
        clean[1200] += 10;
        double[] gappy = new double[clean.length + 30];
        double[] expected = new double[gappy.length];
        double[] cleanScores = Streams.scores(fresh(name), clean);
        for (int i = 0, j = 0; i < gappy.length; i++) {
            if (i % 50 == 7 && i / 50 < 30) {
                gappy[i] = i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            } else {
                expected[i] = cleanScores[j];
                gappy[i] = clean[j++];
            }
        }
        Detector d = fresh(name);
        assertThat(Streams.scores(d, gappy)).as(name).isEqualTo(expected);
        assertThat(d.skipped()).as(name).isEqualTo(30);
        assertThat(d.seen()).as(name).isEqualTo(clean.length);
    }

    /**
     * A saved state, read back, continues bit for bit like the detector it was saved from, at cuts
     * before, during and after the warm-up; kinds that keep no state say so instead.
     */
    @ParameterizedTest
    @MethodSource("names")
    void aSavedStateContinuesIdentically(String name) {
        double[] xs = Verdicts.stream(7, 3000, 40);
        DetectorChoice choice = new DetectorChoice(name, name.equals("rcf") ? Map.of("trees", "10") : Map.of());
        for (int cut : new int[] {0, 7, 1500}) {
            Detector original = choice.create();
            Streams.scores(original, Arrays.copyOf(xs, cut));
            var saved = DetectorStates.save(choice, original);
            if (!choice.kind().keepsState()) {
                assertThat(saved).as(name).isEmpty();
                return;
            }
            DetectorStates.Restored restored = DetectorStates.load(choice, saved.orElseThrow());
            assertThat(restored.problem()).as(name).isNull();
            assertThat(restored.detector().skipped()).as(name).isEqualTo(original.skipped());
            Verdicts.assertSameVerdicts(original, restored.detector(), xs, cut, xs.length);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void aColdDetectorReportsThatItIsLearning(String name) {
        Detector d = fresh(name);
        Verdict v = d.update(1.0, new Verdict());
        assertThat(v.learning()).as(name).isTrue();
        assertThat(d.isLearning()).as(name).isTrue();
        assertThat(v.score()).isZero();
        assertThat(v.severity()).isZero();
    }

    /**
     * Every detector's severity is calibrated on the stream's own scores: in [0, 1], and a spike far
     * outside the noise is rarer than anything the noise before it produced, whatever the detector's
     * raw score scale.
     */
    @ParameterizedTest
    @MethodSource("names")
    void everyVerdictCarriesACalibratedSeverity(String name) {
        double[] xs = Streams.noise(11, 3000, 100);
        xs[2500] += 25;
        Detector d = fresh(name);
        Verdict v = new Verdict();
        double noiseMax = 0;
        double spike = 0;
        for (int i = 0; i < xs.length; i++) {
            d.update(xs[i], v);
            assertThat(v.severity()).as("%s point %d", name, i).isBetween(0.0, 1.0);
            if (i >= 1000 && i < 2500) {
                noiseMax = Math.max(noiseMax, v.severity());
            } else if (i >= 2500 && i < 2510) {
                spike = Math.max(spike, v.severity());
            }
        }
        assertThat(spike).as(name).isGreaterThan(noiseMax).isGreaterThan(0.999);
    }
}
