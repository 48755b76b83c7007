package dev.zscope.detection.catalog;

import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.art.ArtDetector;
import dev.zscope.detection.zscore.ZScoreDetector;
import dev.zscope.detection.zscore.ZScoreSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry: names, defaults, and messages for bad settings. */
class DetectorsTest {

    @Test
    void offersEveryDetectorOfTheIssueWithTheDefaultFirst() {
        assertThat(Detectors.kinds()).extracting(DetectorKind::name)
                .containsExactly("default", "art", "zscore", "robust", "ewma", "seasonal", "rcf");
        assertThat(Detectors.create("default", Map.of())).isInstanceOf(ArtDetector.class);
    }

    @Test
    void zscoreSettingsReachTheDetector() {
        ZScoreDetector d = (ZScoreDetector) Detectors.create("zscore", Map.of("window", "6400", "threshold", "4"));
        assertThat(d.settings()).isEqualTo(new ZScoreSettings(4, 6400, 30));
    }

    /** A stored choice of a retired detector runs the recommended one: a start never fails on an old choice. */
    @Test
    void aRetiredDetectorBecomesTheRecommendedOne() {
        assertThat(new DetectorChoice("resonance", Map.of("block", "4", "quiet", "400")))
                .isEqualTo(DetectorChoice.recommended());
        assertThat(new DetectorChoice("sentinel", Map.of()).create()).isInstanceOf(ArtDetector.class);
    }

    @Test
    void everyDefaultIsValid() {
        Detectors.kinds().forEach(k -> assertThat(k.create(Map.of()).name()).isNotBlank());
    }

    @Test
    void rejectsUnknownNamesAndSettingsWithAMessage() {
        assertThatThrownBy(() -> Detectors.create("magic", Map.of()))
                .hasMessageContaining("unknown detector 'magic'").hasMessageContaining("art");
        assertThatThrownBy(() -> Detectors.create("ewma", Map.of("windw", "3")))
                .hasMessageContaining("there is no setting 'windw'").hasMessageContaining("span");
        assertThatThrownBy(() -> Detectors.create("robust", Map.of("window", "abc")))
                .hasMessage("window must be a whole number from 3 to 100000, got 'abc'");
        assertThatThrownBy(() -> Detectors.create("ewma", Map.of("threshold", "-1")))
                .hasMessage("threshold must be a number greater than 0 and at most 1000000000, got '-1'");
    }

    /** Each setting's range is stated once; the help that replay and the form show is built from it. */
    @Test
    void everySettingDescribesItsRangeInOneWording() {
        for (var kind : Detectors.kinds()) {
            for (var setting : kind.settings()) {
                assertThat(setting.range()).as(kind.name() + " " + setting.key())
                        .matches("a (whole )?number (from \\S+ to \\S+|greater than \\S+ and at most \\S+)");
                assertThat(setting.parse(setting.defaultText())).isEqualTo(setting.defaultValue());
            }
        }
    }
}
