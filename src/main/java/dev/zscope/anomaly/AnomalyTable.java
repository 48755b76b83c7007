package dev.zscope.anomaly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code anomaly} table and its {@code anomaly_log_mark}: plain JDBC, one place for every
 * statement, so the rest of the package never sees SQL.
 *
 * <p>Inserts run in one transaction together with the advance of the log mark, so that after any
 * commit the mark counts exactly the log rows that are in the table (see {@link LogImport}).
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

    /** One anomaly waiting for the table, and whether it is also a row of {@code anomalies.csv}. */
    record Row(Anomaly anomaly, boolean logged) {
    }

    /**
     * Inserts the rows and advances the log mark by the logged ones, all in one transaction.
     *
     * <p>If the database rejects the data itself (SQLState class 22, e.g. a time beyond
     * PostgreSQL's range), the rows are retried one by one and only the rejected ones are left out,
     * each logged as an error; they stay in {@code anomalies.csv} and count as imported, so they
     * are not retried at every start. Any other failure (connection lost, disk full) is thrown with
     * nothing written, so the caller can try again.
     */
    void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try {
                inTransaction(con, rows);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                for (Row row : rows) {
                    insertAlone(con, row);
                }
            }
            return null;
        });
    }

    private static void insertAlone(Connection con, Row row) throws SQLException {
        try {
            inTransaction(con, List.of(row));
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            LOG.error("The database rejects anomaly {}; it is left out of the database but stays in the log",
                    row.anomaly(), e);
            if (row.logged()) {
                advanceMark(con, 1); // auto-committed: the row counts as imported
            }
        }
    }

    private static void inTransaction(Connection con, List<Row> rows) throws SQLException {
        boolean autoCommit = con.getAutoCommit();
        con.setAutoCommit(false);
        try {
            try (PreparedStatement insert = con.prepareStatement(AnomalySql.INSERT)) {
                for (Row row : rows) {
                    bind(insert, row.anomaly());
                    insert.addBatch();
                }
                if (!rows.isEmpty()) {
                    insert.executeBatch();
                }
            }
            long logged = rows.stream().filter(Row::logged).count();
            if (logged > 0) {
                advanceMark(con, logged);
            }
            con.commit();
        } catch (SQLException | RuntimeException e) {
            con.rollback();
            throw e;
        } finally {
            con.setAutoCommit(autoCommit);
        }
    }

    private static void advanceMark(Connection con, long by) throws SQLException {
        try (PreparedStatement update = con.prepareStatement(
                "UPDATE anomaly_log_mark SET logged_rows = logged_rows + ? WHERE id = 1")) {
            update.setLong(1, by);
            update.executeUpdate();
        }
    }

    private static void bind(PreparedStatement insert, Anomaly a) throws SQLException {
        insert.setObject(1, AnomalySql.timestamp(a.time()));
        insert.setString(2, a.stream());
        insert.setDouble(3, a.value());
        insert.setDouble(4, a.score());
        insert.setDouble(5, a.expected());
        insert.setDouble(6, a.lower());
        insert.setDouble(7, a.upper());
        insert.setDouble(8, a.std());
        insert.setDouble(9, a.z());
        insert.setDouble(10, a.threshold());
        insert.setInt(11, a.window());
        insert.setString(12, a.detector());
    }

    private static boolean isDataError(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && next.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** How many rows of {@code anomalies.csv}, from its start, the table holds. */
    long loggedRows() {
        Long rows = jdbc.queryForObject("SELECT logged_rows FROM anomaly_log_mark WHERE id = 1", Long.class);
        return rows == null ? 0 : rows;
    }

    /** Sets the mark back after the log lost rows the table still has. */
    void resetLoggedRows(long rows) {
        jdbc.update("UPDATE anomaly_log_mark SET logged_rows = ? WHERE id = 1", rows);
    }

    List<Anomaly> find(AnomalyQuery query, int offset, int limit) {
        return pages.find(query, offset, limit);
    }

    long count(AnomalyQuery query) {
        return pages.count(query);
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
