package dev.zscope.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.http.HttpStatus;

/**
 * The points of one request, parsed and validated, in columns of primitives so that a batch of a
 * hundred thousand points is two arrays rather than a hundred thousand objects.
 * {@link #SERVER_TIME} stands for a point without a timestamp; the service stamps it when it writes.
 *
 * <p><b>Time window.</b> A timestamp must lie between {@link #EARLIEST} (1970-01-01T00:00:00Z) and
 * {@link #MAX_AHEAD} (one day) after the server's time; anything else is refused (400, naming the
 * row). Every past time since 1970 is fine. The upper bound is what keeps one wrong timestamp (a
 * year 3000, seconds read as milliseconds the other way round) from becoming the stream's latest
 * point, after which every real point would be refused as out of order; the lower bound keeps a
 * negative number, such as -9223372036854775808, from passing for {@link #SERVER_TIME}. A day
 * leaves room for clocks that are off and for time zones got wrong.
 */
public final class PointBatch {

    /** The timestamp of a point that gave none: "now" at the moment it is written. */
    public static final long SERVER_TIME = Long.MIN_VALUE;
    /** The earliest timestamp accepted: 1970-01-01T00:00:00Z. */
    public static final long EARLIEST = 0;
    /** How far after the server's time a timestamp may be. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    private final int maxPoints;
    private final long now;
    private final long latest;
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int size;

    /**
     * @param maxPoints how many points the batch may hold before {@link #add} refuses (413)
     * @param now       the server's time in epoch milliseconds, from which the latest timestamp
     *                  accepted is {@link #MAX_AHEAD} on
     */
    public PointBatch(int maxPoints, long now) {
        this.maxPoints = maxPoints;
        this.now = now;
        this.latest = now + MAX_AHEAD.toMillis();
    }

    /**
     * Appends a point with its own timestamp; refuses it outside the time window (400) or beyond the
     * limit of points (413).
     */
    public void add(long epochMillis, double value) {
        if (epochMillis < EARLIEST || epochMillis > latest) {
            throw IngestException.badRow(size + 1, "timestamp", Instant.ofEpochMilli(epochMillis) + " ("
                    + epochMillis + " ms) is " + (epochMillis < EARLIEST ? "before 1970-01-01T00:00:00Z"
                    : "more than one day after the server's time (" + Instant.ofEpochMilli(now) + ")")
                    + "; the API accepts times from 1970 to one day ahead");
        }
        append(epochMillis, value);
    }

    /** Appends a point without a timestamp: it gets the server's time when it is written. */
    public void addAtServerTime(double value) {
        append(SERVER_TIME, value);
    }

    private void append(long epochMillis, double value) {
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
