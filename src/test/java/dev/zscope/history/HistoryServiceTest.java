package dev.zscope.history;

import dev.zscope.MutableClock;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.MemoryStreamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The point store end to end: the engine's points written by the writer thread, read back thinned. */
class HistoryServiceTest {

    static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final List<HistoryService> opened = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (HistoryService h : opened) {
            h.destroy();
        }
    }

    HistoryService open(HistoryProperties p, DetectionEngine engine) {
        HistoryService h = new HistoryService(p, engine, clock);
        opened.add(h);
        return h;
    }

    static DetectionEngine engine() {
        DetectionEngine e = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD, new MemoryStreamStore());
        e.applyDetector(new DetectorChoice("zscore", Map.of()));
        return e;
    }

    /** {@code n} points one second apart from T0: values 0..9 repeating, and a spike of 1000 at {@code spikeAt}. */
    static void feed(DetectionEngine e, String stream, int n, int spikeAt) {
        for (int i = 0; i < n; i++) {
            e.process(stream, T0 + i * 1000L, i == spikeAt ? 1000 : i % 10, false);
        }
    }

    static void flush(HistoryService h) throws Exception {
        h.flush().get(30, TimeUnit.SECONDS);
    }

    @Test
    void pointsAreKeptThinnedAndEveryAnomalyStaysAcrossARestart() throws Exception {
        HistoryProperties p = HistoryProperties.in(dir);
        DetectionEngine e = engine();
        HistoryService h = open(p, e);
        feed(e, "s", 5_000, 4_000);
        flush(h);
        h.destroy();
        opened.clear();

        HistoryService again = open(p, engine()); // a new engine: nothing in memory, all from disk
        Series s = again.series("s", T0, T0 + 4_999_000L, 10_000); // 500 buckets of 10 raw points
        assertThat(s.buckets()).hasSize(500);
        assertThat(s.buckets().stream().mapToInt(Series.Bucket::count).sum()).isEqualTo(5_000);
        assertThat(s.buckets().getFirst().min()).isZero();
        assertThat(s.buckets().getFirst().max()).isEqualTo(9);
        assertThat(s.buckets().get(400).max()).as("the spike's bucket").isEqualTo(1000);
        assertThat(s.buckets().get(400).maxTime()).isEqualTo(T0 + 4_000_000L);
        Series minutes = again.series("s", T0, T0 + 4_999_000L, 60_000); // from the minute summaries
        assertThat(minutes.buckets()).hasSize(84);
        assertThat(minutes.buckets().stream().mapToInt(Series.Bucket::count).sum()).isEqualTo(5_000);
        assertThat(minutes.buckets().get(66).max()).isEqualTo(1000);
        assertThat(minutes.marks()).extracting(Series.Mark::time).containsExactly(T0 + 4_000_000L);
        assertThat(s.marks()).extracting(Series.Mark::time).containsExactly(T0 + 4_000_000L);
        assertThat(s.marks().getFirst().anomaly()).isTrue();
        assertThat(s.marks().getFirst().expected()).as("the band as judged").isBetween(4.0, 5.0);
        assertThat(s.marks().getFirst().severity()).as("the calibrated severity as judged").isBetween(0.9, 1.0);
        assertThat(s.lastSequence()).isEqualTo(-1);
    }

    @Test
    void theNewestPointsComeFromMemoryWithTheSequenceToFollowOn() throws Exception {
        DetectionEngine e = engine();
        HistoryService h = open(HistoryProperties.in(dir), e);
        feed(e, "s", 3_000, -1); // 1,000 in memory, all 3,000 written
        flush(h);
        feed(e, "t", 10, -1); // another stream, not flushed
        Series s = h.series("s", T0, T0 + 2_999_000L, 1000);
        assertThat(s.buckets()).hasSize(3_000);
        assertThat(s.buckets()).allMatch(b -> b.count() == 1);
        assertThat(s.lastSequence()).isEqualTo(2_999);
        Series unflushed = h.series("t", T0, T0 + 9_000L, 1000);
        assertThat(unflushed.buckets()).as("still in memory only").hasSize(10);
    }

    @Test
    void anAnomalyStillInMemoryCarriesItsSeverity() {
        DetectionEngine e = engine();
        HistoryService h = open(HistoryProperties.in(dir), e);
        feed(e, "s", 500, 400);
        Series s = h.series("s", T0, T0 + 499_000L, 1000);
        assertThat(s.marks()).singleElement().satisfies(m -> {
            assertThat(m.anomaly()).isTrue();
            assertThat(m.severity()).isBetween(0.9, 1.0);
        });
    }

    @Test
    void aStepOfAMinuteOrMoreReadsTheMinuteSummariesWhichOutliveTheRawPoints() throws Exception {
        HistoryProperties p = new HistoryProperties(true, dir, Duration.ofHours(1), Duration.ofDays(30),
                DataSize.ofGigabytes(1), DataSize.ofBytes(0), Duration.ofSeconds(5), 262_144);
        DetectionEngine e = engine();
        HistoryService h = open(p, e);
        feed(e, "s", 600, 500); // ten minutes
        clock.advance(Duration.ofMinutes(2)); // the last minute is quiet long enough to be written
        flush(h);
        Series fine = h.series("s", T0, T0 + 599_000L, 1000);
        assertThat(fine.buckets()).hasSize(600);

        clock.advance(Duration.ofHours(2)); // past the raw retention: raw files dropped at the next round
        flush(h);
        assertThat(Files.list(dir.resolve("raw")).count()).isZero();
        Series coarse = opened.getFirst().series("s", T0, T0 + 599_000L, 60_000);
        assertThat(coarse.buckets()).hasSize(10);
        assertThat(coarse.buckets()).allMatch(b -> b.count() == 60);
        assertThat(coarse.buckets().get(8).max()).isEqualTo(1000);
        assertThat(coarse.buckets().get(0).mean()).isEqualTo(4.5);
        assertThat(coarse.marks()).extracting(Series.Mark::time).containsExactly(T0 + 500_000L);
        h.destroy();
        opened.clear();
        Series again = open(p, engine()).series("s", T0, T0 + 599_000L, 1000);
        assertThat(again.buckets()).as("without raw points, even a fine step is answered by minutes").hasSize(10);
    }

    @Test
    void aRenamedStreamKeepsItsPastAndADeletedOnesPastIsNobodysAcrossARestart() throws Exception {
        HistoryProperties p = HistoryProperties.in(dir);
        DetectionEngine e = engine();
        HistoryService h = open(p, e);
        feed(e, "old", 100, -1);
        flush(h);
        e.rename("old", "new");
        for (int i = 100; i < 200; i++) {
            e.process("new", T0 + i * 1000L, 1, false);
        }
        feed(e, "old", 50, -1); // another stream takes the free name
        e.process("gone", T0, 7, false);
        flush(h);
        e.delete("gone");
        e.process("gone", T0 + 1000, 8, false); // a new stream of that name
        flush(h);
        h.destroy();
        opened.clear();

        HistoryService again = open(p, engine());
        assertThat(count(again.series("new", T0, T0 + 1_000_000L, 1000))).isEqualTo(200);
        assertThat(count(again.series("old", T0, T0 + 1_000_000L, 1000))).isEqualTo(50);
        Series gone = again.series("gone", T0, T0 + 1_000_000L, 1000);
        assertThat(gone.buckets()).extracting(Series.Bucket::max).containsExactly(8.0);
    }

    @Test
    void badRangesAreRefusedWithWhatToDo() {
        HistoryService h = open(HistoryProperties.in(dir), engine());
        assertThatThrownBy(() -> h.series("s", 2, 1, 1)).hasMessageContaining("'from' must not be after 'to'");
        assertThatThrownBy(() -> h.series("s", 1, 2, 0)).hasMessageContaining("'step' must be at least 1 ms");
        assertThatThrownBy(() -> h.series("s", 0, 20_000, 1)).hasMessageContaining("more than 10000 steps");
        assertThat(h.series("unknown", 0, 9, 1).buckets()).isEmpty();
    }

    @Test
    void withTooLittleFreeSpaceNothingIsWrittenAndTheLossIsCounted() throws Exception {
        HistoryProperties p = new HistoryProperties(true, dir, Duration.ofHours(48), Duration.ofDays(30),
                DataSize.ofGigabytes(1), DataSize.ofTerabytes(1), Duration.ofSeconds(5), 262_144);
        DetectionEngine e = engine();
        HistoryService h = open(p, e);
        feed(e, "s", 100, -1);
        flush(h);
        assertThat(h.health().dropped()).isEqualTo(100);
        assertThat(h.health().lastError()).contains("min-free-space");
        assertThat(dir.resolve("raw")).doesNotExist();
    }

    @Test
    void theBudgetDropsTheOldestRawFilesFirst() throws Exception {
        HistoryProperties p = new HistoryProperties(true, dir, Duration.ofHours(48), Duration.ofDays(30),
                DataSize.ofMegabytes(16), DataSize.ofBytes(0), Duration.ofSeconds(5), 262_144);
        DetectionEngine e = engine();
        HistoryService h = open(p, e);
        long[] times = new long[100_000];
        double[] values = new double[times.length];
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < times.length; i++) {
                times[i] = T0 + (round * (long) times.length + i) * 10;
                values[i] = i % 7;
            }
            e.write("s", times, values, 0, times.length);
            flush(h);
        }
        assertThat(h.health().bytes()).isLessThanOrEqualTo(16L << 20);
        assertThat(h.health().written()).isEqualTo(600_000);
        Series all = h.series("s", T0, T0 + 6_000_000L, 60_000);
        assertThat(all.buckets()).as("minutes outlive the dropped raw files").hasSize(100);
        Series newest = h.series("s", T0 + 5_990_000L, T0 + 5_999_990L, 10);
        assertThat(newest.buckets()).hasSize(1000);
    }

    @Test
    void disabledTheStoreKeepsNothingAndReadsTheMemory() {
        HistoryProperties p = new HistoryProperties(false, dir, Duration.ofHours(48), Duration.ofDays(30),
                DataSize.ofGigabytes(1), DataSize.ofBytes(0), Duration.ofSeconds(5), 262_144);
        DetectionEngine e = engine();
        HistoryService h = open(p, e);
        feed(e, "s", 10, -1);
        assertThat(count(h.series("s", T0, T0 + 9_000, 1000))).isEqualTo(10);
        assertThat(h.flush()).isDone();
        assertThat(dir).isEmptyDirectory();
    }

    static int count(Series s) {
        return s.buckets().stream().mapToInt(Series.Bucket::count).sum();
    }
}
