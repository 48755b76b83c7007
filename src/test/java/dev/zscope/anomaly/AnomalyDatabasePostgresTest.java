package dev.zscope.anomaly;

import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The database contract against PostgreSQL, when {@value TestDatabase#POSTGRES_URL} names one, e.g.
 * {@code jdbc:postgresql://localhost:5432/zscope?user=zscope&password=zscope}; skipped otherwise.
 * Works in a schema of this test JVM's own (see {@link TestDatabase}), which each test empties first.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL, matches = ".+")
class AnomalyDatabasePostgresTest extends AnomalyRestartContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.postgres();
    }
}
