package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stream's hints reach the detector that takes them, stay out of the one chosen, and survive a restart. */
class StreamHintsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final StreamHints CPU = new StreamHints(0, 100, 1440);
    private final AnomalySink sink = anomalies -> CompletableFuture.completedFuture(null);
    private DetectionEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.destroy();
        }
    }

    @Test
    void hintsRunInTheDetectorThatTakesThemAndTheChoiceStaysAsChosen() {
        DetectorChoice art = DetectorChoice.recommended();
        StreamChannel channel = new StreamChannel("cpu", 0, art, 100);
        channel.applyHints(CPU);
        assertThat(channel.detectorChoice()).isEqualTo(art);
        assertThat(channel.runningChoice().settings())
                .containsEntry(StreamHints.MIN, "0.0").containsEntry(StreamHints.PERIOD, "1440");
        assertThat(channel.runningChoice().create().name()).isEqualTo(art.create().name());

        channel.applyHints(StreamHints.none());
        assertThat(channel.runningChoice()).isEqualTo(art);
    }

    @Test
    void aDetectorWithoutHintsRunsAsChosenAndKeepsTheHintsForLater() {
        DetectorChoice zscore = DetectionEngineTest.zscore(3, 100, 30);
        StreamChannel channel = new StreamChannel("cpu", 0, zscore, 100);
        channel.applyHints(CPU);
        assertThat(channel.runningChoice()).isEqualTo(zscore);
        channel.applyDetector(DetectorChoice.recommended(), true);
        assertThat(channel.runningChoice().settings()).containsEntry(StreamHints.MAX, "100.0");
    }

    @Test
    void hintsSurviveARestartAndAnUnknownStreamIsRefused() {
        MemoryStreamStore store = new MemoryStreamStore();
        engine = new DetectionEngine(EngineProperties.defaults(), sink, store, CLOCK);
        engine.applyDetector(DetectorChoice.recommended());
        engine.process("cpu", 0, 42, false);
        engine.applyHints("cpu", CPU);
        engine.rebaseline("cpu");
        engine.destroy();

        engine = new DetectionEngine(EngineProperties.defaults(), sink, store, CLOCK);
        engine.applyDetector(DetectorChoice.recommended());
        assertThat(engine.hints("cpu")).isEqualTo(CPU);
        assertThatThrownBy(() -> engine.rebaseline("nothing")).isInstanceOf(IllegalArgumentException.class);
    }
}
