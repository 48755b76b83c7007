package dev.zscope.history;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the point store has done, for its status line and for tests: points written and given up,
 * bytes and files on disk, and the last failure. Updated by the writer, read by anyone.
 */
public final class HistoryHealth {

    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile long bytes;
    private volatile int files;
    private volatile String lastError;
    private volatile long lastErrorMillis;

    void written(long points) {
        written.add(points);
    }

    void dropped(long points) {
        dropped.add(points);
    }

    void bytes(long bytes, int files) {
        this.bytes = bytes;
        this.files = files;
    }

    void failed(String error, long atMillis) {
        lastError = error;
        lastErrorMillis = atMillis;
    }

    /** A snapshot: points written and not kept since the start (the engine's own drops added). */
    public Snapshot snapshot(long engineDropped) {
        return new Snapshot(written.sum(), dropped.sum() + engineDropped, bytes, files, lastError,
                lastError == null ? null : Instant.ofEpochMilli(lastErrorMillis));
    }

    /**
     * @param written   points written since the start
     * @param dropped   points not stored since the start (the disk was full or failing, or the writer
     *                  fell a whole buffer behind)
     * @param bytes     what the store's files take
     * @param files     how many segment files there are
     * @param lastError the last failure to write, or null
     * @param lastErrorAt when it happened, or null
     */
    public record Snapshot(long written, long dropped, long bytes, int files, String lastError, Instant lastErrorAt) {
    }
}
