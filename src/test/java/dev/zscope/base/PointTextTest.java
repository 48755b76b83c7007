package dev.zscope.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.base.PointText.Mode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reader of point text: what each mode accepts and refuses. */
class PointTextTest {

    private static final long T = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    @Test
    void threeTimestampForms() {
        assertThat(PointText.timestamp(Long.toString(T), Mode.STRICT)).isEqualTo(T);
        assertThat(PointText.timestamp("2024-05-01T12:00:00Z", Mode.STRICT)).isEqualTo(T);
        assertThat(PointText.timestamp("2024-05-01T14:00:00.5+02:00", Mode.STRICT)).isEqualTo(T + 500);
        assertThat(PointText.timestamp("2024-05-01 12:00:00", Mode.STRICT)).isEqualTo(T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00", "2024-05-01", "01/05/2024 12:00", "2024-13-01 12:00:00",
            "1e12", "-5", "12345678901234567890", "2024-05-01 12:00:00Z", "now"})
    void otherTimestampsAreRefusedByTheApi(String text) {
        assertThatThrownBy(() -> PointText.timestamp(text, Mode.STRICT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalValues() {
        assertThat(PointText.value("-1.5", Mode.STRICT)).isEqualTo(-1.5);
        assertThat(PointText.value("+3", Mode.STRICT)).isEqualTo(3);
        assertThat(PointText.value(".5", Mode.STRICT)).isEqualTo(0.5);
        assertThat(PointText.value("2.5e-3", Mode.STRICT)).isEqualTo(0.0025);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "0x1p3", "1,5", "e5", "1e", ".", "-", "1.2.3", " 1", "NaN", "-Infinity", "1e999"})
    void otherValuesAreRefusedByTheApi(String text) {
        assertThatThrownBy(() -> PointText.value(text, Mode.STRICT)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Files come from anywhere: more forms, read as UTC, and missing values are NaN instead of errors. */
    @Test
    void filesAreReadLeniently() {
        assertThat(PointText.timestamp("2024-05-01T12:00:00", Mode.LENIENT)).isEqualTo(T);
        assertThat(PointText.timestamp(" 2024-05-01 12:00:00.250 ", Mode.LENIENT)).isEqualTo(T + 250);
        assertThat(PointText.timestamp("2024-05-01", Mode.LENIENT)).isEqualTo(T - 12 * 3_600_000L);
        assertThat(PointText.timestamp("-5", Mode.LENIENT)).isEqualTo(-5);
        assertThat(PointText.timestamp("2024-05-01T14:00:00+02:00", Mode.LENIENT)).isEqualTo(T);
        for (String missing : new String[] {"", " ", "NaN", "null", "NA", "n/a"}) {
            assertThat(PointText.value(missing, Mode.LENIENT)).as(missing).isNaN();
        }
        assertThat(PointText.value(" 2.5 ", Mode.LENIENT)).isEqualTo(2.5);
        assertThatThrownBy(() -> PointText.value("1d", Mode.LENIENT)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PointText.timestamp("01/05/2024", Mode.LENIENT)).hasMessageContaining("malformed");
    }

    /** What the API refuses, files accept only where it is unambiguous; neither accepts Java's extras. */
    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "1e999", "Infinity", "-Infinity"})
    void bothModesRefuseWhatIsNoDecimalNumber(String text) {
        assertThatThrownBy(() -> PointText.value(text, Mode.LENIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PointText.value(text, Mode.STRICT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String readAll(java.io.Reader reader) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        char[] buffer = new char[3]; // small, so that lines and line breaks cross reads
        int n;
        while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
            b.append(buffer, 0, n);
        }
        return b.toString();
    }

    @Test
    void linesDropALeadingByteOrderMarkOnly() throws Exception {
        assertThat(readAll(PointText.lines(new java.io.StringReader("\uFEFFtimestamp,value\n1,\uFEFF"), 100)))
                .isEqualTo("timestamp,value\n1,\uFEFF");
        assertThat(readAll(PointText.lines(new java.io.StringReader("\uFEFF"), 100))).isEmpty();
        var single = PointText.lines(new java.io.StringReader("\uFEFFab"), 100);
        assertThat(single.read()).isEqualTo('a');
        assertThat(single.read()).isEqualTo('b');
        assertThat(single.read()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void aLineLongerThanTheLimitIsRefusedWithItsNumber(String lineBreak) {
        String text = String.join(lineBreak, "12345", "", "1234", "123456", "x");
        assertThatThrownBy(() -> readAll(PointText.lines(new java.io.StringReader(text), 5)))
                .isInstanceOfSatisfying(PointText.LineTooLongException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.limit()).isEqualTo(5);
                    assertThat(e).hasMessage("line 4 is longer than 5 characters");
                });
        assertThat(PointText.MAX_LINE_LENGTH).isEqualTo(1_048_576);
    }

    @Test
    void linesOfExactlyTheLimitPass() throws Exception {
        String text = "\uFEFF" + "a".repeat(PointText.MAX_LINE_LENGTH) + "\r\n" + "b".repeat(PointText.MAX_LINE_LENGTH);
        assertThat(readAll(PointText.lines(new java.io.StringReader(text), PointText.MAX_LINE_LENGTH)))
                .hasSize(2 * PointText.MAX_LINE_LENGTH + 2);
        assertThatThrownBy(() -> PointText.lines(new java.io.StringReader(""), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
