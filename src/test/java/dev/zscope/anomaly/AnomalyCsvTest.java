package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyCsvTest {

    @Test
    void neutralisesTextThatASpreadsheetWouldRun() {
        for (String formula : new String[] {"=1+1", "+x", "-x", "@x", "\tx", "\rx", "=", "-"}) {
            assertThat(AnomalyCsv.neutralise(formula)).isEqualTo("'" + formula);
        }
        for (String harmless : new String[] {"", "x", "x=1", "1-2", " =1", "'quoted", "#", "%"}) {
            assertThat(AnomalyCsv.neutralise(harmless)).isEqualTo(harmless);
        }
    }
}
