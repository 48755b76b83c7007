package dev.zscope.simulator;

import dev.zscope.MutableClock;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.MemoryStreamStore;
import dev.zscope.engine.StreamPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user sees in the first minute: with the default simulator and detector, on a
 * simulated clock, the dashboard's stream shows an injected anomaly that the detector flagged
 * within 60 s of the start (after the backfill the demo opens with).
 */
class DemoFirstMinuteTest {

    private static final Duration UPDATE_INTERVAL = Duration.ofMillis(200); // zscope.settings.update-interval-ms
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private DetectionEngine engine;

    @AfterEach
    void close() {
        engine.destroy();
    }

    @Test
    void theDashboardsStreamShowsADetectedInjectedAnomalyWithinAMinute() {
        engine = new DetectionEngine(EngineProperties.defaults(), a -> CompletableFuture.completedFuture(null),
                new MemoryStreamStore(), clock);
        engine.applyDetector(DetectorChoice.recommended());
        SimulatorSource source = new SimulatorSource(new SimulatorProperties("simulated", 3, true), engine, clock);
        source.backfill();
        String dashboard = engine.firstStream().orElseThrow();

        long start = clock.millis();
        long found = -1;
        for (int tick = 0; tick < 60_000 / UPDATE_INTERVAL.toMillis() && found < 0; tick++) {
            clock.advance(UPDATE_INTERVAL);
            source.tick();
            StreamPoint last = engine.recent(dashboard, 1).getLast();
            if (last.anomaly() && last.injected()) {
                found = clock.millis() - start;
            }
        }
        System.out.printf("demo: the first detected injected anomaly on '%s' after %.1f s%n", dashboard, found / 1e3);
        assertThat(found).as("a detected injected anomaly within 60 s").isBetween(0L, 60_000L);
    }
}
