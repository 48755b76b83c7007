package dev.zscope.engine;

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
 *
 * <p>The columns are interleaved: one {@code long[]} holds a point's seven fields side by side
 * (doubles as their raw bits). With thousands of streams fed a point at a time, every point lands on
 * a history that has left the cache; side by side its fields cost one or two cache lines, where
 * seven separate arrays cost seven misses.
 */
final class PointHistory implements SubscriptionHub.Source<StreamPoint> {

    /** Memory per held point: seven 8-byte fields (six values, the flags with the severity as a float above them). */
    static final int BYTES_PER_POINT = 56;
    private static final int STRIDE = 7;
    private static final int TIME = 0;
    private static final int VALUE = 1;
    private static final int EXPECTED = 2;
    private static final int LOWER = 3;
    private static final int UPPER = 4;
    private static final int SCORE = 5;
    private static final int FLAGS = 6;
    private static final byte ANOMALY = 1;
    private static final byte INJECTED = 2;
    private static final byte LEARNING = 4;

    private final int capacity;
    /** Point at ring position i occupies data[i * STRIDE .. i * STRIDE + STRIDE). */
    private final long[] data;
    private long nextSequence;

    PointHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1");
        }
        this.capacity = capacity;
        data = new long[Math.multiplyExact(capacity, STRIDE)];
    }

    /** Appends a point and returns its sequence number. */
    synchronized long add(long epochMillis, double v, double e, double lo, double hi, double sc, double sev,
                          boolean anomaly, boolean injected, boolean learning) {
        int i = (int) (nextSequence % capacity) * STRIDE;
        long[] d = data;
        d[i + TIME] = epochMillis;
        d[i + VALUE] = Double.doubleToRawLongBits(v);
        d[i + EXPECTED] = Double.doubleToRawLongBits(e);
        d[i + LOWER] = Double.doubleToRawLongBits(lo);
        d[i + UPPER] = Double.doubleToRawLongBits(hi);
        d[i + SCORE] = Double.doubleToRawLongBits(sc);
        d[i + FLAGS] = (anomaly ? ANOMALY : 0) | (injected ? INJECTED : 0) | (learning ? LEARNING : 0)
                | (long) Float.floatToRawIntBits((float) sev) << 32;
        return nextSequence++;
    }

    /** The sequence the next point will get. */
    @Override
    public synchronized long nextSequence() {
        return nextSequence;
    }

    /** Oldest sequence still held. */
    @Override
    public synchronized long oldestSequence() {
        return Math.max(0, nextSequence - capacity);
    }

    /**
     * Copies up to {@code max} points starting at {@code from} (or at the oldest still held, if
     * {@code from} was overwritten) into {@code into}; returns how many wanted points were lost.
     */
    @Override
    public synchronized long since(long from, int max, List<StreamPoint> into) {
        long start = Math.max(from, Math.max(0, nextSequence - capacity));
        long end = Math.min(nextSequence, start + max);
        for (long s = start; s < end; s++) {
            into.add(point(s));
        }
        return start - from;
    }

    /** The newest {@code max} points, oldest first. */
    synchronized List<StreamPoint> latest(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, capacity));
        List<StreamPoint> out = new ArrayList<>(n);
        for (long s = nextSequence - n; s < nextSequence; s++) {
            out.add(point(s));
        }
        return out;
    }

    /** The times of the newest {@code max} points, oldest first, for re-seeding a detector. */
    synchronized long[] latestTimes(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, capacity));
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = data[(int) ((nextSequence - n + k) % capacity) * STRIDE + TIME];
        }
        return out;
    }

    /** The values of the newest {@code max} points, oldest first, for re-seeding a detector. */
    synchronized double[] latestValues(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, capacity));
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = Double.longBitsToDouble(data[(int) ((nextSequence - n + k) % capacity) * STRIDE + VALUE]);
        }
        return out;
    }

    private StreamPoint point(long sequence) {
        int i = (int) (sequence % capacity) * STRIDE;
        long f = data[i + FLAGS];
        return new StreamPoint(sequence, data[i + TIME], bits(i + VALUE), bits(i + EXPECTED), bits(i + LOWER),
                bits(i + UPPER), bits(i + SCORE),
                Float.intBitsToFloat((int) (f >>> 32)), (f & ANOMALY) != 0, (f & INJECTED) != 0, (f & LEARNING) != 0);
    }

    private double bits(int index) {
        return Double.longBitsToDouble(data[index]);
    }
}
