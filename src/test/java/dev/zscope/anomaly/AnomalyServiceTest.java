package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static dev.zscope.anomaly.TestAnomalies.readBack;
import static dev.zscope.anomaly.TestAnomalies.someAnomalies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.engine.Anomaly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's own duties: one source of truth (the database) kept level with the log, a start that
 * reads only the log's unseen tail, and groups that are in both stores or in neither. Queries and
 * restarts are in {@link AnomalyDatabaseContract} and its subclasses.
 */
class AnomalyServiceTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private AnomalyService service;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.h2(dir);
        service = db.service(dir);
    }

    @AfterEach
    void close() {
        service.close();
        db.close();
    }

    private Path logFile() {
        return dir.resolve(AnomalyLog.FILE_NAME);
    }

    @Test
    void keepsTheLogAndTheDatabaseInTheDataDirectory() {
        assertThat(service.logFile()).isEqualTo(logFile()).exists();
        assertThat(dir.resolve("zscope.mv.db")).exists();
    }

    /** An acknowledged anomaly is in the log and the database, and counted for its stream. */
    @Test
    void whenTheFutureCompletesTheAnomalyIsInBothStores() throws Exception {
        service.record(List.of(anomaly("s", 1, 1, 4))).get(10, TimeUnit.SECONDS);
        assertThat(db.rows()).isEqualTo(1);
        assertThat(readBack(dir)).containsExactly(anomaly("s", 1, 1, 4));
        assertThat(service.find(AnomalyQuery.all(), 0, 10)).containsExactly(anomaly("s", 1, 1, 4));
        assertThat(service.countsByStream(TestAnomalies.T0.toEpochMilli()).get("s").total()).isEqualTo(1);
        assertThat(service.health().ok()).isTrue();
    }

    /** Lines a crash left out of the database (written, not committed) are imported at the next start. */
    @Test
    void aStartImportsTheLinesPastTheMark() throws Exception {
        List<Anomaly> all = someAnomalies(3);
        service.record(all.subList(0, 2)).join();
        service.close();
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            log.append(all.subList(2, 3)); // in the log only, as after a crash between the two writes
        }

        service = db.service(dir);

        assertThat(db.rows()).isEqualTo(3);
        assertThat(service.find(AnomalyQuery.all().sortedBy(AnomalyQuery.SortField.TIME,
                AnomalyQuery.Direction.ASCENDING), 0, 10)).containsExactlyElementsOf(all);
        assertThat(db.jdbc().queryForObject("SELECT logged_bytes FROM anomaly_log_mark", Long.class))
                .isEqualTo(Files.size(logFile()));
    }

    /** A start does not read what the database has seen: its time does not grow with the log. */
    @Test
    void aStartDoesNotReadTheLinesBeforeTheMark() throws Exception {
        service.record(someAnomalies(50)).join();
        service.close();
        byte[] bytes = Files.readAllBytes(logFile());
        int firstRow = (int) AnomalyLog.headerEnd();
        for (int i = firstRow; i < firstRow + 10; i++) {
            bytes[i] = 'x'; // damage a seen row: reading it would warn
        }
        Files.write(logFile(), bytes);

        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(LogTail.class)) {
            service = db.service(dir);
            assertThat(capture.messages()).isEmpty();
        }
        assertThat(db.rows()).isEqualTo(50);
    }

    /** A database that refuses a group: the futures fail, the log loses the group again, and writing resumes. */
    @Test
    void aRefusedGroupIsInNeitherStoreAndWritingResumesByItself() throws Exception {
        service.record(List.of(anomaly("before", 1, 1, 4))).join();
        long size = Files.size(logFile());
        db.jdbc().execute("ALTER TABLE anomaly RENAME TO anomaly_away");

        CompletableFuture<Void> refused = service.record(List.of(anomaly("refused", 2, 1, 4)));
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(Files.size(logFile())).isEqualTo(size);
        assertThat(service.health().ok()).isFalse();
        assertThat(service.health().reason()).contains("database");

        db.jdbc().execute("ALTER TABLE anomaly_away RENAME TO anomaly");
        service.record(List.of(anomaly("after", 3, 1, 4))).get(10, TimeUnit.SECONDS);
        assertThat(service.health().ok()).isTrue();
        assertThat(readBack(dir)).extracting(Anomaly::stream).containsExactly("before", "after");
        assertThat(db.rows()).isEqualTo(2);
    }

    /** Concurrent writers share groups; nothing is lost or duplicated and both stores have one order. */
    @Test
    void concurrentRecordsLoseNothingAndBothStoresAgree() throws Exception {
        int threads = 4;
        int perThread = 250;
        List<Anomaly> expected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String stream = "thread-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Anomaly a = anomaly(stream, i, i * 0.5, i);
                        service.record(List.of(a)).join();
                        expected.add(a);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Anomaly> logged = readBack(dir);
        assertThat(logged).hasSize(threads * perThread).containsExactlyInAnyOrderElementsOf(expected);
        List<Anomaly> stored = db.jdbc().query("SELECT " + AnomalySql.COLUMNS + " FROM anomaly ORDER BY id",
                (rs, n) -> AnomalySql.read(rs));
        assertThat(stored).containsExactlyElementsOf(logged);
    }

    /** A database of a version that counted log rows gets its byte mark from them once, without duplicates. */
    @Test
    void aRowCountMarkBecomesAByteMarkWithoutDuplicates() throws Exception {
        List<Anomaly> all = someAnomalies(5);
        service.record(all.subList(0, 4)).join();
        service.close();
        db.jdbc().update("UPDATE anomaly_log_mark SET logged_bytes = NULL, logged_rows = 3");
        db.jdbc().update("DELETE FROM anomaly WHERE stream = ? AND observed_at = ?", all.get(3).stream(),
                AnomalySql.timestamp(all.get(3).time())); // the old version had not stored the 4th yet

        service = db.service(dir);

        assertThat(db.rows()).isEqualTo(4);
        assertThat(db.jdbc().queryForObject("SELECT logged_bytes FROM anomaly_log_mark", Long.class))
                .isEqualTo(Files.size(logFile()));
    }

    /** A log that lost its tail (replaced, restored from a backup): the mark follows it, nothing is read twice. */
    @Test
    void aMarkPastTheEndOfTheLogIsSetBack() throws Exception {
        service.record(someAnomalies(5)).join();
        service.close();
        Files.delete(logFile());

        service = db.service(dir);
        service.record(List.of(anomaly("new", 9, 1, 4))).join();

        assertThat(db.rows()).isEqualTo(6);
        assertThat(readBack(dir)).extracting(Anomaly::stream).containsExactly("new");
    }

    @Test
    void closingCommitsWhatIsQueued() {
        service.record(List.of(anomaly("s", 1, 1, 4)));
        service.close();
        assertThat(db.rows()).isEqualTo(1);
    }

    @Test
    void aStrayLineAppendedByHandIsImportedOrSkippedNeverFatal() throws Exception {
        service.close();
        Files.writeString(logFile(), "not,a,row\n", StandardOpenOption.APPEND);
        service = db.service(dir);
        assertThat(db.rows()).isZero();
        service.record(List.of(anomaly("s", 1, 1, 4))).join();
        assertThat(db.rows()).isEqualTo(1);
    }
}
