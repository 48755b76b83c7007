package dev.zscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.anomaly.StoreHealth;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoreBannerTest {

    @Test
    void aHealthyStoreShowsNothingAndAFullDiskSaysWhatHappensToNewPoints() {
        StoreBanner banner = new StoreBanner();
        banner.show(StoreHealth.OK, ZoneOffset.UTC);
        assertThat(banner.isVisible()).isFalse();

        banner.show(new StoreHealth(false, true, Instant.parse("2026-12-07T10:15:00Z"), "No space left on device"),
                ZoneOffset.UTC);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("The disk is full since 2026-12-07 10:15:00: No space left on device.")
                .contains("507").contains("nothing already acknowledged is lost");

        banner.show(new StoreHealth(false, false, Instant.parse("2026-12-07T10:15:00Z"), "database closed"),
                ZoneOffset.ofHours(1));
        assertThat(banner.getText()).startsWith("Anomalies cannot be stored since 2026-12-07 11:15:00").contains("503");

        banner.show(StoreHealth.OK, ZoneOffset.UTC);
        assertThat(banner.isVisible()).isFalse();
    }
}
