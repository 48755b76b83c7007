package dev.zscope.detection.art;

import dev.zscope.detection.Detector;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.catalog.Detectors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Golden synthetic streams for {@code art}: where it must flag, where it must stay quiet, its
 * hints, its missing-value and registry behaviour, and {@link ArtDetector#rebaseline()}.
 */
class ArtDetectorTest {

    @ParameterizedTest(name = "seed {0}, offset {1}")
    @CsvSource({"11, 12", "12, -12", "13, 20", "14, -20"})
    void aSpikeOrADipIsFlaggedAtItsOwnPoint(long seed, double offset) {
        double[] xs = ArtStreams.noise(seed, 4000, 100);
        xs[3000] += offset;
        List<Integer> flags = ArtStreams.flags(new ArtDetector(), xs, 1000, 4000);
        assertThat(flags).contains(3000);
        assertThat(flags).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aLevelShiftIsFlaggedPromptlyThenLearned() {
        double[] xs = ArtStreams.noise(21, 8000, 100);
        for (int i = 5000; i < xs.length; i++) {
            xs[i] += 10;
        }
        List<Integer> flags = ArtStreams.flags(new ArtDetector(), xs, 1000, 8000);
        assertThat(flags).anyMatch(i -> i >= 5000 && i < 5005);
        assertThat(flags).noneMatch(i -> i >= 5500);
    }

    @Test
    void aSlowDriftIsNotAnAnomaly() {
        double[] xs = ArtStreams.noise(22, 20_000, 100);
        for (int i = 0; i < xs.length; i++) {
            xs[i] += i * 0.001; // 20 noise deviations over the stream, 0.001 a point
        }
        assertThat(ArtStreams.flags(new ArtDetector(), xs, 2000, xs.length)).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aFlatLineScoresZeroWithFiniteBandsAndItsFirstBigChangeIsFlagged() {
        double[] xs = new double[3000];
        Arrays.fill(xs, 7.0);
        ArtDetector d = new ArtDetector();
        Verdict v = new Verdict();
        for (int i = 0; i < 2000; i++) {
            d.update(xs[i], v);
            assertThat(v.score()).isZero();
            assertThat(v.anomaly()).isFalse();
            if (!v.learning()) {
                assertThat(v.expected()).isEqualTo(7.0);
                assertThat(v.lower()).isLessThanOrEqualTo(7.0).isFinite();
                assertThat(v.upper()).isGreaterThanOrEqualTo(7.0).isFinite();
            }
        }
        Arrays.fill(xs, 2000, 3000, 9.0);
        boolean flagged = false;
        for (int i = 2000; i < 2010; i++) {
            d.update(xs[i], v);
            flagged |= v.anomaly();
        }
        assertThat(flagged).isTrue();
    }

    @Test
    void anOffPhasePointOfASeasonalStreamIsFlagged() {
        double[] xs = ArtStreams.dailySine(23, 10_000);
        // at a trough of the daily wave (minute 1080 of the day), the value of the crest
        int at = 1440 * 5 + 1080;
        xs[at] = 100 + 10 + xs[at] - (100 + 10 * Math.sin(2 * Math.PI * at / 1440.0));
        List<Integer> flags = ArtStreams.flags(new ArtDetector(), xs, 2000, 10_000);
        assertThat(flags).contains(at);
        assertThat(flags).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void noiseAloneIsHardlyEverFlagged() {
        assertThat(ArtStreams.flags(new ArtDetector(), ArtStreams.noise(24, 20_000, 50), 2000, 20_000))
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theSameInputGivesTheSameVerdictsBitForBit() {
        double[] xs = ArtStreams.walk(25, 6000);
        xs[4000] += 40;
        assertThat(ArtStreams.run(new ArtDetector(), xs, 0, xs.length))
                .isEqualTo(ArtStreams.run(new ArtDetector(), xs, 0, xs.length));
    }

    @Test
    void theExpectedValueAndBandAreInTheStreamsUnits() {
        double[] xs = ArtStreams.noise(26, 3000, 1000);
        ArtDetector d = new ArtDetector();
        Verdict v = new Verdict();
        int inside = 0;
        for (int i = 0; i < xs.length; i++) {
            d.update(xs[i], v);
            if (i >= 1000) {
                assertThat(v.expected()).isBetween(990.0, 1010.0);
                assertThat(v.lower()).isLessThanOrEqualTo(v.expected());
                assertThat(v.upper()).isGreaterThanOrEqualTo(v.expected());
                inside += xs[i] >= v.lower() && xs[i] <= v.upper() ? 1 : 0;
            }
        }
        assertThat(inside).isGreaterThan(1990); // a calm stream: the band is the guard's bound, 6σ or so
    }

    @Test
    void withoutHintsTheTimeScaleGrowsWithThePointsSeenAndWithALengthItIsArtimes() {
        double[] xs = ArtStreams.noise(27, 5000, 100);
        ArtDetector streaming = new ArtDetector();
        ArtDetector hinted = new ArtDetector(ArtSettings.defaults().withHints(new StreamHints(Double.NaN, Double.NaN,
                4032)));
        Verdict v = new Verdict();
        int[] stepsAt = new int[5000];
        for (int i = 0; i < xs.length; i++) {
            streaming.update(xs[i], v);
            stepsAt[i] = streaming.reportingStep();
            hinted.update(xs[i], v);
            // ARTime on a 4,032-row file: probation 604, blocks of floor(604 / 104) = 5 points,
            // a warm-up of floor(604 / 5) = 120 blocks, i.e. 600 points
            assertThat(v.learning()).isEqualTo(i < 599);
            if (i >= 599) {
                assertThat(hinted.reportingStep()).isEqualTo(5);
            }
        }
        assertThat(stepsAt[103]).isEqualTo(1); // the finest scale reports once it has warmed up
        assertThat(stepsAt[1000]).isEqualTo(4); // 104 × 4 <= 0.5 × 1001
        assertThat(stepsAt[4999]).isEqualTo(7);
        for (int i = 104; i < 4999; i++) {
            assertThat(stepsAt[i + 1]).isGreaterThanOrEqualTo(stepsAt[i]);
        }
    }

    @Test
    void aDeclaredRangeIsTheFrameAndADeclaredLengthTheWarmUp() {
        double[] xs = ArtStreams.noise(28, 3000, 100);
        ArtDetector d = new ArtDetector(ArtSettings.defaults().withHints(new StreamHints(0, 200, 3000)));
        Verdict v = new Verdict();
        for (int i = 0; i < xs.length; i++) {
            d.update(xs[i], v);
            assertThat(d.frameLo()).isEqualTo(0.0);
            assertThat(d.frameHi()).isEqualTo(200.0);
            // probation floor(0.15 × 3000) = 450 points, blocks of 4, a warm-up of 112 blocks = 448 points
            assertThat(v.learning()).isEqualTo(i < 447);
        }
    }

    @Test
    void missingValuesAreSkippedAndCountedAndChangeNothing() {
        double[] xs = ArtStreams.noise(29, 3000, 100);
        ArtDetector plain = new ArtDetector();
        ArtDetector gappy = new ArtDetector();
        Verdict a = new Verdict();
        Verdict b = new Verdict();
        for (int i = 0; i < xs.length; i++) {
            if (i % 500 == 7) {
                gappy.update(Double.NaN, b);
                assertThat(b.score()).isZero();
                assertThat(b.anomaly()).isFalse();
                gappy.update(Double.POSITIVE_INFINITY, b);
            }
            plain.update(xs[i], a);
            gappy.update(xs[i], b);
            assertThat(ArtStreams.Row.of(b, gappy)).isEqualTo(ArtStreams.Row.of(a, plain));
        }
        assertThat(gappy.skipped()).isEqualTo(12);
        assertThat(gappy.seen()).isEqualTo(3000);
    }

    @Test
    void afterARebaselineTheNewLevelIsNotAnomalous() {
        double[] xs = ArtStreams.noise(30, 6000, 100);
        for (int i = 3000; i < xs.length; i++) {
            xs[i] += 30;
        }
        ArtDetector d = new ArtDetector();
        Verdict v = new Verdict();
        for (int i = 0; i <= 3000; i++) {
            d.update(xs[i], v);
        }
        assertThat(v.anomaly()).isTrue(); // the shift itself
        d.rebaseline();
        for (int i = 3001; i < xs.length; i++) {
            d.update(xs[i], v);
            assertThat(v.anomaly()).as("point %d", i).isFalse();
        }
    }

    @Test
    void theSteadyStateAllocatesNothingPerPoint() {
        double[] xs = ArtStreams.dailySine(31, 60_000);
        ArtDetector d = new ArtDetector();
        Verdict v = new Verdict();
        for (int i = 0; i < 10_000; i++) {
            d.update(60_000L * i, xs[i], v);
        }
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 10_000; i < xs.length; i++) {
            d.update(60_000L * i, xs[i], v);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated over 50,000 points").isLessThan(2_000);
    }

    @Test
    void theRegistryMakesItFromTextSettingsWithHints() {
        Detector d = Detectors.create("art", Map.of("severity", "0.9999", "min", "0", "max", "10", "period",
                "1000"));
        assertThat(d).isInstanceOf(ArtDetector.class);
        ArtDetector art = (ArtDetector) d;
        assertThat(art.settings().severity()).isEqualTo(0.9999);
        assertThat(art.settings().hints()).isEqualTo(new StreamHints(0, 10, 1000));
        assertThat(((ArtDetector) Detectors.create("art", Map.of())).settings().hints().hasRange()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Detectors.create("art", Map.of("min", "5", "max",
                "1")));
        assertThatIllegalArgumentException().isThrownBy(() -> Detectors.create("art", Map.of("vigilance", "1")));
    }
}
