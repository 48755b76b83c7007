package dev.zscope.engine;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the heap has room for one more stream. Every stream holds its history and its detector
 * for good (about 100 KB with the defaults and the default detector), so a client that writes to
 * thousands of new names would otherwise run the server out of memory, and an out-of-memory error
 * can leave any part of it broken. Near the limit the engine refuses new streams with a reason
 * instead; the streams it has keep running.
 *
 * <p>The used share of the heap includes garbage, so above {@link #LIMIT} one full collection
 * (at most every {@link #GC_INTERVAL_NANOS}, so a burst of new names does not collect per name)
 * tells live data from garbage before a stream is refused.
 */
final class HeapRoom {

    /** Share of the maximum heap in use above which no new stream is created. */
    static final double LIMIT = 0.85;
    static final long GC_INTERVAL_NANOS = 5_000_000_000L;

    private final DoubleSupplier usedShare;
    private final Runnable collect;
    private final LongSupplier nanoTime;
    private long lastCollect = Long.MIN_VALUE;

    HeapRoom() {
        this(HeapRoom::usedShareOfMaxHeap, System::gc, System::nanoTime);
    }

    HeapRoom(DoubleSupplier usedShare, Runnable collect, LongSupplier nanoTime) {
        this.usedShare = usedShare;
        this.collect = collect;
        this.nanoTime = nanoTime;
    }

    /** True when another stream fits; may run one full collection to find out. */
    boolean forAnotherStream() {
        if (usedShare.getAsDouble() < LIMIT) {
            return true;
        }
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (lastCollect == Long.MIN_VALUE || now - lastCollect >= GC_INTERVAL_NANOS) {
                lastCollect = now;
                collect.run();
            }
        }
        return usedShare.getAsDouble() < LIMIT;
    }

    /** The share of the maximum heap in use now, for the refusal's message. */
    double usedShare() {
        return usedShare.getAsDouble();
    }

    private static double usedShareOfMaxHeap() {
        Runtime runtime = Runtime.getRuntime();
        return (double) (runtime.totalMemory() - runtime.freeMemory()) / runtime.maxMemory();
    }
}
