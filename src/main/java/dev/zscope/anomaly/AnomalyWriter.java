package dev.zscope.anomaly;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves recorded anomalies into the database from one daemon thread, so that the engine, which
 * records on its own thread, waits for a queue rather than for the database.
 *
 * <p>The writer collects anomalies for {@code interval} (or until a batch is full) and inserts them
 * in one transaction; {@link #flush} makes it go at once and waits, so that a query sees what was
 * recorded before it. Rows leave the queue only once committed: a failed insert (database down) is
 * logged and retried every second, in order, and nothing is dropped.
 *
 * <p>When the queue is full, {@link #submit} blocks for up to {@link #BLOCK_WHEN_FULL} so that a
 * briefly slow database slows the recorder down instead of growing memory. If the database is still
 * behind after that, the queue grows past its capacity (about 200 bytes an anomaly), an error is
 * logged, and recording no longer blocks until the queue is back under half its capacity: the engine
 * must not stall during an outage, and every anomaly is in {@code anomalies.csv} as well.
 */
final class AnomalyWriter implements AutoCloseable {

    static final Duration BLOCK_WHEN_FULL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyWriter.class);
    private static final int MAX_BATCH = 10_000;
    private static final long RETRY_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final AnomalyTable table;
    private final int capacity;
    private final long intervalNanos;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<AnomalyTable.Row> queue = new ArrayDeque<>(); // guarded by lock
    private long submitted;     // rows ever submitted; guarded by lock
    private long committed;     // rows ever committed (or left out as rejected); guarded by lock
    private boolean hurry;      // a flush waits; guarded by lock
    private boolean overflowing; // guarded by lock
    private boolean closed;     // guarded by lock
    private boolean failing;    // only the writer thread

    AnomalyWriter(AnomalyTable table, int capacity, Duration interval) {
        this.table = table;
        this.capacity = capacity;
        this.intervalNanos = Math.max(1, interval.toNanos());
        this.thread = Thread.ofPlatform().name("anomaly-db-writer").daemon().start(this::run);
    }

    /** Queues the rows behind everything submitted before; see the class comment for a full queue. */
    void submit(List<AnomalyTable.Row> rows) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + BLOCK_WHEN_FULL.toNanos();
            while (!overflowing && !closed && queue.size() + rows.size() > capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    overflowing = true;
                    LOG.error("The database is behind by {} anomalies; keeping them in memory until it catches up",
                            queue.size());
                    break;
                }
                progress.awaitNanos(left);
            }
            queue.addAll(rows);
            submitted += rows.size();
            if (queue.size() >= MAX_BATCH) {
                wake.signal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.addAll(rows); // never drop: queue them anyway
            submitted += rows.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything submitted before this call is in the database, or {@code timeout}
     * passed (the database is down); returns whether it is.
     */
    boolean flush(Duration timeout) {
        lock.lock();
        try {
            long target = submitted;
            long left = timeout.toNanos();
            while (committed < target && left > 0 && thread.isAlive()) {
                hurry = true;
                wake.signal();
                left = progress.awaitNanos(left);
            }
            return committed >= target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** How many anomalies wait for the database. */
    int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<AnomalyTable.Row> batch = next();
            if (batch == null) {
                return;
            }
            try {
                table.insert(batch);
                if (failing) {
                    failing = false;
                    LOG.info("The database accepts anomalies again");
                }
                done(batch.size());
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.error("Cannot write anomalies to the database; retrying every second", e);
                }
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** The next batch, left in the queue until committed; {@code null} once closed and drained. */
    private List<AnomalyTable.Row> next() {
        lock.lock();
        try {
            long left = intervalNanos;
            while (!closed && !hurry && (queue.isEmpty() || queue.size() < MAX_BATCH && left > 0)) {
                left = wake.awaitNanos(queue.isEmpty() ? intervalNanos : left);
            }
            if (queue.isEmpty()) {
                hurry = false;
                return closed ? null : List.of();
            }
            List<AnomalyTable.Row> batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size()));
            for (AnomalyTable.Row row : queue) {
                if (batch.size() == MAX_BATCH) {
                    break;
                }
                batch.add(row);
            }
            return batch;
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void done(int rows) {
        lock.lock();
        try {
            for (int i = 0; i < rows; i++) {
                queue.removeFirst();
            }
            committed += rows;
            if (queue.isEmpty()) {
                hurry = false;
            }
            if (overflowing && queue.size() <= capacity / 2) {
                overflowing = false;
                LOG.info("The database has caught up with the anomalies");
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits before a retry; false when closed meanwhile, leaving the rest to the next start's import. */
    private boolean pause() {
        lock.lock();
        try {
            if (!closed) {
                wake.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking work and writes what is queued, waiting up to ten seconds. Whatever is still
     * queued then is in {@code anomalies.csv} and is imported at the next start (see {@link LogImport}),
     * except anomalies the log could not take either, which are reported here.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            long unlogged = queue.stream().filter(row -> !row.logged()).count();
            if (!queue.isEmpty()) {
                LOG.warn("Closing with {} anomalies not in the database; {} of them are in no log either and are lost",
                        queue.size(), unlogged);
            }
        } finally {
            lock.unlock();
        }
    }
}
