package dev.zscope.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the engine hands the anomalies it finds. Called under the stream's lock, in the order the
 * points were judged, so it must only enqueue; the returned future completes once the anomalies are
 * durable, or fails with the reason they could not be kept (see the anomaly store). Sources that
 * acknowledge writes (the HTTP API) wait for it; the simulator does not.
 */
@FunctionalInterface
public interface AnomalySink {

    /** A sink that keeps nothing, for tools and tests that only want verdicts. */
    AnomalySink DISCARD = anomalies -> CompletableFuture.completedFuture(null);

    CompletableFuture<Void> record(List<Anomaly> anomalies);

    /** How many anomalies a stream had: in all, in the last hour and in the last day. */
    record Counts(long total, int lastHour, int lastDay) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /** The anomalies kept so far, by stream, as of {@code nowMillis}; what the engine's counters start from. */
    default java.util.Map<String, Counts> countsByStream(long nowMillis) {
        return java.util.Map.of();
    }
}
