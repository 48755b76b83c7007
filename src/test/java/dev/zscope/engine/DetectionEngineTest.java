package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.detection.Verdict;
import dev.zscope.detection.catalog.DetectorChoice;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private DetectionEngine engine;

    private DetectionEngine engine(int history, AnomalyHandler... handlers) {
        engine = new DetectionEngine(new EngineProperties("s1", 0, history, 100, false), List.of(handlers),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        engine.applyDetector(zscore(3, 100, 30));
        engine.start();
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.destroy();
        }
    }

    /** 0,1,0,1,... : mean 0.5 and σ 0.5 once warm. */
    private static void feedAlternating(DetectionEngine e, int n) {
        for (int i = 0; i < n; i++) {
            e.process(i, i % 2, false);
        }
    }

    @Test
    void anomaliesReachEveryHandlerSynchronouslyWithTheirBaseline() {
        engine(1000, (s, t, v) -> handled.add(s + "@" + t + ":" + v.value() + " z=" + v.z()));
        feedAlternating(engine, 40);
        StreamPoint p = engine.process(1000, 10, false);
        assertThat(p.anomaly()).isTrue();
        assertThat(handled).containsExactly("s1@1000:10.0 z=19.0");
        assertThat(p.expected()).isEqualTo(0.5);
        assertThat(p.lower()).isEqualTo(-1.0);
        assertThat(p.upper()).isEqualTo(2.0);
        assertThat(p.score()).isEqualTo(19.0);
        assertThat(engine.status().anomalies()).isEqualTo(1);
    }

    @Test
    void aFailingHandlerNeitherStopsTheStreamNorTheOtherHandlers() {
        AnomalyHandler broken = (s, t, v) -> {
            throw new IllegalStateException("disk full");
        };
        engine(1000, broken, (s, t, v) -> handled.add("second"));
        feedAlternating(engine, 40);
        engine.process(40, 50, false);
        engine.process(41, -50, false);
        feedAlternating(engine, 10);
        assertThat(handled).containsExactly("second", "second");
        assertThat(engine.status().points()).isEqualTo(52);
    }

    @Test
    void reportsLearningProgressThenGoesLive() {
        engine(1000);
        feedAlternating(engine, 10);
        StreamStatus learning = engine.status();
        assertThat(learning.learning()).isTrue();
        assertThat(learning.learned()).isEqualTo(10);
        assertThat(learning.warmup()).isEqualTo(30);
        feedAlternating(engine, 30);
        assertThat(engine.status().learning()).isFalse();
    }

    @Test
    void nonFiniteValuesAreSkippedAndCounted() {
        engine(1000);
        feedAlternating(engine, 40);
        engine.process(41, Double.NaN, false);
        engine.process(42, Double.POSITIVE_INFINITY, false);
        StreamPoint after = engine.process(43, 1, false);
        assertThat(engine.status().skipped()).isEqualTo(2);
        assertThat(after.expected()).isEqualTo(0.5);
        assertThat(after.anomaly()).isFalse();
    }

    @Test
    void subscribersGetBatchesInOrderAndUnsubscribeCleanly() throws Exception {
        engine(10_000);
        List<StreamPoint> seen = new CopyOnWriteArrayList<>();
        Subscription sub = engine.subscribe(Duration.ofMillis(10), b -> seen.addAll(b.points()));
        feedAlternating(engine, 500);
        await(() -> seen.size() == 500);
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
        for (int i = 0; i < 1_000; i++) {
            engine.subscribe(Duration.ofMillis(50), b -> { }).close();
        }
        assertThat(engine.subscriberCount()).isZero();
    }

    @Test
    void theFirstBatchCarriesTheRequestedBacklog() throws Exception {
        engine(1000);
        feedAlternating(engine, 100);
        List<EngineBatch> batches = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribe(Duration.ofMillis(10), 30, batches::add)) {
            await(() -> !batches.isEmpty());
            assertThat(batches.getFirst().points()).extracting(StreamPoint::sequence)
                    .containsExactlyElementsOf(range(70, 100));
        }
    }

    @Test
    void aStuckSubscriberDelaysNeitherTheEngineNorOthersAndCountsWhatItLost() throws Exception {
        engine(100);
        CountDownLatch release = new CountDownLatch(1);
        List<EngineBatch> stuckGot = new CopyOnWriteArrayList<>();
        Subscription stuck = engine.subscribe(Duration.ofMillis(10), b -> {
            stuckGot.add(b);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<StreamPoint> healthy = new CopyOnWriteArrayList<>();
        Subscription ok = engine.subscribe(Duration.ofMillis(10), b -> healthy.addAll(b.points()));
        engine.process(0, 1, false);
        await(() -> stuckGot.size() == 1);
        for (int i = 1; i < 20_000; i++) {
            engine.process(i, i % 2, false);
            if (i % 50 == 0) {
                Thread.sleep(0, 1);
            }
        }
        assertThat(engine.status().points()).isEqualTo(20_000);
        await(() -> !healthy.isEmpty() && healthy.getLast().sequence() == 19_999);
        release.countDown();
        await(() -> stuckGot.size() >= 2);
        assertThat(stuck.dropped()).isGreaterThan(0);
        assertThat(stuckGot.get(1).dropped()).isEqualTo(stuck.dropped());
        stuck.close();
        ok.close();
    }

    @Test
    void aListenerThatThrowsStaysSubscribedAndGetsLaterBatches() throws Exception {
        engine(1000);
        List<Integer> calls = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.subscribe(Duration.ofMillis(10), b -> {
            calls.add(b.points().size());
            throw new IllegalStateException("view bug");
        })) {
            engine.process(0, 1, false);
            await(() -> calls.size() == 1);
            engine.process(1, 1, false);
            await(() -> calls.size() == 2);
        }
    }

    @Test
    void aNewWindowIsSeededFromHistoryInsteadOfLearningAgain() {
        engine(1000);
        feedAlternating(engine, 300);
        engine.applyDetector(zscore(3, 200, 150));
        assertThat(engine.status().learning()).isFalse();
        StreamPoint p = engine.process(300, 0, false);
        assertThat(p.learning()).isFalse();
        assertThat(p.expected()).isEqualTo(0.5);
        engine.applyDetector(zscore(2, 200, 150));
        assertThat(engine.detectorChoice().setting("threshold")).isEqualTo("2.0");
        assertThat(engine.process(301, 1, false).upper()).isEqualTo(1.5);
    }

    @Test
    void theSimulatorTicksAtTheUpdateIntervalWhenEnabled() throws Exception {
        engine = new DetectionEngine(new EngineProperties("sim", 1, 1000, 100, true), List.of());
        engine.applyUpdateInterval(Duration.ofMillis(10));
        engine.start();
        await(() -> engine.status().points() >= DetectionEngine.BACKFILL_POINTS + 20); // its past, then ticks
        engine.stop();
        long stopped = engine.status().points();
        Thread.sleep(100);
        assertThat(engine.status().points()).isEqualTo(stopped);
        engine.start();
        await(() -> engine.status().points() > stopped);
    }

    @Test
    void verdictIsCopiedSoHandlersCanKeepWhatTheyCopy() {
        List<Verdict> kept = new ArrayList<>();
        engine(1000, (s, t, v) -> kept.add(v));
        feedAlternating(engine, 40);
        engine.process(40, 10, false);
        assertThat(kept).hasSize(1);
        assertThat(kept.getFirst().value()).as("the holder is reused by the next point").isEqualTo(10);
        engine.process(41, 0, false);
        assertThat(kept.getFirst().value()).isEqualTo(0);
    }

    static DetectorChoice zscore(double threshold, int window, int warmup) {
        return new DetectorChoice("zscore", Map.of("threshold", Double.toString(threshold),
                "window", Integer.toString(window), "warmup", Integer.toString(warmup)));
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void simulatedStreamsStartWithAPastThatRaisesNothing() {
        List<String> handled = new CopyOnWriteArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        engine = new DetectionEngine(new EngineProperties("sim", 2, 1_000, 100, true),
                List.of((stream, time, verdict) -> handled.add(stream)), clock);
        engine.applyDetector(new DetectorChoice("default", Map.of()));

        engine.backfill();

        for (String stream : List.of("sim", "sim-2")) {
            List<StreamPoint> past = engine.recent(stream, Integer.MAX_VALUE);
            assertThat(past).hasSize(1_000); // the history's capacity, of 1,200 points of past
            assertThat(past.getLast().epochMillis()).isEqualTo(clock.millis() - 200);
            assertThat(past).noneMatch(StreamPoint::anomaly);
            assertThat(past.stream().filter(StreamPoint::injected).count()).as("the simulator's injections show")
                    .isPositive();
            StreamStatus status = engine.status(stream);
            assertThat(status.learning()).as("past its warm-up and its first cycle").isFalse();
            assertThat(status.anomalies()).isZero();
            assertThat(status.injected()).isZero();
        }
        assertThat(handled).as("nothing logged or notified").isEmpty();
    }

    @Test
    void aLoadTestsThousandsOfSimulatedStreamsGetNoPast() {
        engine = new DetectionEngine(new EngineProperties("sim", DetectionEngine.BACKFILL_MAX_STREAMS + 1, 100,
                100_000, true), List.of());
        engine.backfill();
        assertThat(engine.status("sim").points()).isZero();
    }
}
