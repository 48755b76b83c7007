package dev.zscope.anomaly;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Forces a file to disk from one daemon thread at a fixed interval, but only when something was
 * written since the last force, so that writers never wait for the disk and an idle log costs nothing.
 *
 * <p>Progress is counted in records: {@code written} reports how many have reached the operating
 * system, or -1 when the writer is closed or broken and there is nothing more to sync.
 */
final class PeriodicSync implements AutoCloseable {

    private final FileChannel channel;
    private final LongSupplier written;
    private final Consumer<Exception> onFailure;
    private final ScheduledExecutorService thread;
    private final AtomicLong count = new AtomicLong();
    private long synced;               // guarded by this
    private volatile long lastNanos;

    PeriodicSync(FileChannel channel, Duration interval, String threadName, LongSupplier written,
                 Consumer<Exception> onFailure) {
        this.channel = channel;
        this.written = written;
        this.onFailure = onFailure;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread daemon = new Thread(task, threadName);
            daemon.setDaemon(true);
            return daemon;
        });
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            syncIfBehind();
        } catch (IOException | RuntimeException e) {
            onFailure.accept(e);
        }
    }

    /**
     * Forces the file if records were written since the last force. The writer's progress is read
     * before forcing, so a record written during the force is picked up by the next one.
     */
    void syncIfBehind() throws IOException {
        long target = written.getAsLong();
        synchronized (this) {
            if (target > synced) {
                force();
                synced = target;
            }
        }
    }

    /** Forces the file unconditionally. */
    synchronized void force() throws IOException {
        channel.force(true);
        lastNanos = System.nanoTime();
        count.incrementAndGet();
    }

    /** How many forces completed. */
    long count() {
        return count.get();
    }

    /** {@link System#nanoTime()} when the last force completed, 0 if none did. */
    long lastNanos() {
        return lastNanos;
    }

    /** Stops the thread, waiting for a force in progress; does not force by itself. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
