package dev.zscope.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What one write into the engine did.
 *
 * @param stream    the stream written to
 * @param accepted  points processed
 * @param anomalies the anomalies they raised, in order
 * @param durable   completes when those anomalies are kept for good (at once when there are none);
 *                  fails with the reason when they could not be
 */
public record Written(String stream, int accepted, List<Anomaly> anomalies, CompletableFuture<Void> durable) {

    public Written {
        anomalies = List.copyOf(anomalies);
    }
}
