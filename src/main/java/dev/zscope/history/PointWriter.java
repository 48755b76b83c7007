package dev.zscope.history;

import dev.zscope.engine.PointChunk;
import dev.zscope.engine.PointOutbox;
import dev.zscope.history.Segment.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The point store's one writer: takes the engine's chunks from the outbox, sorts them by stream,
 * and writes them as blocks, one per stream and tier, every flush interval (or sooner when a
 * quarter of the buffer is waiting). So the engine's only cost per point is a few stores into a
 * chunk, and the disk sees a few large appends per interval however many points arrive.
 *
 * <p>A write that fails (a full disk, an I/O error) loses that round's points for the store, is
 * logged once a minute at most, and seals the files being written, so nothing is ever appended after
 * a torn block; the next round starts new files. While the disk has less free space than
 * {@code min-free-space} nothing is written at all.
 */
final class PointWriter {

    private static final Logger log = LoggerFactory.getLogger(PointWriter.class);
    /** A minute with no new point for this long is written even though the next minute has not begun. */
    private static final long QUIET_MINUTE_MS = 65_000;
    private static final long LOG_EVERY_MS = 60_000;

    private final SegmentStore store;
    private final PointOutbox outbox;
    private final Runnable flushEngine;
    private final HistoryProperties properties;
    private final Clock clock;
    private final Map<String, Pending> pending = new HashMap<>();
    private final HistoryHealth health;
    private int pendingPoints;
    private long lastLog;
    private volatile boolean stopping;

    PointWriter(SegmentStore store, PointOutbox outbox, Runnable flushEngine, HistoryProperties properties,
                Clock clock, HistoryHealth health) {
        this.store = store;
        this.outbox = outbox;
        this.flushEngine = flushEngine;
        this.properties = properties;
        this.clock = clock;
        this.health = health;
    }

    /** Makes {@link #run} return after its next round; wake it with a {@link PointOutbox#requestFlush}. */
    void stop() {
        stopping = true;
    }

    /**
     * The writer thread's loop, until {@link #stop}; then everything taken so far is written and
     * the minutes still open too. Never interrupted: an interrupt would close the files it writes.
     */
    void run() {
        long interval = properties.flushInterval().toMillis();
        long nextFlush = clock.millis() + interval;
        try {
            while (!stopping) {
                long wait = Math.max(0, nextFlush - clock.millis());
                PointOutbox.Item item = outbox.poll(wait, TimeUnit.MILLISECONDS);
                if (item != null) {
                    take(item);
                    drainQueued();
                }
                if (clock.millis() >= nextFlush) {
                    round(false);
                    nextFlush = clock.millis() + interval;
                } else if (pendingPoints >= properties.bufferedPoints() / 4) {
                    writeAll(false);
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        round(true);
    }

    /** One flush round: the engine's partial chunks, everything queued, written; retention and budget kept. */
    void round(boolean closing) {
        flushEngine.run();
        drainQueued();
        writeAll(closing);
        try {
            store.force();
        } catch (IOException e) {
            failed(e);
        }
        health.bytes(store.maintain(clock.millis()), store.fileCount());
    }

    private void drainQueued() {
        for (PointOutbox.Item item = outbox.poll(); item != null; item = outbox.poll()) {
            take(item);
        }
    }

    private void take(PointOutbox.Item item) {
        switch (item) {
            case PointChunk c -> {
                pending.computeIfAbsent(c.stream(), Pending::new).add(c, clock.millis());
                pendingPoints += c.size();
            }
            case PointOutbox.Renamed r -> renamed(r);
            case PointOutbox.Deleted d -> deleted(d);
            case PointOutbox.Flush f -> {
                round(false);
                f.done().complete(null);
            }
        }
    }

    /**
     * Everything of the old name, the minute being summed included, is written first, so the
     * rename's place in the sequence is exact and every block before it carries the old name.
     */
    private void renamed(PointOutbox.Renamed r) {
        Pending p = pending.get(r.from());
        if (p != null) {
            p.closeMinute();
        }
        writeAll(false);
        try {
            store.names().renamed(store.takeSeq(), r.from(), r.to());
        } catch (IOException e) {
            failed(e);
        }
    }

    /** What the deleted stream had not written yet is given up; later blocks of its name are another stream's. */
    private void deleted(PointOutbox.Deleted d) {
        Pending p = pending.remove(d.stream());
        if (p != null) {
            recycle(p);
        }
        try {
            store.names().deleted(store.takeSeq(), d.stream());
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Writes every stream's pending points; when {@code closing}, also the minutes still open. */
    void writeAll(boolean closing) {
        long now = clock.millis();
        boolean room = hasRoom();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (closing || now - p.lastArrival >= QUIET_MINUTE_MS) {
                p.closeMinute();
            }
            if (p.hasWork()) {
                if (room) {
                    room = write(p, now);
                } else {
                    health.dropped(p.points);
                }
            }
            recycle(p);
            if (!p.hasWork() && p.open.isEmpty()) {
                it.remove();
            }
        }
        pendingPoints = 0;
    }

    private boolean write(Pending p, long now) {
        try {
            writeRaw(p, now);
            if (p.minuteCount > 0) {
                store.write(Tier.MINUTE, Blocks.MINUTE, p.name, p.minuteCount, p.minutesFrom, p.minutesTo, now,
                        b -> b.put(p.minutes.duplicate().flip()));
            }
            if (p.keptCount > 0) {
                store.write(Tier.MINUTE, Blocks.KEPT, p.name, p.keptCount, p.keptFrom, p.keptTo, now,
                        b -> b.put(p.kept.duplicate().flip()));
            }
            health.written(p.points);
            return true;
        } catch (IOException | RuntimeException e) {
            health.dropped(p.points);
            failed(e);
            return false;
        }
    }

    /** The raw chunks as blocks of at most {@link Blocks#MAX_COUNT} points. */
    private void writeRaw(Pending p, long now) throws IOException {
        int from = 0;
        while (from < p.chunks.size()) {
            int to = from;
            int count = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            while (to < p.chunks.size() && count + p.chunks.get(to).size() <= Blocks.MAX_COUNT) {
                PointChunk c = p.chunks.get(to++);
                count += c.size();
                for (int i = 0; i < c.size(); i++) {
                    min = Math.min(min, c.time(i));
                    max = Math.max(max, c.time(i));
                }
            }
            int first = from;
            int last = to;
            store.write(Tier.RAW, Blocks.RAW, p.name, count, min, max, now, b -> {
                for (int k = first; k < last; k++) {
                    PointChunk c = p.chunks.get(k);
                    for (int i = 0; i < c.size(); i++) {
                        RawRecords.put(b, c, i);
                    }
                }
            });
            from = to;
        }
    }

    private void recycle(Pending p) {
        p.chunks.forEach(outbox::recycle);
        p.written();
    }

    private boolean hasRoom() {
        try {
            Files.createDirectories(properties.dataDirectory());
            long free = Files.getFileStore(properties.dataDirectory()).getUsableSpace();
            if (free >= properties.minFreeSpace().toBytes()) {
                return true;
            }
            failed(new IOException("only " + (free >> 20) + " MB free, less than zscope.history.min-free-space ("
                    + properties.minFreeSpace().toMegabytes() + " MB)"));
        } catch (IOException e) {
            failed(e);
        }
        return false;
    }

    private void failed(Exception e) {
        store.sealAll();
        long now = clock.millis();
        health.failed(e.toString(), now);
        if (now - lastLog >= LOG_EVERY_MS) {
            lastLog = now;
            log.warn("The point store could not write ({}); points are not stored until it can. The anomaly"
                    + " store is not affected.", e.toString());
        }
    }
}
