package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.T0;
import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.zscope.anomaly.AnomalyQuery.Direction;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyServiceTest {

    @TempDir
    Path dir;

    private final List<AnomalyService> services = new ArrayList<>();

    private AnomalyService service(int memoryLimit) {
        AnomalyService service = new AnomalyService(new AnomalyProperties(dir, memoryLimit));
        services.add(service);
        return service;
    }

    @AfterEach
    void closeAll() {
        services.forEach(AnomalyService::close);
    }

    /** a@0 z=3, b@10 z=-8, a@20 z=5, c@30 z=Infinity, b@40 z=-3.5, a@50 z=4 */
    private AnomalyService withSix() {
        AnomalyService service = service(1000);
        service.record(anomaly("a", 0, 1.0, 3));
        service.record(List.of(anomaly("b", 10, -2.0, -8), anomaly("a", 20, 5.0, 5)));
        service.record(anomaly("c", 30, 0.5, Double.POSITIVE_INFINITY));
        service.record(anomaly("b", 40, 3.0, -3.5));
        service.record(anomaly("a", 50, -1.0, 4));
        return service;
    }

    private static List<Long> seconds(List<Anomaly> anomalies) {
        return anomalies.stream().map(a -> a.time().getEpochSecond() - T0.getEpochSecond()).toList();
    }

    @Test
    void recordsToTheLogAndRestoresTheHistoryOnRestart() throws IOException {
        AnomalyService first = withSix();
        assertThat(first.logFile()).isEqualTo(dir.resolve("anomalies.csv"));
        first.close();
        assertThat(TestAnomalies.text(dir.resolve("anomalies.csv")).lines()).hasSize(7);

        assertThat(first.recordedCount()).isEqualTo(6);
        AnomalyService second = service(1000);
        assertThat(seconds(second.find(AnomalyQuery.all(), 0, 100))).containsExactly(50L, 40L, 30L, 20L, 10L, 0L);
        assertThat(second.recordedCount()).isZero(); // history is not "recorded since start"
        second.record(anomaly("d", 60, 0, 9));
        assertThat(second.recordedCount()).isEqualTo(1);
        second.close();
        assertThat(service(1000).count(AnomalyQuery.all())).isEqualTo(7);
    }

    @Test
    void loadsOnlyTheNewestUpToTheMemoryLimit() throws IOException {
        try (AnomalyLog log = AnomalyLog.open(dir, a -> { })) {
            for (int i = 0; i < 1005; i++) {
                log.append(anomaly("s", i, i, 4));
            }
        }
        AnomalyService service = service(1000);
        assertThat(service.count(AnomalyQuery.all())).isEqualTo(1000);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING), 0, 1)))
                .containsExactly(5L);
        service.record(anomaly("s", 2000, 0, 4));
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING), 0, 1)))
                .containsExactly(6L);
        assertThat(seconds(service.find(AnomalyQuery.all(), 0, 1))).containsExactly(2000L);
    }

    @Test
    void filtersByStreamTimeRangeAndMinimumAbsoluteZ() {
        AnomalyService service = withSix();
        AnomalyQuery all = AnomalyQuery.all();

        assertThat(seconds(service.find(all.withStream("a"), 0, 10))).containsExactly(50L, 20L, 0L);
        assertThat(service.count(all.withStream("nope"))).isZero();
        assertThat(seconds(service.find(all.withTimeRange(T0.plusSeconds(10), T0.plusSeconds(40)), 0, 10)))
                .containsExactly(30L, 20L, 10L); // from inclusive, to exclusive
        assertThat(seconds(service.find(all.withTimeRange(T0.plusSeconds(41), null), 0, 10))).containsExactly(50L);
        assertThat(seconds(service.find(all.withTimeRange(null, T0.plusSeconds(10)), 0, 10))).containsExactly(0L);
        assertThat(service.count(all.withTimeRange(T0.plusSeconds(40), T0.plusSeconds(10)))).isZero();
        assertThat(seconds(service.find(all.withMinAbsZ(5.0), 0, 10))).containsExactly(30L, 20L, 10L);
        assertThat(seconds(service.find(all.withMinAbsZ(1e300), 0, 10))).containsExactly(30L);
        assertThat(seconds(service.find(all.withStream("b").withMinAbsZ(3.5)
                .withTimeRange(T0.plusSeconds(10), T0.plusSeconds(41)), 0, 10))).containsExactly(40L, 10L);
        assertThatIllegalArgumentException().isThrownBy(() -> all.withMinAbsZ(Double.NaN));
    }

    @Test
    void sortsByEachFieldBothWays() {
        AnomalyService service = withSix();
        assertThat(seconds(service.find(AnomalyQuery.all(), 0, 10))).containsExactly(50L, 40L, 30L, 20L, 10L, 0L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING), 0, 10)))
                .containsExactly(0L, 10L, 20L, 30L, 40L, 50L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.VALUE, Direction.ASCENDING), 0, 10)))
                .containsExactly(10L, 50L, 30L, 0L, 40L, 20L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.Z_ABS, Direction.DESCENDING), 0, 10)))
                .containsExactly(30L, 10L, 20L, 50L, 40L, 0L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.Z_ABS, Direction.ASCENDING), 0, 10)))
                .containsExactly(0L, 40L, 50L, 20L, 10L, 30L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.STREAM, Direction.ASCENDING), 0, 10)))
                .containsExactly(0L, 20L, 50L, 10L, 40L, 30L); // ties in recording order
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.STREAM, null), 0, 10)))
                .containsExactly(30L, 40L, 10L, 50L, 20L, 0L); // descending: later recorded first
    }

    @Test
    void pagesWithOffsetAndLimit() {
        AnomalyService service = withSix();
        assertThat(seconds(service.find(AnomalyQuery.all(), 0, 2))).containsExactly(50L, 40L);
        assertThat(seconds(service.find(AnomalyQuery.all(), 2, 2))).containsExactly(30L, 20L);
        assertThat(seconds(service.find(AnomalyQuery.all(), 4, 5))).containsExactly(10L, 0L);
        assertThat(service.find(AnomalyQuery.all(), 6, 5)).isEmpty();
        assertThat(service.find(AnomalyQuery.all(), 100, Integer.MAX_VALUE)).isEmpty();
        assertThat(service.find(AnomalyQuery.all(), 1, Integer.MAX_VALUE)).hasSize(5);
        assertThat(service.find(AnomalyQuery.all(), 0, 0)).isEmpty();
        assertThat(service.count(AnomalyQuery.all())).isEqualTo(6);
        assertThatIllegalArgumentException().isThrownBy(() -> service.find(AnomalyQuery.all(), -1, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> service.find(AnomalyQuery.all(), 0, -1));
    }

    @Test
    void countsSinceAnInstant() {
        AnomalyService service = withSix();
        assertThat(service.countSince(T0.plusSeconds(20))).isEqualTo(4);
        assertThat(service.countSince(T0.plusSeconds(51))).isZero();
    }

    @Test
    void exportsTheMatchingRowsWithFormulasNeutralisedAndNumbersLeftAsNumbers() throws IOException {
        AnomalyService service = service(1000);
        String[] names = {"=1+1", "+x", "-x", "@x", "\tx", "\rx", "plain, \"quoted\"\nname"};
        for (int i = 0; i < names.length; i++) {
            service.record(new Anomaly(T0.plusSeconds(i), names[i], -3.5, -1e-7, 2, Double.NEGATIVE_INFINITY, 3,
                    100, i == 0 ? "@detector" : "zscore"));
        }
        service.record(anomaly("other", 100, 1, 9)); // filtered out below
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        service.export(AnomalyQuery.all().withMinAbsZ(10.0).sortedBy(SortField.TIME, Direction.ASCENDING), out);

        assertThat(closed[0]).as("export must leave the caller's stream open").isFalse();
        String csv = out.toString(StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();
        assertThat(records.get(0).toList()).isEqualTo(AnomalyCsv.COLUMNS);
        assertThat(records.subList(1, records.size())).extracting(r -> r.get(1))
                .containsExactly("'=1+1", "'+x", "'-x", "'@x", "'\tx", "'\rx", "plain, \"quoted\"\nname");
        for (CSVRecord record : records.subList(1, records.size())) {
            assertThat(record.get(2)).isEqualTo("-3.5");
            assertThat(record.get(3)).isEqualTo("-1.0E-7");
            assertThat(record.get(5)).isEqualTo("-Infinity");
            assertThat(record.get(7)).isEqualTo("100");
        }
        assertThat(records.get(1).get(0)).isEqualTo(T0.toString());
        assertThat(records.get(1).get(8)).isEqualTo("'@detector");
        assertThat(records.get(2).get(8)).isEqualTo("zscore");
        assertThat(csv).contains(",-3.5,-1.0E-7,2.0,-Infinity,3.0,100,").doesNotContain("'-3.5");
    }

    @Test
    void keepsRecordingInMemoryWhenTheLogCannotBeWritten() {
        AnomalyService service = service(1000);
        service.close(); // stands in for a failed disk: the log refuses appends
        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(AnomalyService.class)) {
            service.record(anomaly("s", 1, 1, 4));
            service.record(anomaly("s", 2, 1, 4));
            assertThat(capture.messages()).hasSize(1).allMatch(m -> m.contains("kept in memory only"));
        }
        assertThat(service.count(AnomalyQuery.all())).isEqualTo(2);
    }
}
