package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's own duties; queries and restarts are in {@link AnomalyDatabaseContract} and its subclasses. */
class AnomalyServiceTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private AnomalyService service;

    @BeforeEach
    void open() {
        db = TestDatabase.h2(dir);
        // A write interval far beyond the test: only a query's flush can bring rows in promptly.
        service = new AnomalyService(new AnomalyProperties(dir, 1_000, Duration.ofHours(1)), db.jdbc());
        service.awaitHistory();
    }

    @AfterEach
    void close() {
        service.close();
        db.close();
    }

    @Test
    void keepsTheLogAndTheDatabaseInTheDataDirectory() {
        assertThat(service.logFile()).isEqualTo(dir.resolve("anomalies.csv")).exists();
        assertThat(dir.resolve("zscope.mv.db")).exists();
    }

    @Test
    void aQuerySeesWhatWasRecordedJustBefore() {
        service.record(anomaly("s", 1, 1, 4));
        assertThat(service.pendingWrites()).isEqualTo(1); // queued, not yet written
        long start = System.nanoTime();
        assertThat(service.find(AnomalyQuery.all(), 0, 10)).containsExactly(anomaly("s", 1, 1, 4));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        service.record(anomaly("s", 2, 1, 4));
        assertThat(service.count(AnomalyQuery.all())).isEqualTo(2);
        service.record(anomaly("s", 3, 1, 4));
        assertThat(service.countSince(TestAnomalies.T0.plusSeconds(3))).isEqualTo(1);
        assertThat(service.recordedCount()).isEqualTo(3);
        assertThat(service.pendingWrites()).isZero();
    }

    @Test
    void anomaliesRecordedWhileTheHistoryIsReadBackFollowItInTheLogAndTheDatabase() throws Exception {
        service.record(anomaly("old", 1, 1, 4));
        service.close();
        // A new service reads the history back on its own thread; record at once, before it is in.
        AnomalyService next = new AnomalyService(new AnomalyProperties(dir, 1_000, Duration.ofHours(1)), db.jdbc());
        try {
            next.record(anomaly("new", 2, 1, 4));
            List<String> seen = next.find(AnomalyQuery.all().sortedBy(AnomalyQuery.SortField.TIME,
                    AnomalyQuery.Direction.ASCENDING), 0, 10).stream().map(Anomaly::stream).toList();
            assertThat(seen).as("old rows at once; the new one only behind them")
                    .isIn(List.of("old"), List.of("old", "new"));
            next.awaitHistory();
            assertThat(next.count(AnomalyQuery.all())).isEqualTo(2);
            long deadline = System.nanoTime() + 5_000_000_000L; // the log is written out at its next sync
            while (TestAnomalies.readBack(dir).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(TestAnomalies.readBack(dir).stream().map(Anomaly::stream).toList())
                    .containsExactly("old", "new");
        } finally {
            next.close();
        }
        service = new AnomalyService(new AnomalyProperties(dir, 1_000, Duration.ofHours(1)), db.jdbc());
    }

    @Test
    void theHistoryIsReadBackOnlyOnceTheApplicationIsReadyOrSomethingNeedsIt() throws Exception {
        service.record(anomaly("old", 1, 1, 4));
        service.close();
        try (TestDatabase fresh = TestDatabase.h2(dir.resolve("fresh-database"))) {
            AnomalyService next = new AnomalyService(AnomalyProperties.in(dir), fresh.jdbc());
            assertThat(next.historyLoaded()).as("not started by the constructor").isNotDone();
            next.readBackHistory(); // what the application-ready event does
            next.historyLoaded().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(fresh.rows()).as("the log's row imported into the new database").isEqualTo(1);
            next.close();

            AnomalyService unused = new AnomalyService(AnomalyProperties.in(dir), fresh.jdbc());
            unused.close(); // stopped before it was ready, with nothing recorded: no read-back
            assertThat(unused.historyLoaded()).isNotDone();
        }
        service = new AnomalyService(new AnomalyProperties(dir, 1_000, Duration.ofHours(1)), db.jdbc());
    }

    @Test
    void closingWritesWhatIsQueued() {
        service.record(anomaly("s", 1, 1, 4));
        service.close();
        assertThat(db.rows()).isEqualTo(1);
    }
}
