package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.T0;
import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.engine.Anomaly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing anomalies newest first by position ({@link AnomalyService#newestFirst}), what the read API
 * pages with: against each database, every filter, and pages that neither repeat nor skip, also
 * when anomalies are recorded between pages and many share one time.
 */
abstract class AnomalyCursorContract {

    @TempDir
    Path dir;

    TestDatabase db;
    AnomalyService service;

    abstract TestDatabase open(Path dir);

    @BeforeEach
    void openDatabase() throws Exception {
        db = open(dir);
        service = db.service(dir);
    }

    @AfterEach
    void closeAll() {
        service.close();
        db.close();
    }

    /** Every page of {@code query}, {@code size} at a time, joined. */
    private List<Anomaly> walk(AnomalyQuery query, int size) {
        List<Anomaly> all = new ArrayList<>();
        AnomalyService.Position at = null;
        while (true) {
            List<AnomalyService.Listed> page = service.newestFirst(query, at, size);
            page.forEach(l -> all.add(l.anomaly()));
            if (page.size() < size) {
                return all;
            }
            at = page.getLast().position();
        }
    }

    @Test
    void pagesJoinToEveryMatchNewestFirstWithoutRepeatsOrGaps() {
        Random random = new Random(7);
        List<Anomaly> recorded = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // many share a second, so ties are broken by the recording order
            Anomaly a = anomaly("s" + (i % 3), random.nextInt(40), i, 3 + random.nextInt(5));
            recorded.add(a);
            service.recordNow(a);
        }
        List<Anomaly> expected = new ArrayList<>();
        for (int i = recorded.size() - 1; i >= 0; i--) {
            expected.add(recorded.get(i));
        }
        expected.sort(Comparator.comparing(Anomaly::time).reversed()); // stable: later recordings first among ties
        for (int size : new int[] {1, 7, 50, 500}) {
            assertThat(walk(AnomalyQuery.all(), size)).as("page size " + size).containsExactlyElementsOf(expected);
        }
        AnomalyQuery filtered = AnomalyQuery.all().withStream("s1").withTimeRange(T0.plusSeconds(10), T0.plusSeconds(30));
        assertThat(walk(filtered, 4)).containsExactlyElementsOf(expected.stream().filter(filtered::matches).toList());
    }

    @Test
    void anomaliesRecordedBetweenPagesDoNotShiftTheNextPage() {
        for (int i = 0; i < 10; i++) {
            service.recordNow(anomaly("a", i, i, 4));
        }
        List<AnomalyService.Listed> first = service.newestFirst(AnomalyQuery.all(), null, 4);
        assertThat(first).extracting(l -> l.anomaly().value()).containsExactly(9.0, 8.0, 7.0, 6.0);
        service.recordNow(anomaly("a", 100, 100, 4)); // newer: belongs before the first page
        service.recordNow(anomaly("a", 5, 55, 4)); // same time as the next row, recorded later: before it
        List<AnomalyService.Listed> second = service.newestFirst(AnomalyQuery.all(), first.getLast().position(), 4);
        assertThat(second).extracting(l -> l.anomaly().value()).containsExactly(55.0, 5.0, 4.0, 3.0);
        assertThat(service.newestFirst(AnomalyQuery.all(), null, 0)).isEmpty();
    }
}
