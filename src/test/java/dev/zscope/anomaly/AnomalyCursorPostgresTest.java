package dev.zscope.anomaly;

import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link AnomalyCursorContract} against PostgreSQL, when {@value TestDatabase#POSTGRES_URL} names one. */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL, matches = ".+")
class AnomalyCursorPostgresTest extends AnomalyCursorContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.postgres();
    }
}
