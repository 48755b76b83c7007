package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link AnomalyQuery} into SQL that the indexes of the migrations ({@code V1__anomalies.sql}, {@code V2__scores_and_bands.sql}) can answer,
 * and rows back into {@link Anomaly anomalies}. Portable between H2 and PostgreSQL: only standard
 * comparisons, {@code ORDER BY} and {@code LIMIT/OFFSET}.
 *
 * <p>Every order ends in {@code id}, the recording order, in the query's direction, so that rows
 * with equal keys keep a stable order and pages never overlap; a stream sort orders each stream by
 * time first, which is what its index holds. Values are bound as parameters, never concatenated.
 */
final class AnomalySql {

    /** The columns in {@link Anomaly} order (see {@code V3__registry_and_neutral_names.sql}, {@code V4__severity.sql}). */
    static final String COLUMNS = "observed_at, stream, point_value, score, severity, expected, lower, upper, "
            + "baseline_std, z, threshold, window_size, detector";

    /** Where a page query's {@code id} is: just after {@link #COLUMNS}. */
    static final int ID_COLUMN = 14;

    static final String INSERT = "INSERT INTO anomaly (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A WHERE clause (empty, or starting with a space) and its parameters in order. */
    record Where(String sql, Object[] args) {
    }

    private AnomalySql() {
    }

    static Where where(AnomalyQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (query.stream() != null) {
            conditions.add("stream = ?");
            args.add(query.stream());
        }
        if (query.from() != null) {
            conditions.add("observed_at >= ?");
            args.add(timestamp(query.from()));
        }
        if (query.to() != null) {
            conditions.add("observed_at < ?");
            args.add(timestamp(query.to()));
        }
        if (query.minScore() != null) {
            conditions.add("score >= ?");
            args.add(query.minScore());
        }
        if (query.minSeverity() != null) {
            conditions.add("severity >= ?");
            args.add(query.minSeverity());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args.toArray());
    }

    /** The sort's {@link #keyColumns}, then {@code id}, all in the query's direction. */
    static String orderBy(AnomalyQuery query) {
        String dir = query.direction() == AnomalyQuery.Direction.ASCENDING ? " ASC" : " DESC";
        List<String> columns = new ArrayList<>(keyColumns(query));
        columns.add("id");
        return " ORDER BY " + String.join(dir + ", ", columns) + dir;
    }

    /** The page of matching rows, each with its id last; {@code LIMIT ? OFFSET ?} bound last. */
    static String page(AnomalyQuery query) {
        return "SELECT " + COLUMNS + ", id FROM anomaly" + where(query).sql() + orderBy(query) + " LIMIT ? OFFSET ?";
    }

    /**
     * {@link #page} reading H2's index for the sort order ({@code USE INDEX}, H2 only). H2 plans by
     * the filter alone: for a filter that matches many rows and a sort by another column it reads
     * all matches and sorts them (over 10 s for 800,000 of 10 million rows), while walking the
     * sort's index and skipping non-matches finds a first page at once. For a narrow filter the
     * plain plan is the right one.
     */
    static String pageBySortIndex(AnomalyQuery query) {
        return "SELECT " + COLUMNS + ", id FROM anomaly USE INDEX (" + sortIndex(query) + ")" + where(query).sql()
                + orderBy(query) + " LIMIT ? OFFSET ?";
    }

    private static String sortIndex(AnomalyQuery query) {
        return switch (query.sortField()) {
            case TIME -> "anomaly_time";
            case VALUE -> "anomaly_value";
            case SCORE -> "anomaly_score";
            case SEVERITY -> "anomaly_severity";
            case STREAM -> "anomaly_stream_time";
        };
    }

    /** The columns of the query's sort key in order, without the final {@code id}. */
    static List<String> keyColumns(AnomalyQuery query) {
        return switch (query.sortField()) {
            case TIME -> List.of("observed_at");
            case VALUE -> List.of("point_value");
            case SCORE -> List.of("score");
            case SEVERITY -> List.of("severity");
            case STREAM -> List.of("stream", "observed_at");
        };
    }

    /** An anomaly's values for {@link #keyColumns}, as they are stored. */
    static Object[] key(AnomalyQuery query, Anomaly a) {
        return switch (query.sortField()) {
            case TIME -> new Object[] {timestamp(a.time())};
            case VALUE -> new Object[] {a.value()};
            case SCORE -> new Object[] {a.score()};
            case SEVERITY -> new Object[] {storedSeverity(a.severity())};
            case STREAM -> new Object[] {a.stream(), timestamp(a.time())};
        };
    }

    /**
     * The page of matching rows that come after {@code mark} in the query's order, each with its
     * id last; {@code LIMIT ? OFFSET ?} bound last.
     *
     * @param bySortIndex whether to walk the sort's index from the mark: then a leading
     *                    {@code <=}/{@code >=} on the first key column tells the database where to
     *                    start. Only for no filter or a broad one: with a narrow filter that range
     *                    would lure H2 onto the sort's index, away from the filter's few rows.
     */
    static Where afterMark(AnomalyQuery query, PageMarks.Mark mark, boolean bySortIndex) {
        Where filter = where(query);
        String op = query.direction() == AnomalyQuery.Direction.ASCENDING ? ">" : "<";
        List<Object> args = new ArrayList<>(List.of(filter.args()));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", id FROM anomaly");
        if (bySortIndex && filter.args().length > 0) {
            sql.append(" USE INDEX (").append(sortIndex(query)).append(')');
        }
        sql.append(filter.sql().isEmpty() ? " WHERE " : filter.sql() + " AND ");
        if (bySortIndex) {
            sql.append(keyColumns(query).getFirst()).append(' ').append(op).append("= ? AND ");
            args.add(mark.key()[0]);
        }
        sql.append(beyond(query, mark, op, args)).append(orderBy(query)).append(" LIMIT ? OFFSET ?");
        return new Where(sql.toString(), args.toArray());
    }

    /**
     * Counts the rows recorded after {@code mark} was taken (id above its {@code maxId}) that match
     * and sort before it: by how many places it has moved down since.
     */
    static Where newRowsBefore(AnomalyQuery query, PageMarks.Mark mark) {
        Where filter = where(query);
        String op = query.direction() == AnomalyQuery.Direction.ASCENDING ? "<" : ">";
        List<Object> args = new ArrayList<>(List.of(filter.args()));
        args.add(mark.maxId());
        String sql = "SELECT COUNT(*) FROM anomaly" + (filter.sql().isEmpty() ? " WHERE " : filter.sql() + " AND ")
                + "id > ? AND " + beyond(query, mark, op, args);
        return new Where(sql, args.toArray());
    }

    /** {@code (k1, ..., id) op (mark)} as nested comparisons, which both databases plan well. */
    private static String beyond(AnomalyQuery query, PageMarks.Mark mark, String op, List<Object> args) {
        List<String> columns = keyColumns(query);
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sql.append('(').append(columns.get(i)).append(' ').append(op).append(" ? OR (")
                    .append(columns.get(i)).append(" = ? AND ");
            args.add(mark.key()[i]);
            args.add(mark.key()[i]);
        }
        sql.append("id ").append(op).append(" ?");
        args.add(mark.id());
        sql.append("))".repeat(columns.size()));
        return "(" + sql + ")";
    }

    /**
     * Up to {@code LIMIT ?} (bound last) rows matching the query's filters, newest first by time then
     * recording order, that come after {@code (time, id)} in that order (all of them when
     * {@code after} is null), each with its id last. The leading {@code observed_at <= ?} lets both
     * databases start on the time index (or the stream's) right at the position.
     */
    static Where newestFirst(AnomalyQuery query, AnomalyService.Position after) {
        Where filter = where(query);
        List<Object> args = new ArrayList<>(List.of(filter.args()));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", id FROM anomaly").append(filter.sql());
        if (after != null) {
            OffsetDateTime time = timestamp(after.time());
            sql.append(filter.sql().isEmpty() ? " WHERE " : " AND ")
                    .append("observed_at <= ? AND (observed_at < ? OR id < ?)");
            args.add(time);
            args.add(time);
            args.add(after.id());
        }
        sql.append(" ORDER BY observed_at DESC, id DESC LIMIT ?");
        return new Where(sql.toString(), args.toArray());
    }

    static String all(AnomalyQuery query) {
        return "SELECT " + COLUMNS + " FROM anomaly" + where(query).sql() + orderBy(query);
    }

    static String count(AnomalyQuery query) {
        return "SELECT COUNT(*) FROM anomaly" + where(query).sql();
    }

    /**
     * An instant as both databases take a {@code TIMESTAMP WITH TIME ZONE}. The column keeps
     * microseconds (PostgreSQL's precision); finer digits are cut off here rather than rounded by
     * the database, so both databases store and compare the same value.
     */
    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** How a severity is stored: an unknown one (NaN) as -1, see {@code V4__severity.sql}. */
    static double storedSeverity(double severity) {
        return Double.isNaN(severity) ? -1 : severity;
    }

    static Anomaly read(ResultSet rs) throws SQLException {
        double severity = rs.getDouble(5);
        if (severity < 0) { // a row from before V4: unknown
            severity = Double.NaN;
        }
        double expected = rs.getDouble(6);
        double std = rs.getDouble(9);
        double threshold = rs.getDouble(11);
        double lower = rs.getDouble(7);
        if (rs.wasNull()) { // a row from before V2: the band the Z-score reported
            lower = expected - threshold * std;
        }
        double upper = rs.getDouble(8);
        if (rs.wasNull()) {
            upper = expected + threshold * std;
        }
        return new Anomaly(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getDouble(3),
                rs.getDouble(4), severity, expected, lower, upper, std, rs.getDouble(10), threshold, rs.getInt(12),
                rs.getString(13));
    }
}
