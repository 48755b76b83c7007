package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyCsvTest {

    @Test
    void parsesInstantsExactlyLikeInstantParse() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1..9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(AnomalyCsv.parseInstant(instant.toString())).isEqualTo(instant);
        }
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
                "2025-03-01T12:00:00.1Z", "2025-03-01T12:00:00.12345Z", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z", "2025-06-30T23:59:60Z", "2025-03-01T24:00:00Z",
                "2025-03-01T12:00:00.Z"}) {
            assertThat(AnomalyCsv.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void rejectsWhatInstantParseRejects() {
        for (String text : new String[] {"2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-03-01T25:00:00Z",
                "2025-03-01T12:00:00.1234567890Z", "2025-03-01 12:00:00Z",
                "2025-03-01T12:00:00", "2025-0a-01T12:00:00Z", "", "yesterday"}) {
            assertThatThrownBy(() -> AnomalyCsv.parseInstant(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }

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
