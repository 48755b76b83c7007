package dev.zscope.history;

import dev.zscope.engine.PointChunk;
import dev.zscope.history.Segment.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads a stream's stored points over a range into {@link Buckets} and {@link Marks}, choosing per
 * part of the range the tier that answers it best: the minute summaries for steps of a minute or
 * more (a week is ten thousand records, not millions of points) and where raw points are gone, the
 * raw points elsewhere. The newest points, still in the engine's memory, are the caller's: the
 * store is read only before {@code memoryFrom}.
 */
final class SeriesReader {

    private final SegmentStore store;

    SeriesReader(SegmentStore store) {
        this.store = store;
    }

    void read(String stream, long from, long to, long step, long memoryFrom, Buckets buckets, Marks marks) {
        List<NameHistory.Alias> aliases = store.names().aliases(stream);
        long rawFrom = Long.MAX_VALUE;
        long minutesTo = Long.MIN_VALUE;
        for (NameHistory.Alias a : aliases) {
            for (Segment s : store.segments(Tier.RAW)) {
                Segment.Chain c = s.chain(Blocks.RAW, a.name());
                rawFrom = c == null ? rawFrom : Math.min(rawFrom, c.minTime());
            }
            for (Segment s : store.segments(Tier.MINUTE)) {
                Segment.Chain c = s.chain(Blocks.MINUTE, a.name());
                minutesTo = c == null ? minutesTo : Math.max(minutesTo, c.maxTime() + MinuteRollup.MINUTE);
            }
        }
        long cut = step >= MinuteRollup.MINUTE && minutesTo != Long.MIN_VALUE ? minutesTo : rawFrom;
        long minutesStop = Math.min(cut, memoryFrom) == Long.MAX_VALUE ? Long.MAX_VALUE
                : MinuteRollup.minuteOf(Math.min(cut, memoryFrom));
        long rawStart = Math.max(from, minutesStop);
        long rawEnd = Math.min(to, memoryFrom == Long.MAX_VALUE ? Long.MAX_VALUE : memoryFrom - 1);
        try {
            for (NameHistory.Alias a : aliases) {
                if (minutesStop > from - MinuteRollup.MINUTE) {
                    long end = Math.min(to, minutesStop == Long.MAX_VALUE ? Long.MAX_VALUE : minutesStop - 1);
                    readMinutes(a, from, end, buckets, marks);
                }
                if (rawStart <= rawEnd) {
                    readRaw(a, rawStart, rawEnd, buckets, marks);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the point store", e);
        }
    }

    private void readMinutes(NameHistory.Alias a, long from, long to, Buckets buckets, Marks marks) throws IOException {
        for (Segment s : store.segments(Tier.MINUTE)) {
            s.read(Blocks.MINUTE, a.name(), a.after(), a.before(), from - MinuteRollup.MINUTE + 1, to, (h, b) -> {
                for (int k = 0; k < h.count(); k++) {
                    int at = b.position() + k * Blocks.MINUTE_RECORD;
                    long m = b.getLong(at);
                    if (m + MinuteRollup.MINUTE - 1 >= from && m <= to) {
                        buckets.minute(Math.max(m, from), b.getInt(at + 8), b.getDouble(at + 12),
                                b.getDouble(at + 20), b.getDouble(at + 28), b.getDouble(at + 36),
                                b.getFloat(at + 44), b.getFloat(at + 48), b.getFloat(at + 52));
                    }
                }
            });
            s.read(Blocks.KEPT, a.name(), a.after(), a.before(), from, to, (h, b) -> marks(h, b, from, to, marks));
        }
    }

    private void readRaw(NameHistory.Alias a, long from, long to, Buckets buckets, Marks marks) throws IOException {
        for (Segment s : store.segments(Tier.RAW)) {
            s.read(Blocks.RAW, a.name(), a.after(), a.before(), from, to, (h, b) -> {
                for (int k = 0; k < h.count(); k++) {
                    int at = b.position() + k * Blocks.RAW_RECORD;
                    long t = RawRecords.time(b, at);
                    if (t >= from && t <= to) {
                        buckets.point(t, RawRecords.value(b, at), RawRecords.expected(b, at),
                                RawRecords.lower(b, at), RawRecords.upper(b, at));
                    }
                }
                marks(h, b, from, to, marks);
            });
        }
    }

    private static void marks(Blocks.Header h, ByteBuffer b, long from, long to, Marks marks) {
        for (int k = 0; k < h.count(); k++) {
            int at = b.position() + k * Blocks.RAW_RECORD;
            long t = RawRecords.time(b, at);
            int flags = RawRecords.flags(b, at);
            if (t >= from && t <= to && (flags & (PointChunk.ANOMALY | PointChunk.INJECTED)) != 0) {
                marks.add(new Series.Mark(t, RawRecords.value(b, at), RawRecords.expected(b, at),
                        RawRecords.lower(b, at), RawRecords.upper(b, at), RawRecords.score(b, at),
                        RawRecords.severity(b, at), (flags & PointChunk.ANOMALY) != 0,
                        (flags & PointChunk.INJECTED) != 0));
            }
        }
    }
}
