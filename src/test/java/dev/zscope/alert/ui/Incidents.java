package dev.zscope.alert.ui;

import static org.awaitility.Awaitility.await;

import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertService;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import java.time.Duration;
import java.util.Map;

/** Makes a real incident: a stream with a small Z-score detector, 40 calm points, then spikes; waits for its alert. */
public final class Incidents {

    private static long clock = 1_700_000_000_000L;

    private Incidents() {
    }

    public static synchronized Alert fire(DetectionEngine engine, AlertService alerts, String stream, double... spikes) {
        long before = alerts.openFor(stream).map(Alert::anomalies).orElse(0L);
        if (!engine.exists(stream)) {
            engine.open(stream);
            engine.applyDetector(stream, new DetectorChoice("zscore", Map.of("window", "20", "warmup", "10")));
        }
        long[] times = new long[40 + spikes.length];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = clock += 1000;
            values[i] = i < 40 ? 10 + (i % 2 == 0 ? 0.5 : -0.5) : spikes[i - 40]; // calm: |z| = 1, never flagged
        }
        engine.write(stream, times, values, 0, times.length).durable().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.openFor(stream)
                .filter(a -> a.anomalies() >= before + spikes.length).isPresent());
        return alerts.openFor(stream).orElseThrow();
    }
}
