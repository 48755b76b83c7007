package dev.zscope.history;

import dev.zscope.engine.PointChunk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream's points that the writer has taken from the engine and not yet written: the raw
 * chunks as they came, the minute summaries they completed, and the points to keep for the whole
 * summary retention (anomalies and injections). Touched by the writer thread only.
 */
final class Pending {

    final String name;
    final List<PointChunk> chunks = new ArrayList<>();
    int points;
    final MinuteRollup open = new MinuteRollup();
    ByteBuffer minutes = Blocks.buffer(4 * Blocks.MINUTE_RECORD);
    int minuteCount;
    long minutesFrom = Long.MAX_VALUE;
    long minutesTo = Long.MIN_VALUE;
    ByteBuffer kept = Blocks.buffer(4 * Blocks.RAW_RECORD);
    int keptCount;
    long keptFrom = Long.MAX_VALUE;
    long keptTo = Long.MIN_VALUE;
    /** When a point of this stream last arrived at the writer (its clock), to close a quiet minute. */
    long lastArrival;

    Pending(String name) {
        this.name = name;
    }

    /** Takes a chunk: keeps it for the raw tier and feeds the minute summary and the kept points. */
    void add(PointChunk c, long nowMillis) {
        chunks.add(c);
        points += c.size();
        lastArrival = nowMillis;
        for (int i = 0; i < c.size(); i++) {
            long t = c.time(i);
            if (!open.accepts(t)) {
                closeMinute();
            }
            int flags = c.flags(i);
            boolean anomaly = (flags & PointChunk.ANOMALY) != 0;
            open.add(t, c.value(i), c.expected(i), c.lower(i), c.upper(i), c.score(i), c.severity(i), anomaly);
            if ((flags & (PointChunk.ANOMALY | PointChunk.INJECTED)) != 0 && keptCount < Blocks.MAX_COUNT) {
                kept = room(kept, Blocks.RAW_RECORD);
                RawRecords.put(kept, c, i);
                keptCount++;
                keptFrom = Math.min(keptFrom, t);
                keptTo = Math.max(keptTo, t);
            }
        }
    }

    /** Moves the minute being summed (if any) to the summaries to write. */
    void closeMinute() {
        if (open.isEmpty() || minuteCount >= Blocks.MAX_COUNT) {
            return;
        }
        minutes = room(minutes, Blocks.MINUTE_RECORD);
        long m = open.minute();
        open.writeTo(minutes);
        minuteCount++;
        minutesFrom = Math.min(minutesFrom, m);
        minutesTo = Math.max(minutesTo, m);
    }

    boolean hasWork() {
        return points > 0 || minuteCount > 0 || keptCount > 0;
    }

    /** Forgets what was written (or given up); the open minute stays. */
    void written() {
        chunks.clear();
        points = 0;
        minutes.clear();
        minuteCount = 0;
        minutesFrom = Long.MAX_VALUE;
        minutesTo = Long.MIN_VALUE;
        kept.clear();
        keptCount = 0;
        keptFrom = Long.MAX_VALUE;
        keptTo = Long.MIN_VALUE;
    }

    private static ByteBuffer room(ByteBuffer b, int needed) {
        if (b.remaining() >= needed) {
            return b;
        }
        ByteBuffer bigger = Blocks.buffer(Math.max(b.capacity() * 2, b.position() + needed));
        b.flip();
        return bigger.put(b);
    }
}
