package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The size limit enforced while reading a request body, whatever its headers said. */
class LimitedInputStreamTest {

    @Test
    void theSizeLimitHoldsWhileReadingWhateverTheHeadersSaid() throws Exception {
        byte[] body = "[{\"value\":1},{\"value\":2},{\"value\":3}]".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonPoints.read(new LimitedInputStream(new ByteArrayInputStream(body), body.length), batch()).size())
                .isEqualTo(3);
        assertThatThrownBy(() -> JsonPoints.read(new LimitedInputStream(new ByteArrayInputStream(body), body.length - 1), batch()))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status().value()).isEqualTo(413));
        assertThatThrownBy(() -> CsvPoints.read(new LimitedInputStream(new ByteArrayInputStream(
                "1,1\n2,2\n".getBytes(StandardCharsets.UTF_8)), 5), StandardCharsets.UTF_8, 1000, batch()))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status().value()).isEqualTo(413));
    }

    private static PointBatch batch() {
        return new PointBatch(10, System.currentTimeMillis());
    }
}
