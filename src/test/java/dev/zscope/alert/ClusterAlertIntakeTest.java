package dev.zscope.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.anomaly.TestAnomalies;
import dev.zscope.engine.Anomaly;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAlertIntakeTest {

    private final List<List<Anomaly>> calls = new ArrayList<>();

    private static Anomaly on(String stream, int second) {
        return TestAnomalies.zscore(Instant.ofEpochSecond(second), stream, 1, 0, 1, 9, 3, 100, "zscore");
    }

    @Test
    void inClusterModeEachStreamsAnomaliesReachTheEvaluatorInOrderOneCallPerStream() {
        ClusterAlertIntake intake = new ClusterAlertIntake(() -> true, () -> (a, millis) -> calls.add(a), () -> 5L);
        intake.observe(List.of(on("a", 1), on("b", 2), on("a", 3)));
        assertThat(calls).containsExactly(List.of(on("a", 1), on("a", 3)), List.of(on("b", 2)));
    }

    @Test
    void onASingleServerTheEnginesListenerAloneTellsTheEvaluator() {
        ClusterAlertIntake intake = new ClusterAlertIntake(() -> false, () -> (a, millis) -> calls.add(a), () -> 5L);
        intake.observe(List.of(on("a", 1)));
        assertThat(calls).isEmpty();
    }
}
