package dev.zscope.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@link SourceWriter} that keeps what sources write in memory, refuses points that go back in
 * time as the API does, and can be told to refuse writes: for tests of sources without a server.
 */
public class MemoryWriter extends SourceWriter {

    /** One written point. */
    public record Point(long millis, double value) {
    }

    private final Map<String, List<Point>> streams = new LinkedHashMap<>();
    /** Streams whose next write fails as if anomalies could not be kept (retryable), once each. */
    private Predicate<String> unavailable = s -> false;
    private int writes;

    public MemoryWriter() {
        super(null, null);
    }

    public synchronized void failOnceFor(Predicate<String> streams) {
        this.unavailable = streams;
    }

    @Override
    public synchronized Last last(String stream) {
        List<Point> points = streams.get(stream);
        return points == null || points.isEmpty() ? Last.NONE
                : new Last(points.getLast().millis(), points.getLast().value());
    }

    @Override
    public synchronized long write(String stream, long[] times, double[] values, int n) {
        if (unavailable.test(stream)) {
            unavailable = s -> false;
            throw new WriteException("anomalies cannot be kept right now", true);
        }
        if (stream.startsWith("refuse")) {
            throw new WriteException("the engine already runs its maximum of streams", false);
        }
        List<Point> points = streams.computeIfAbsent(stream, s -> new ArrayList<>());
        long latest = points.isEmpty() ? Long.MIN_VALUE : points.getLast().millis();
        for (int i = 0; i < n; i++) {
            if (times[i] < latest) {
                throw new WriteException("point out of order", false);
            }
            latest = times[i];
        }
        for (int i = 0; i < n; i++) {
            points.add(new Point(times[i], values[i]));
        }
        writes++;
        return 0;
    }

    public synchronized List<Point> points(String stream) {
        return List.copyOf(streams.getOrDefault(stream, List.of()));
    }

    public synchronized java.util.Set<String> streams() {
        return java.util.Set.copyOf(streams.keySet());
    }

    public synchronized int writes() {
        return writes;
    }
}
