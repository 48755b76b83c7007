package dev.zscope.anomaly;

import java.nio.file.Path;

/** The database and restart contracts against the embedded H2 database, the default. */
class AnomalyDatabaseH2Test extends AnomalyRestartContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.h2(dir);
    }
}
