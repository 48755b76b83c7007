package dev.zscope.anomaly;

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

    static final String COLUMNS = "observed_at, stream, point_value, score, baseline_mean, band_lower, band_upper, "
            + "baseline_std, z, abs_z, threshold, window_size, detector";

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
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args.toArray());
    }

    static String orderBy(AnomalyQuery query) {
        String dir = query.direction() == AnomalyQuery.Direction.ASCENDING ? " ASC" : " DESC";
        return switch (query.sortField()) {
            case TIME -> " ORDER BY observed_at" + dir + ", id" + dir;
            case VALUE -> " ORDER BY point_value" + dir + ", id" + dir;
            case SCORE -> " ORDER BY score" + dir + ", id" + dir;
            case STREAM -> " ORDER BY stream" + dir + ", observed_at" + dir + ", id" + dir;
        };
    }

    /** The page of matching rows, {@code LIMIT ? OFFSET ?} bound last. */
    static String page(AnomalyQuery query) {
        return "SELECT " + COLUMNS + " FROM anomaly" + where(query).sql() + orderBy(query) + " LIMIT ? OFFSET ?";
    }

    /**
     * {@link #page} reading H2's index for the sort order ({@code USE INDEX}, H2 only). H2 plans by
     * the filter alone: for a filter that matches many rows and a sort by another column it reads
     * all matches and sorts them (over 10 s for 800,000 of 10 million rows), while walking the
     * sort's index and skipping non-matches finds a first page at once. For a narrow filter the
     * plain plan is the right one.
     */
    static String pageBySortIndex(AnomalyQuery query) {
        String index = switch (query.sortField()) {
            case TIME -> "anomaly_time";
            case VALUE -> "anomaly_value";
            case SCORE -> "anomaly_score";
            case STREAM -> "anomaly_stream_time";
        };
        return "SELECT " + COLUMNS + " FROM anomaly USE INDEX (" + index + ")" + where(query).sql() + orderBy(query)
                + " LIMIT ? OFFSET ?";
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

    static Anomaly read(ResultSet rs) throws SQLException {
        return new Anomaly(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getDouble(3),
                rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                rs.getDouble(9), rs.getDouble(11), rs.getInt(12), rs.getString(13));
    }
}
