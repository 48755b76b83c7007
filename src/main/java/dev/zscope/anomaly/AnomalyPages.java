package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads the grid's pages: the first by {@code LIMIT/OFFSET}, and every later one, where it can, by
 * seeking past the last row of an earlier page ({@link PageMarks}). A page at offset 700,000 of a
 * broad filter then costs what a first page costs, as long as the grid got there by scrolling,
 * which is how it asks for pages; a jump far past every mark still counts past the rows between.
 */
final class AnomalyPages {

    /** Above this many matches, H2 is told to page along the sort's index (see {@link AnomalySql#pageBySortIndex}). */
    static final long H2_SORT_INDEX_ABOVE = 50_000;

    /** A row and its id, the tie-breaker a mark needs. */
    private record Keyed(Anomaly anomaly, long id) {
    }

    private static final RowMapper<Keyed> KEYED = (rs, n) -> new Keyed(AnomalySql.read(rs), rs.getLong(AnomalySql.ID_COLUMN));

    private final JdbcTemplate jdbc;
    private final boolean h2;
    private final PageMarks marks = new PageMarks();
    /**
     * Filters known to match many rows. Rows are never deleted, so a filter that matched many
     * still does: counting once spares every later page a count that takes as long as the page.
     */
    private final Map<AnomalyQuery, Boolean> broad = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<AnomalyQuery, Boolean> eldest) {
                    return size() > PageMarks.QUERIES;
                }
            });

    AnomalyPages(JdbcTemplate jdbc, boolean h2) {
        this.jdbc = jdbc;
        this.h2 = h2;
    }

    List<Anomaly> find(AnomalyQuery query, int offset, int limit) {
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM anomaly", Long.class);
        long maxId = max == null ? 0 : max;
        List<Keyed> rows = offset == 0 ? null : afterMark(query, offset, limit, maxId);
        if (rows == null) {
            rows = byOffset(query, offset, limit);
        }
        if (!rows.isEmpty()) {
            Keyed last = rows.getLast();
            Object[] key = AnomalySql.key(query, last.anomaly());
            if (Arrays.stream(key).noneMatch(k -> k instanceof Double d && d.isNaN())) { // NaN never compares equal
                marks.put(query, new PageMarks.Mark(offset + rows.size() - 1L, key, last.id(), maxId));
            }
        }
        return rows.stream().map(Keyed::anomaly).toList();
    }

    long count(AnomalyQuery query) {
        AnomalySql.Where where = AnomalySql.where(query);
        Long count = jdbc.queryForObject(AnomalySql.count(query), Long.class, where.args());
        return count == null ? 0 : count;
    }

    /** The page by seeking from the nearest earlier mark, or {@code null} when there is none usable. */
    private List<Keyed> afterMark(AnomalyQuery query, int offset, int limit, long maxId) {
        PageMarks.Mark mark = marks.atOrBefore(query, offset - 1L);
        if (mark == null) {
            return null;
        }
        long at = mark.offset();
        if (maxId > mark.maxId()) {
            AnomalySql.Where moved = AnomalySql.newRowsBefore(query, mark);
            Long count = jdbc.queryForObject(moved.sql(), Long.class, moved.args());
            at += count == null ? 0 : count;
        }
        if (at >= offset) { // pushed past the requested row by newer anomalies
            marks.remove(query, mark);
            return null;
        }
        boolean alongSortIndex = AnomalySql.where(query).args().length == 0 || bySortIndex(query);
        AnomalySql.Where seek = AnomalySql.afterMark(query, mark, alongSortIndex);
        return jdbc.query(seek.sql(), KEYED, append(seek.args(), limit, offset - at - 1));
    }

    private List<Keyed> byOffset(AnomalyQuery query, int offset, int limit) {
        String sql = bySortIndex(query) ? AnomalySql.pageBySortIndex(query) : AnomalySql.page(query);
        return jdbc.query(sql, KEYED, append(AnomalySql.where(query).args(), limit, offset));
    }

    /**
     * Whether H2 should walk the sort's index: only for a filter that matches many rows, where its
     * own plan (by the filter's index, then sort) reads and sorts every match.
     */
    private boolean bySortIndex(AnomalyQuery query) {
        if (!h2 || AnomalySql.where(query).args().length == 0) {
            return false;
        }
        AnomalyQuery filter = query.sortedBy(null, null);
        if (broad.containsKey(filter)) {
            return true;
        }
        boolean many = count(query) > H2_SORT_INDEX_ABOVE;
        if (many) {
            broad.put(filter, Boolean.TRUE);
        }
        return many;
    }

    private static Object[] append(Object[] args, long limit, long offset) {
        Object[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = limit;
        all[args.length + 1] = offset;
        return all;
    }
}
