package dev.zscope.engine;

import java.util.Arrays;

/**
 * Points per second over the last few seconds, from one-second buckets; cheap enough to call per
 * point (an increment, and a bucket roll once a second). Not thread-safe: its {@link StreamChannel}
 * calls it under the channel's lock, so it takes no lock of its own on the hot path.
 */
final class RateMeter {

    private static final int BUCKETS = 5;
    private final long[] counts = new long[BUCKETS];
    private long currentSecond = Long.MIN_VALUE;

    /** Counts {@code points} arrived at {@code nowMillis}. */
    void mark(long nowMillis, int points) {
        roll(Math.floorDiv(nowMillis, 1000));
        counts[(int) Math.floorMod(currentSecond, BUCKETS)] += points;
    }

    /** Average rate over the last complete seconds (up to {@value #BUCKETS} − 1 of them). */
    double perSecond(long nowMillis) {
        roll(Math.floorDiv(nowMillis, 1000));
        long total = 0;
        for (int i = 1; i < BUCKETS; i++) {
            total += counts[(int) Math.floorMod(currentSecond - i, BUCKETS)];
        }
        return total / (double) (BUCKETS - 1);
    }

    private void roll(long second) {
        if (currentSecond == Long.MIN_VALUE || second - currentSecond >= BUCKETS) {
            Arrays.fill(counts, 0);
        } else {
            for (long s = currentSecond + 1; s <= second; s++) {
                counts[(int) Math.floorMod(s, BUCKETS)] = 0;
            }
        }
        if (second > currentSecond) {
            currentSecond = second;
        }
    }
}
