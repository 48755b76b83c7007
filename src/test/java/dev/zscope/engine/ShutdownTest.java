package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zscope.detection.catalog.DetectorChoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Shutting down while browsers attach and detach logs no error: a shutdown used to log six or seven
 * ERROR stack traces ({@code RejectedExecutionException} in {@code SubscriptionHub.subscribe}), from
 * views that attached while the engine's push scheduler was already stopped. Views subscribe and
 * unsubscribe from several threads throughout; the engine shuts down in the middle.
 */
class ShutdownTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int SUBSCRIBERS = 8;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
    }

    @Test
    void subscribingWhileTheEngineShutsDownLogsNothingAndThrowsNothing() throws Exception {
        DetectionEngine engine = new DetectionEngine(new EngineProperties(1_000, 100, 10_000, Duration.ofMinutes(2)),
                anomalies -> CompletableFuture.completedFuture(null), new MemoryStreamStore(), CLOCK);
        engine.applyDetector(new DetectorChoice("zscore", Map.of()));
        for (int i = 0; i < 50; i++) {
            engine.process("s", i, i % 3, false);
        }
        Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(SUBSCRIBERS);
        ExecutorService views = Executors.newFixedThreadPool(SUBSCRIBERS);
        for (int t = 0; t < SUBSCRIBERS; t++) {
            views.execute(() -> {
                running.countDown();
                while (!stop.get()) {
                    try {
                        LiveSubscription live = engine.subscribeLive(Duration.ofMillis(10), Duration.ofSeconds(1), b -> { });
                        live.follow("s", 100);
                        Subscription points = engine.subscribe("s", Duration.ofMillis(10), 10, b -> { });
                        Subscription feed = engine.subscribeFeed(Duration.ofMillis(10), b -> { });
                        engine.process("s", 1, 1, false);
                        live.close();
                        points.close();
                        feed.close();
                    } catch (Throwable e) {
                        thrown.add(e);
                    }
                }
            });
        }
        running.await();
        engine.destroy();
        // Views go on attaching after the shutdown, as Vaadin's do while the server stops.
        for (int i = 0; i < 1_000 && thrown.isEmpty(); i++) {
            Thread.onSpinWait();
        }
        stop.set(true);
        views.shutdown();
        assertThat(views.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(thrown).isEmpty();
        List<String> problems = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()))
                .toList();
        assertThat(problems).isEmpty();
        LiveSubscription late = engine.subscribeLive(Duration.ofMillis(10), Duration.ofSeconds(1), b -> { });
        assertThat(engine.subscriberCount()).as("a subscription after shutdown is closed at once").isZero();
        late.close();
    }
}
