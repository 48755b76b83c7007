package dev.zscope.anomaly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The anomalies the grid can query, in memory so that filtering and sorting a million rows takes
 * milliseconds rather than a file scan. Bounded: beyond the capacity the earliest recorded anomaly
 * is dropped (it stays in the log file), so memory cannot grow without limit.
 *
 * <p>Thread-safe for one writer (the engine) and many readers (one per browser): a ring buffer
 * under a read-write lock. Readers only copy the matching references under the lock and sort
 * outside it ({@link QuerySort}), so the engine is held up for a scan at most. The last few sorted results are cached
 * until the next write, because a grid asks for the count and then page after page of the same query.
 */
final class AnomalyStore {

    private static final int CACHED_QUERIES = 4;

    private final int capacity;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Anomaly[] ring;     // guarded by lock; grows up to capacity
    private int head;           // index of the earliest anomaly; guarded by lock
    private int size;           // guarded by lock
    private long version;       // bumped by every write; guarded by lock
    private final Map<AnomalyQuery, Result> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AnomalyQuery, Result> eldest) {
            return size() > CACHED_QUERIES;
        }
    }; // guarded by itself

    private record Result(long version, List<Anomaly> rows) {
    }

    AnomalyStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new Anomaly[Math.min(capacity, 1024)];
    }

    /** Adds the anomaly as the newest one, dropping the earliest if the store is full. */
    void add(Anomaly anomaly) {
        lock.writeLock().lock();
        try {
            if (size == ring.length && ring.length < capacity) {
                grow();
            }
            if (size == ring.length) {
                ring[head] = anomaly;
                head = (head + 1) % ring.length;
            } else {
                ring[(head + size) % ring.length] = anomaly;
                size++;
            }
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void grow() {
        Anomaly[] bigger = new Anomaly[(int) Math.min(capacity, 2L * ring.length)];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Every anomaly the query matches, in its order, as an unmodifiable list that later writes do not
     * change. Ties in the sort key keep recording order in the query's direction (for a descending
     * sort, later recorded first), so pages never overlap.
     */
    List<Anomaly> matching(AnomalyQuery query) {
        ArrayList<Anomaly> rows = new ArrayList<>();
        long seen;
        lock.readLock().lock();
        try {
            seen = version;
            synchronized (cache) {
                Result cached = cache.get(query);
                if (cached != null && cached.version() == seen) {
                    return cached.rows();
                }
            }
            // Walk in the query's direction, so that ties end up in recording order that way round.
            boolean newestFirst = query.direction() == AnomalyQuery.Direction.DESCENDING;
            for (int i = 0; i < size; i++) {
                Anomaly anomaly = ring[(head + (newestFirst ? size - 1 - i : i)) % ring.length];
                if (query.matches(anomaly)) {
                    rows.add(anomaly);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<Anomaly> result = Collections.unmodifiableList(QuerySort.sort(rows, query));
        synchronized (cache) {
            cache.put(query, new Result(seen, result));
        }
        return result;
    }

    /**
     * How many anomalies the query matches: the size of a cached result if there is a current one,
     * else a scan that neither copies nor sorts, because a grid's count need not come sorted.
     */
    int count(AnomalyQuery query) {
        lock.readLock().lock();
        try {
            synchronized (cache) {
                Result cached = cache.get(query);
                if (cached != null && cached.version() == version) {
                    return cached.rows().size();
                }
            }
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (query.matches(ring[(head + i) % ring.length])) {
                    count++;
                }
            }
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }
}
