package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.anomaly.AnomalyQuery.Direction;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Starting with an existing database and log: whichever of the two a crash or an upgrade left
 * ahead, every anomaly is in the database exactly once afterwards (see {@link AnomalyService}).
 */
abstract class AnomalyRestartContract extends AnomalyDatabaseContract {

    private static final AnomalyQuery OLDEST_FIRST = AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING);

    private List<Anomaly> stored(AnomalyService service) {
        return service.find(OLDEST_FIRST, 0, Integer.MAX_VALUE);
    }

    private AnomalyService restart(AnomalyService running) {
        running.close();
        return service();
    }

    /** Appends to the log as a process that died before its database writes would have done. */
    private void appendToLogOnly(List<Anomaly> anomalies) throws IOException {
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            log.append(anomalies);
        }
    }

    /** The mark, as the number of log rows it is past. */
    private long mark() throws IOException {
        long bytes = new AnomalyTable(db.jdbc()).loggedBytes();
        long[] rows = {0};
        LogTail.read(dir.resolve(AnomalyLog.FILE_NAME), AnomalyLog.headerEnd(), AnomalyCsv.COLUMNS, 1000,
                b -> {
                    if (b.end() <= bytes) {
                        rows[0] += b.anomalies().size();
                    }
                });
        return rows[0];
    }

    private static void keep(AnomalyService service, List<Anomaly> anomalies) {
        service.record(anomalies).join();
    }

    @Test
    void aRestartKeepsEveryAnomalyOnce() throws IOException {
        List<Anomaly> rows = TestAnomalies.someAnomalies(6);
        AnomalyService first = service();
        keep(first, rows.subList(0, 2));
        rows.subList(2, 6).forEach(a -> keep(first, List.of(a)));
        AnomalyService second = restart(first);
        assertThat(stored(second)).containsExactlyElementsOf(rows);
        keep(second, List.of(anomaly("d", 60, 0, 9)));
        AnomalyService third = restart(second);
        assertThat(third.count(AnomalyQuery.all())).isEqualTo(7);
        assertThat(TestAnomalies.text(dir.resolve("anomalies.csv")).lines()).hasSize(8);
        assertThat(mark()).isEqualTo(7);
    }

    @Test
    void importsTheWholeLogOnAnUpgradeFromTheCsvOnlyVersion() throws IOException {
        List<Anomaly> rows = TestAnomalies.someAnomalies(12_345);
        appendToLogOnly(rows);
        assertThat(db.rows()).isZero();

        AnomalyService service = service();
        assertThat(stored(service)).containsExactlyElementsOf(rows);
        assertThat(mark()).isEqualTo(rows.size());
        assertThat(restart(service).count(AnomalyQuery.all())).isEqualTo(rows.size());
        assertThat(db.rows()).isEqualTo(rows.size());
    }

    @Test
    void importsOnlyTheLogRowsTheDatabaseLacksAfterACrash() throws IOException {
        List<Anomaly> rows = TestAnomalies.someAnomalies(8);
        AnomalyService first = service();
        keep(first, rows.subList(0, 5));
        first.close();
        appendToLogOnly(rows.subList(5, 8));

        AnomalyService second = service();
        assertThat(stored(second)).containsExactlyElementsOf(rows);
        assertThat(stored(restart(second))).containsExactlyElementsOf(rows);
        assertThat(mark()).isEqualTo(8);
    }

    @Test
    void keepsTheRowsALogLostAndCountsItsNewRowsFromThere() throws IOException {
        List<Anomaly> rows = TestAnomalies.someAnomalies(7);
        AnomalyService first = service();
        keep(first, rows.subList(0, 5));
        first.close();
        Path log = dir.resolve("anomalies.csv");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.write(log, lines.subList(0, 4), StandardCharsets.UTF_8); // header and 3 rows: a lost tail

        AnomalyService second = service();
        assertThat(stored(second)).containsExactlyElementsOf(rows.subList(0, 5));
        assertThat(mark()).isEqualTo(3);
        keep(second, List.of(rows.get(5)));
        second.close();
        appendToLogOnly(rows.subList(6, 7));

        AnomalyService third = service();
        assertThat(stored(third)).containsExactlyElementsOf(rows);
        assertThat(stored(restart(third))).containsExactlyElementsOf(rows);
    }
}
