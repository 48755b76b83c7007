package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.StreamStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Test streams for cluster mode, from fixed seeds, and the single-server answer for them: the same
 * points run through a {@link DetectionEngine} of one JVM, which is what detection in a cluster must
 * find too, anomaly for anomaly.
 */
final class ClusterStreams {

    static final long START = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    private ClusterStreams() {
    }

    /** One stream's points. */
    record Points(String stream, long[] times, double[] values) {
        int size() {
            return times.length;
        }
    }

    /**
     * {@code count} streams of {@code n} points a second apart: a wave with noise, a spike of 12σ to 20σ on
     * about one point in 250 and a level shift of 20σ in the middle, each stream from its own seed.
     */
    static List<Points> streams(int count, int n, long seed) {
        List<Points> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Random random = new Random(seed * 1000 + s);
            long[] times = new long[n];
            double[] values = new double[n];
            double period = 100 + 50 * s;
            for (int i = 0; i < n; i++) {
                times[i] = START + i * 1000L;
                double v = 50 + 5 * Math.sin(2 * Math.PI * i / period) + random.nextGaussian();
                if (random.nextInt(250) == 0) {
                    v += (random.nextBoolean() ? 1 : -1) * (12 + 8 * random.nextDouble());
                }
                if (i > n / 2) {
                    v += 20;
                }
                values[i] = v;
            }
            out.add(new Points("s" + s + (s % 2 == 0 ? ".cpu" : ":rate"), times, values));
        }
        return out;
    }

    /** What a single server finds in {@code streams}, by stream, in order. */
    static Map<String, List<Anomaly>> singleServer(List<Points> streams, DetectorChoice choice) {
        Map<String, List<Anomaly>> found = new LinkedHashMap<>();
        AnomalySink sink = anomalies -> {
            anomalies.forEach(a -> found.computeIfAbsent(a.stream(), k -> new ArrayList<>()).add(a));
            return CompletableFuture.completedFuture(null);
        };
        DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(), sink, StreamStore.NONE,
                Clock.fixed(Instant.ofEpochMilli(START), ZoneOffset.UTC));
        engine.applyDetector(choice);
        for (Points p : streams) {
            engine.write(p.stream(), p.times(), p.values(), 0, p.size());
            found.putIfAbsent(p.stream(), new ArrayList<>());
        }
        engine.destroy();
        return found;
    }
}
