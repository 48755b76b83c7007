package dev.zscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The header counts today's anomalies in words that agree with the number. */
class MainLayoutTextTest {

    @Test
    void oneAnomalyIsSingularAndEveryOtherCountPlural() {
        assertThat(MainLayout.todayText(0)).isEqualTo("0 anomalies today");
        assertThat(MainLayout.todayText(1)).isEqualTo("1 anomaly today");
        assertThat(MainLayout.todayText(4)).isEqualTo("4 anomalies today");
    }
}
