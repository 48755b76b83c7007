package dev.zscope.detection.shape;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Streams;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.Verdicts;
import dev.zscope.detection.catalog.Detectors;

import static dev.zscope.detection.Verdicts.assertSameVerdicts;
import static dev.zscope.detection.Verdicts.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden synthetic streams for {@code resonance}, the default: where it must alarm, where it must
 * stay quiet.
 */
class ResonanceDetectorTest {

    private static double[] scores(double[] xs) {
        return Streams.scores(new ResonanceDetector(), xs);
    }

    private static int flags(double[] xs, int from, int to) {
        return Streams.flags(new ResonanceDetector(), xs, from, to);
    }

    @ParameterizedTest(name = "seed {0}, offset {1}")
    @CsvSource({"11, 15", "12, -15"})
    void aSpikeOrADipIsFlaggedWithinOneBlockAndNothingElseIs(long seed, double offset) {
        double[] xs = Streams.noise(seed, 3000, 100);
        xs[2000] += offset;
        double[] s = scores(xs);
        assertThat(Streams.max(s, 2000, 2004)).isGreaterThan(ResonanceSettings.defaults().threshold());
        assertThat(Streams.max(s, 2000, 2004)).isGreaterThan(2 * Streams.max(s, 700, 2000));
    }

    @Test
    void aLevelShiftAlarmsOnceThenIsLearned() {
        double[] xs = Streams.noise(13, 5000, 100);
        for (int i = 2500; i < xs.length; i++) {
            xs[i] += 10;
        }
        assertThat(flags(xs, 2500, 2520)).isEqualTo(1);
        assertThat(flags(xs, 2520, 5000)).isZero();
    }

    @Test
    void aFlatLineScoresZeroAndItsFirstChangeAlarms() {
        double[] xs = new double[2000];
        Arrays.fill(xs, 7.0);
        Arrays.fill(xs, 1500, 2000, 9.0);
        double[] s = scores(xs);
        assertThat(Streams.max(s, 0, 1500)).isZero();
        // the first shapes that span the step are the first the memory can compare: a few blocks
        assertThat(Streams.max(s, 1500, 1516)).isGreaterThan(ResonanceSettings.defaults().threshold());
        assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void anOffPhasePointOnASeasonIsTheStrongestScore() {
        double[] xs = Streams.seasonal(14, 6000, 200);
        // a trough value where the wave peaks: inside the usual range, wrong for its phase
        xs[5050] = 90;
        xs[5051] = 90;
        double[] s = scores(xs);
        assertThat(Streams.max(s, 5050, 5056)).isGreaterThan(Streams.max(s, 1000, 5050));
        assertThat(Streams.max(s, 5050, 5056)).isGreaterThan(ResonanceSettings.defaults().threshold());
    }

    /**
     * A day whose peak does not come, at the usual low level: every short shape in it is familiar
     * (flat, low), only the comparison with the same phase of earlier days shows it.
     */
    @Test
    void aMissingDailyPeakIsFlaggedAndTheNextNormalDayIsNot() {
        int day = 288;
        double[] xs = Streams.noise(20, 14 * day, 0);
        for (int i = 0; i < xs.length; i++) {
            boolean peak = i % day >= 100 && i % day < 200 && i / day != 10;
            xs[i] += peak ? 80 : 20;
        }
        double[] s = scores(xs);
        double threshold = ResonanceSettings.defaults().threshold();
        assertThat(Streams.max(s, 10 * day + 100, 10 * day + 200)).isGreaterThan(threshold);
        assertThat(Streams.max(s, 3 * day, 10 * day)).isLessThan(threshold);
        assertThat(Streams.max(s, 11 * day, 14 * day)).isLessThan(threshold);
    }

    @Test
    void withoutThePhaseWeightTheMissingPeakGoesUnseen() {
        int day = 288;
        double[] xs = Streams.noise(20, 14 * day, 0);
        for (int i = 0; i < xs.length; i++) {
            xs[i] += i % day >= 100 && i % day < 200 && i / day != 10 ? 80 : 20;
        }
        Detector d = Detectors.create("resonance", Map.of("phase", "0"));
        double[] s = Streams.scores(d, xs);
        assertThat(Streams.max(s, 10 * day + 100, 10 * day + 200)).isLessThan(ResonanceSettings.defaults().threshold());
    }

    /** A level shift that ramps in over four blocks is one incident: one flag, not three. */
    @Test
    void anIncidentGrowingOverItsOwnBlocksAlarmsOnce() {
        double[] xs = Streams.noise(21, 3000, 100);
        for (int i = 2000; i < xs.length; i++) {
            xs[i] += 0.5 * Math.min(i - 2000, 16);
        }
        assertThat(flags(xs, 2000, 2100)).isEqualTo(1);
        double[] loose = Streams.scores(Detectors.create("resonance", Map.of("escalation", "1")), xs);
        int reports = 0;
        for (int i = 2000; i < 2100; i++) {
            reports += loose[i] > ResonanceSettings.defaults().threshold() ? 1 : 0;
        }
        assertThat(reports).isGreaterThan(1);
    }

    /**
     * A dip 150 points after a spike is a second, different incident: the quiet period would
     * silence it (as it does with {@code rearm=0}, the spike guard off so that only the block-end
     * rules speak); the re-arm lets it through, its shape being more than half the range from the
     * spike's.
     */
    @Test
    void aDifferentIncidentSoonAfterAnAlarmIsNotSilenced() {
        double threshold = ResonanceSettings.defaults().threshold();
        double[] xs = Streams.noise(23, 3000, 100);
        xs[2000] += 20;
        xs[2150] -= 15;
        assertThat(Streams.max(scores(xs), 2150, 2154)).isGreaterThan(threshold);
        double[] off = Streams.scores(Detectors.create("resonance", Map.of("rearm", "0", "guard", "0")), xs);
        assertThat(Streams.max(off, 2000, 2004)).isGreaterThan(threshold);
        assertThat(Streams.max(off, 2150, 2154)).isZero();
    }

    /** A calm wave like the demo stream's: amplitude 5, 600 points a period, noise of σ = 1. */
    private static double[] calmWave(long seed, int n) {
        Random random = new Random(seed);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 100 + 5 * Math.sin(2 * Math.PI * i / 600) + random.nextGaussian();
        }
        return xs;
    }

    /**
     * The spike guard: an isolated 10σ spike on a calm wave carries the alarm at its own point (not
     * at the next block end, where the shape memory would see it), and the block end that follows
     * does not report the same incident again.
     */
    @ParameterizedTest
    @ValueSource(doubles = {10, -10})
    void anIsolatedSpikeOnACalmWaveIsFlaggedAtItsOwnPointOnce(double spike) {
        double threshold = ResonanceSettings.defaults().threshold();
        double[] xs = calmWave(31, 4000);
        xs[3001] += spike;
        double[] s = scores(xs);
        assertThat(s[3001]).isGreaterThan(threshold);
        assertThat(flags(xs, 2900, 3001)).isZero();
        assertThat(flags(xs, 3002, 3400)).isZero();
        double[] off = Streams.scores(Detectors.create("resonance", Map.of("guard", "0")), xs);
        assertThat(off[3001]).as("without the guard only a block end can carry the alarm").isZero();
    }

    /** A guard alarm ranks by size among the block-end alarms: a bigger spike scores higher. */
    @Test
    void aBiggerSpikeGetsABiggerGuardScore() {
        double[] small = calmWave(32, 4000);
        double[] big = calmWave(32, 4000);
        small[3001] += 10;
        big[3001] += 20;
        assertThat(scores(big)[3001]).isGreaterThan(2 * scores(small)[3001]);
    }

    /**
     * Heavy-tailed noise (Student's t, 3 degrees of freedom) with a ±10 spike every 50 points: big
     * jumps are this stream's routine, so the guard stays out of the way; at most a few spikes are
     * flagged (by the shape memory, which learns them as well).
     */
    @Test
    void routineSpikesOnAHeavyTailedStreamAreNotFlaggedAtEverySpike() {
        Random random = new Random(33);
        double[] xs = new double[20_000];
        for (int i = 0; i < xs.length; i++) {
            double chi2 = 0;
            for (int k = 0; k < 3; k++) {
                double g = random.nextGaussian();
                chi2 += g * g;
            }
            xs[i] = 50 + random.nextGaussian() / Math.sqrt(chi2 / 3);
            if (i % 50 == 25) {
                xs[i] += random.nextBoolean() ? 10 : -10;
            }
        }
        Detector d = new ResonanceDetector();
        Verdict v = new Verdict();
        int spikes = 0;
        int flagged = 0;
        for (int i = 0; i < xs.length; i++) {
            d.update(xs[i], v);
            if (i >= 2000 && i % 50 == 25) {
                spikes++;
                flagged += v.anomaly() ? 1 : 0;
            }
        }
        assertThat(flagged).isLessThan(spikes / 20);
    }

    /** Pure noise still widens its range now and then; at most one flag per 1,000 points. */
    @Test
    void noiseAloneRaisesFewFlags() {
        assertThat(flags(Streams.noise(15, 20_000, 0), 0, 20_000)).isLessThanOrEqualTo(20);
        assertThat(flags(Streams.seasonal(16, 20_000, 300), 0, 20_000)).isLessThanOrEqualTo(20);
    }

    @Test
    void theSameInputGivesBitIdenticalScores() {
        double[] xs = Verdicts.stream(17, 4000, 30);
        assertThat(scores(xs)).isEqualTo(scores(xs));
    }

    @Test
    void resetForgetsEverything() {
        double[] xs = Verdicts.stream(19, 3000, 0);
        Detector d = new ResonanceDetector();
        double[] first = Streams.scores(d, xs);
        d.reset();
        assertThat(d.seen()).isZero();
        assertThat(Streams.scores(d, xs)).isEqualTo(first);
    }

    @Test
    void settingsComeFromTheRegistryAndBadOnesFailWithAMessage() {
        ResonanceDetector d = (ResonanceDetector) Detectors.create("resonance", Map.of("calibration", "500"));
        assertThat(d.settings().calibration()).isEqualTo(500);
        assertThat(Detectors.create("default", Map.of())).isInstanceOf(ResonanceDetector.class);
        assertThatIllegalArgumentException().isThrownBy(() -> Detectors.create("resonance", Map.of("calibration", "1")))
                .withMessageContaining("calibration");
        assertThatIllegalArgumentException().isThrownBy(() -> Detectors.create("resonance", Map.of("escalation", "0.5")))
                .withMessageContaining("escalation");
        assertThatIllegalArgumentException().isThrownBy(() -> Detectors.create("resonance", Map.of("rearm", "-1")))
                .withMessageContaining("rearm");
        assertThatIllegalArgumentException().isThrownBy(() -> Detectors.create("resonance", Map.of("cycles", "0")))
                .withMessageContaining("cycles");
    }
}
