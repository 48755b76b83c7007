package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class AnomalyWriterTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private AnomalyWriter writer;

    /** A data source that can be switched off, standing in for a database outage. */
    private static final class Switchable extends DelegatingDataSource {
        volatile boolean down;

        Switchable(TestDatabase db) {
            super(db.dataSource());
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLTransientConnectionException("down for the test");
            }
            return super.getConnection();
        }
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
        db.close();
    }

    private static List<AnomalyTable.Row> rows(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count)
                .mapToObj(i -> new AnomalyTable.Row(anomaly("s", i, i, 4), true)).toList();
    }

    @Test
    void anOutageNeitherStallsTheRecorderForLongNorDropsAnything() {
        db = TestDatabase.h2(dir);
        Switchable source = new Switchable(db);
        AnomalyTable table = new AnomalyTable(new JdbcTemplate(source));
        source.down = true;
        writer = new AnomalyWriter(table, 3, Duration.ofMillis(10));
        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(AnomalyWriter.class)) {
            writer.submit(rows(0, 2));
            long start = System.nanoTime();
            writer.submit(rows(2, 2)); // over capacity: waits a second, then keeps it in memory
            Duration blocked = Duration.ofNanos(System.nanoTime() - start);
            assertThat(blocked).isBetween(AnomalyWriter.BLOCK_WHEN_FULL.minusMillis(50), Duration.ofSeconds(5));
            start = System.nanoTime();
            writer.submit(rows(4, 2)); // already overflowing: no wait at all
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(writer.pending()).isEqualTo(6);
            assertThat(writer.flush(Duration.ofMillis(100))).isFalse();

            source.down = false;
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(capture.messages()).anyMatch(m -> m.startsWith("Cannot write anomalies to the database"))
                    .anyMatch(m -> m.contains("behind by"))
                    .anyMatch(m -> m.contains("accepts anomalies again"));
        }
        assertThat(writer.pending()).isZero();
        assertThat(db.jdbc().queryForList("SELECT point_value FROM anomaly ORDER BY id", Double.class))
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(new AnomalyTable(db.jdbc()).loggedRows()).isEqualTo(6);
    }

    @Test
    void aRowTheDatabaseRejectsIsLeftOutAloneAndStillCounted() {
        db = TestDatabase.h2(dir);
        writer = new AnomalyWriter(new AnomalyTable(db.jdbc()), 1_000, Duration.ofMillis(10));
        Anomaly tooLong = new Anomaly(TestAnomalies.T0, "x".repeat(300), 1, 0, 1, 4, 3, 10, "zscore");
        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(AnomalyTable.class)) {
            writer.submit(List.of(rows(0, 1).getFirst(), new AnomalyTable.Row(tooLong, true), rows(1, 1).getFirst()));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(capture.messages()).singleElement().asString().contains("rejects");
        }
        assertThat(db.rows()).isEqualTo(2);
        assertThat(new AnomalyTable(db.jdbc()).loggedRows()).isEqualTo(3);
    }
}
