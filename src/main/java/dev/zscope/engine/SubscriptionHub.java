package dev.zscope.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the engine's points to subscribers in batches, each at its own interval.
 *
 * <p>A subscriber is only a cursor into the stream's {@link PointHistory}: the engine never waits
 * for it and never queues for it. A scheduler thread wakes each subscription at its interval and
 * hands the new points to the listener on a virtual thread; while one delivery is still running
 * the next is skipped, so a slow or stuck listener delays only itself and, if it falls further
 * behind than the history holds, loses the oldest points (counted in {@link Subscription#dropped}).
 */
final class SubscriptionHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionHub.class);
    private static final int MAX_BATCH = 5_000;

    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Sub> subscriptions = ConcurrentHashMap.newKeySet();

    SubscriptionHub() {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zscope-push");
            t.setDaemon(true);
            return t;
        });
    }

    Subscription subscribe(PointHistory history, Supplier<StreamStatus> status, Duration interval,
                           int backlog, Consumer<EngineBatch> listener) {
        long millis = Math.max(10, interval.toMillis());
        long next = history.nextSequence();
        long start = Math.max(history.oldestSequence(), next - Math.max(0, backlog));
        Sub sub = new Sub(history, status, listener, start);
        subscriptions.add(sub);
        sub.future = scheduler.scheduleWithFixedDelay(sub::tick, millis, millis, TimeUnit.MILLISECONDS);
        return sub;
    }

    int size() {
        return subscriptions.size();
    }

    @Override
    public void close() {
        subscriptions.forEach(Sub::close);
        scheduler.shutdownNow();
        deliveries.shutdownNow();
    }

    private final class Sub implements Subscription {
        private final PointHistory history;
        private final Supplier<StreamStatus> status;
        private final Consumer<EngineBatch> listener;
        private final AtomicBoolean inFlight = new AtomicBoolean();
        private volatile long cursor;
        private volatile long dropped;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> future;

        Sub(PointHistory history, Supplier<StreamStatus> status, Consumer<EngineBatch> listener,
            long cursor) {
            this.history = history;
            this.status = status;
            this.listener = listener;
            this.cursor = cursor;
        }

        void tick() {
            if (closed || !inFlight.compareAndSet(false, true)) {
                return;
            }
            List<StreamPoint> points = new ArrayList<>();
            long lost = history.since(cursor, MAX_BATCH, points);
            if (points.isEmpty() && lost == 0) {
                inFlight.set(false);
                return;
            }
            cursor += lost + points.size();
            dropped += lost;
            EngineBatch batch = new EngineBatch(points, lost, status.get());
            try {
                deliveries.execute(() -> deliver(batch));
            } catch (RuntimeException rejected) {
                inFlight.set(false);
            }
        }

        private void deliver(EngineBatch batch) {
            try {
                listener.accept(batch);
            } catch (RuntimeException e) {
                log.warn("Subscriber {} failed on a batch of {} points; it stays subscribed",
                        listener, batch.points().size(), e);
            } finally {
                inFlight.set(false);
            }
        }

        @Override
        public long dropped() {
            return dropped;
        }

        @Override
        public void close() {
            closed = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            subscriptions.remove(this);
        }
    }
}
