package dev.zscope.detection;

import dev.zscope.detection.ewma.EwmaDetector;
import dev.zscope.detection.ewma.EwmaSettings;
import dev.zscope.detection.zscore.ZScoreDetector;
import dev.zscope.detection.zscore.ZScoreSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch entry points refuse a bad range or too little room for anomalies, and learn nothing then. */
class BatchArgumentsTest {

    interface Batch {
        int update(double[] values, int from, int to, int[] anomalies);
    }

    private record Subject(Detector detector, Batch batch) {
    }

    private static List<Subject> subjects() {
        ZScoreDetector zscore = new ZScoreDetector(new ZScoreSettings(3.0, 10, 2));
        EwmaDetector ewma = new EwmaDetector(new EwmaSettings(10, 3.0, 2));
        return List.of(new Subject(zscore, zscore::update), new Subject(ewma, ewma::update));
    }

    @Test
    void tooLittleRoomForAnomaliesIsRefusedBeforeAnyPointIsLearned() {
        for (Subject s : subjects()) {
            assertThatThrownBy(() -> s.batch().update(new double[5], 0, 5, new int[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("room for 4 anomalies, 5 points");
            assertThat(s.detector().seen()).as(s.detector().name()).isZero();
        }
    }

    @Test
    void aRangeOutsideTheValuesIsRefused() {
        for (Subject s : subjects()) {
            assertThatThrownBy(() -> s.batch().update(new double[5], 3, 6, new int[5]))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(s.batch().update(new double[5], 2, 5, new int[3])).as("three points fit").isZero();
            assertThat(s.detector().seen()).as(s.detector().name()).isEqualTo(3);
        }
    }
}
