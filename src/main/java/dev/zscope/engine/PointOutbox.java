package dev.zscope.engine;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the engine hands judged points to the point store, off its hot path: each stream fills a
 * {@link PointChunk} under its own lock and queues it here when it is full, or when the store asks
 * ({@link DetectionEngine#flushPoints}); renames and deletions are queued in the same order, so the
 * store sees a stream's points and its changes of name as they happened. The store's one writer
 * thread takes them ({@link #poll}) and gives the chunks back.
 *
 * <p>Bounded: the chunks out at any time hold at most {@code maxPoints} points. When the writer
 * falls that far behind (a slow or full disk), new points are not kept for the store; they are
 * counted ({@link #dropped}) and the engine goes on at full speed. The in-memory history and the
 * anomaly store do not depend on this.
 */
public final class PointOutbox {

    /** What the queue carries: a chunk of points, or a change of a stream's name. */
    public sealed interface Item permits PointChunk, Renamed, Deleted, Flush {
    }

    /** Asks the writer to write everything now; {@code done} completes when it has. */
    public record Flush(java.util.concurrent.CompletableFuture<Void> done) implements Item {
    }

    /** {@code from} is called {@code to} from here on. */
    public record Renamed(String from, String to) implements Item {
    }

    /** {@code stream} was deleted here: what it had is no longer its history. */
    public record Deleted(String stream) implements Item {
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final long maxPoints;
    private final AtomicLong reserved = new AtomicLong();
    private final LongAdder dropped = new LongAdder();

    PointOutbox(long maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** A chunk of {@code capacity} points, or null when the outbox holds its maximum already. */
    PointChunk obtain(int capacity) {
        if (reserved.addAndGet(capacity) > maxPoints) {
            reserved.addAndGet(-capacity);
            return null;
        }
        return new PointChunk(capacity);
    }

    /** Queues a chunk the engine is done with (an empty one is given back at once). */
    void offer(PointChunk chunk) {
        if (chunk.size() == 0) {
            recycle(chunk);
        } else {
            queue.add(chunk);
        }
    }

    void offer(Item event) {
        queue.add(event);
    }

    /** Queues a {@link Flush} behind everything queued so far; for the store (shutdown, tests). */
    public java.util.concurrent.CompletableFuture<Void> requestFlush() {
        Flush f = new Flush(new java.util.concurrent.CompletableFuture<>());
        queue.add(f);
        return f.done();
    }

    void drop() {
        dropped.increment();
    }

    /** The next item, waiting up to {@code timeout}; null when none came. For the store's writer. */
    public Item poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** The next item without waiting, or null. */
    public Item poll() {
        return queue.poll();
    }

    /** Gives a chunk's room back once its points are written (or given up). */
    public void recycle(PointChunk chunk) {
        reserved.addAndGet(-chunk.capacity());
    }

    /** Points the engine could not hand over because the outbox was full, since the start. */
    public long dropped() {
        return dropped.sum();
    }

    /** Points in chunks not yet given back. */
    public long pending() {
        return reserved.get();
    }
}
