package dev.zscope.cluster;

import dev.zscope.engine.Judged;
import java.nio.ByteBuffer;

/**
 * A judged point as one record of the {@code verdicts} topic (key: the stream's name), for the
 * charts and statuses of web nodes. Thinned per stream ({@code zscope.cluster.verdict-interval}).
 *
 * <p>Format (big-endian): version byte {@value #VERSION}; flags byte (1 anomaly, 2 injected,
 * 4 learning, 8 backfill); time (long); value, expected, lower, upper, score (double each); points,
 * learned (long each); warmup (int); skipped (long).
 */
final class VerdictRecord {

    static final byte VERSION = 1;
    private static final int SIZE = 2 + 8 + 5 * 8 + 2 * 8 + 4 + 8;

    private VerdictRecord() {
    }

    static byte[] encode(Judged j) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        int flags = (j.anomaly() ? 1 : 0) | (j.injected() ? 2 : 0) | (j.learning() ? 4 : 0) | (j.backfill() ? 8 : 0);
        b.put(VERSION).put((byte) flags).putLong(j.epochMillis()).putDouble(j.value()).putDouble(j.expected())
                .putDouble(j.lower()).putDouble(j.upper()).putDouble(j.score()).putLong(j.points())
                .putLong(j.learned()).putInt(j.warmup()).putLong(j.skipped());
        return b.array();
    }

    /** @throws IllegalArgumentException for bytes that are not a verdict record */
    static Judged decode(byte[] bytes) {
        if (bytes == null || bytes.length < SIZE || bytes[0] < VERSION) {
            throw new IllegalArgumentException("not a verdict record");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.get();
        int f = b.get();
        return new Judged(b.getLong(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(),
                (f & 1) != 0, (f & 2) != 0, (f & 4) != 0, (f & 8) != 0, b.getLong(), b.getLong(), b.getInt(),
                b.getLong());
    }
}
