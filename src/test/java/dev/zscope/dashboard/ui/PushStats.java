package dev.zscope.dashboard.ui;

import java.util.Arrays;

/** What {@link MeasuringPush}es saw since the last {@link #reset}; thread-safe. */
final class PushStats {

    private long pushes;
    private long bytes;
    private long uidlNanos;
    private long[] lags = new long[1 << 16];
    private int lagCount;

    synchronized void push(int messageChars, long nanos, long lagMillis) {
        pushes++;
        bytes += messageChars;
        uidlNanos += nanos;
        if (lagMillis >= 0) {
            if (lagCount == lags.length) {
                lags = Arrays.copyOf(lags, lags.length * 2);
            }
            lags[lagCount++] = lagMillis;
        }
    }

    synchronized void reset() {
        pushes = 0;
        bytes = 0;
        uidlNanos = 0;
        lagCount = 0;
    }

    synchronized long pushes() {
        return pushes;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long uidlNanos() {
        return uidlNanos;
    }

    /** Sorted lags in milliseconds of the pushes that carried new chart points. */
    synchronized long[] sortedLags() {
        long[] copy = Arrays.copyOf(lags, lagCount);
        Arrays.sort(copy);
        return copy;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }
}
