package dev.zscope.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring of a stream's most recent points, addressed by sequence number, stored column by
 * column in primitive arrays.
 *
 * <p>It is both the chart's history and the delivery buffer of every subscriber: a subscriber only
 * remembers the next sequence it wants, so a slow subscriber costs nothing and simply finds that
 * the oldest points it missed were overwritten (drop-oldest, counted). Columns instead of objects
 * keep the engine's hot path free of allocation and the memory per stream predictable:
 * {@value #BYTES_PER_POINT} bytes a point; {@link StreamPoint}s are made only when read. One
 * writer (the stream's owner), many readers.
 */
final class PointHistory {

    /** Memory per held point: six 8-byte columns and one byte of flags. */
    static final int BYTES_PER_POINT = 49;
    private static final byte ANOMALY = 1;
    private static final byte INJECTED = 2;
    private static final byte LEARNING = 4;

    private final long[] time;
    private final double[] value;
    private final double[] expected;
    private final double[] lower;
    private final double[] upper;
    private final double[] score;
    private final byte[] flags;
    private long nextSequence;

    PointHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1");
        }
        time = new long[capacity];
        value = new double[capacity];
        expected = new double[capacity];
        lower = new double[capacity];
        upper = new double[capacity];
        score = new double[capacity];
        flags = new byte[capacity];
    }

    /** Appends a point and returns its sequence number. */
    synchronized long add(long epochMillis, double v, double e, double lo, double hi, double sc,
                          boolean anomaly, boolean injected, boolean learning) {
        int i = (int) (nextSequence % time.length);
        time[i] = epochMillis;
        value[i] = v;
        expected[i] = e;
        lower[i] = lo;
        upper[i] = hi;
        score[i] = sc;
        flags[i] = (byte) ((anomaly ? ANOMALY : 0) | (injected ? INJECTED : 0) | (learning ? LEARNING : 0));
        return nextSequence++;
    }

    /** The sequence the next point will get. */
    synchronized long nextSequence() {
        return nextSequence;
    }

    /** Oldest sequence still held. */
    synchronized long oldestSequence() {
        return Math.max(0, nextSequence - time.length);
    }

    /**
     * Copies up to {@code max} points starting at {@code from} (or at the oldest still held, if
     * {@code from} was overwritten) into {@code into}; returns how many wanted points were lost.
     */
    synchronized long since(long from, int max, List<StreamPoint> into) {
        long start = Math.max(from, Math.max(0, nextSequence - time.length));
        long end = Math.min(nextSequence, start + max);
        for (long s = start; s < end; s++) {
            into.add(point(s));
        }
        return start - from;
    }

    /** The newest {@code max} points, oldest first. */
    synchronized List<StreamPoint> latest(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, time.length));
        List<StreamPoint> out = new ArrayList<>(n);
        for (long s = nextSequence - n; s < nextSequence; s++) {
            out.add(point(s));
        }
        return out;
    }

    /** The times of the newest {@code max} points, oldest first, for re-seeding a detector. */
    synchronized long[] latestTimes(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, time.length));
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = time[(int) ((nextSequence - n + k) % time.length)];
        }
        return out;
    }

    /** The values of the newest {@code max} points, oldest first, for re-seeding a detector. */
    synchronized double[] latestValues(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, time.length));
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = value[(int) ((nextSequence - n + k) % time.length)];
        }
        return out;
    }

    private StreamPoint point(long sequence) {
        int i = (int) (sequence % time.length);
        byte f = flags[i];
        return new StreamPoint(sequence, time[i], value[i], expected[i], lower[i], upper[i], score[i],
                (f & ANOMALY) != 0, (f & INJECTED) != 0, (f & LEARNING) != 0);
    }
}
