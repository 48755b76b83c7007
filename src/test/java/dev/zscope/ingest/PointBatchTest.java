package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The batch's time window at its edges, with a fixed "now", and the default line limit of the CSV reader. */
class PointBatchTest {

    private static final long NOW = Instant.parse("2026-05-01T12:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void theWindowIsFrom1970ToOneDayAfterNowInclusive() {
        PointBatch batch = new PointBatch(10, NOW);
        batch.add(0, 1);
        batch.add(NOW + DAY, 2);
        batch.addAtServerTime(3);
        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.timestamp(0)).isZero();
        assertThat(batch.timestamp(1)).isEqualTo(NOW + DAY);
        assertThat(batch.timestamp(2)).isEqualTo(PointBatch.SERVER_TIME);
    }

    @Test
    void outsideTheWindowIsA400NamingTheRowAndField() {
        PointBatch batch = new PointBatch(10, NOW);
        batch.add(NOW, 1);
        for (long t : new long[] {-1, Long.MIN_VALUE, NOW + DAY + 1, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> batch.add(t, 2)).isInstanceOfSatisfying(IngestException.class, e -> {
                assertThat(e.status().value()).isEqualTo(400);
                assertThat(e.row()).isEqualTo(2);
                assertThat(e.field()).isEqualTo("timestamp");
                assertThat(e.getMessage()).startsWith("row 2, timestamp: ").contains("(" + t + " ms)")
                        .contains(t < 0 ? "before 1970" : "after the server's time (2026-05-01T12:00:00Z)");
            });
        }
        assertThat(batch.size()).isEqualTo(1);
    }

    @Test
    void theCsvReaderRefusesALineOverOneMebibyteByDefault() {
        String tooLong = "2000," + "1".repeat(IngestPropertiesDefaults.LINE);
        assertThatThrownBy(() -> CsvPoints.read(new ByteArrayInputStream(("1000,1\n" + tooLong + "\n")
                .getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8, IngestPropertiesDefaults.LINE,
                new PointBatch(10, NOW)))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("line 2 is longer than 1,048,576 characters");
                });
    }

    /** The default of zscope.ingest.max-line-length, as bound. */
    private static final class IngestPropertiesDefaults {
        static final int LINE = (int) new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                        java.util.Map.of()))
                .bindOrCreate("zscope.ingest", IngestProperties.class).maxLineLength().toBytes();
    }
}
