package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.anomaly.AnomalyQuery.Direction;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The database and restart contracts against the embedded H2 database, the default. */
class AnomalyDatabaseH2Test extends AnomalyRestartContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.h2(dir);
    }

    /** The plan for large results (used above {@link AnomalyTable#H2_SORT_INDEX_ABOVE} matches) returns the same rows. */
    @Test
    void pagingAlongTheSortIndexGivesTheSameRows() {
        AnomalyService service = service();
        service.record(TestAnomalies.someAnomalies(300)).join();
        service.count(AnomalyQuery.all()); // flushes the writer
        for (SortField field : SortField.values()) {
            for (Direction direction : Direction.values()) {
                AnomalyQuery query = AnomalyQuery.all().withStream("stream-1").withMinScore(2.0)
                        .withTimeRange(TestAnomalies.T0.plusSeconds(20), null).sortedBy(field, direction);
                Object[] where = AnomalySql.where(query).args();
                Object[] args = Arrays.copyOf(where, where.length + 2);
                args[args.length - 2] = 20;
                args[args.length - 1] = 5;
                assertThat(db.jdbc().query(AnomalySql.pageBySortIndex(query), (rs, n) -> AnomalySql.read(rs), args))
                        .as(query.toString()).hasSize(20)
                        .containsExactlyElementsOf(service.find(query, 5, 20));
            }
        }
    }
}
