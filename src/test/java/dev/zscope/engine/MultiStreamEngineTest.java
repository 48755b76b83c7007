package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import static org.awaitility.Awaitility.await;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultiStreamEngineTest {

    private final List<String> anomalies = new CopyOnWriteArrayList<>();
    private final DetectionEngine engine = new DetectionEngine(new EngineProperties(200, 6, 10_000,
            Duration.ofMinutes(2)), found -> {
                found.forEach(a -> anomalies.add(a.stream()));
                return CompletableFuture.completedFuture(null);
            }, StreamStore.NONE, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    /** One point, as a source writes it. */
    private Written ingest(String stream, long time, double value) {
        return engine.write(stream, new long[] {time}, new double[] {value}, 0, 1);
    }

    @org.junit.jupiter.api.BeforeEach
    void zscore() {
        engine.applyDetector(DetectionEngineTest.zscore(3, 100, 30));
    }

    @AfterEach
    void close() {
        engine.destroy();
    }

    @Test
    void streamsAppearWhenFirstWrittenAndKeepTheirOwnBaseline() {
        for (int i = 0; i < 50; i++) {
            ingest("cpu", i, i % 2);
            ingest("mem", i, 1000 + i % 2);
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
            ingest("single", times[i], values[i]);
        }
        engine.write("batched", times, values, 0, 10);
        engine.write("batched", times, values, 10, 10);
        engine.write("batched", times, values, 10, values.length);

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
        for (int i = 0; i < 6; i++) {
            ingest("s" + i, 0, 1);
        }
        assertThatThrownBy(() -> engine.write("one-too-many", new long[] {1}, new double[] {1}, 0, 1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(engine.exists("one-too-many")).isFalse();
    }

    @Test
    void detectorSettingsApplyToEveryStreamAndToNewOnes() {
        for (int i = 0; i < 40; i++) {
            ingest("cpu", i, i % 2);
        }
        engine.applyDetector(DetectionEngineTest.zscore(5, 100, 30));
        for (int i = 0; i < 40; i++) {
            ingest("cpu", 40 + i, i % 2);
            ingest("late", i, i % 2);
        }
        // mean 0.5 and σ 0.5 on both: the band's upper edge is mean + 5σ
        assertThat(engine.process("cpu", 99, 0, false).upper()).isEqualTo(3.0);
        assertThat(engine.process("late", 99, 0, false).upper()).isEqualTo(3.0);
    }

    @Test
    void aStreamCanRunADetectorOfItsOwnThatDefaultChangesLeaveAlone() {
        ingest("special", 0, 1);
        ingest("warm-ish", 0, 1);
        var ewma = new dev.zscope.detection.catalog.DetectorChoice("ewma", java.util.Map.of());
        engine.applyDetector("special", ewma);
        engine.applyDetector(DetectionEngineTest.zscore(4, 100, 30));
        assertThat(engine.detectorChoice("special")).isEqualTo(ewma);
        assertThat(engine.hasOwnDetector("special")).isTrue();
        assertThat(engine.detectorChoice("warm-ish").setting("threshold")).isEqualTo("4.0");
        engine.applyDetector("special", null);
        assertThat(engine.detectorChoice("special")).isEqualTo(engine.detectorChoice());
        assertThat(engine.hasOwnDetector("special")).isFalse();
        engine.rename("special", "renamed");
        assertThat(engine.detectorChoice("renamed")).isEqualTo(engine.detectorChoice());
    }

    @Test
    void aNewDetectorIsWarmedUpOnTheHistoryInsteadOfStartingCold() {
        for (int i = 0; i < 300; i++) {
            ingest("warm", i, i % 2);
        }
        engine.applyDetector(new dev.zscope.detection.catalog.DetectorChoice("ewma", java.util.Map.of()));
        assertThat(engine.status("warm").learning()).isFalse();
        assertThat(engine.process("warm", 300, 0, false).learning()).isFalse();
    }

    @Test
    void renameMovesHistoryArchiveHidesDeleteForgets() {
        for (int i = 0; i < 10; i++) {
            ingest("old", i, i);
        }
        engine.rename("old", "new");
        assertThat(engine.exists("old")).isFalse();
        assertThat(engine.recent("new", 100)).hasSize(10);
        assertThat(engine.status("new").stream()).isEqualTo("new");
        ingest("taken", 0, 1);
        assertThatThrownBy(() -> engine.rename("new", "taken")).hasMessageContaining("already exists");

        engine.archive("new");
        assertThat(engine.statuses()).extracting(StreamStatus::stream).doesNotContain("new");
        ingest("new", 11, 1);
        assertThat(engine.statuses()).extracting(StreamStatus::stream).contains("new");

        engine.delete("new");
        assertThat(engine.exists("new")).isFalse();
        assertThatThrownBy(() -> engine.recent("new", 1)).hasMessageContaining("no stream called 'new'");
    }

    @Test
    void refusesInvalidNamesAndMoreStreamsThanConfigured() {
        assertThatThrownBy(() -> ingest("bad name", 0, 1)).hasMessageContaining("invalid stream name");
        assertThatThrownBy(() -> ingest("x".repeat(101), 0, 1)).hasMessageContaining("invalid stream name");
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            ingest(name, 0, 1);
        }
        assertThatThrownBy(() -> ingest("g", 0, 1)).hasMessageContaining("maximum of 6 streams");
        ingest("a", 1, 1);
    }

    @Test
    void aSubscriptionFollowsOneStreamOnly() {
        ingest("sim", 0, 1);
        ingest("sim-2", 0, 1);
        List<StreamPoint> got = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribe("sim-2", Duration.ofMillis(10), 0, b -> got.addAll(b.points()))) {
            ingest("sim", 1, 5);
            ingest("sim-2", 1, 7);
            ingest("sim", 2, 5);
            ingest("sim-2", 2, 8);
            await().atMost(10, TimeUnit.SECONDS).until(() -> got.size() == 2);
            assertThat(got).extracting(StreamPoint::value).containsExactly(7.0, 8.0);
        }
    }
}
