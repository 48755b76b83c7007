package dev.zscope.anomaly;

import dev.zscope.detection.Verdict;
import dev.zscope.engine.AnomalyHandler;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Turns the engine's anomalous verdicts into immutable {@link Anomaly} records in the log and the
 * store. Runs synchronously on the engine's thread, so no anomaly is dropped on the way.
 */
@Component
class AnomalyRecorder implements AnomalyHandler {

    private final AnomalyService service;

    AnomalyRecorder(AnomalyService service) {
        this.service = service;
    }

    @Override
    public void onAnomaly(String stream, long epochMillis, Verdict v) {
        service.record(new Anomaly(Instant.ofEpochMilli(epochMillis), stream, v.value(), v.score(),
                v.expected(), v.lower(), v.upper(), v.std(), v.z(), v.threshold(), v.window(), v.detector()));
    }
}
