package dev.zscope.source.mqtt;

import dev.zscope.source.PayloadFormat;
import dev.zscope.source.SourceProblems;
import dev.zscope.source.SourceWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The points of one batch of messages, by stream, in arrival order, written one stream at a time.
 * A point older than its stream's newest is left out and reported (a device's clock went back, or
 * an old message came late); with JSON timestamps, a point equal in time and value to the stream's
 * newest is a copy and left out silently.
 */
final class MqttBatch {

    private final PayloadFormat format;
    private final Map<String, Column> byStream = new LinkedHashMap<>();

    private static final class Column {
        long[] times = new long[8];
        double[] values = new double[8];
        int n;
        /** Points already written by an earlier try of this batch. */
        boolean written;
    }

    MqttBatch(PayloadFormat format) {
        this.format = format;
    }

    void add(String stream, long millis, double value) {
        Column c = byStream.computeIfAbsent(stream, s -> new Column());
        if (c.n == c.times.length) {
            c.times = Arrays.copyOf(c.times, c.n * 2);
            c.values = Arrays.copyOf(c.values, c.n * 2);
        }
        c.times[c.n] = millis;
        c.values[c.n] = value;
        c.n++;
    }

    /**
     * Writes each stream's points.
     *
     * @throws SourceWriter.WriteException when anomalies cannot be kept (retryable): the streams
     *     written so far are not written again by a retry
     */
    void writeEach(SourceWriter writer, SourceProblems problems, Set<String> streams) {
        for (var entry : byStream.entrySet()) {
            Column c = entry.getValue();
            if (c.written) {
                continue;
            }
            String stream = entry.getKey();
            SourceWriter.Last last = writer.last(stream);
            long after = last.millis();
            double afterValue = last.value();
            long[] times = new long[c.n];
            double[] values = new double[c.n];
            int kept = 0;
            int older = 0;
            for (int i = 0; i < c.n; i++) {
                long t = c.times[i];
                if (t < after) {
                    older++;
                    continue;
                }
                if (format == PayloadFormat.JSON && t == after && Double.compare(c.values[i], afterValue) == 0) {
                    continue; // the same point again
                }
                times[kept] = t;
                values[kept] = c.values[i];
                kept++;
                after = t;
                afterValue = c.values[i];
            }
            if (older > 0) {
                problems.error("stream " + stream + ": " + older + " point(s) older than the stream's newest left out",
                        java.time.Instant.now());
            }
            if (kept > 0) {
                try {
                    writer.write(stream, times, values, kept);
                    problems.wrote(kept);
                } catch (SourceWriter.WriteException e) {
                    if (e.retryable()) {
                        throw e;
                    }
                    problems.error("stream " + stream + ": " + e.getMessage(), java.time.Instant.now());
                }
            }
            streams.add(stream);
            c.written = true;
        }
    }
}
