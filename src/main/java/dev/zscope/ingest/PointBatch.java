package dev.zscope.ingest;

import java.util.Arrays;
import org.springframework.http.HttpStatus;

/**
 * The points of one request, parsed and validated, in columns of primitives so that a batch of a
 * hundred thousand points is two arrays rather than a hundred thousand objects.
 * {@link #SERVER_TIME} stands for a point without a timestamp; the service stamps it when it writes.
 */
public final class PointBatch {

    /** The timestamp of a point that gave none: "now" at the moment it is written. */
    public static final long SERVER_TIME = Long.MIN_VALUE;

    private final int maxPoints;
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int size;

    /** @param maxPoints how many points the batch may hold before {@link #add} refuses (413) */
    public PointBatch(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** Appends a point; refuses the one beyond the limit. */
    public void add(long epochMillis, double value) {
        if (size == maxPoints) {
            throw new IngestException(HttpStatus.CONTENT_TOO_LARGE, "Too many points",
                    "more than " + maxPoints + " points in one request (row " + (size + 1)
                            + "); split the batch; nothing was written", size + 1, null);
        }
        if (size == timestamps.length) {
            int capacity = (int) Math.min((long) size * 2, maxPoints);
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        timestamps[size] = epochMillis;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public long timestamp(int index) {
        return timestamps[index];
    }

    public double value(int index) {
        return values[index];
    }

    /** The values column itself (not a copy), valid in {@code [0, size())}: for the engine's batch path. */
    double[] values() {
        return values;
    }
}
