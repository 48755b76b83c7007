package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text forms of timestamps and values, and the size limit enforced while reading. */
class PointTextTest {

    private static final long T = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    @Test
    void threeTimestampForms() {
        assertThat(PointText.timestamp(Long.toString(T))).isEqualTo(T);
        assertThat(PointText.timestamp("2024-05-01T12:00:00Z")).isEqualTo(T);
        assertThat(PointText.timestamp("2024-05-01T14:00:00.5+02:00")).isEqualTo(T + 500);
        assertThat(PointText.timestamp("2024-05-01 12:00:00")).isEqualTo(T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00", "2024-05-01", "01/05/2024 12:00", "2024-13-01 12:00:00",
            "1e12", "-5", "12345678901234567890", "2024-05-01 12:00:00Z", "now"})
    void otherTimestampsAreRefused(String text) {
        assertThatThrownBy(() -> PointText.timestamp(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalValues() {
        assertThat(PointText.value("-1.5")).isEqualTo(-1.5);
        assertThat(PointText.value("+3")).isEqualTo(3);
        assertThat(PointText.value(".5")).isEqualTo(0.5);
        assertThat(PointText.value("2.5e-3")).isEqualTo(0.0025);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "0x1p3", "1,5", "e5", "1e", ".", "-", "1.2.3", " 1", "NaN", "-Infinity", "1e999"})
    void otherValuesAreRefused(String text) {
        assertThatThrownBy(() -> PointText.value(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSizeLimitHoldsWhileReadingWhateverTheHeadersSaid() {
        byte[] body = "[{\"value\":1},{\"value\":2},{\"value\":3}]".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonPoints.read(new LimitedInputStream(new ByteArrayInputStream(body), body.length), 10).size())
                .isEqualTo(3);
        assertThatThrownBy(() -> JsonPoints.read(new LimitedInputStream(new ByteArrayInputStream(body), body.length - 1), 10))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status().value()).isEqualTo(413));
        assertThatThrownBy(() -> CsvPoints.read(new LimitedInputStream(new ByteArrayInputStream(
                "1,1\n2,2\n".getBytes(StandardCharsets.UTF_8)), 5), StandardCharsets.UTF_8, 10))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status().value()).isEqualTo(413));
    }
}
