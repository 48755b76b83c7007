package dev.zscope.metrics;

import dev.zscope.engine.DetectionEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Points and anomalies per stream: {@code zscope.points} and {@code zscope.anomalies}, counters
 * tagged {@code stream}. They read the engine's own totals when Prometheus scrapes, so no point pays
 * for being counted; one pass over the engine serves a whole scrape ({@link #REREAD_MILLIS}).
 *
 * <p>The first {@link MetricsProperties#maxStreams()} streams seen since start get series of their
 * own; every later stream is summed into {@code stream="(other)"}, which is no valid stream name,
 * so {@code sum(zscope_points_total)} is always the total. A stream that got no series of its own
 * keeps none until the next start, so {@code (other)} only moves up (a delete can move it down,
 * which Prometheus reads as a counter reset). New streams get their series within
 * {@link #REGISTER_MILLIS}.
 */
@Component
class StreamMeters {

    /** The label value of the streams beyond the limit: not a valid stream name, so never a stream's. */
    static final String OTHER = "(other)";
    static final long REREAD_MILLIS = 1_000;
    static final long REGISTER_MILLIS = 5_000;

    private final DetectionEngine engine;
    private final MeterRegistry registry;
    private final int maxStreams;
    /** Streams with series of their own, and their meters. Guarded by this. */
    private final Map<String, List<Meter>> tagged = new HashMap<>();
    /** Streams that got none (beyond the limit when first seen). Guarded by this. */
    private final Set<String> untagged = new HashSet<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0, 0, 0);

    /** Totals by stream as of {@code readAt}, and the sums over the untagged streams. */
    private record Snapshot(Map<String, long[]> byStream, long otherPoints, long otherAnomalies, long readAt) {
    }

    StreamMeters(DetectionEngine engine, MeterRegistry registry, MetricsProperties properties) {
        this.engine = engine;
        this.registry = registry;
        this.maxStreams = properties.maxStreams();
        FunctionCounter.builder("zscope.points", this, m -> m.read().otherPoints())
                .description("Points processed, per stream").tag("stream", OTHER).register(registry);
        FunctionCounter.builder("zscope.anomalies", this, m -> m.read().otherAnomalies())
                .description("Anomalies found, per stream").tag("stream", OTHER).register(registry);
        register();
    }

    /** Gives streams seen for the first time their series (up to the limit), drops those of deleted ones. */
    @Scheduled(fixedDelay = REGISTER_MILLIS, initialDelay = REGISTER_MILLIS)
    synchronized void register() {
        Snapshot now = reread();
        for (String stream : now.byStream().keySet()) {
            if (tagged.containsKey(stream) || untagged.contains(stream)) {
                continue;
            }
            if (tagged.size() >= maxStreams) {
                untagged.add(stream);
                continue;
            }
            tagged.put(stream, List.of(
                    counter("zscope.points", "Points processed, per stream", stream, c -> c[0]),
                    counter("zscope.anomalies", "Anomalies found, per stream", stream, c -> c[1])));
        }
        for (var it = tagged.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!now.byStream().containsKey(entry.getKey())) {
                entry.getValue().forEach(registry::remove);
                it.remove();
            }
        }
        untagged.retainAll(now.byStream().keySet());
        snapshot = reread();
    }

    private Meter counter(String name, String description, String stream, ToDoubleFunction<long[]> field) {
        return FunctionCounter.builder(name, this, m -> {
            long[] c = m.read().byStream().get(stream);
            return c == null ? 0 : field.applyAsDouble(c);
        }).description(description).tag("stream", stream).register(registry);
    }

    /** The totals, read again when the last reading is older than {@link #REREAD_MILLIS}. */
    private Snapshot read() {
        Snapshot s = snapshot;
        if (System.currentTimeMillis() - s.readAt() < REREAD_MILLIS) {
            return s;
        }
        synchronized (this) {
            if (System.currentTimeMillis() - snapshot.readAt() >= REREAD_MILLIS) {
                snapshot = reread();
            }
            return snapshot;
        }
    }

    private Snapshot reread() {
        Map<String, long[]> byStream = new HashMap<>();
        long[] other = new long[2];
        engine.visitCounts((stream, points, anomalies) -> {
            byStream.put(stream, new long[] {points, anomalies});
            if (untagged.contains(stream)) {
                other[0] += points;
                other[1] += anomalies;
            }
        });
        return new Snapshot(byStream, other[0], other[1], System.currentTimeMillis());
    }

    /** For tests: how many streams have series of their own. */
    synchronized int taggedCount() {
        return tagged.size();
    }
}
