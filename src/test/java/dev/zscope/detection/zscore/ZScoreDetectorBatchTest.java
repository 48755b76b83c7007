package dev.zscope.detection.zscore;

import dev.zscope.detection.Verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The batch entry point decides and learns exactly as point-by-point updates do. */
class ZScoreDetectorBatchTest {

    @ParameterizedTest(name = "window {0}, warm-up {1}, batches of up to {2}")
    @CsvSource({"2, 2, 1", "7, 3, 5", "100, 30, 64", "100, 30, 1000", "1000, 30, 333"})
    void batchesGiveTheSameAnomaliesAndStateAsSinglePoints(int window, int warmup, int maxBatch) {
        ZScoreSettings settings = new ZScoreSettings(3.0, window, warmup);
        double[] xs = withFlatStretches(Verdicts.stream(21, 30_000, 50));
        ZScoreDetector single = new ZScoreDetector(settings);
        List<Integer> expected = Verdicts.anomaliesOneByOne(single, xs);
        ZScoreDetector batched = new ZScoreDetector(settings);
        assertThat(Verdicts.anomaliesInBatches(batched::update, xs, maxBatch, window)).isEqualTo(expected);
        assertThat(expected).as("the data must exercise the decision").hasSizeGreaterThan(50);
        assertThat(batched.snapshot()).isEqualTo(single.snapshot());
        Verdicts.assertSameVerdicts(single, batched, xs, 0, 2_000);
    }

    @ParameterizedTest(name = "window {0}")
    @CsvSource({"10", "1000"})
    void hugeFiniteValuesOverflowTheSumsAlikeInBothPaths(int window) {
        double[] xs = Verdicts.stream(3, 8_000, 0);
        Arrays.fill(xs, 3_000, 3_004, 1e200); // squares overflow to infinity, point by point too
        ZScoreSettings settings = new ZScoreSettings(3.0, window, 2);
        ZScoreDetector single = new ZScoreDetector(settings);
        List<Integer> expected = Verdicts.anomaliesOneByOne(single, xs);
        ZScoreDetector batched = new ZScoreDetector(settings);
        int[] found = new int[xs.length];
        int n = batched.update(xs, 0, xs.length, found);
        assertThat(Arrays.stream(found, 0, n).boxed().toList()).isEqualTo(expected);
        assertThat(batched.snapshot()).isEqualTo(single.snapshot());
    }

    /** Inserts runs of identical values, long enough to make the window flat at every window size tested. */
    private static double[] withFlatStretches(double[] xs) {
        double[] out = Arrays.copyOf(xs, xs.length);
        for (int start = 5_000; start + 2_500 < out.length; start += 9_000) {
            Arrays.fill(out, start, start + 1_200, out[start - 1]);
        }
        return out;
    }
}
