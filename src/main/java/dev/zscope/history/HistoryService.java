package dev.zscope.history;

import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.PointOutbox;
import dev.zscope.engine.StreamPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The point store's public face: every judged point of every stream is kept on disk for
 * {@code zscope.history.raw-retention}, and as one-minute summaries (with every anomaly) for
 * {@code zscope.history.rollup-retention}, within {@code zscope.history.max-disk-size}; a
 * {@link #series} reads a stream's range back, thinned to a step. Points reach the store through
 * the engine's {@link PointOutbox}, written by one thread of its own ({@code zscope-history}), so the
 * engine never waits for the disk. See {@code src/docs/history.md} for the files and their format.
 *
 * <p>Reads are bounded: at most {@link #MAX_BUCKETS} buckets and {@link #MAX_MARKS} marks each, and
 * {@link #CONCURRENT_READS} at a time (others wait up to ten seconds, then are refused), so no
 * viewer or API client can make the server read the whole store at once.
 */
@Service
public class HistoryService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HistoryService.class);

    /** The most buckets one read returns. */
    public static final int MAX_BUCKETS = 10_000;
    /** The most anomalies and injected points one read returns. */
    public static final int MAX_MARKS = 10_000;
    static final int CONCURRENT_READS = 4;

    private final DetectionEngine engine;
    private final HistoryProperties properties;
    private final HistoryHealth health = new HistoryHealth();
    private final Semaphore reads = new Semaphore(CONCURRENT_READS, true);
    private final SegmentStore store;
    private final SeriesReader reader;
    private final PointOutbox outbox;
    private final PointWriter writer;
    private final Thread thread;
    /** Counted down once the files there were at start are indexed; reads wait for it. */
    private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);

    @Autowired
    public HistoryService(HistoryProperties properties, DetectionEngine engine) {
        this(properties, engine, Clock.systemUTC());
    }

    public HistoryService(HistoryProperties properties, DetectionEngine engine, Clock clock) {
        this.engine = engine;
        this.properties = properties;
        if (!properties.enabled()) {
            store = null;
            reader = null;
            outbox = null;
            writer = null;
            thread = null;
            return;
        }
        store = new SegmentStore(properties);
        reader = new SeriesReader(store);
        outbox = engine.openPointOutbox(properties.bufferedPoints());
        writer = new PointWriter(store, outbox, engine::flushPoints, properties, clock, health);
        thread = Thread.ofPlatform().name("zscope-history").daemon().unstarted(() -> {
            long start = System.nanoTime();
            try {
                store.open();
            } catch (IOException | RuntimeException e) {
                log.error("The point store in {} could not be opened; earlier points cannot be shown", 
                        properties.dataDirectory(), e);
            }
            health.bytes(store.bytes(), store.fileCount());
            opened.countDown();
            log.info("Point store: {} files, {} MB, opened in {} ms", store.fileCount(), store.bytes() >> 20,
                    (System.nanoTime() - start) / 1_000_000);
            writer.run();
            store.close();
        });
        thread.start();
    }

    /** Whether points are stored at all ({@code zscope.history.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * {@code stream}'s points in {@code [from, to]} (epoch ms), one bucket per {@code step} ms, with
     * every anomaly and injected point; the newest come from the engine's memory, so a range that
     * ends now includes points not yet written.
     *
     * @throws IllegalArgumentException when {@code from > to}, {@code step < 1} or the range holds
     *                                  more than {@link #MAX_BUCKETS} steps
     * @throws HistoryBusyException     when {@link #CONCURRENT_READS} reads ran for ten seconds
     * @throws UncheckedIOException     when the store's files cannot be read
     */
    public Series series(String stream, long from, long to, long step) {
        if (from > to) {
            throw new IllegalArgumentException("'from' must not be after 'to'");
        }
        if (step < 1) {
            throw new IllegalArgumentException("'step' must be at least 1 ms");
        }
        if (Buckets.count(from, to, step) > MAX_BUCKETS) {
            throw new IllegalArgumentException("the range holds more than " + MAX_BUCKETS
                    + " steps: choose a larger step or a shorter range");
        }
        acquireRead();
        try {
            List<StreamPoint> memory = engine.exists(stream) ? engine.recent(stream, Integer.MAX_VALUE) : List.of();
            long memoryFrom = memory.isEmpty() ? Long.MAX_VALUE : memory.getFirst().epochMillis();
            Buckets buckets = new Buckets(from, to, step);
            Marks marks = new Marks(MAX_MARKS);
            if (reader != null) {
                reader.read(stream, from, to, step, memoryFrom, buckets, marks);
            }
            for (StreamPoint p : memory) {
                long t = p.epochMillis();
                if (t >= from && t <= to) {
                    buckets.point(t, p.value(), p.expected(), p.lower(), p.upper());
                    if (p.anomaly() || p.injected()) {
                        marks.add(new Series.Mark(t, p.value(), p.expected(), p.lower(), p.upper(), p.score(),
                                p.severity(), p.anomaly(), p.injected()));
                    }
                }
            }
            long lastSequence = memory.isEmpty() ? -1 : memory.getLast().sequence();
            return new Series(stream, from, to, step, buckets.result(), marks.sorted(), marks.truncated(),
                    lastSequence);
        } finally {
            reads.release();
        }
    }

    /** A read's turn: one of the concurrent reads, once the files there were at start are indexed. */
    private void acquireRead() {
        try {
            if (!reads.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new HistoryBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryBusyException();
        }
        boolean ready = false;
        try {
            ready = thread == null || opened.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!ready) {
                reads.release();
            }
        }
        if (!ready) {
            throw new HistoryBusyException();
        }
    }

    /** What the store holds and has done; for the status line and diagnostics. */
    public HistoryHealth.Snapshot health() {
        return health.snapshot(outbox == null ? 0 : outbox.dropped());
    }

    /**
     * Writes every point judged so far (the minutes still being summed stay open); for tests and
     * tools that read right after writing. Completes at once when the store is off.
     */
    public java.util.concurrent.CompletableFuture<Void> flush() {
        return outbox == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : outbox.requestFlush();
    }

    /** Writes what is buffered, the open minutes too, and closes the files, on shutdown. */
    @Override
    public void destroy() throws InterruptedException {
        if (thread == null) {
            return;
        }
        writer.stop();
        outbox.requestFlush();
        thread.join(30_000);
        if (thread.isAlive()) {
            log.warn("The point store's writer did not finish within 30 s; the last seconds of points may be missing");
        }
    }
}
