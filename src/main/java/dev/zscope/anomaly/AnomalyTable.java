package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code anomaly} table, its {@code anomaly_log_mark} and {@code anomaly_count}: plain JDBC, one
 * place for every statement, so the rest of the package never sees SQL.
 *
 * <p>Inserts run in one transaction together with the move of the log mark and the per-stream
 * counts, so that after any commit the mark says exactly how far {@code anomalies.csv} is in the
 * table (see {@link AnomalyService}).
 */
final class AnomalyTable {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyTable.class);
    private static final int EXPORT_FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;
    private final AnomalyPages pages;

    AnomalyTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String product = jdbc.execute((ConnectionCallback<String>) con -> con.getMetaData().getDatabaseProductName());
        this.pages = new AnomalyPages(jdbc, "H2".equals(product));
    }

    /**
     * Inserts the anomalies, sets the log mark to {@code logEnd} and advances the counts, all in one
     * transaction.
     *
     * <p>If the database rejects the data itself (SQLState class 22, e.g. a time beyond
     * PostgreSQL's range), the rows are retried one by one and only the rejected ones are left out,
     * each logged as an error; they stay in {@code anomalies.csv} and are not retried at every start.
     * Any other failure (connection lost, disk full) is thrown with nothing written, so the caller
     * can undo the log's part and try again later.
     */
    void insert(List<Anomaly> anomalies, long logEnd) {
        insert(anomalies, logEnd, Map.of());
    }

    /** {@link #insert(List, long)} that also sets these source marks in the same transaction. */
    void insert(List<Anomaly> anomalies, long logEnd, Map<String, Long> marks) {
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try {
                inTransaction(con, anomalies, logEnd, marks);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                List<Anomaly> accepted = new ArrayList<>();
                for (Anomaly a : anomalies) {
                    if (accepts(con, a)) {
                        accepted.add(a);
                    }
                }
                inTransaction(con, accepted, logEnd, marks);
            }
            return null;
        });
    }

    /** Whether the database takes this row (tried and rolled back). */
    private static boolean accepts(Connection con, Anomaly a) throws SQLException {
        boolean autoCommit = con.getAutoCommit();
        con.setAutoCommit(false);
        try (PreparedStatement insert = con.prepareStatement(AnomalySql.INSERT)) {
            bind(insert, a);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            LOG.error("The database rejects anomaly {}; it is left out of the database but stays in the log", a, e);
            return false;
        } finally {
            con.rollback();
            con.setAutoCommit(autoCommit);
        }
    }

    private static void inTransaction(Connection con, List<Anomaly> anomalies, long logEnd, Map<String, Long> marks)
            throws SQLException {
        boolean autoCommit = con.getAutoCommit();
        con.setAutoCommit(false);
        try {
            if (!anomalies.isEmpty()) {
                try (PreparedStatement insert = con.prepareStatement(AnomalySql.INSERT)) {
                    for (Anomaly a : anomalies) {
                        bind(insert, a);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                count(con, anomalies);
            }
            try (PreparedStatement mark = con.prepareStatement(
                    "UPDATE anomaly_log_mark SET logged_bytes = ? WHERE id = 1")) {
                mark.setLong(1, logEnd);
                mark.executeUpdate();
            }
            if (!marks.isEmpty()) {
                sourceMarks(con, marks);
            }
            con.commit();
        } catch (SQLException | RuntimeException e) {
            con.rollback();
            throw e;
        } finally {
            con.setAutoCommit(autoCommit);
        }
    }

    /** Sets each source's mark: an update, or an insert for a source's first. */
    private static void sourceMarks(Connection con, Map<String, Long> marks) throws SQLException {
        try (PreparedStatement update = con.prepareStatement(
                "UPDATE anomaly_source_mark SET next_offset = ? WHERE source = ?");
             PreparedStatement insert = con.prepareStatement(
                     "INSERT INTO anomaly_source_mark (source, next_offset) VALUES (?, ?)")) {
            for (Map.Entry<String, Long> e : marks.entrySet()) {
                update.setLong(1, e.getValue());
                update.setString(2, e.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, e.getKey());
                    insert.setLong(2, e.getValue());
                    insert.executeUpdate();
                }
            }
        }
    }

    /** Every source's mark: how far what was read from it is kept. */
    Map<String, Long> sourceMarks() {
        Map<String, Long> out = new HashMap<>();
        jdbc.query("SELECT source, next_offset FROM anomaly_source_mark", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    /** Advances anomaly_count per stream: an update, or an insert for a stream's first anomaly. */
    private static void count(Connection con, List<Anomaly> anomalies) throws SQLException {
        Map<String, Long> byStream = new HashMap<>();
        anomalies.forEach(a -> byStream.merge(a.stream(), 1L, Long::sum));
        try (PreparedStatement update = con.prepareStatement(
                "UPDATE anomaly_count SET anomalies = anomalies + ? WHERE stream = ?");
             PreparedStatement insert = con.prepareStatement(
                     "INSERT INTO anomaly_count (stream, anomalies) VALUES (?, ?)")) {
            for (Map.Entry<String, Long> e : byStream.entrySet()) {
                update.setLong(1, e.getValue());
                update.setString(2, e.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, e.getKey());
                    insert.setLong(2, e.getValue());
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void bind(PreparedStatement insert, Anomaly a) throws SQLException {
        insert.setObject(1, AnomalySql.timestamp(a.time()));
        insert.setString(2, a.stream());
        insert.setDouble(3, a.value());
        insert.setDouble(4, a.score());
        insert.setDouble(5, AnomalySql.storedSeverity(a.severity()));
        insert.setDouble(6, a.expected());
        insert.setDouble(7, a.lower());
        insert.setDouble(8, a.upper());
        insert.setDouble(9, a.std());
        insert.setDouble(10, a.z());
        insert.setDouble(11, a.threshold());
        insert.setInt(12, a.window());
        insert.setString(13, a.detector());
    }

    private static boolean isDataError(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && next.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** The log mark: how far {@code anomalies.csv} is in the table, in bytes; null before its first use. */
    Long loggedBytes() {
        return jdbc.queryForObject("SELECT logged_bytes FROM anomaly_log_mark WHERE id = 1", Long.class);
    }

    /** The mark of versions that counted rows: how many rows of the log, from its start, the table holds. */
    long loggedRows() {
        Long rows = jdbc.queryForObject("SELECT logged_rows FROM anomaly_log_mark WHERE id = 1", Long.class);
        return rows == null ? 0 : rows;
    }

    /**
     * Drops the pool's idle connections after a failure: an embedded H2 that closed itself (a full
     * disk) is opened again by a new connection, whereas the pooled ones would stay broken for good.
     */
    void resetConnections() {
        if (jdbc.getDataSource() instanceof com.zaxxer.hikari.HikariDataSource hikari
                && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** Whether the database takes a write: the mark rewritten as it is, in a transaction. */
    void probe() {
        jdbc.execute((ConnectionCallback<Void>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement touch = con.prepareStatement(
                    "UPDATE anomaly_log_mark SET logged_bytes = logged_bytes WHERE id = 1")) {
                touch.executeUpdate();
                con.commit();
            } catch (SQLException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /** Moves the mark without inserting anything (an upgrade, or a log that lost its tail). */
    void setLoggedBytes(long bytes) {
        jdbc.update("UPDATE anomaly_log_mark SET logged_bytes = ? WHERE id = 1", bytes);
    }

    /** Anomalies by stream, in all ({@code anomaly_count}) and since the two instants (by observation time). */
    Map<String, long[]> countsByStream(Instant hourAgo, Instant dayAgo) {
        Map<String, long[]> out = new HashMap<>();
        jdbc.query("SELECT stream, anomalies FROM anomaly_count", rs -> {
            out.put(rs.getString(1), new long[] {rs.getLong(2), 0, 0});
        });
        jdbc.query("SELECT stream, COUNT(*), SUM(CASE WHEN observed_at >= ? THEN 1 ELSE 0 END) FROM anomaly"
                + " WHERE observed_at >= ? GROUP BY stream", rs -> {
                    long[] c = out.computeIfAbsent(rs.getString(1), s -> new long[3]);
                    c[2] = rs.getLong(2);
                    c[1] = rs.getLong(3);
                }, AnomalySql.timestamp(hourAgo), AnomalySql.timestamp(dayAgo));
        return out;
    }

    List<Anomaly> find(AnomalyQuery query, int offset, int limit) {
        return pages.find(query, offset, limit);
    }

    long count(AnomalyQuery query) {
        return pages.count(query);
    }

    /** See {@link AnomalySql#newestFirst}. */
    List<AnomalyService.Listed> newestFirst(AnomalyQuery query, AnomalyService.Position after, int limit) {
        AnomalySql.Where where = AnomalySql.newestFirst(query, after);
        Object[] args = java.util.Arrays.copyOf(where.args(), where.args().length + 1);
        args[args.length - 1] = limit;
        return jdbc.query(where.sql(), (rs, n) -> new AnomalyService.Listed(AnomalySql.read(rs),
                rs.getLong(AnomalySql.COLUMNS.split(",").length + 1)), args);
    }

    /**
     * Feeds every matching row, in the query's order, to {@code sink} without holding them all in
     * memory: PostgreSQL only streams a result through a cursor inside a transaction, hence the
     * explicit one with a fetch size.
     */
    void forEach(AnomalyQuery query, Consumer<Anomaly> sink) {
        AnomalySql.Where where = AnomalySql.where(query);
        jdbc.execute((ConnectionCallback<Void>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement select = con.prepareStatement(AnomalySql.all(query))) {
                select.setFetchSize(EXPORT_FETCH_SIZE);
                for (int i = 0; i < where.args().length; i++) {
                    select.setObject(i + 1, where.args()[i]);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(AnomalySql.read(rs));
                    }
                }
                con.commit();
            } finally {
                if (!con.getAutoCommit()) {
                    con.rollback();
                }
                con.setAutoCommit(autoCommit);
            }
            return null;
        });
    }
}
