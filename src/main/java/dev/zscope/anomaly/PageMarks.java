package dev.zscope.anomaly;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where earlier pages of each recent grid query ended, so that the next page can be read by
 * seeking past that row on the sort's index ("keyset paging") instead of counting past
 * {@code OFFSET} rows, which is what made deep pages of a 10-million-row table take seconds.
 *
 * <p>A {@link Mark} is the row at a given offset of a query's result, with the table's largest id
 * when it was read. Anomalies recorded later can sort before it and push it down; {@link AnomalyTable}
 * counts those (a range scan on the primary key, cheap because they are few) before using the mark,
 * so a mark stays exact however long ago it was taken. Rows are never deleted, so nothing can pull
 * a mark up.
 *
 * <p>Bounded: the {@value #QUERIES} most recently used queries, {@value #MARKS_PER_QUERY} marks
 * each (the oldest offsets are dropped first). Thread-safe; shared by every session, since equal
 * queries have equal results.
 */
final class PageMarks {

    static final int QUERIES = 64;
    static final int MARKS_PER_QUERY = 512;

    /**
     * The row at {@code offset} of a query's result when the table's largest id was {@code maxId}.
     *
     * @param key the row's sort key in the order of {@link AnomalySql#orderBy}, without the id
     */
    record Mark(long offset, Object[] key, long id, long maxId) {
    }

    private final Map<AnomalyQuery, NavigableMap<Long, Mark>> marks =
            new LinkedHashMap<>(QUERIES * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<AnomalyQuery, NavigableMap<Long, Mark>> eldest) {
                    return size() > QUERIES;
                }
            };

    /** The mark with the largest offset at or before {@code offset}, or {@code null}. */
    synchronized Mark atOrBefore(AnomalyQuery query, long offset) {
        NavigableMap<Long, Mark> forQuery = marks.get(query);
        if (forQuery == null) {
            return null;
        }
        Map.Entry<Long, Mark> entry = forQuery.floorEntry(offset);
        return entry == null ? null : entry.getValue();
    }

    synchronized void put(AnomalyQuery query, Mark mark) {
        NavigableMap<Long, Mark> forQuery = marks.computeIfAbsent(query, q -> new TreeMap<>());
        forQuery.put(mark.offset(), mark);
        if (forQuery.size() > MARKS_PER_QUERY) {
            forQuery.pollFirstEntry();
        }
    }

    /** Forgets a mark found to be stale (its row moved past the offset it was asked for). */
    synchronized void remove(AnomalyQuery query, Mark mark) {
        NavigableMap<Long, Mark> forQuery = marks.get(query);
        if (forQuery != null) {
            forQuery.remove(mark.offset(), mark);
        }
    }
}
