package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultiStreamEngineTest {

    private final List<String> anomalies = new CopyOnWriteArrayList<>();
    private final DetectionEngine engine = new DetectionEngine(new EngineProperties("sim", 3, 200, 6, false),
            List.of((s, t, v) -> anomalies.add(s)), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @org.junit.jupiter.api.BeforeEach
    void zscore() {
        engine.applyDetector(DetectionEngineTest.zscore(3, 100, 30));
    }

    @AfterEach
    void close() {
        engine.destroy();
    }

    @Test
    void theSimulatedStreamsExistFromTheStartAndDiffer() {
        assertThat(engine.statuses()).extracting(StreamStatus::stream).containsExactly("sim", "sim-2", "sim-3");
        engine.tick();
        engine.tick();
        double a = engine.recent("sim", 1).getFirst().value();
        double b = engine.recent("sim-2", 1).getFirst().value();
        assertThat(a).isNotEqualTo(b);
        assertThat(engine.status("sim-3").points()).isEqualTo(2);
    }

    @Test
    void streamsAppearWhenFirstWrittenAndKeepTheirOwnBaseline() {
        for (int i = 0; i < 50; i++) {
            engine.ingest("cpu", i, i % 2);
            engine.ingest("mem", i, 1000 + i % 2);
        }
        assertThat(engine.exists("cpu")).isTrue();
        assertThat(engine.process("cpu", 50, 0.5, false).expected()).isEqualTo(0.5);
        assertThat(engine.process("mem", 50, 1000.5, false).expected()).isEqualTo(1000.5);
        engine.process("cpu", 51, 1000.5, false);
        assertThat(anomalies).containsExactly("cpu");
    }

    @Test
    void aBatchIsProcessedAsThatManySinglePoints() {
        java.util.Random random = new java.util.Random(5);
        long[] times = new long[1_000];
        double[] values = new double[1_000];
        for (int i = 0; i < values.length; i++) {
            times[i] = 1_000 + i;
            values[i] = 50 + random.nextGaussian() + (i % 97 == 0 ? 20 : 0);
        }
        for (int i = 0; i < values.length; i++) {
            engine.ingest("single", times[i], values[i]);
        }
        engine.ingest("batched", times, values, 0, 10);
        engine.ingest("batched", times, values, 10, 10);
        engine.ingest("batched", times, values, 10, values.length);

        List<String> fromSingles = anomalies.stream().filter("single"::equals).toList();
        assertThat(anomalies.stream().filter("batched"::equals).toList()).hasSameSizeAs(fromSingles);
        assertThat(fromSingles).hasSizeGreaterThan(5);
        assertThat(engine.recent("batched", 200)).usingRecursiveComparison()
                .isEqualTo(engine.recent("single", 200));
        StreamStatus single = engine.status("single");
        StreamStatus batched = engine.status("batched");
        assertThat(batched.points()).isEqualTo(single.points());
        assertThat(batched.anomalies()).isEqualTo(single.anomalies());
        assertThat(batched.lastPointMillis()).isEqualTo(single.lastPointMillis());
    }

    @Test
    void aBatchForOneStreamTooManyWritesNothing() {
        for (int i = 0; i < 3; i++) {
            engine.ingest("s" + i, 0, 1);
        }
        assertThatThrownBy(() -> engine.ingest("one-too-many", new long[] {1}, new double[] {1}, 0, 1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(engine.exists("one-too-many")).isFalse();
    }

    @Test
    void detectorSettingsApplyToEveryStreamAndToNewOnes() {
        for (int i = 0; i < 40; i++) {
            engine.ingest("cpu", i, i % 2);
        }
        engine.applyDetector(DetectionEngineTest.zscore(5, 100, 30));
        for (int i = 0; i < 40; i++) {
            engine.ingest("cpu", 40 + i, i % 2);
            engine.ingest("late", i, i % 2);
        }
        // mean 0.5 and σ 0.5 on both: the band's upper edge is mean + 5σ
        assertThat(engine.process("cpu", 99, 0, false).upper()).isEqualTo(3.0);
        assertThat(engine.process("late", 99, 0, false).upper()).isEqualTo(3.0);
    }

    @Test
    void aStreamCanRunADetectorOfItsOwnThatDefaultChangesLeaveAlone() {
        engine.ingest("special", 0, 1);
        var ewma = new dev.zscope.detection.catalog.DetectorChoice("ewma", java.util.Map.of());
        engine.applyDetector("special", ewma);
        engine.applyDetector(DetectionEngineTest.zscore(4, 100, 30));
        assertThat(engine.detectorChoice("special")).isEqualTo(ewma);
        assertThat(engine.hasOwnDetector("special")).isTrue();
        assertThat(engine.detectorChoice("sim").setting("threshold")).isEqualTo("4.0");
        engine.applyDetector("special", null);
        assertThat(engine.detectorChoice("special")).isEqualTo(engine.detectorChoice());
        assertThat(engine.hasOwnDetector("special")).isFalse();
        engine.rename("special", "renamed");
        assertThat(engine.detectorChoice("renamed")).isEqualTo(engine.detectorChoice());
    }

    @Test
    void aNewDetectorIsWarmedUpOnTheHistoryInsteadOfStartingCold() {
        for (int i = 0; i < 300; i++) {
            engine.ingest("warm", i, i % 2);
        }
        engine.applyDetector(new dev.zscope.detection.catalog.DetectorChoice("ewma", java.util.Map.of()));
        assertThat(engine.status("warm").learning()).isFalse();
        assertThat(engine.process("warm", 300, 0, false).learning()).isFalse();
    }

    @Test
    void renameMovesHistoryArchiveHidesDeleteForgets() {
        for (int i = 0; i < 10; i++) {
            engine.ingest("old", i, i);
        }
        engine.rename("old", "new");
        assertThat(engine.exists("old")).isFalse();
        assertThat(engine.recent("new", 100)).hasSize(10);
        assertThat(engine.status("new").stream()).isEqualTo("new");
        assertThatThrownBy(() -> engine.rename("new", "sim")).hasMessageContaining("already exists");

        engine.archive("new");
        assertThat(engine.statuses()).extracting(StreamStatus::stream).doesNotContain("new");
        engine.ingest("new", 11, 1);
        assertThat(engine.statuses()).extracting(StreamStatus::stream).contains("new");

        engine.delete("new");
        assertThat(engine.exists("new")).isFalse();
        assertThatThrownBy(() -> engine.recent("new", 1)).hasMessageContaining("no stream called 'new'");
    }

    @Test
    void refusesInvalidNamesAndMoreStreamsThanConfigured() {
        assertThatThrownBy(() -> engine.ingest("bad name", 0, 1)).hasMessageContaining("invalid stream name");
        assertThatThrownBy(() -> engine.ingest("x".repeat(101), 0, 1)).hasMessageContaining("invalid stream name");
        engine.ingest("a", 0, 1);
        engine.ingest("b", 0, 1);
        engine.ingest("c", 0, 1);
        assertThatThrownBy(() -> engine.ingest("d", 0, 1)).hasMessageContaining("maximum of 6 streams");
        engine.ingest("a", 1, 1);
    }

    @Test
    void aSubscriptionFollowsOneStreamOnly() throws Exception {
        List<StreamPoint> got = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribe("sim-2", Duration.ofMillis(10), 0, b -> got.addAll(b.points()))) {
            engine.ingest("sim", 0, 5);
            engine.ingest("sim-2", 0, 7);
            DetectionEngineTest.await(() -> got.size() == 1);
            Thread.sleep(50);
            assertThat(got).extracting(StreamPoint::value).containsExactly(7.0);
        }
    }
}
