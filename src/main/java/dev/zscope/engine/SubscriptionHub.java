package dev.zscope.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the engine produces (a stream's points, the engine-wide anomaly feed) to
 * subscribers in batches, each at its own interval.
 *
 * <p>A subscriber is only a cursor into a bounded {@link Source}: the engine never waits for it and
 * never queues for it. A scheduler thread wakes each subscription at its interval and hands the new
 * items to the listener on a virtual thread; while one delivery is still running the next is
 * skipped, so a slow or stuck listener delays only itself and, if it falls further behind than the
 * source holds, loses the oldest items (counted in {@link Subscription#dropped}). After
 * {@link #close()} nothing is delivered and new subscriptions are refused quietly (a view attaching
 * during shutdown gets a closed subscription, not an error).
 */
final class SubscriptionHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionHub.class);
    private static final int MAX_BATCH = 5_000;

    /** A bounded, numbered sequence of items. */
    interface Source<T> {
        long nextSequence();

        /** The oldest item still held. */
        long oldestSequence();

        /** Adds up to {@code max} items from {@code from} on; returns how many were already gone. */
        long since(long from, int max, List<T> into);
    }

    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Sub<?, ?>> subscriptions = ConcurrentHashMap.newKeySet();
    private final Set<Live> liveSubscriptions = ConcurrentHashMap.newKeySet();
    /** Items every subscriber together lost by falling behind, since start: for the metrics. */
    private final java.util.concurrent.atomic.LongAdder droppedTotal = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean closed;

    SubscriptionHub() {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zscope-push");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes to {@code source}, starting {@code backlog} items before its newest; every
     * {@code interval} the new items (and how many were lost) become a batch for {@code listener}.
     */
    <T, B> Subscription subscribe(Source<T> source, Duration interval, int backlog,
                                  BiFunction<List<T>, Long, B> batch, Consumer<B> listener) {
        long start = Math.max(source.oldestSequence(), source.nextSequence() - Math.max(0, backlog));
        Sub<T, B> sub = new Sub<>(source, batch, listener, start);
        if (closed) {
            sub.closed = true;
            return sub;
        }
        subscriptions.add(sub);
        long millis = Math.max(10, interval.toMillis());
        try {
            sub.future = scheduler.scheduleWithFixedDelay(sub::tick, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            sub.close();
        }
        return sub;
    }

    /**
     * A live subscription: the feed from now on, plus the points of the stream {@code follow}
     * names ({@code history} finds its history and status), delivered together every
     * {@code interval}, and at least every {@code heartbeat} even when nothing is new, so a page
     * refreshes its figures (rates decay, a stream goes stale) while nothing happens.
     */
    LiveSubscription subscribeLive(Source<Anomaly> feed, java.util.function.Function<String, StreamHandle> streams,
                                   Duration interval, Duration heartbeat, Consumer<LiveBatch> listener) {
        Live live = new Live(feed, streams, listener, Math.max(1, heartbeat.toMillis() / Math.max(10, interval.toMillis())));
        if (closed) {
            live.closed = true;
            return live;
        }
        liveSubscriptions.add(live);
        long millis = Math.max(10, interval.toMillis());
        try {
            live.future = scheduler.scheduleWithFixedDelay(live::tick, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            live.close();
        }
        return live;
    }

    /** A stream as a live subscription sees it: its history and a way to read its status. */
    record StreamHandle(String name, Source<StreamPoint> history, java.util.function.Supplier<StreamStatus> status) {
    }

    int size() {
        return subscriptions.size() + liveSubscriptions.size();
    }

    /** How many items all subscriptions together lost since start because they fell behind. */
    long droppedTotal() {
        return droppedTotal.sum();
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Sub::close);
        liveSubscriptions.forEach(Live::close);
        scheduler.shutdownNow();
        deliveries.shutdownNow();
    }

    private final class Sub<T, B> implements Subscription {
        private final Source<T> source;
        private final BiFunction<List<T>, Long, B> batch;
        private final Consumer<B> listener;
        private final AtomicBoolean inFlight = new AtomicBoolean();
        private volatile long cursor;
        private volatile long dropped;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> future;

        Sub(Source<T> source, BiFunction<List<T>, Long, B> batch, Consumer<B> listener, long cursor) {
            this.source = source;
            this.batch = batch;
            this.listener = listener;
            this.cursor = cursor;
        }

        void tick() {
            if (closed || !inFlight.compareAndSet(false, true)) {
                return;
            }
            List<T> items = new ArrayList<>();
            long lost = source.since(cursor, MAX_BATCH, items);
            if (items.isEmpty() && lost == 0) {
                inFlight.set(false);
                return;
            }
            cursor += lost + items.size();
            dropped += lost;
            droppedTotal.add(lost);
            B next = batch.apply(items, lost);
            try {
                deliveries.execute(() -> deliver(next));
            } catch (RejectedExecutionException shuttingDown) {
                inFlight.set(false);
            }
        }

        private void deliver(B next) {
            try {
                if (!closed) {
                    listener.accept(next);
                }
            } catch (RuntimeException e) {
                log.warn("Subscriber {} failed on a batch; it stays subscribed", listener, e);
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

    private final class Live implements LiveSubscription {
        private final Source<Anomaly> feed;
        private final java.util.function.Function<String, StreamHandle> streams;
        private final Consumer<LiveBatch> listener;
        private final long heartbeatTicks;
        private final AtomicBoolean inFlight = new AtomicBoolean();
        private long feedCursor;
        private StreamHandle stream;
        private long pointCursor;
        private long quietTicks;
        private long dropped;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> future;

        Live(Source<Anomaly> feed, java.util.function.Function<String, StreamHandle> streams,
             Consumer<LiveBatch> listener, long heartbeatTicks) {
            this.feed = feed;
            this.streams = streams;
            this.listener = listener;
            this.heartbeatTicks = heartbeatTicks;
            this.feedCursor = feed.nextSequence();
        }

        @Override
        public synchronized void follow(String name, int backlog) {
            stream = name == null ? null : streams.apply(name);
            if (stream != null) {
                Source<StreamPoint> h = stream.history();
                pointCursor = Math.max(h.oldestSequence(), h.nextSequence() - Math.max(0, backlog));
            }
            quietTicks = heartbeatTicks; // deliver at the next tick, even if nothing is new
        }

        void tick() {
            if (closed || !inFlight.compareAndSet(false, true)) {
                return;
            }
            LiveBatch batch = safeNext();
            if (batch == null) {
                inFlight.set(false);
                return;
            }
            try {
                deliveries.execute(() -> {
                    try {
                        if (!closed) {
                            listener.accept(batch);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Live subscriber {} failed on a batch; it stays subscribed", listener, e);
                    } finally {
                        inFlight.set(false);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                inFlight.set(false);
            }
        }

        /** {@link #next()}, never throwing: a scheduled task that throws is never run again. */
        private LiveBatch safeNext() {
            try {
                return next();
            } catch (RuntimeException e) {
                log.error("Live subscription {} failed to read its next batch; it goes on", listener, e);
                return null;
            }
        }

        private synchronized LiveBatch next() {
            List<Anomaly> anomalies = new ArrayList<>();
            long lostAnomalies = feed.since(feedCursor, MAX_BATCH, anomalies);
            feedCursor += lostAnomalies + anomalies.size();
            List<StreamPoint> points = new ArrayList<>();
            long lostPoints = 0;
            if (stream != null) {
                lostPoints = stream.history().since(pointCursor, MAX_BATCH, points);
                pointCursor += lostPoints + points.size();
            }
            boolean news = !anomalies.isEmpty() || !points.isEmpty() || lostAnomalies + lostPoints > 0;
            if (!news && ++quietTicks < heartbeatTicks) {
                return null;
            }
            quietTicks = 0;
            dropped += lostPoints + lostAnomalies;
            droppedTotal.add(lostPoints + lostAnomalies);
            return new LiveBatch(stream == null ? null : stream.name(), points, lostPoints,
                    stream == null ? null : stream.status().get(), anomalies, lostAnomalies);
        }

        @Override
        public synchronized long dropped() {
            return dropped;
        }

        @Override
        public void close() {
            closed = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            liveSubscriptions.remove(this);
        }
    }
}
