package dev.zscope.anomaly;

import java.nio.file.Path;

/** {@link AnomalyCursorContract} against the embedded H2 database. */
class AnomalyCursorH2Test extends AnomalyCursorContract {

    @Override
    TestDatabase open(Path dir) {
        return TestDatabase.h2(dir);
    }
}
