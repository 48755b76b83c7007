package dev.zscope.detection.zscore;

import dev.zscope.detection.Verdict;
import dev.zscope.detection.Verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the detector's output bit for bit: a fingerprint of every field of every verdict over a fixed
 * stream. Performance work on {@link ZScoreDetector} and {@link WindowStats} must leave these numbers
 * unchanged; a deliberate change of the numerics updates them here, in one visible place. Last
 * updated 2026-11-23 when Welford accumulators gave way to anchored sums (see DECISIONS.md).
 */
class ZScoreDetectorGoldenTest {

    @ParameterizedTest(name = "window {0}, warm-up {1}")
    @CsvSource({
        "2, 2, 0xa1d4bed168c814db",
        "3, 2, 0xa4df6a190c5488b2",
        "100, 30, 0x7ece76772c1b2914",
        "1000, 30, 0xcbf184bd9851091",
        "4096, 100, 0x6cc71b8849ce0761",
    })
    void verdictsMatchTheRecordedFingerprint(int window, int warmup, String expected) {
        ZScoreDetector detector = new ZScoreDetector(new ZScoreSettings(3.0, window, warmup));
        double[] xs = Verdicts.stream(7, 20_000, 40);
        Verdict v = new Verdict();
        long fingerprint = 1;
        for (double x : xs) {
            detector.update(x, v);
            fingerprint = 31 * fingerprint + Verdicts.fields(v).hashCode();
        }
        assertThat("0x" + Long.toHexString(fingerprint)).isEqualTo(expected);
    }
}
