package dev.zscope.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.engine.StreamPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows a live push sends to the chart: an anomaly carries its severity first, then its raw score and why. */
class ChartRowsTest {

    @Test
    void aPushedAnomalyCarriesItsSeverityForTheTooltip() {
        StreamPoint calm = new StreamPoint(0, 1_000, 5, 5, 4, 6, 0.1, 0.2, false, false, false);
        StreamPoint flagged = new StreamPoint(1, 2_000, 9, 5, 4, 6, 4.5, 0.9987, true, false, false);
        String rows = ChartRows.points(List.of(calm, flagged));
        assertThat(rows).startsWith("[[1000,5.0,5.0,4.0,6.0,0,0],[2000,9.0,5.0,4.0,6.0,1,0,0.9987,4.5,\"4.0× as far above");
    }
}
