package dev.zscope.replay.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The backtest's upload limit: declared sizes, the bytes that actually arrive, and what the page says. */
class UploadLimitTest {

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedAtOnceAnUnknownOneIsCounted() {
        UploadLimit limit = new UploadLimit(100);
        assertThat(limit.refuses(101)).isTrue();
        assertThat(limit.refuses(100)).isFalse();
        assertThat(limit.refuses(-1)).as("unknown: counted while reading").isFalse();
    }

    @Test
    void theStreamStopsAtTheFirstByteBeyondTheLimit() throws Exception {
        UploadLimit limit = new UploadLimit(100);
        try (InputStream in = limit.limit(new ByteArrayInputStream(new byte[100]))) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
        try (InputStream in = limit.limit(new ByteArrayInputStream(new byte[101]))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(UploadLimit.TooLarge.class);
        }
        try (InputStream in = limit.limit(new ByteArrayInputStream(new byte[1000]))) {
            assertThat(in.read(new byte[60])).isEqualTo(60);
            assertThatThrownBy(() -> in.read(new byte[1000])).isInstanceOf(UploadLimit.TooLarge.class);
        }
        try (InputStream in = limit.limit(new ByteArrayInputStream(new byte[200]))) {
            for (int i = 0; i < 100; i++) {
                assertThat(in.read()).isZero();
            }
            assertThatThrownBy(in::read).isInstanceOf(UploadLimit.TooLarge.class);
        }
    }

    @Test
    void theMessageNamesTheFileTheLimitAndTheProperty() {
        UploadLimit limit = new UploadLimit(1L << 30);
        assertThat(limit.message("big.csv")).isEqualTo("big.csv is larger than the backtest's limit of 1 GB "
                + "(zscope.backtest.max-upload-size); nothing was kept.");
        assertThat(limit.message(null)).startsWith("The file is larger");
        assertThat(limit.browserLimit()).isEqualTo(1 << 30);
        assertThat(new UploadLimit(3L << 30).browserLimit()).as("beyond an int: no browser check").isZero();
        assertThat(UploadLimit.size(1536)).isEqualTo("1.5 KB");
        assertThat(UploadLimit.size(999)).isEqualTo("999 bytes");
        assertThat(UploadLimit.size(200L << 20)).isEqualTo("200 MB");
    }
}
