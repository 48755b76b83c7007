package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes anomalies durable in groups: one thread takes everything submitted since its last round
 * (up to {@code maxGroup} anomalies, whole submissions only), appends it to {@code anomalies.csv}
 * and forces it to disk, inserts it into the database together with the new log mark in one
 * transaction, and only then completes the submitters' futures. Concurrent writers therefore share
 * one write, one sync and one commit, and every acknowledged anomaly is in both stores.
 *
 * <p>If the log cannot be written the group is refused and the log is as before; if the database
 * refuses it, the group's lines are cut from the log again. Either way the futures fail with a
 * {@link StoreUnavailableException}, nothing of the group is in either store, and the next group is
 * tried afresh, so writing resumes by itself once the disk has room or the database is back.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private record Submission(List<Anomaly> anomalies, Map<String, Long> marks, CompletableFuture<Void> done,
                              long submittedNanos) {
    }

    /** How often a failing store is probed for whether it can be written again. */
    static final long PROBE_MILLIS = 2_000;

    private final AnomalyLog log;
    private final AnomalyTable table;
    private final int maxGroup;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Submission> queue = new ArrayDeque<>(); // guarded by lock
    private final int maxQueued;
    private int queued; // anomalies in the queue; guarded by lock
    private boolean closed; // guarded by lock
    private volatile StoreHealth health = StoreHealth.OK;
    /** When the oldest submission of the group being committed was queued (nanoTime), 0 when none is. */
    private volatile long committingSince;
    private final java.util.concurrent.atomic.LongAdder logFailures = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder databaseFailures = new java.util.concurrent.atomic.LongAdder();
    /** Set when the database failed: before the next group, the log's lines past its mark go in. */
    private boolean resync; // only the committer thread
    private final Thread thread;

    GroupCommit(AnomalyLog log, AnomalyTable table, int maxGroup, Clock clock) {
        this.log = log;
        this.table = table;
        this.maxGroup = maxGroup;
        this.maxQueued = 100 * maxGroup;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("anomaly-commit").daemon().start(this::run);
    }

    /**
     * Queues {@code anomalies}; the future completes once they are in the log and the database. A
     * store already {@code 100 × maxGroup} anomalies behind (a database far slower than the engine)
     * refuses at once rather than hold ever more in memory.
     */
    CompletableFuture<Void> submit(List<Anomaly> anomalies) {
        return submit(anomalies, Map.of());
    }

    /**
     * {@link #submit(List)} with source marks (see {@link AnomalyService#record(List, Map)}), moved in
     * the same transaction as the anomalies; a later submission's mark of a source replaces an
     * earlier one's.
     */
    CompletableFuture<Void> submit(List<Anomaly> anomalies, Map<String, Long> marks) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                done.completeExceptionally(new StoreUnavailableException("the anomaly store is closed", null));
                return done;
            }
            if (queued + anomalies.size() > maxQueued && queued > 0) {
                done.completeExceptionally(new StoreUnavailableException("the anomaly store is " + queued
                        + " anomalies behind", null));
                return done;
            }
            queued += anomalies.size();
            queue.add(new Submission(anomalies, marks, done, System.nanoTime()));
            work.signal();
        } finally {
            lock.unlock();
        }
        return done;
    }

    StoreHealth health() {
        return health;
    }

    /** Anomalies waiting to be kept, and how long the oldest of them has waited (for the metrics). */
    AnomalyService.Backlog backlog() {
        long now = System.nanoTime();
        long oldest = committingSince;
        int waiting;
        lock.lock();
        try {
            waiting = queued;
            if (oldest == 0 && !queue.isEmpty()) {
                oldest = queue.peek().submittedNanos();
            }
        } finally {
            lock.unlock();
        }
        return new AnomalyService.Backlog(waiting, oldest == 0 ? 0 : Math.max(0, (now - oldest) / 1_000_000));
    }

    /** Groups the log, and groups the database, refused since start. */
    AnomalyService.WriteFailures failures() {
        return new AnomalyService.WriteFailures(logFailures.sum(), databaseFailures.sum());
    }

    private void run() {
        while (true) {
            List<Submission> group = next();
            if (group == null) {
                return;
            }
            if (!group.isEmpty()) {
                committingSince = group.getFirst().submittedNanos();
                try {
                    commit(group);
                } finally {
                    committingSince = 0;
                }
            } else if (!health.ok()) {
                probe();
            }
        }
    }

    /**
     * While failing: whether both stores take a write again (a byte appended to the log and cut
     * off, the mark rewritten in a transaction), so that writing resumes by itself when space
     * returns, even if nobody sends anomalies meanwhile.
     */
    private void probe() {
        try {
            log.probe();
            table.probe();
        } catch (IOException | RuntimeException stillFailing) {
            table.resetConnections();
            resync = true;
            return;
        }
        if (resync && !resync()) {
            return;
        }
        LOG.info("Anomalies can be kept again (failing since {})", health.since());
        health = StoreHealth.OK;
    }

    /** The next group; empty when a failing store is due for a probe; null once closed and drained. */
    private List<Submission> next() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                if (health.ok()) {
                    work.awaitUninterruptibly();
                } else if (!work.await(PROBE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return List.of();
                }
            }
            if (queue.isEmpty()) {
                return null;
            }
            List<Submission> group = new ArrayList<>();
            int size = 0;
            while (!queue.isEmpty() && (group.isEmpty() || size + queue.peek().anomalies().size() <= maxGroup)) {
                Submission s = queue.poll();
                size += s.anomalies().size();
                group.add(s);
            }
            queued -= size;
            return group;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Submission> group) {
        List<Anomaly> anomalies = new ArrayList<>();
        Map<String, Long> marks = new LinkedHashMap<>();
        group.forEach(s -> {
            anomalies.addAll(s.anomalies());
            marks.putAll(s.marks());
        });
        if (resync && !resync()) {
            fail(group, "Cannot bring the database level with " + log.file(), new IOException("still failing"));
            return;
        }
        long before = log.end();
        long after;
        try {
            after = log.append(anomalies);
        } catch (IOException | RuntimeException e) {
            logFailures.increment();
            fail(group, "Cannot write " + log.file(), e);
            return;
        }
        try {
            table.insert(anomalies, after, marks);
        } catch (RuntimeException e) {
            try {
                log.truncate(before);
            } catch (IOException undo) {
                e.addSuppressed(undo);
            }
            table.resetConnections();
            resync = true;
            databaseFailures.increment();
            fail(group, "Cannot write anomalies to the database", e);
            return;
        }
        if (!health.ok()) {
            LOG.info("Anomalies can be kept again (failing since {})", health.since());
            health = StoreHealth.OK;
        }
        group.forEach(s -> s.done().complete(null));
    }

    private void fail(List<Submission> group, String what, Exception e) {
        StoreUnavailableException failure = new StoreUnavailableException(what + ": " + e.getMessage(), e);
        if (health.ok()) {
            LOG.error("{}; anomalies are refused until it works again", what, e);
            health = new StoreHealth(false, failure.diskFull(), clock.instant(), failure.getMessage());
        }
        group.forEach(s -> s.done().completeExceptionally(failure));
    }

    /** Imports what the log holds past the database's mark; says whether the database is level again. */
    private boolean resync() {
        try {
            Long mark = table.loggedBytes();
            AnomalyService.importTail(log, table, mark == null ? AnomalyLog.headerEnd() : mark, System.nanoTime());
            resync = false;
            return true;
        } catch (IOException | RuntimeException e) {
            table.resetConnections();
            return false;
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
