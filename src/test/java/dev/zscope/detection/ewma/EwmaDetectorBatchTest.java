package dev.zscope.detection.ewma;

import dev.zscope.detection.Verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EWMA's batch entry point decides and learns exactly as point-by-point updates do. */
class EwmaDetectorBatchTest {

    @ParameterizedTest(name = "span {0}, warm-up {1}, batches of up to {2}")
    @CsvSource({"1, 2, 1", "10, 5, 7", "100, 30, 64", "100, 30, 5000", "10000, 30, 333"})
    void batchesGiveTheSameAnomaliesAndStateAsSinglePoints(double span, int warmup, int maxBatch) {
        EwmaSettings settings = new EwmaSettings(span, 3.0, warmup);
        double[] xs = Verdicts.stream(23, 30_000, 50); // level shifts, spikes, NaN and infinities
        assertBatchesMatch(settings, xs, maxBatch);
    }

    @Test
    void flatStretchesAndHugeValuesDecideAlikeToo() {
        double[] xs = Verdicts.stream(5, 6_000, 0);
        java.util.Arrays.fill(xs, 1_000, 2_500, 42.0);       // the floor decides here
        java.util.Arrays.fill(xs, 4_000, 4_010, 1e200);      // the variance overflows
        assertBatchesMatch(new EwmaSettings(50, 4.0, 30), xs, 700);
    }

    private static void assertBatchesMatch(EwmaSettings settings, double[] xs, int maxBatch) {
        EwmaDetector single = new EwmaDetector(settings);
        List<Integer> expected = Verdicts.anomaliesOneByOne(single, xs);
        EwmaDetector batched = new EwmaDetector(settings);
        assertThat(Verdicts.anomaliesInBatches(batched::update, xs, maxBatch, maxBatch)).isEqualTo(expected);
        assertThat(expected).as("the data must exercise the decision").hasSizeGreaterThan(10);
        assertThat(batched.skipped()).isEqualTo(single.skipped());
        Verdicts.assertSameVerdicts(single, batched, Verdicts.stream(99, 2_000, 50), 0, 2_000);
    }
}
