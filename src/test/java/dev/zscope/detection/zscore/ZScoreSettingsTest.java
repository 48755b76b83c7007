package dev.zscope.detection.zscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.detection.SettingException;
import dev.zscope.detection.catalog.Detectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZScoreSettingsTest {

    @Test
    void defaultsAreThreeSigmaOverAHundredPointsAfterThirty() {
        assertThat(ZScoreSettings.defaults()).isEqualTo(new ZScoreSettings(3.0, 100, 30));
    }

    @Test
    void acceptsTheLimits() {
        assertThat(new ZScoreSettings(Double.MIN_VALUE, 2, 2).warmup()).isEqualTo(2);
        assertThat(new ZScoreSettings(1e6, ZScoreSettings.MAX_WINDOW, ZScoreSettings.MAX_WINDOW).window())
                .isEqualTo(ZScoreSettings.MAX_WINDOW);
    }

    /** Zero is refused by the record and by the text form alike, in the same words. */
    @Test
    void rejectsAThresholdThatIsNotAPositiveNumber() {
        for (double bad : new double[] {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> new ZScoreSettings(bad, 100, 30)).isInstanceOf(SettingException.class)
                    .hasMessageStartingWith("threshold must be a number greater than 0 and at most 1000000000, got");
        }
        assertThatThrownBy(() -> Detectors.kind("zscore").validate(Map.of("threshold", "0")))
                .hasMessage("threshold must be a number greater than 0 and at most 1000000000, got '0'");
    }

    @Test
    void rejectsAWindowOutsideTwoToTheMaximum() {
        assertThatThrownBy(() -> new ZScoreSettings(3, 1, 2))
                .hasMessage("window must be a whole number from 2 to 1000000, got '1'");
        assertThatThrownBy(() -> new ZScoreSettings(3, ZScoreSettings.MAX_WINDOW + 1, 2))
                .hasMessage("window must be a whole number from 2 to 1000000, got '1000001'");
    }

    @Test
    void rejectsAWarmupLongerThanTheWindowNamingTheWarmup() {
        assertThatThrownBy(() -> new ZScoreSettings(3, 40, 50)).isInstanceOfSatisfying(SettingException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("warmup");
                    assertThat(p.message()).isEqualTo("warmup must be at most the window (40), got '50'");
                }));
        assertThat(new ZScoreSettings(3, 40, 40).warmup()).isEqualTo(40);
    }

    /** Every rejected value is reported at once, each under its own key. */
    @Test
    void textWithSeveralProblemsNamesEachSetting() {
        assertThatThrownBy(() -> Detectors.kind("zscore").validate(Map.of("threshold", "x", "window", "1",
                "windw", "3"))).isInstanceOfSatisfying(SettingException.class,
                e -> assertThat(e.problems()).extracting(SettingException.Problem::key)
                        .containsExactlyInAnyOrder("windw", "threshold", "window"));
    }
}
