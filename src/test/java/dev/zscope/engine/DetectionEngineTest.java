package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;


import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.zscore.ZScoreDetector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final List<Anomaly> recorded = new CopyOnWriteArrayList<>();
    private final AnomalySink sink = anomalies -> {
        recorded.addAll(anomalies);
        return CompletableFuture.completedFuture(null);
    };
    private DetectionEngine engine;

    private DetectionEngine engine(int history) {
        return engine(history, new MemoryStreamStore());
    }

    private DetectionEngine engine(int history, StreamStore store) {
        engine = new DetectionEngine(new EngineProperties(history, 100, 10_000, Duration.ofMinutes(2)), sink, store,
                CLOCK);
        engine.applyDetector(zscore(3, 100, 30));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.destroy();
        }
    }

    /** 0,1,0,1,... : mean 0.5 and σ 0.5 once warm. */
    private static void feedAlternating(DetectionEngine e, String stream, int n) {
        for (int i = 0; i < n; i++) {
            e.process(stream, i, i % 2, false);
        }
    }

    @Test
    void anomaliesReachTheSinkWithTheirExpectationInOrder() {
        engine(1000);
        feedAlternating(engine, "s1", 40);
        StreamPoint p = engine.process("s1", 1000, 10, false);
        assertThat(p.anomaly()).isTrue();
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.stream()).isEqualTo("s1");
            assertThat(a.time()).isEqualTo(Instant.ofEpochMilli(1000));
            assertThat(a.z()).isEqualTo(19.0);
            assertThat(a.expected()).isEqualTo(0.5);
        });
        assertThat(p.expected()).isEqualTo(0.5);
        assertThat(p.lower()).isEqualTo(-1.0);
        assertThat(p.upper()).isEqualTo(2.0);
        assertThat(p.score()).isEqualTo(19.0);
        assertThat(engine.status("s1").anomalies()).isEqualTo(1);
    }

    /** A batch write says which anomalies it raised and hands back the future of their durability. */
    @Test
    void aWriteReportsItsAnomaliesAndTheirDurability() {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        engine = new DetectionEngine(EngineProperties.defaults(), anomalies -> pending, StreamStore.NONE, CLOCK);
        engine.applyDetector(zscore(3, 100, 30));
        long[] times = new long[50];
        double[] values = new double[50];
        for (int i = 0; i < 50; i++) {
            times[i] = i;
            values[i] = i == 45 ? 99 : i % 2;
        }
        Written written = engine.write("api", times, values, 0, 50);
        assertThat(written.accepted()).isEqualTo(50);
        assertThat(written.anomalies()).extracting(Anomaly::value).containsExactly(99.0);
        assertThat(written.durable()).isNotDone();
        pending.complete(null);
        assertThat(written.durable()).isDone();
        Written quiet = engine.write("api", new long[] {60}, new double[] {1}, 0, 1);
        assertThat(quiet.durable()).as("nothing to keep: done at once").isDone();
    }

    @Test
    void reportsLearningProgressThenGoesLive() {
        engine(1000);
        feedAlternating(engine, "s1", 10);
        StreamStatus learning = engine.status("s1");
        assertThat(learning.learning()).isTrue();
        assertThat(learning.learned()).isEqualTo(10);
        assertThat(learning.warmup()).isEqualTo(30);
        feedAlternating(engine, "s1", 30);
        assertThat(engine.status("s1").learning()).isFalse();
    }

    @Test
    void nonFiniteValuesAreSkippedAndCounted() {
        engine(1000);
        feedAlternating(engine, "s1", 40);
        engine.process("s1", 41, Double.NaN, false);
        engine.process("s1", 42, Double.POSITIVE_INFINITY, false);
        StreamPoint after = engine.process("s1", 43, 1, false);
        assertThat(engine.status("s1").skipped()).isEqualTo(2);
        assertThat(after.expected()).isEqualTo(0.5);
        assertThat(after.anomaly()).isFalse();
    }

    @Test
    void subscribersGetBatchesInOrderAndUnsubscribeCleanly() {
        engine(10_000);
        engine.process("s1", 0, 0, false);
        List<StreamPoint> seen = new CopyOnWriteArrayList<>();
        Subscription sub = engine.subscribe("s1", Duration.ofMillis(10), 1, b -> seen.addAll(b.points()));
        feedAlternating(engine, "s1", 499);
        await().atMost(10, TimeUnit.SECONDS).until(() -> seen.size() == 500);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i).sequence()).isEqualTo(i);
        }
        sub.close();
        sub.close();
        assertThat(engine.subscriberCount()).isZero();
    }

    @Test
    void noListenerIsLeftBehindAfterManyAttachDetachCycles() {
        engine(1000);
        engine.process("s1", 0, 0, false);
        for (int i = 0; i < 1_000; i++) {
            engine.subscribe("s1", Duration.ofMillis(50), 0, b -> { }).close();
            engine.subscribeLive(Duration.ofMillis(50), Duration.ofSeconds(1), b -> { }).close();
        }
        assertThat(engine.subscriberCount()).isZero();
    }

    @Test
    void theFirstBatchCarriesTheRequestedBacklog() {
        engine(1000);
        feedAlternating(engine, "s1", 100);
        List<EngineBatch> batches = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribe("s1", Duration.ofMillis(10), 30, batches::add)) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> !batches.isEmpty());
            assertThat(batches.getFirst().points()).extracting(StreamPoint::sequence)
                    .containsExactlyElementsOf(range(70, 100));
            assertThat(batches.getFirst().dropped()).isZero();
        }
    }

    @Test
    void aStuckSubscriberDelaysNeitherTheEngineNorOthersAndCountsWhatItLost() {
        engine(100);
        engine.process("s1", 0, 1, false);
        CountDownLatch release = new CountDownLatch(1);
        List<EngineBatch> stuckGot = new CopyOnWriteArrayList<>();
        Subscription stuck = engine.subscribe("s1", Duration.ofMillis(10), 1, b -> {
            stuckGot.add(b);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<StreamPoint> healthy = new CopyOnWriteArrayList<>();
        Subscription ok = engine.subscribe("s1", Duration.ofMillis(10), 0, b -> healthy.addAll(b.points()));
        await().atMost(10, TimeUnit.SECONDS).until(() -> stuckGot.size() == 1);
        for (int i = 1; i < 20_000; i++) {
            engine.process("s1", i, i % 2, false);
        }
        assertThat(engine.status("s1").points()).isEqualTo(20_000);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !healthy.isEmpty() && healthy.getLast().sequence() == 19_999);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(() -> stuckGot.size() >= 2);
        assertThat(stuck.dropped()).isGreaterThan(0);
        assertThat(stuckGot.get(1).dropped()).isEqualTo(stuck.dropped());
        stuck.close();
        ok.close();
    }

    @Test
    void aListenerThatThrowsStaysSubscribedAndGetsLaterBatches() {
        engine(1000);
        engine.process("s1", 0, 1, false);
        List<Integer> calls = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribe("s1", Duration.ofMillis(10), 0, b -> {
            calls.add(b.points().size());
            throw new IllegalStateException("view bug");
        })) {
            engine.process("s1", 1, 1, false);
            await().atMost(10, TimeUnit.SECONDS).until(() -> calls.size() == 1);
            engine.process("s1", 2, 1, false);
            await().atMost(10, TimeUnit.SECONDS).until(() -> calls.size() == 2);
        }
    }

    /** The engine-wide feed: an anomaly on any stream reaches one subscriber, with no subscription per stream. */
    @Test
    void theFeedCarriesAnomaliesOfEveryStream() {
        engine(1000);
        feedAlternating(engine, "a", 40);
        feedAlternating(engine, "b", 40);
        List<Anomaly> fed = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribeFeed(Duration.ofMillis(10), b -> fed.addAll(b.anomalies()))) {
            engine.process("a", 100, 50, false);
            engine.process("b", 100, -50, false);
            await().atMost(10, TimeUnit.SECONDS).until(() -> fed.size() == 2);
            assertThat(fed).extracting(Anomaly::stream).containsExactly("a", "b");
        }
    }

    /** A browser's subscription follows one stream's points and hears of anomalies on all the others. */
    @Test
    void aLiveSubscriptionFollowsAStreamAndTheFeedInOneBatch() {
        engine(1000);
        feedAlternating(engine, "a", 40);
        feedAlternating(engine, "b", 40);
        List<LiveBatch> batches = new CopyOnWriteArrayList<>();
        try (LiveSubscription live = engine.subscribeLive(Duration.ofMillis(10), Duration.ofMillis(50), batches::add)) {
            live.follow("a", 5);
            await().atMost(10, TimeUnit.SECONDS).until(() -> !batches.isEmpty());
            assertThat(batches.getFirst().stream()).isEqualTo("a");
            assertThat(batches.getFirst().points()).hasSize(5);
            assertThat(batches.getFirst().status().stream()).isEqualTo("a");
            engine.process("b", 100, 50, false);
            await().atMost(10, TimeUnit.SECONDS).until(() -> batches.stream().anyMatch(x -> !x.anomalies().isEmpty()));
            LiveBatch withAnomaly = batches.stream().filter(x -> !x.anomalies().isEmpty()).findFirst().orElseThrow();
            assertThat(withAnomaly.anomalies()).extracting(Anomaly::stream).containsExactly("b");
            assertThat(withAnomaly.points()).as("no new point on the followed stream").isEmpty();
            int before = batches.size();
            await().atMost(10, TimeUnit.SECONDS).until(() -> batches.size() > before); // the heartbeat
            live.follow(null, 0);
            int switched = batches.size();
            await().atMost(10, TimeUnit.SECONDS).until(() -> batches.size() > switched);
            assertThat(batches.getLast().stream()).isNull();
            assertThat(batches.getLast().status()).isNull();
        }
    }

    @Test
    void aNewDetectorIsSeededFromHistoryInsteadOfLearningAgain() {
        engine(1000);
        feedAlternating(engine, "s1", 300);
        engine.applyDetector(zscore(3, 200, 150));
        assertThat(engine.status("s1").learning()).isFalse();
        StreamPoint p = engine.process("s1", 300, 0, false);
        assertThat(p.learning()).isFalse();
        assertThat(p.expected()).isEqualTo(0.5);
        engine.applyDetector(zscore(2, 200, 150));
        assertThat(engine.detectorChoice().setting("threshold")).isEqualTo("2.0");
        assertThat(engine.process("s1", 301, 1, false).upper()).isEqualTo(1.5);
    }

    /**
     * A restart keeps the stream, its counters and its detector state: the next point gets the very
     * verdict it would have got without the restart.
     */
    @Test
    void aRestartGoesOnJudgingWithoutRelearning() {
        MemoryStreamStore store = new MemoryStreamStore();
        engine(1000, store);
        feedAlternating(engine, "api", 200);
        engine.process("api", 200, 40, false);
        DetectionEngine uninterrupted = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD,
                StreamStore.NONE, CLOCK);
        uninterrupted.applyDetector(zscore(3, 100, 30));
        feedAlternating(uninterrupted, "api", 200);
        uninterrupted.process("api", 200, 40, false);
        engine.destroy(); // saves the states

        AnomalySink counted = new AnomalySink() {
            @Override
            public CompletableFuture<Void> record(List<Anomaly> anomalies) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public Map<String, Counts> countsByStream(long nowMillis) {
                return Map.of("api", new Counts(1, 1, 1));
            }
        };
        engine = new DetectionEngine(EngineProperties.defaults(), counted, store, CLOCK);
        engine.applyDetector(zscore(3, 100, 30));

        assertThat(engine.statuses()).extracting(StreamStatus::stream).containsExactly("api");
        StreamStatus status = engine.status("api");
        assertThat(status.learning()).isFalse();
        assertThat(status.points()).isEqualTo(201);
        assertThat(status.anomalies()).isEqualTo(1);
        assertThat(status.lastPointMillis()).isEqualTo(200);
        for (double next : new double[] {0.5, 1, 30, 0}) {
            StreamPoint restarted = engine.process("api", 300, next, false);
            StreamPoint straight = uninterrupted.process("api", 300, next, false);
            assertThat(restarted).as("after %s", next).usingRecursiveComparison().ignoringFields("sequence")
                    .isEqualTo(straight);
        }
        uninterrupted.destroy();
    }

    /** A state saved for other settings is not forced on a detector: the stream learns again from its history. */
    @Test
    void aStateForOtherSettingsIsNotRestored() {
        MemoryStreamStore store = new MemoryStreamStore();
        engine(1000, store);
        feedAlternating(engine, "api", 200);
        engine.destroy();
        engine = new DetectionEngine(EngineProperties.defaults(), sink, store, CLOCK);
        engine.applyDetector(zscore(4, 100, 30));
        assertThat(engine.status("api").learning()).isTrue();
    }

    @Test
    void renameArchiveAndDeleteAreKeptInTheStore() {
        MemoryStreamStore store = new MemoryStreamStore();
        engine(1000, store);
        feedAlternating(engine, "old", 10);
        feedAlternating(engine, "other", 10);
        engine.applyDetector("other", zscore(5, 50, 10));
        engine.rename("old", "new");
        assertThatThrownBy(() -> engine.rename("new", "other")).hasMessageContaining("already exists");
        engine.archive("new");
        assertThat(engine.statuses()).extracting(StreamStatus::stream).containsExactly("other");
        engine.process("new", 20, 1, false);
        assertThat(engine.statuses()).extracting(StreamStatus::stream).containsExactly("new", "other");
        engine.delete("other");
        assertThat(store.loadAll()).extracting(StreamStore.Stored::name).containsExactly("new");
        assertThat(store.loadAll().getFirst().archived()).isFalse();
    }

    @Test
    void aStreamsOwnDetectorSurvivesARestart() {
        MemoryStreamStore store = new MemoryStreamStore();
        engine(1000, store);
        engine.process("x", 0, 1, false);
        engine.applyDetector("x", zscore(5, 50, 10));
        engine.destroy();
        engine = new DetectionEngine(EngineProperties.defaults(), sink, store, CLOCK);
        engine.applyDetector(zscore(3, 100, 30));
        assertThat(engine.hasOwnDetector("x")).isTrue();
        assertThat(engine.detectorChoice("x")).isEqualTo(zscore(5, 50, 10));
    }

    @Test
    void verdictHoldersAreNotSharedWithTheSink() {
        List<Anomaly> kept = new ArrayList<>();
        engine = new DetectionEngine(EngineProperties.defaults(), anomalies -> {
            kept.addAll(anomalies);
            return CompletableFuture.completedFuture(null);
        }, StreamStore.NONE, CLOCK);
        engine.applyDetector(zscore(3, 100, 30));
        feedAlternating(engine, "s", 40);
        engine.process("s", 40, 10, false);
        engine.process("s", 41, 0, false);
        assertThat(kept).singleElement().extracting(Anomaly::value).isEqualTo(10.0);
    }

    static DetectorChoice zscore(double threshold, int window, int warmup) {
        return new DetectorChoice(ZScoreDetector.NAME, Map.of("threshold", Double.toString(threshold),
                "window", Integer.toString(window), "warmup", Integer.toString(warmup)));
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

}
