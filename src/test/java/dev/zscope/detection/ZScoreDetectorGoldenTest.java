package dev.zscope.detection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the detector's output bit for bit: a fingerprint of every field of every verdict over a fixed
 * stream. Performance work on {@link ZScoreDetector} and {@link WindowStats} must leave these numbers
 * unchanged; a deliberate change of the numerics updates them here, in one visible place.
 */
class ZScoreDetectorGoldenTest {

    @ParameterizedTest(name = "window {0}, warm-up {1}")
    @CsvSource({
        "2, 2, 0x12a7724f952eea77",
        "3, 2, 0xba3c7762d39c9cec",
        "100, 30, 0x1a20d544961c43ae",
        "1000, 30, 0x72001bc513a1eb22",
        "4096, 100, 0x279db0ddb3a8156a",
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
