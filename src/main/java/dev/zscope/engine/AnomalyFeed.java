package dev.zscope.engine;

import java.util.List;

/**
 * The engine-wide feed: the newest anomalies of every stream in one bounded ring (drop-oldest),
 * numbered in the order they were found. Subscribers are cursors into it ({@link SubscriptionHub}),
 * so the header, the grid and the notifier hear of an anomaly on any stream without a subscription
 * per stream, and a slow one never holds the engine back.
 */
final class AnomalyFeed implements SubscriptionHub.Source<Anomaly> {

    private final Anomaly[] ring;
    private long next;

    AnomalyFeed(int capacity) {
        ring = new Anomaly[capacity];
    }

    synchronized void add(List<Anomaly> anomalies) {
        for (Anomaly a : anomalies) {
            ring[(int) (next++ % ring.length)] = a;
        }
    }

    @Override
    public synchronized long oldestSequence() {
        return Math.max(0, next - ring.length);
    }

    @Override
    public synchronized long nextSequence() {
        return next;
    }

    /**
     * Adds up to {@code max} anomalies from sequence {@code from} on to {@code into}; returns how many
     * before them were already overwritten.
     */
    @Override
    public synchronized long since(long from, int max, List<Anomaly> into) {
        long start = Math.max(from, Math.max(0, next - ring.length));
        long end = Math.min(next, start + max);
        for (long s = start; s < end; s++) {
            into.add(ring[(int) (s % ring.length)]);
        }
        return start - from;
    }
}
