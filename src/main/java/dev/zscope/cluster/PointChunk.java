package dev.zscope.cluster;

import java.nio.ByteBuffer;

/**
 * Up to {@link #MAX_POINTS} points of one stream as one record of the {@code points} topic (key:
 * the stream's name), oldest first. Many points to a record is what lets one detector thread judge
 * tens of thousands of points a second; a point's identity is still exact: its record's partition
 * and offset and its index in the record ({@link AnomalyId}).
 *
 * <p>Format (big-endian): version byte {@value #VERSION}; flags byte (1: backfill, 2: injected
 * flags follow); point count (int); the times (long each); the values (double each); with flag 2,
 * one byte per point (1 when the simulator injected an anomaly there).
 *
 * @param times    observation times, epoch milliseconds
 * @param values   the values
 * @param injected per point whether it was injected, or null for none
 * @param backfill points of the stream's past: they train the detector but raise nothing
 */
record PointChunk(long[] times, double[] values, boolean[] injected, boolean backfill) {

    static final byte VERSION = 1;
    /** Points per record: 16 KB of payload, well under every broker's message limit. */
    static final int MAX_POINTS = 1024;
    private static final int BACKFILL = 1;
    private static final int INJECTED = 2;

    int size() {
        return times.length;
    }

    boolean injected(int i) {
        return injected != null && injected[i];
    }

    static byte[] encode(long[] times, double[] values, boolean[] injected, int from, int to, boolean backfill) {
        int n = to - from;
        boolean anyInjected = false;
        if (injected != null) {
            for (int i = from; i < to; i++) {
                anyInjected |= injected[i];
            }
        }
        ByteBuffer b = ByteBuffer.allocate(6 + 16 * n + (anyInjected ? n : 0));
        b.put(VERSION).put((byte) ((backfill ? BACKFILL : 0) | (anyInjected ? INJECTED : 0))).putInt(n);
        for (int i = from; i < to; i++) {
            b.putLong(times[i]);
        }
        for (int i = from; i < to; i++) {
            b.putDouble(values[i]);
        }
        if (anyInjected) {
            for (int i = from; i < to; i++) {
                b.put((byte) (injected[i] ? 1 : 0));
            }
        }
        return b.array();
    }

    /** @throws IllegalArgumentException for bytes that are not a chunk of this version */
    static PointChunk decode(byte[] bytes) {
        if (bytes == null || bytes.length < 6 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a point chunk of version " + VERSION);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.get();
        int flags = b.get();
        int n = b.getInt();
        boolean hasInjected = (flags & INJECTED) != 0;
        if (n < 0 || n > MAX_POINTS || bytes.length != 6 + 16 * n + (hasInjected ? n : 0)) {
            throw new IllegalArgumentException("a point chunk of " + bytes.length + " bytes cannot hold " + n + " points");
        }
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = b.getLong();
        }
        for (int i = 0; i < n; i++) {
            values[i] = b.getDouble();
        }
        boolean[] injected = null;
        if (hasInjected) {
            injected = new boolean[n];
            for (int i = 0; i < n; i++) {
                injected[i] = b.get() != 0;
            }
        }
        return new PointChunk(times, values, injected, (flags & BACKFILL) != 0);
    }
}
