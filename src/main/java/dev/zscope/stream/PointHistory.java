package dev.zscope.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring of a stream's most recent points, addressed by sequence number.
 *
 * <p>It is both the chart's history and the delivery buffer of every subscriber: a subscriber
 * only remembers the next sequence it wants, so a slow subscriber costs nothing and simply finds
 * that the oldest points it missed were overwritten (drop-oldest, counted). One writer (the
 * engine), many readers; the critical sections are one array store or one bounded copy.
 */
final class PointHistory {

    private final StreamPoint[] ring;
    private long nextSequence;

    PointHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1");
        }
        this.ring = new StreamPoint[capacity];
    }

    synchronized void add(StreamPoint point) {
        ring[(int) (point.sequence() % ring.length)] = point;
        nextSequence = point.sequence() + 1;
    }

    /** The sequence the next point will get. */
    synchronized long nextSequence() {
        return nextSequence;
    }

    /** Oldest sequence still held. */
    synchronized long oldestSequence() {
        return Math.max(0, nextSequence - ring.length);
    }

    /**
     * Copies up to {@code max} points starting at {@code from} (or at the oldest still held, if
     * {@code from} was overwritten) into {@code into}; returns how many wanted points were lost.
     */
    synchronized long since(long from, int max, List<StreamPoint> into) {
        long oldest = Math.max(0, nextSequence - ring.length);
        long start = Math.max(from, oldest);
        long end = Math.min(nextSequence, start + max);
        for (long s = start; s < end; s++) {
            into.add(ring[(int) (s % ring.length)]);
        }
        return start - from;
    }

    /** The newest {@code max} points, oldest first. */
    synchronized List<StreamPoint> latest(int max) {
        int n = (int) Math.min(max, Math.min(nextSequence, ring.length));
        List<StreamPoint> out = new ArrayList<>(n);
        for (long s = nextSequence - n; s < nextSequence; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    /** The values of the newest {@code max} points, oldest first, for re-seeding a detector. */
    synchronized double[] latestValues(int max) {
        List<StreamPoint> points = latest(max);
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        return values;
    }
}
