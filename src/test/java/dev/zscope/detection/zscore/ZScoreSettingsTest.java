package dev.zscope.detection.zscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ZScoreSettingsTest {

    @Test
    void defaultsAreThreeSigmaOverAHundredPointsAfterThirty() {
        assertThat(ZScoreSettings.defaults()).isEqualTo(new ZScoreSettings(3.0, 100, 30));
    }

    @Test
    void withersChangeOneFieldOnly() {
        ZScoreSettings base = new ZScoreSettings(3.0, 100, 30);
        assertThat(base.withThreshold(2.5)).isEqualTo(new ZScoreSettings(2.5, 100, 30));
        assertThat(base.withWindow(40)).isEqualTo(new ZScoreSettings(3.0, 40, 30));
        assertThat(base.withWarmup(10)).isEqualTo(new ZScoreSettings(3.0, 100, 10));
        assertThat(base).isEqualTo(new ZScoreSettings(3.0, 100, 30));
    }

    @Test
    void acceptsTheLimits() {
        assertThat(new ZScoreSettings(Double.MIN_VALUE, 2, 2).warmup()).isEqualTo(2);
        assertThat(new ZScoreSettings(1e6, ZScoreSettings.MAX_WINDOW, ZScoreSettings.MAX_WINDOW).window())
                .isEqualTo(ZScoreSettings.MAX_WINDOW);
    }

    @Test
    void rejectsAThresholdThatIsNotAPositiveNumber() {
        for (double bad : new double[] {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new ZScoreSettings(bad, 100, 30))
                    .withMessage("threshold must be a finite number greater than 0, got " + bad);
        }
    }

    @Test
    void rejectsAWindowOutsideTwoToTheMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ZScoreSettings(3, 1, 2))
                .withMessage("window must hold at least 2 points, got 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new ZScoreSettings(3, -5, 2))
                .withMessage("window must hold at least 2 points, got -5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ZScoreSettings(3, ZScoreSettings.MAX_WINDOW + 1, 2))
                .withMessage("window must hold at most 1000000 points, got 1000001");
    }

    @Test
    void rejectsAWarmupBelowTwo() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ZScoreSettings(3, 100, 1))
                .withMessage("warm-up must be at least 2 points, got 1");
    }

    @Test
    void rejectsAWarmupLongerThanTheWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ZScoreSettings(3, 40, 50))
                .withMessage("warm-up (50) must not exceed the window (40)");
        assertThat(new ZScoreSettings(3, 40, 40).warmup()).isEqualTo(40);
    }

    @Test
    void withersValidateToo() {
        ZScoreSettings base = ZScoreSettings.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> base.withWindow(20))
                .withMessage("warm-up (30) must not exceed the window (20)");
        assertThatIllegalArgumentException().isThrownBy(() -> base.withWarmup(101))
                .withMessage("warm-up (101) must not exceed the window (100)");
        assertThatIllegalArgumentException().isThrownBy(() -> base.withThreshold(0))
                .withMessageStartingWith("threshold must be");
    }
}
