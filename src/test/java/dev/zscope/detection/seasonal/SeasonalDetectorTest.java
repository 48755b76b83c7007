package dev.zscope.detection.seasonal;

import dev.zscope.detection.Streams;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.catalog.Detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seasonal detector finds the period and judges a point by its phase, not by its level. */
class SeasonalDetectorTest {

    @Test
    void learnsThePeriodByAutocorrelation() {
        SeasonalDetector d = (SeasonalDetector) Detectors.create("seasonal", Map.of());
        Streams.scores(d, Streams.seasonal(1, 700, 48));
        assertThat(d.period()).isEqualTo(48);
    }

    @Test
    void anOffPhaseValueWithinTheNormalRangeIsTheTopScore() {
        double[] xs = Streams.seasonal(2, 2000, 48);
        int at = 1500 + 12; // the peak of a cycle
        xs[at] = 100 - 10; // the trough's value: normal level, wrong phase
        double[] s = Streams.scores(Detectors.create("seasonal", Map.of()), xs);
        assertThat(s[at]).isGreaterThan(Streams.max(s, 650, at)).isGreaterThan(Streams.max(s, at + 1, 2000));
        double[] z = Streams.scores(Detectors.create("zscore", Map.of("window", "500")), xs);
        assertThat(z[at]).as("a level-only detector does not see it").isLessThan(Streams.max(z, 650, at));
    }

    @Test
    void usesTimestampsSoAGapKeepsThePhase() {
        double[] xs = Streams.seasonal(3, 2000, 48);
        SeasonalDetector gapless = (SeasonalDetector) Detectors.create("seasonal", Map.of());
        SeasonalDetector gappy = new SeasonalDetector(gapless.settings());
        Verdict a = new Verdict();
        Verdict b = new Verdict();
        for (int i = 0; i < xs.length; i++) {
            gapless.update(i * 60_000L, xs[i], a);
            if (i < 1000 || i >= 1010) { // ten points never arrive
                gappy.update(i * 60_000L, xs[i], b);
                if (i >= 1100) {
                    assertThat(b.expected()).isCloseTo(a.expected(), org.assertj.core.data.Offset.offset(1.0));
                }
            }
        }
    }
}
